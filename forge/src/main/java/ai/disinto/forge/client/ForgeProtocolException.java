package ai.disinto.forge.client;

/**
 * The forge answered with a success status but a body that is not the JSON asked for: malformed
 * JSON, HTML, or an object where a list was expected. The original treated such a page as empty
 * (#194) and silently lost data; the port reports it.
 */
public class ForgeProtocolException extends ForgeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param status the HTTP status of the response
   * @param method the HTTP method
   * @param path the request path and query below the host
   * @param body the response body
   * @param reason what was wrong with the body
   * @param cause the parser's failure, or {@code null}
   */
  public ForgeProtocolException(
      int status, String method, String path, String body, String reason, Throwable cause) {
    super(status, method, path, null, body, reason, cause);
  }
}
