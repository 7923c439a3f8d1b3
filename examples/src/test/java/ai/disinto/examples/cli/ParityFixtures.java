package ai.disinto.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The outputs of the original lib/ scripts recorded in the core module's test resources
 * ({@code core/src/test/resources/parity}), read from this module's base directory.
 */
final class ParityFixtures {
  private ParityFixtures() {}

  static Path root() {
    Path p = Path.of("..", "core", "src", "test", "resources", "parity").toAbsolutePath().normalize();
    if (!Files.isDirectory(p)) {
      throw new IllegalStateException("parity fixtures not found at " + p);
    }
    return p;
  }

  static Stream<Path> cases(String tool) throws IOException {
    return Files.list(root().resolve(tool)).filter(Files::isDirectory).sorted();
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The port's expected content: {@code port.<name>} when the case documents a deviation. */
  static String expected(Path dir, String name) {
    Path port = dir.resolve("port." + name);
    return read(Files.exists(port) ? port : dir.resolve(name));
  }
}
