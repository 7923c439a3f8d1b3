package ai.disinto.testkit.forgejo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** A tiny JDK HTTP client for the mock's tests: real HTTP over loopback. */
final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A response: status, body text, headers, and the body parsed as JSON on demand. */
  record Res(int status, String body, Map<String, List<String>> headers) {
    Object json() {
      return body.isEmpty() ? null : Json.parse(body);
    }

    Map<String, Object> obj() {
      return Json.asObject(json());
    }

    List<Object> list() {
      return Json.asList(json());
    }

    /** One field of every element of a JSON array body. */
    List<Object> pluck(String key) {
      List<Object> out = new java.util.ArrayList<>();
      for (Object o : list()) {
        Object v = Json.asObject(o).get(key);
        out.add(v instanceof Double d && d == Math.rint(d) ? (Object) d.longValue() : v);
      }
      return out;
    }

    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  private final String base;
  private final String auth;

  private Http(String base, String auth) {
    this.base = base;
    this.auth = auth;
  }

  static Http anonymous(MockForgejo m) {
    return new Http(m.baseUrl(), null);
  }

  static Http token(MockForgejo m, String token) {
    return new Http(m.baseUrl(), "token " + token);
  }

  static Http bearer(MockForgejo m, String token) {
    return new Http(m.baseUrl(), "Bearer " + token);
  }

  static Http basic(MockForgejo m, String user, String password) {
    return new Http(m.baseUrl(), "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  /** Request below /api/v1 (paths starting with /_mock or /api are sent as they are). */
  Res send(String method, String path, Object body) {
    return send(method, path, body, Duration.ofSeconds(10));
  }

  Res send(String method, String path, Object body, Duration timeout) {
    String full = path.startsWith("/_mock") || path.startsWith("/api") || path.contains(".git/")
        ? path : MockForgejo.API_PREFIX + path;
    String text = body == null ? null : body instanceof String s ? s : Json.write(body);
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + full)).timeout(timeout)
        .method(method, text == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(text))
        .header("Content-Type", "application/json");
    if (auth != null) {
      b.header("Authorization", auth);
    }
    try {
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Res(r.statusCode(), r.body(), r.headers().map());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Res get(String path) {
    return send("GET", path, null);
  }

  Res post(String path, Object body) {
    return send("POST", path, body);
  }

  Res patch(String path, Object body) {
    return send("PATCH", path, body);
  }

  Res put(String path, Object body) {
    return send("PUT", path, body);
  }

  Res delete(String path) {
    return send("DELETE", path, null);
  }
}
