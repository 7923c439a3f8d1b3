package ai.disinto.testkit.woodpecker;

/**
 * One request the mock answered, as kept in its journal. {@link #toString()} leaves the body out.
 *
 * @param method the HTTP method
 * @param path the decoded path, such as {@code /api/repos/1/pipelines}
 * @param query the raw query string, empty when there was none
 * @param principal the login the token belongs to, or {@code null}
 * @param auth how the request presented credentials
 * @param body the request body as text, empty when there was none
 * @param status the status the mock answered with (0 when the connection was dropped before)
 */
public record WoodpeckerRequest(String method, String path, String query, String principal,
    AuthKind auth, String body, int status) {

  /** How a request presented its credentials. */
  public enum AuthKind {
    /** No {@code Authorization} header. */
    NONE,
    /** {@code Authorization: Bearer X} (possibly with an empty X). */
    BEARER,
    /** Any other {@code Authorization} header. */
    OTHER
  }

  /**
   * The path below {@code /api}, such as {@code /repos/1/pipelines}.
   *
   * @return the API-relative path, or the whole path outside the API
   */
  public String apiPath() {
    return path.startsWith(MockWoodpecker.API_PREFIX + "/")
        ? path.substring(MockWoodpecker.API_PREFIX.length()) : path;
  }

  /**
   * The API-relative path with its query, such as {@code /repos/1/pipelines?page=1&perPage=50}.
   *
   * @return {@code apiPath?query}, or the API path alone
   */
  public String apiTarget() {
    return query.isEmpty() ? apiPath() : apiPath() + "?" + query;
  }

  @Override
  public String toString() {
    return method + " " + path + (query.isEmpty() ? "" : "?" + query) + " -> " + status + " ("
        + auth + (principal == null ? "" : " " + principal) + ", body " + body.length()
        + " chars)";
  }
}
