package ai.disinto.core.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writing a generated file whole or not at all. */
final class Writes {
  private Writes() {}

  /**
   * Writes {@code text} to {@code <file>.tmp} next to {@code file}, then moves it into place;
   * creates the parent directories. On failure the temporary file is removed.
   */
  static void atomically(Path file, String text) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // The original failure is the one worth reporting.
      }
      throw new GenerationException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
