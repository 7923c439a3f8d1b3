package ai.disinto.core.net;

import ai.disinto.core.DisintoException;

/** Thrown when a URL fails {@link UrlValidator} before any request is made with it. */
public class InvalidUrlException extends DisintoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message names the offending URL (with any userinfo masked) and the rule it broke
   */
  public InvalidUrlException(String message) {
    super(message);
  }
}
