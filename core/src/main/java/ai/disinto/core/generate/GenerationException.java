package ai.disinto.core.generate;

import ai.disinto.core.DisintoException;

/**
 * A file could not be generated: the input describes something impossible (two local-model agents
 * that would get the same service name) or the file could not be written. Nothing has been written
 * when it is thrown.
 */
public class GenerationException extends DisintoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, naming the service or file
   */
  public GenerationException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what is wrong, naming the file
   * @param cause the underlying failure
   */
  public GenerationException(String message, Throwable cause) {
    super(message, cause);
  }
}
