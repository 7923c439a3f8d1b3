package ai.disinto.core.config;

import ai.disinto.core.DisintoException;

/**
 * Thrown when the factory environment cannot be loaded: {@code .env.enc} fails to decrypt or
 * yields no assignment, a {@code .env} file is malformed or unreadable, a log directory cannot be
 * created. Where the original would exit the process with status 1, the port throws this.
 * Messages name the file, the line and the key, never a value.
 */
public class EnvLoadException extends DisintoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming file, line and key where they are known
   */
  public EnvLoadException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, naming the file
   * @param cause the underlying failure
   */
  public EnvLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
