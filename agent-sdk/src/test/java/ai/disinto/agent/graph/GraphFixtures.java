package ai.disinto.agent.graph;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recorded build-graph.py fixtures under {@code src/test/resources/graph} (see record.py
 * there): the cases, their trees, a forge that serves the recorded answers as record.py did, and
 * the comparison rule.
 */
public final class GraphFixtures {
  /** The instant record.py pins the original's clock to. */
  public static final String STAMP = "2026-04-10T12:00:00Z";
  /** The token record.py's forge accepts. */
  public static final String TOKEN = "fixture-token";

  /** One line of cases.txt. */
  public record Case(String name, String tree, String forge, List<String> extra) {
    @Override
    public String toString() {
      return name;
    }
  }

  private GraphFixtures() {}

  /** The fixture folder, found from a module's directory. */
  public static Path root() {
    for (Path p : List.of(Path.of("src/test/resources/graph"),
        Path.of("../agent-sdk/src/test/resources/graph"))) {
      if (Files.isDirectory(p)) {
        return p.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException("graph fixtures not found from " + Path.of("").toAbsolutePath());
  }

  /** Every case of cases.txt. */
  public static List<Case> cases() {
    try {
      List<Case> out = new ArrayList<>();
      for (String line : Files.readAllLines(root().resolve("cases.txt"))) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        List<String> w = Arrays.asList(line.trim().split("\\s+"));
        out.add(new Case(w.get(0), w.get(1), w.get(2), List.copyOf(w.subList(3, w.size()))));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The expected report of a case, as the original wrote it. */
  public static String expected(Case c) throws IOException {
    return Files.readString(root().resolve("expected").resolve(c.name() + ".json"));
  }

  /** The requests the original made for a case. */
  public static List<String> expectedRequests(Case c) throws IOException {
    return Files.readAllLines(root().resolve("expected").resolve(c.name() + ".requests"));
  }

  /**
   * Whether byte equality can hold: the original's order is arbitrary for cycles, for members of
   * a cluster and for alerts (Python sets, NetworkX's cycle search); the port canonicalises them.
   */
  public static boolean orderStable(String recordedJson) throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) PyJson.parse(recordedJson);
    if (!((List<?>) m.get("cycles")).isEmpty()) {
      return false;
    }
    for (Object c : (List<?>) m.get("disconnected")) {
      if (((List<?>) ((Map<?, ?>) c).get("cluster")).size() > 1) {
        return false;
      }
    }
    return !m.containsKey("alerts") || ((List<?>) m.get("alerts")).size() <= 1;
  }

  /** The report with the arbitrary orders made canonical, re-serialised as the original does. */
  @SuppressWarnings("unchecked")
  public static String canonical(String json) throws Exception {
    Map<String, Object> m = (Map<String, Object>) PyJson.parse(json);
    List<Object> cycles = new ArrayList<>();
    for (Object o : (List<Object>) m.get("cycles")) {
      Map<String, Object> c = new LinkedHashMap<>((Map<String, Object>) o);
      List<String> chain = new ArrayList<>((List<String>) c.get("chain"));
      int min = chain.indexOf(Collections.min(chain));
      Collections.rotate(chain, -min);
      c.put("chain", chain);
      cycles.add(c);
    }
    cycles.sort((a, b) -> String.valueOf(((Map<?, ?>) a).get("chain"))
        .compareTo(String.valueOf(((Map<?, ?>) b).get("chain"))));
    m.put("cycles", cycles);
    for (Object o : (List<Object>) m.get("disconnected")) {
      ((List<String>) ((Map<String, Object>) o).get("cluster")).sort(null);
    }
    if (m.containsKey("alerts")) {
      ((List<Object>) m.get("alerts")).sort((a, b) -> String.valueOf(((Map<?, ?>) a)
          .get("prereq")).compareTo(String.valueOf(((Map<?, ?>) b).get("prereq"))));
    }
    return PyJson.dumpsIndented(m);
  }

  /** A loopback forge that answers like record.py's and records the paths asked for. */
  public static final class Forge implements AutoCloseable {
    private final HttpServer server;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile Path folder;
    /** The repository API base ({@code FORGE_API}). */
    public final String api;

    /** Starts the forge. */
    public Forge() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
      String prefix = "/api/v1/repos/owner/proj";
      server.createContext("/", ex -> {
        URI u = ex.getRequestURI();
        String raw = u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        requests.add(raw.startsWith(prefix) ? raw.substring(prefix.length()) : raw);
        String rest = u.getPath().startsWith(prefix) ? u.getPath().substring(prefix.length()) : "";
        Map<String, String> q = new LinkedHashMap<>();
        if (u.getQuery() != null) {
          for (String kv : u.getQuery().split("&")) {
            int i = kv.indexOf('=');
            q.put(i < 0 ? kv : kv.substring(0, i), i < 0 ? "" : kv.substring(i + 1));
          }
        }
        String name = null;
        if (!("token " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
          name = null;
        } else if (rest.equals("/labels")) {
          name = "labels.json";
        } else if (rest.equals("/issues") && "open".equals(q.get("state"))) {
          name = "open-page-" + q.getOrDefault("page", "1") + ".json";
        } else if (rest.equals("/issues") && "closed".equals(q.get("state"))) {
          name = "closed.json";
        }
        Path f = name == null || folder == null ? null : folder.resolve(name);
        byte[] body;
        if (f != null && Files.isRegularFile(f)) {
          body = Files.readAllBytes(f);
          ex.sendResponseHeaders(200, body.length);
        } else {
          body = "{\"message\":\"not found\"}".getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(404, body.length);
        }
        try (OutputStream os = ex.getResponseBody()) {
          os.write(body);
        }
      });
      server.start();
      api = "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
    }

    /** Serves the recorded answers of one forge folder, and forgets earlier requests. */
    public void serve(String forge) {
      folder = root().resolve("forge").resolve(forge);
      requests.clear();
    }

    /** The paths asked for since {@link #serve}. */
    public List<String> requests() {
      return List.copyOf(requests);
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
