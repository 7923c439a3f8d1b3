package ai.disinto.agent.formula;

import ai.disinto.core.DisintoException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * No formula could be found: the file given does not exist, or neither the {@code .profile} repo
 * nor a fallback file has one. The message is the original's log line ({@code ERROR: formula not
 * found: <file>} and the like).
 */
public final class FormulaNotFoundException extends DisintoException {
  private static final long serialVersionUID = 1L;
  private final transient Path path;

  /**
   * Creates the exception.
   *
   * @param message the reason, as the original logs it
   * @param path the path that was looked for, or {@code null} when none was given
   */
  public FormulaNotFoundException(String message, Path path) {
    super(message);
    this.path = path;
  }

  /**
   * The path that was looked for.
   *
   * @return the path, empty when no path was given
   */
  public Optional<Path> path() {
    return Optional.ofNullable(path);
  }
}
