package ai.disinto.forge.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request as the layers of a {@link ForgeClient} pass it down ({@link Wire}).
 *
 * @param method the method, upper case
 * @param url the absolute URL, already encoded
 * @param headers the request headers in the order they are sent (names as written); a wire adds
 *     those of the connection itself ({@code Host}, {@code Content-Length}, ...)
 * @param body the body, or {@code null} for none; a POST, PUT or PATCH always has one (perhaps
 *     empty)
 * @param tag the per-call facts the layers share
 * @param deadlineNanos by when, on {@link System#nanoTime()}, the whole call must be over
 */
record WireRequest(String method, Url url, Map<String, String> headers, byte[] body,
    Interceptors.CallTag tag, long deadlineNanos) {
  WireRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(tag, "tag");
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** The value of a header (names compared ignoring case), or {@code null}. */
  String header(String name) {
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** This request with a header set ({@code null} removes it), replacing any of the same name. */
  WireRequest withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (!e.getKey().equalsIgnoreCase(name)) {
        h.put(e.getKey(), e.getValue());
      }
    }
    if (value != null) {
      h.put(name, value);
    }
    return new WireRequest(method, url, h, body, tag, deadlineNanos);
  }

  /** Nanoseconds left until the deadline; zero or less once it has passed. */
  long remainingNanos() {
    return deadlineNanos - System.nanoTime();
  }

  /**
   * Shows the method and the URL's secret-free path, never a header or the body.
   *
   * @return such as {@code WireRequest[POST /api/v1/repos/o/r/pulls]}
   */
  @Override
  public String toString() {
    return "WireRequest[" + method + " " + Interceptors.Logging.pathOf(url) + "]";
  }
}
