package ai.disinto.forge.setup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The factory's {@code .env} file as {@code KEY=value} lines, read and written as data. Writes
 * change only the lines of the keys written: comments, blank lines, other keys and their order
 * stay byte for byte. Every write goes to a temporary file beside it that is moved over the file
 * atomically, and leaves the file readable and writable by its owner only. A write that would
 * change nothing does not touch the file.
 *
 * <p>Mirrors the {@code grep -q "^KEY="} / {@code sed -i "s|^KEY=.*|KEY=value|"} / {@code echo
 * "KEY=value" >> .env} idiom of lib/forge-setup.sh and lib/ci-setup.sh, without its defects: values
 * are replaced literally, an appended line always starts on a line of its own, and the file is not
 * left world-readable. Values never appear in an exception message or in {@link #toString()}.
 *
 * <p>Not safe for concurrent writers in several processes; one writer per factory at a time, as
 * {@code disinto init} is.
 */
public final class EnvFile {
  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final Path file;

  private EnvFile(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  /**
   * The {@code .env} file at a path; nothing is read or created yet.
   *
   * @param file the file, which need not exist
   * @return the file
   */
  public static EnvFile at(Path file) {
    return new EnvFile(file.toAbsolutePath());
  }

  /**
   * The {@code .env} file of a factory: {@code {factoryRoot}/.env}.
   *
   * @param factoryRoot the factory root
   * @return the file
   */
  public static EnvFile inFactory(Path factoryRoot) {
    return at(factoryRoot.resolve(".env"));
  }

  /**
   * The path of the file.
   *
   * @return the absolute path
   */
  public Path path() {
    return file;
  }

  /**
   * The value of the first line that starts with {@code KEY=}: everything after the first
   * {@code =}, a trailing carriage return removed.
   *
   * @param key the variable name
   * @return the value (possibly empty), or empty when no line has the key or the file is missing
   * @throws UncheckedIOException when the file exists but cannot be read
   */
  public Optional<String> get(String key) {
    String prefix = checkKey(key) + "=";
    for (String line : lines(read())) {
      if (line.startsWith(prefix)) {
        return Optional.of(stripCr(line.substring(prefix.length())));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the key has a non-empty value; an empty {@code KEY=} line counts as missing.
   *
   * @param key the variable name
   * @return true when {@link #get} gives a non-empty value
   */
  public boolean has(String key) {
    return get(key).filter(v -> !v.isEmpty()).isPresent();
  }

  /**
   * Sets one key: every line starting with {@code KEY=} becomes {@code KEY=value}; without such a
   * line, {@code KEY=value} is appended on a line of its own. The file is created when missing.
   *
   * @param key the variable name
   * @param value the value; a line break is refused
   * @return true when the file changed
   * @throws IllegalArgumentException when the key is not a variable name or the value holds a
   *     line break (the message never shows the value)
   * @throws UncheckedIOException when the file cannot be read or written
   */
  public boolean put(String key, String value) {
    Map<String, String> one = new LinkedHashMap<>();
    one.put(key, value);
    return putAll(one);
  }

  /**
   * Sets several keys in one atomic write, as {@link #put} does for each, in the map's order
   * (keys that are appended come in that order).
   *
   * @param values the keys and values
   * @return true when the file changed
   * @throws IllegalArgumentException as for {@link #put}
   * @throws UncheckedIOException when the file cannot be read or written
   */
  public boolean putAll(Map<String, String> values) {
    for (Map.Entry<String, String> e : values.entrySet()) {
      checkKey(e.getKey());
      String v = Objects.requireNonNull(e.getValue(), "value");
      if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("the value of " + e.getKey() + " holds a line break");
      }
    }
    String before = read();
    String after = apply(before, values);
    if (after.equals(before) && Files.exists(file)) {
      return false;
    }
    write(after);
    return true;
  }

  /**
   * Appends a key only when no line has it yet (the {@code FORGE_URL} rule of forge setup).
   *
   * @param key the variable name
   * @param value the value
   * @return true when it was appended
   * @throws IllegalArgumentException as for {@link #put}
   * @throws UncheckedIOException when the file cannot be read or written
   */
  public boolean putIfAbsent(String key, String value) {
    if (get(key).isPresent()) {
      return false;
    }
    return put(key, value);
  }

  /** Shows the path, never a value. */
  @Override
  public String toString() {
    return "EnvFile[" + file + "]";
  }

  static String apply(String text, Map<String, String> values) {
    List<String> lines = new ArrayList<>(lines(text));
    boolean endsWithNewline = text.isEmpty() || text.endsWith("\n");
    List<String> appended = new ArrayList<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      String prefix = e.getKey() + "=";
      String replacement = prefix + e.getValue();
      boolean found = false;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.startsWith(prefix)) {
          found = true;
          // Keep a CRLF file's line ending on the replaced line.
          lines.set(i, line.endsWith("\r") ? replacement + "\r" : replacement);
        }
      }
      if (!found) {
        appended.add(replacement);
      }
    }
    StringBuilder out = new StringBuilder(String.join("\n", lines));
    if (!lines.isEmpty() && (endsWithNewline || !appended.isEmpty())) {
      out.append('\n');
    }
    for (String line : appended) {
      out.append(line).append('\n');
    }
    return out.toString();
  }

  /** The lines without their {@code \n}; a final newline ends the last line, not a new one. */
  private static List<String> lines(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    return List.of(body.split("\n", -1));
  }

  private static String stripCr(String s) {
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  private static String checkKey(String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("not a variable name: " + key);
    }
    return key;
  }

  private String read() {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private void write(String text) {
    Path dir = file.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = createOwnerOnly(dir);
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
      restrict(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the original error matters more than a leftover temporary file
        }
      }
    }
  }

  private Path createOwnerOnly(Path dir) throws IOException {
    String prefix = "." + file.getFileName() + ".";
    try {
      return Files.createTempFile(dir, prefix, ".tmp",
          PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (UnsupportedOperationException e) {
      return Files.createTempFile(dir, prefix, ".tmp");
    }
  }

  private static void restrict(Path p) throws IOException {
    try {
      Files.setPosixFilePermissions(p, OWNER_ONLY);
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the platform's defaults apply
    }
  }
}
