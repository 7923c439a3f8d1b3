package ai.disinto.forge.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny Forgejo-like list endpoint on loopback, for paging tests: serves {@code count} items
 * ({@code {"id":i,"number":i,"title":"item i"}}), honouring {@code limit} up to a cap and
 * {@code page} from 1, with optional {@code X-Total-Count} and {@code Link} headers; it can ignore
 * paging (as issue comments do), fail a page or answer an object. Records every request.
 */
final class PagingServer implements AutoCloseable {
  final int count;
  int cap = 50;
  int defaultLimit = 30;
  boolean totalHeader = true;
  boolean linkHeader = false;
  boolean ignorePaging = false;
  int failPage = -1;
  String rawBody = null;
  final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
  private final HttpServer server;

  PagingServer(int count) throws IOException {
    this.count = count;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    URI uri = ex.getRequestURI();
    requests.add(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
    Map<String, String> q = query(uri.getRawQuery());
    int limit = Math.min(cap, Integer.parseInt(q.getOrDefault("limit", "" + defaultLimit)));
    int page = Math.max(1, Integer.parseInt(q.getOrDefault("page", "1")));
    int status = 200;
    String body;
    if (page == failPage) {
      status = 500;
      body = "{\"message\":\"boom\"}";
    } else if (rawBody != null) {
      body = rawBody;
    } else {
      int from = ignorePaging ? 0 : Math.min(count, (page - 1) * limit);
      int to = ignorePaging ? count : Math.min(count, from + limit);
      StringBuilder sb = new StringBuilder("[");
      for (int i = from; i < to; i++) {
        sb.append(i == from ? "" : ",")
            .append("{\"id\":").append(i + 1).append(",\"number\":").append(i + 1)
            .append(",\"title\":\"item ").append(i + 1).append("\"}");
      }
      body = sb.append("]").toString();
      if (totalHeader) {
        ex.getResponseHeaders().add("X-Total-Count", Integer.toString(count));
      }
      if (linkHeader && !ignorePaging) {
        int last = Math.max(1, (count + limit - 1) / limit);
        StringBuilder link = new StringBuilder();
        if (page < last) {
          link.append("<http://root.example/x?page=").append(page + 1)
              .append(">; rel=\"next\",");
        }
        link.append("<http://root.example/x?page=").append(last).append(">; rel=\"last\"");
        ex.getResponseHeaders().add("Link", link.toString());
      }
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    // One connection per request: the JDK server writes headers and body separately, and on a
    // kept-alive connection Nagle plus delayed ACKs would add ~40 ms to every page.
    ex.getResponseHeaders().add("Connection", "close");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> m = new HashMap<>();
    if (raw != null) {
      for (String kv : raw.split("&")) {
        int eq = kv.indexOf('=');
        if (eq > 0) {
          m.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
      }
    }
    return m;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
