package ai.disinto.forge.setup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and updates keys of a {@code .env} file: an existing {@code KEY=} line is replaced where it
 * is, a new key is appended, every other line stays as it was; the file is written atomically with
 * owner-only permissions, and not at all when nothing changes.
 */
final class EnvFileUpdate {
  private final Path file;

  EnvFileUpdate(Path file) {
    this.file = file;
  }

  Optional<String> get(String key) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      String value = null;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String l = line.strip();
        if (l.startsWith("export ")) {
          l = l.substring("export ".length()).stripLeading();
        }
        if (l.startsWith(key + "=")) {
          value = l.substring(key.length() + 1).strip();
          if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
              || value.startsWith("'") && value.endsWith("'"))) {
            value = value.substring(1, value.length() - 1);
          }
        }
      }
      return Optional.ofNullable(value).filter(s -> !s.isEmpty());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Sets the keys; returns, per key, whether its line was replaced (true) or appended (false). */
  Map<String, Boolean> set(Map<String, String> values) {
    try {
      List<String> lines = Files.isRegularFile(file)
          ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8)) : new ArrayList<>();
      List<String> before = List.copyOf(lines);
      Map<String, Boolean> replaced = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : values.entrySet()) {
        String line = e.getKey() + "=" + e.getValue();
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
          String l = lines.get(i).stripLeading();
          if (l.startsWith("export ")) {
            l = l.substring("export ".length()).stripLeading();
          }
          if (l.startsWith(e.getKey() + "=")) {
            lines.set(i, line);
            found = true;
            break;
          }
        }
        if (!found) {
          lines.add(line);
        }
        replaced.put(e.getKey(), found);
      }
      if (!lines.equals(before)) {
        write(String.join("\n", lines) + "\n");
      }
      return replaced;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update " + file, e);
    }
  }

  private void write(String text) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".env", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: keep the default permissions
      }
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
