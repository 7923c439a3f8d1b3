package ai.disinto.ci.woodpecker;

import java.util.Objects;

/**
 * A raw answer of the Woodpecker API, whatever its status: what {@code woodpecker_api} prints.
 * {@link #toString()} leaves the body out.
 *
 * @param method the HTTP method sent
 * @param path the path and query below the server
 * @param status the HTTP status
 * @param body the body as text (UTF-8); for a status of 400 or more, redacted
 */
public record WoodpeckerResponse(String method, String path, int status, String body) {
  /** Checks the values. */
  public WoodpeckerResponse {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    body = body == null ? "" : body;
  }

  /**
   * Whether the status is below 400 (what {@code curl -f} counts as success).
   *
   * @return true for a status below 400
   */
  public boolean isSuccess() {
    return status < 400;
  }

  @Override
  public String toString() {
    return method + " " + path + " -> " + status + " (" + body.length() + " chars)";
  }
}
