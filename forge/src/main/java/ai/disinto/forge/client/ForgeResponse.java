package ai.disinto.forge.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * One answer of the forge, whatever its status: what {@code forge_api} would have seen before
 * {@code curl -f} threw the body of an error away.
 *
 * @param method the HTTP method sent
 * @param path the request path and query below the host (such as
 *     {@code /api/v1/repos/o/r/issues/5}), free of secrets
 * @param status the HTTP status
 * @param body the body as text, empty when there was none; the body of an error status (400 and
 *     above) that the client received has the secret scanner's patterns and the client's own
 *     credentials masked
 * @param headers the response headers: names in any case, values in the order received;
 *     unmodifiable
 */
public record ForgeResponse(
    String method, String path, int status, String body, Map<String, List<String>> headers) {

  /** The header that marks an answer a dry-run client made up instead of sending the request. */
  public static final String DRY_RUN_HEADER = "X-Disinto-Dry-Run";

  /** Checks that no part is missing and copies the headers into a case-insensitive map. */
  public ForgeResponse {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(headers, "headers");
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> copy.merge(k, List.copyOf(v), (a, b) -> {
      List<String> both = new ArrayList<>(a);
      both.addAll(b);
      return List.copyOf(both);
    }));
    headers = Collections.unmodifiableMap(copy);
  }

  /**
   * A response without headers.
   *
   * @param method the HTTP method sent
   * @param path the request path and query below the host
   * @param status the HTTP status
   * @param body the body as text
   */
  public ForgeResponse(String method, String path, int status, String body) {
    this(method, path, status, body, Map.of());
  }

  /**
   * Tells whether this answer was made up by a dry-run client: the request was logged and not
   * sent, and the status and body say what a forge that did it would have answered.
   *
   * @return true for a dry-run answer
   */
  public boolean dryRun() {
    return header(DRY_RUN_HEADER).isPresent();
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
   * The first value of a header.
   *
   * @param name the header name, any case
   * @return the value, when present
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * The {@code X-Total-Count} header Forgejo puts on list answers.
   *
   * @return the total number of items, when the header is present and a number
   */
  public OptionalLong totalCount() {
    String v = header("X-Total-Count").orElse(null);
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
   * Secrets in it are masked.
   *
   * @return the message, when the body is a JSON object with a string {@code message}
   */
  public Optional<String> forgeMessage() {
    return Optional.ofNullable(Redactor.scan(Bodies.forgeMessage(body)));
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
      throw new ForgeNotFoundException(method, path, forgeMessage, errorBody());
    }
    throw new ForgeException(
        status, method, path, forgeMessage, errorBody(), "HTTP " + status, null);
  }

  private String errorBody() {
    return Redactor.scan(body);
  }

  /** Leaves the body out: it can be large, and the status and path say what a log needs. */
  @Override
  public String toString() {
    return "ForgeResponse[" + method + " " + path + " -> " + status + ", " + body.length()
        + " chars]";
  }
}
