package ai.disinto.testkit.forgejo;

/**
 * One request the mock answered, as kept in its journal.
 *
 * <p>{@link #toString()} leaves the body out, because bodies may carry passwords.
 *
 * @param method the HTTP method
 * @param path the decoded request path, e.g. {@code /api/v1/repos/o/r/issues/5}
 * @param query the raw query string, empty when there was none
 * @param principal the login the request authenticated as, or {@code null}
 * @param authKind how the request tried to authenticate
 * @param body the request body as text, empty when there was none (and for git's smart-HTTP
 *     requests, whose bodies are binary packs)
 * @param status the status code the mock answered with
 */
public record RecordedRequest(
    String method, String path, String query, String principal, AuthKind authKind, String body,
    int status) {

  /** How a request presented its credentials. */
  public enum AuthKind {
    /** No Authorization header. */
    NONE,
    /** {@code Authorization: token X} or {@code Bearer X} (or a token given as basic password). */
    TOKEN,
    /** {@code Authorization: Basic} with a password. */
    BASIC
  }

  /**
   * The path below {@code /api/v1}, e.g. {@code /repos/o/r/issues/5}, or the full path for
   * requests outside the API.
   *
   * @return the API-relative path
   */
  public String apiPath() {
    return path.startsWith(MockForgejo.API_PREFIX + "/")
        ? path.substring(MockForgejo.API_PREFIX.length())
        : path;
  }

  /**
   * The path with its query, as it was requested.
   *
   * @return {@code path?query}, or the path alone
   */
  public String target() {
    return query.isEmpty() ? path : path + "?" + query;
  }

  /**
   * The API-relative path with its query, e.g. {@code /repos/o/r/pulls?state=open}.
   *
   * @return {@code apiPath?query}, or the API path alone
   */
  public String apiTarget() {
    return query.isEmpty() ? apiPath() : apiPath() + "?" + query;
  }

  /**
   * The body parsed as JSON: maps, lists, strings, doubles, booleans.
   *
   * @return the JSON tree, or {@code null} when the body is empty
   * @throws IllegalArgumentException when the body is not JSON
   */
  public Object jsonBody() {
    return body.isEmpty() ? null : Json.parse(body);
  }

  @Override
  public String toString() {
    return method + " " + target() + " -> " + status + " (" + authKind
        + (principal == null ? "" : " " + principal) + ", body " + body.length() + " chars)";
  }
}
