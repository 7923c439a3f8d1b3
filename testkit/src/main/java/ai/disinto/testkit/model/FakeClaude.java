package ai.disinto.testkit.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A fake {@code claude} executable (a bash script) for what the real Claude Code cannot be made to
 * do on demand: hang, ignore SIGTERM, leave children running, crash mid-output. It records its
 * arguments and is steered by {@code FAKE_CLAUDE_*} environment variables, described at the top of
 * the script ({@code ai/disinto/testkit/model/fake-claude.sh}).
 */
public final class FakeClaude {
  private FakeClaude() {}

  /**
   * Writes the script as an executable file {@code claude} in a folder.
   *
   * @param dir the folder (created when missing)
   * @return the executable's path
   * @throws UncheckedIOException when it cannot be written
   */
  public static Path install(Path dir) {
    try (InputStream in = FakeClaude.class.getResourceAsStream("fake-claude.sh")) {
      if (in == null) {
        throw new IllegalStateException("fake-claude.sh is missing from the testkit");
      }
      Files.createDirectories(dir);
      Path bin = dir.resolve("claude");
      Files.copy(in, bin, StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
      return bin;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install the fake claude in " + dir, e);
    }
  }
}
