package ai.disinto.git.creds;

import ai.disinto.core.DisintoException;

/**
 * The credential helper could not be set up: the bot user could not be determined, the forge
 * refused its password, the settings are invalid, or a file could not be written. Nothing of the
 * secret is in the message.
 */
public final class GitCredentialsException extends DisintoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   */
  public GitCredentialsException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure
   */
  public GitCredentialsException(String message, Throwable cause) {
    super(message, cause);
  }
}
