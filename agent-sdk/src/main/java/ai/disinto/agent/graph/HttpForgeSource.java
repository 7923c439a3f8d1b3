package ai.disinto.agent.graph;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ForgeSource#http}: the JDK client, failures logged at DEBUG and answered empty. */
final class HttpForgeSource implements ForgeSource {
  private static final Logger LOG = LoggerFactory.getLogger(HttpForgeSource.class);
  private final String apiBase;
  private final String token;
  private final Duration timeout;
  private final HttpClient client;

  HttpForgeSource(String apiBase, String token, Duration timeout) {
    this.apiBase = apiBase;
    this.token = token;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  @Override
  public List<Object> get(String pathAndQuery) {
    String url = apiBase + pathAndQuery;
    try {
      HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
          .header("Authorization", "token " + token).header("Accept", "application/json")
          .GET().build();
      HttpResponse<byte[]> resp = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
      if (resp.statusCode() < 200 || resp.statusCode() > 299) {
        LOG.debug("graph: GET {} answered HTTP {}", url, resp.statusCode());
        return List.of();
      }
      Object v = PyJson.parse(new String(resp.body(), StandardCharsets.UTF_8));
      if (v instanceof List<?> l) {
        return java.util.Collections.unmodifiableList(new java.util.ArrayList<Object>(l));
      }
      LOG.debug("graph: GET {} answered no JSON array", url);
      return List.of();
    } catch (IOException | PyJson.JsonException | IllegalArgumentException e) {
      LOG.debug("graph: GET {} failed: {}", url, e.getMessage());
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  @Override
  public String toString() {
    return "HttpForgeSource[" + apiBase + "]";
  }
}
