package ai.disinto.core;

/**
 * Root of every exception the disinto-java library throws on purpose.
 *
 * <p>Outcomes a caller is expected to branch on (a lost claim race, a failed CI run, a held
 * lock) are result values, not exceptions; a {@code DisintoException} means something went wrong
 * that the caller did not ask about: bad input, a misbehaving server, a broken file. Messages
 * never carry tokens or passwords.
 */
public class DisintoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that names what was wrong.
   *
   * @param message what went wrong, free of secrets
   */
  public DisintoException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the underlying cause.
   *
   * @param message what went wrong, free of secrets
   * @param cause the underlying failure
   */
  public DisintoException(String message, Throwable cause) {
    super(message, cause);
  }
}
