package ai.disinto.core.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/** Reading {@code projects/*.toml} the way the original's embedded Python does. */
final class ProjectTomls {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectTomls.class);

  private ProjectTomls() {}

  /** The {@code *.toml} regular files of {@code dir}, by name; none when it does not exist. */
  static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".toml"))
          .filter(Files::isRegularFile)
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new GenerationException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The parsed file, or empty when it cannot be read or parsed (the original stays silent). */
  static Optional<TomlTable> parse(Path toml) {
    try {
      TomlParseResult r = Toml.parse(toml);
      if (r.hasErrors()) {
        LOG.debug("generators: ignoring unparsable {}: {}", toml, r.errors().get(0).getMessage());
        return Optional.empty();
      }
      return Optional.of(r);
    } catch (IOException e) {
      LOG.debug("generators: ignoring unreadable {}: {}", toml, e.getMessage());
      return Optional.empty();
    }
  }

  /** {@code print(value)} of Python for a TOML value. */
  static String python(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (value instanceof Double d) {
      if (d.isInfinite()) {
        return d > 0 ? "inf" : "-inf";
      }
      if (d.isNaN()) {
        return "nan";
      }
      if (d == Math.rint(d) && Math.abs(d) < 1e16) {
        return String.format("%.1f", d);
      }
      return d.toString();
    }
    if (value instanceof TomlArray a) {
      List<String> items = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        Object v = a.get(i);
        items.add(v instanceof String s ? "'" + s + "'" : python(v));
      }
      return "[" + String.join(", ", items) + "]";
    }
    if (value instanceof TomlTable t) {
      return t.toMap().entrySet().stream().map(e -> "'" + e.getKey() + "': " + e.getValue())
          .collect(Collectors.joining(", ", "{", "}"));
    }
    return String.valueOf(value);
  }

  /** Python's truth of a TOML value. */
  static boolean truthy(Object value) {
    if (value == null) {
      return false;
    }
    if (value instanceof String s) {
      return !s.isEmpty();
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Long l) {
      return l != 0;
    }
    if (value instanceof Double d) {
      return d != 0;
    }
    if (value instanceof TomlArray a) {
      return !a.isEmpty();
    }
    if (value instanceof TomlTable t) {
      return !t.isEmpty();
    }
    return true;
  }

  /** The keys of {@code table} in the order they are written in the file. */
  static List<String> keysInFileOrder(TomlTable table) {
    List<Map.Entry<String, Long>> keyed = new ArrayList<>();
    for (String k : table.keySet()) {
      var pos = table.inputPositionOf(List.of(k));
      long order = pos == null ? Long.MAX_VALUE : (long) pos.line() << 20 | pos.column();
      keyed.add(Map.entry(k, order));
    }
    keyed.sort(Map.Entry.comparingByValue());
    return keyed.stream().map(Map.Entry::getKey).toList();
  }
}
