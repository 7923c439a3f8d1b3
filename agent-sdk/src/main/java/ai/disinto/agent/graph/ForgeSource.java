package ai.disinto.agent.graph;

import java.time.Duration;
import java.util.List;

/**
 * Where the graph builder reads labels and issues: GET requests below the repository's API base
 * ({@code FORGE_API}) that answer a JSON array. Any failure (no token, network, HTTP status, not
 * JSON, not an array) is an empty list, as build-graph.py's {@code forge_get} treats it, because
 * the graph is advisory and must never stop an agent.
 */
@FunctionalInterface
public interface ForgeSource {

  /**
   * One GET.
   *
   * @param pathAndQuery the path below the API base, such as {@code /labels}
   * @return the elements of the JSON array the forge answered (maps, lists, strings, {@link
   *     java.math.BigInteger}s, booleans, nulls); empty on any failure
   */
  List<Object> get(String pathAndQuery);

  /**
   * All pages of a list: {@code limit=50&page=1,2,…} until a page is empty or shorter than 50.
   * Mirrors {@code forge_get_all}.
   *
   * @param pathAndQuery the path and query without {@code limit} and {@code page}
   * @return the concatenated elements
   */
  default List<Object> getAll(String pathAndQuery) {
    String sep = pathAndQuery.contains("?") ? "&" : "?";
    List<Object> items = new java.util.ArrayList<>();
    for (int page = 1; ; page++) {
      List<Object> got = get(pathAndQuery + sep + "limit=50&page=" + page);
      if (got.isEmpty()) {
        break;
      }
      items.addAll(got);
      if (got.size() < 50) {
        break;
      }
    }
    return items;
  }

  /**
   * No forge: every request answers nothing (build-graph.py without {@code FORGE_API} or {@code
   * FORGE_TOKEN}).
   *
   * @return the empty source
   */
  static ForgeSource none() {
    return path -> List.of();
  }

  /**
   * The forge over HTTP: {@code GET <apiBase><path>} with {@code Authorization: token <token>}
   * and {@code Accept: application/json}. An empty base or token gives {@link #none()}.
   *
   * @param apiBase the repository's API base, such as {@code
   *     http://localhost:3000/api/v1/repos/owner/repo}
   * @param token the API token; sent only in the header
   * @param timeout the timeout of each request (15 s in the original)
   * @return the source
   */
  static ForgeSource http(String apiBase, String token, Duration timeout) {
    if (apiBase == null || apiBase.isEmpty() || token == null || token.isEmpty()) {
      return none();
    }
    return new HttpForgeSource(apiBase, token, timeout);
  }
}
