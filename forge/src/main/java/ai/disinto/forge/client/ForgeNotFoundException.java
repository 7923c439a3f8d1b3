package ai.disinto.forge.client;

/**
 * The forge answered 404: the resource does not exist or is invisible to the caller. Callers often
 * treat absence differently from failure (an unknown user is created, an unknown label is added).
 */
public class ForgeNotFoundException extends ForgeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a 404 answer.
   *
   * @param method the HTTP method
   * @param path the request path and query below the host
   * @param forgeMessage the forge's {@code message}, or {@code null}
   * @param body the response body, or {@code null}
   */
  public ForgeNotFoundException(String method, String path, String forgeMessage, String body) {
    super(404, method, path, forgeMessage, body, "HTTP 404 not found", null);
  }
}
