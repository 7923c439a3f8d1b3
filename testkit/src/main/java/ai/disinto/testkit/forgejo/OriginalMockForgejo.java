package ai.disinto.testkit.forgejo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The original project's own Forgejo stand-in, {@code tests/mock-forgejo.py} of disinto at
 * 41f0210abf, run with {@code python3} on a free loopback port, so that the port's init flows can
 * be checked against a forge written to the original's expectations rather than ours. The script
 * is not part of this repository: its path comes from the system property {@value #PROPERTY} or
 * the environment variable {@value #ENV}, and tests that use it are skipped without one.
 *
 * <p>The admin command line is played as the original's smoke test does it: a user is created
 * with {@code POST /admin/users} and its flags changed with {@code PATCH /admin/users/{u}}, both
 * without credentials, their failures ignored.
 */
public final class OriginalMockForgejo implements AutoCloseable {
  /** The system property naming the script. */
  public static final String PROPERTY = "disinto.original.mockForgejo";
  /** The environment variable naming the script. */
  public static final String ENV = "DISINTO_ORIGINAL_MOCK_FORGEJO";

  private final Process process;
  private final String baseUrl;
  private final List<String> requests = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .build();

  private OriginalMockForgejo(Process process, String baseUrl) {
    this.process = process;
    this.baseUrl = baseUrl;
  }

  /**
   * Where the script is, if the caller said so.
   *
   * @return the path from {@value #PROPERTY} or {@value #ENV}, when set and a file
   */
  public static Optional<Path> locate() {
    String p = System.getProperty(PROPERTY);
    if (p == null || p.isBlank()) {
      p = System.getenv(ENV);
    }
    if (p == null || p.isBlank()) {
      return Optional.empty();
    }
    Path path = Path.of(p);
    return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
  }

  /**
   * Starts the script on a free port and returns once it has bound it (it says so on stderr
   * before serving).
   *
   * @param script the path of {@code mock-forgejo.py}
   * @return the running mock
   * @throws UncheckedIOException when python3 cannot start it or it does not come up in 30 s
   */
  public static OriginalMockForgejo start(Path script) {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ProcessBuilder pb = new ProcessBuilder("python3", "-u", script.toString());
    pb.environment().put("MOCK_FORGE_PORT", Integer.toString(port));
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run python3 " + script, e);
    }
    OriginalMockForgejo mock = new OriginalMockForgejo(p, "http://127.0.0.1:" + port);
    CountDownLatch up = new CountDownLatch(1);
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.contains("server starting on port")) {
            up.countDown();
          }
          // "[date] METHOD /path PENDING" is logged as each request arrives.
          int close = line.indexOf("] ");
          if (close > 0 && line.endsWith(" PENDING")) {
            synchronized (mock.requests) {
              mock.requests.add(line.substring(close + 2, line.length() - " PENDING".length()));
            }
          }
        }
      } catch (IOException e) {
        // the process ended
      }
      up.countDown();
    }, "original-mock-forgejo-stderr");
    reader.setDaemon(true);
    reader.start();
    try {
      if (!up.await(30, TimeUnit.SECONDS) || !p.isAlive()) {
        p.destroyForcibly();
        throw new UncheckedIOException(new IOException("mock-forgejo.py did not start"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new UncheckedIOException(new IOException("interrupted"));
    }
    return mock;
  }

  /**
   * The base URL, {@code http://127.0.0.1:PORT}.
   *
   * @return the URL
   */
  public String baseUrl() {
    return baseUrl;
  }

  /**
   * Every request so far as {@code METHOD /path?query}, in arrival order, from the script's own
   * log.
   *
   * @return a copy of the list
   */
  public List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /**
   * {@code forgejo admin user create} as the original smoke test fakes it.
   *
   * @param user the login
   * @param password the password (the script does not keep it)
   * @param email the e-mail address
   * @param admin whether to make the user site admin
   * @return always true, as the smoke test's stub exits 0
   */
  public boolean createUser(String user, String password, String email, boolean admin) {
    send("POST", "/api/v1/admin/users", json(Map.of("username", user, "password", password,
        "email", email, "must_change_password", false)));
    if (admin) {
      send("PATCH", "/api/v1/admin/users/" + user, "{\"admin\":true,\"must_change_password\":false}");
    }
    return true;
  }

  /**
   * {@code forgejo admin user change-password} as the original smoke test fakes it: only the
   * must-change-password flag is sent.
   *
   * @param user the login
   * @return always true
   */
  public boolean changePassword(String user) {
    send("PATCH", "/api/v1/admin/users/" + user, "{\"must_change_password\":false}");
    return true;
  }

  private int send(String method, String path, String body) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private static String json(Map<String, Object> m) {
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<String, Object> e : new java.util.TreeMap<>(m).entrySet()) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append('"').append(e.getKey()).append("\":");
      Object v = e.getValue();
      sb.append(v instanceof String s ? "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
          : String.valueOf(v));
    }
    return sb.append('}').toString();
  }

  /** Stops the script. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
