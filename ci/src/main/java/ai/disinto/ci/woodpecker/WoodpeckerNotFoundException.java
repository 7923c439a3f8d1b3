package ai.disinto.ci.woodpecker;

/**
 * The server answered 404: the repository, pipeline or step does not exist (or the token may not
 * see it). A type of its own, because callers treat absence differently from failure.
 */
public class WoodpeckerNotFoundException extends WoodpeckerException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param method the HTTP method
   * @param path the path and query below the server
   * @param serverMessage the server's error text (already redacted), or {@code null}
   */
  public WoodpeckerNotFoundException(String method, String path, String serverMessage) {
    super(404, method, path, serverMessage, "HTTP 404 not found", null);
  }
}
