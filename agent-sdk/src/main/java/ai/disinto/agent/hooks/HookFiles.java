package ai.disinto.agent.hooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;

/** Writing the small files the hooks own: whole, through a temporary file renamed into place. */
final class HookFiles {
  private HookFiles() {}

  /** Replaces the file's content atomically (a reader sees the old or the new text, never half). */
  static void write(Path file, String content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
    try {
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Writes {@code <epoch seconds>\n}, the marker format the orchestrator polls. */
  static void stamp(Path marker, Clock clock) throws IOException {
    write(marker, clock.instant().getEpochSecond() + "\n");
  }
}
