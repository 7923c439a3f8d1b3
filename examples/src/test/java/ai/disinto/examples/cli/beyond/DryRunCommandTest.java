package ai.disinto.examples.cli.beyond;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.examples.cli.InProcess;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code --dry-run} and {@code DISINTO_DRY_RUN=1}: a write is logged, never sent. */
class DryRunCommandTest {
  private HttpServer server;
  private final List<String> journal = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      journal.add(ex.getRequestMethod() + " " + ex.getRequestURI());
      byte[] bytes = "{\"number\":5}".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private Map<String, String> env(String... more) {
    Map<String, String> env = new java.util.HashMap<>(Map.of(
        "FORGE_URL", "http://127.0.0.1:" + server.getAddress().getPort(),
        "FORGE_REPO", "o/r", "FORGE_TOKEN", "T0ken-secret"));
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  @Test
  void theDryRunOptionOnASubcommandLogsTheWriteAndSendsOnlyReads() {
    InProcess.Result r = InProcess.run(env(), "", "forge", "api", "POST", "/issues/5/comments",
        "-d", "{\"body\":\"hi T0ken-secret\"}", "--dry-run");
    InProcess.Result read = InProcess.run(env(), "", "--dry-run", "forge", "api", "GET",
        "/issues/5");

    assertThat(r.exitCode()).isZero();
    assertThat(r.stderr()).contains("dry run: would send POST /api/v1/repos/o/r/issues/5/comments")
        .doesNotContain("T0ken-secret");
    assertThat(r.stdout()).contains("\"dry_run\":true");
    assertThat(read.exitCode()).isZero();
    assertThat(read.stdout()).isEqualTo("{\"number\":5}");
    assertThat(journal).containsExactly("GET /api/v1/repos/o/r/issues/5");
  }

  @Test
  void theEnvironmentVariableDoesTheSame() {
    InProcess.Result r = InProcess.run(env("DISINTO_DRY_RUN", "1"), "", "forge", "api",
        "DELETE", "/issues/5");

    assertThat(r.exitCode()).isZero();
    assertThat(r.stderr()).contains("dry run: would send DELETE /api/v1/repos/o/r/issues/5");
    assertThat(journal).isEmpty();
  }

  @Test
  void withoutItTheWriteIsSent() {
    InProcess.Result r = InProcess.run(env(), "", "forge", "api", "DELETE", "/issues/5");

    assertThat(r.exitCode()).isZero();
    assertThat(journal).containsExactly("DELETE /api/v1/repos/o/r/issues/5");
  }
}
