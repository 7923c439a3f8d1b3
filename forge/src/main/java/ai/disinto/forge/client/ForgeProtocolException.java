package ai.disinto.forge.client;

/**
 * The forge answered with a success status but a body that is not the JSON asked for: malformed
 * JSON, HTML, or an object where a list was expected. The message names it so ({@code malformed
 * JSON from GET /api/v1/repos/o/r/issues: ...}), not by the status. The original treated such a
 * page as empty (#194) and silently lost data; the port reports it.
 */
public class ForgeProtocolException extends ForgeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception; the message is {@code <reason> from <method> <path>}.
   *
   * @param status the HTTP status of the response
   * @param method the HTTP method
   * @param path the request path and query below the host
   * @param body the response body
   * @param reason what was wrong with the body, such as {@code malformed JSON}
   * @param cause the parser's failure, or {@code null}
   */
  public ForgeProtocolException(
      int status, String method, String path, String body, String reason, Throwable cause) {
    this(status, method, path, body, reason, null, cause);
  }

  /**
   * Creates the exception; the message is {@code <reason> from <method> <path>: <detail>}.
   *
   * @param status the HTTP status of the response
   * @param method the HTTP method
   * @param path the request path and query below the host
   * @param body the response body
   * @param reason what was wrong with the body, such as {@code malformed JSON}
   * @param detail the parser's explanation, or {@code null}
   * @param cause the parser's failure, or {@code null}
   */
  public ForgeProtocolException(int status, String method, String path, String body,
      String reason, String detail, Throwable cause) {
    super(Redactor.scan(reason) + " from " + method + " " + path
        + (detail == null ? "" : ": " + Redactor.scan(detail)), status, method, path, null, body,
        cause);
  }
}
