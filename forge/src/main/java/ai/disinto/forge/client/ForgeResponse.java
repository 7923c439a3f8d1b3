package ai.disinto.forge.client;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import okhttp3.Headers;

/**
 * One answer of the forge, whatever its status: what {@code forge_api} would have seen before
 * {@code curl -f} threw the body of an error away.
 *
 * @param method the HTTP method sent
 * @param path the request path and query below the host (such as
 *     {@code /api/v1/repos/o/r/issues/5}), free of secrets
 * @param status the HTTP status
 * @param body the body as text, empty when there was none
 * @param headers the response headers
 */
public record ForgeResponse(
    String method, String path, int status, String body, Headers headers) {

  /** Checks that no part is missing. */
  public ForgeResponse {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(headers, "headers");
  }

  /**
   * Tells whether the status is 2xx.
   *
   * @return true for 200 to 299
   */
  public boolean ok() {
    return status >= 200 && status < 300;
  }

  /**
   * Tells whether {@code curl -f} would have succeeded: any status below 400, so a redirect that
   * was not followed counts as success, as in {@code forge_api}.
   *
   * @return true for statuses below 400
   */
  public boolean curlSuccess() {
    return status < 400;
  }

  /**
   * The first value of a header.
   *
   * @param name the header name, any case
   * @return the value, when present
   */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /**
   * The {@code X-Total-Count} header Forgejo puts on list answers.
   *
   * @return the total number of items, when the header is present and a number
   */
  public OptionalLong totalCount() {
    String v = headers.get("X-Total-Count");
    if (v == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(v.trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * The top-level {@code message} string of a JSON object body, as Forgejo puts in its error
   * answers ({@code {"message":"...","url":"..."}}); the one reader of that field in the library.
   *
   * @return the message, when the body is a JSON object with a string {@code message}
   */
  public Optional<String> forgeMessage() {
    return Optional.ofNullable(Bodies.forgeMessage(body));
  }

  /**
   * Returns this response when it is 2xx, else throws.
   *
   * @return this response
   * @throws ForgeNotFoundException on 404
   * @throws ForgeException on any other status outside 2xx, with the forge's message
   */
  public ForgeResponse orThrow() {
    if (ok()) {
      return this;
    }
    String forgeMessage = forgeMessage().orElse(null);
    if (status == 404) {
      throw new ForgeNotFoundException(method, path, forgeMessage, body);
    }
    throw new ForgeException(
        status, method, path, forgeMessage, body, "HTTP " + status, null);
  }

  /** Leaves the body out: it can be large, and the status and path say what a log needs. */
  @Override
  public String toString() {
    return "ForgeResponse[" + method + " " + path + " -> " + status + ", " + body.length()
        + " chars]";
  }
}
