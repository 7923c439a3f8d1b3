package ai.disinto.examples.cli;

/**
 * Ends a subcommand with a given exit code and a one-line reason on standard error.
 *
 * <p>Subcommands throw it where the original function would return a non-zero status with a
 * message; {@link Main} prints the message (no stack trace unless {@code --debug}) and exits with
 * {@link #exitCode()}.
 */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  /**
   * Creates the exception.
   *
   * @param exitCode the process exit code, 1 to 255
   * @param message the one-line reason, free of secrets; may be empty to print nothing
   */
  public CliException(int exitCode, String message) {
    super(message);
    if (exitCode < 1 || exitCode > 255) {
      throw new IllegalArgumentException("exit code out of range: " + exitCode);
    }
    this.exitCode = exitCode;
  }

  /**
   * Creates the exception with the underlying cause, shown with {@code --debug}.
   *
   * @param exitCode the process exit code, 1 to 255
   * @param message the one-line reason, free of secrets
   * @param cause the underlying failure
   */
  public CliException(int exitCode, String message, Throwable cause) {
    this(exitCode, message);
    initCause(cause);
  }

  /**
   * The exit code the process ends with.
   *
   * @return 1 to 255
   */
  public int exitCode() {
    return exitCode;
  }
}
