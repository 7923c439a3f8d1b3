package ai.disinto.testkit.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the query string of a request the mocks serve. */
public final class QueryStrings {
  private QueryStrings() {}

  /**
   * Parses {@code a=1&b=x%20y&a=2} into its decoded parameters, in order.
   *
   * @param raw the raw query (without {@code ?}); {@code null} or empty for none
   * @return each name with its values in the order given; a name without {@code =} has value
   *     {@code ""}
   */
  public static Map<String, List<String>> parse(String raw) {
    Map<String, List<String>> q = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String part : raw.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
      q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return q;
  }
}
