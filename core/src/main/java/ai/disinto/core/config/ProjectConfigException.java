package ai.disinto.core.config;

import ai.disinto.core.DisintoException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Thrown when a project TOML cannot be read or parsed. The message always contains
 * {@code failed to parse project TOML: <path>}, the text the original prints before the entry
 * point exits 1, followed by the line, column and key where they are known.
 */
public class ProjectConfigException extends DisintoException {
  private static final long serialVersionUID = 1L;

  private final transient Path path;
  private final int line;
  private final String key;

  /**
   * Creates the exception.
   *
   * @param path the TOML file
   * @param line the 1-based line of the problem, or 0 when unknown
   * @param key the key involved, or {@code null} when unknown
   * @param detail what is wrong
   * @param cause the underlying failure, or {@code null}
   */
  public ProjectConfigException(Path path, int line, String key, String detail, Throwable cause) {
    this(path, line, 0, key, detail, cause);
  }

  /**
   * Creates the exception for a syntax error at a known position.
   *
   * @param path the TOML file
   * @param line the 1-based line of the problem, or 0 when unknown
   * @param column the 1-based column, or 0 when unknown
   * @param key the key involved, or {@code null} when unknown
   * @param detail what is wrong
   * @param cause the underlying failure, or {@code null}
   */
  public ProjectConfigException(
      Path path, int line, int column, String key, String detail, Throwable cause) {
    super(message(path, line, column, key, detail), cause);
    this.path = path;
    this.line = line;
    this.key = key;
  }

  private static String message(Path path, int line, int column, String key, String detail) {
    StringBuilder sb = new StringBuilder("failed to parse project TOML: ").append(path).append(':');
    if (line > 0) {
      sb.append(" line ").append(line);
      if (column > 0) {
        sb.append(", column ").append(column);
      }
      sb.append(key != null ? "," : ":");
    }
    if (key != null) {
      sb.append(" key '").append(key).append("':");
    }
    return sb.append(' ').append(detail).toString();
  }

  /**
   * The TOML file that failed.
   *
   * @return its path as given
   */
  public Path path() {
    return path;
  }

  /**
   * The line of the problem.
   *
   * @return the 1-based line, or empty when unknown
   */
  public OptionalInt line() {
    return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
  }

  /**
   * The key involved.
   *
   * @return the key, or empty when unknown
   */
  public Optional<String> key() {
    return Optional.ofNullable(key);
  }
}
