package ai.disinto.forge.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One HTTP answer, read whole ({@link Wire}).
 *
 * @param code the status code
 * @param headers the headers, names in lower case, values in the order received (copied:
 *     neither the map nor its lists can be changed)
 * @param body the body; empty when there was none
 */
record WireResponse(int code, Map<String, List<String>> headers, byte[] body) {
  WireResponse {
    Map<String, List<String>> copy = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      copy.put(e.getKey(), List.copyOf(e.getValue()));
    }
    headers = java.util.Collections.unmodifiableMap(copy);
    body = body == null ? new byte[0] : body;
  }

  /** The first value of a header, or {@code null}. */
  String header(String name) {
    List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** The body as UTF-8 text. */
  String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * Shows the status and the body's size, never its text (it may hold what the forge echoed).
   *
   * @return such as {@code WireResponse[201, 512 bytes]}
   */
  @Override
  public String toString() {
    return "WireResponse[" + code + ", " + body.length + " bytes]";
  }
}
