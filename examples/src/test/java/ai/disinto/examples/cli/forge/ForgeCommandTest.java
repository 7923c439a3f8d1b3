package ai.disinto.examples.cli.forge;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.examples.cli.InProcess;
import ai.disinto.examples.cli.Main;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code disinto forge api} and {@code api-all}: stdout, stderr and exit codes as curl gives. */
class ForgeCommandTest {
  private HttpServer server;
  private final List<String> journal = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, String> pages = new ConcurrentHashMap<>();


  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      String uri = ex.getRequestURI().toString();
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      journal.add(ex.getRequestMethod() + " " + uri + " auth=" + ex.getRequestHeaders()
          .getFirst("Authorization") + (body.isEmpty() ? "" : " body=" + body));
      String answer = pages.get(uri);
      int status = answer == null ? 404 : 200;
      byte[] bytes = (answer == null ? "{\"message\":\"not found\"}" : answer)
          .getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, bytes.length);
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

  private Map<String, String> env() {
    return Map.of("FORGE_URL", "http://127.0.0.1:" + server.getAddress().getPort(),
        "FORGE_REPO", "o/r", "FORGE_TOKEN", "T");
  }

  private static InProcess.Result run(Map<String, String> env, String... args) {
    return InProcess.run(env, "", args);
  }

  @Test
  void apiPrintsTheBodyVerbatimAndExitsZero() {
    pages.put("/api/v1/repos/o/r/issues/5", "{\"number\":5}");
    InProcess.Result r = run(env(), "forge", "api", "GET", "/issues/5");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("{\"number\":5}");
    assertThat(journal).containsExactly("GET /api/v1/repos/o/r/issues/5 auth=token T");
  }

  @Test
  void apiSendsTheDataAsTheJsonBody() {
    pages.put("/api/v1/repos/o/r/issues/5/comments", "{\"id\":1}");
    InProcess.Result r = run(env(), "forge", "api", "POST", "/issues/5/comments",
        "--data", "{\"body\":\"hi\"}");
    assertThat(r.exitCode()).isZero();
    assertThat(journal).containsExactly(
        "POST /api/v1/repos/o/r/issues/5/comments auth=token T body={\"body\":\"hi\"}");
  }

  @Test
  void apiExits22WithoutBodyOnAnHttpError() {
    InProcess.Result r = run(env(), "forge", "api", "GET", "/issues/404");
    assertThat(r.exitCode()).isEqualTo(22);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).contains("404").doesNotContain("token T");
  }

  @Test
  void anInvalidForgeApiExits1WithTheOriginalErrorLineAndSendsNothing() {
    InProcess.Result r = run(Map.of("FORGE_API", "ftp://forge/api/v1/repos/o/r"),
        "forge", "api", "GET", "/issues/5");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr())
        .isEqualTo("ERROR: FORGE_API validation failed - possible URL injection attempt\n");
    assertThat(r.stdout()).isEmpty();
  }

  @Test
  void aMissingTokenIsNamedBeforeAnyRequest() {
    Map<String, String> noToken = Map.of("FORGE_URL", "http://127.0.0.1:" + server.getAddress()
        .getPort(), "FORGE_REPO", "o/r");

    for (String[] args : List.of(new String[] {"forge", "api", "GET", "/issues/5"},
        new String[] {"forge", "api-all", "/issues"})) {
      InProcess.Result r = run(noToken, args);
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.stderr()).isEqualTo("disinto: FORGE_TOKEN is not set\n");
      assertThat(r.stdout()).isEmpty();
    }
    assertThat(journal).isEmpty();
    pages.put("/api/v1/repos/o/r/issues?limit=50&page=1", "[]");
    assertThat(run(noToken, "forge", "api-all", "/issues", "R").exitCode()).isZero();
  }

  @Test
  void aServerThatDropsTheConnectionOfAWriteIsCurlsEmptyReply() {
    server.removeContext("/");
    server.createContext("/", ex -> ex.close());

    InProcess.Result r = run(env(), "forge", "api", "POST", "/issues", "--data", "{}");

    assertThat(r.exitCode()).isEqualTo(52);
    assertThat(r.stderr()).startsWith("disinto: forge api: POST /api/v1/repos/o/r/issues: sent,")
        .doesNotContain("token T");
  }

  @Test
  void anUnreachableForgeExitsWithCurlsConnectCode() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    InProcess.Result r = run(Map.of("FORGE_URL", "http://127.0.0.1:" + closedPort, "FORGE_REPO", "o/r",
        "FORGE_TOKEN", "T"), "forge", "api", "POST", "/issues", "--data", "{}");
    assertThat(r.exitCode()).isEqualTo(7);
    assertThat(r.stderr()).startsWith("disinto: forge api: POST /api/v1/repos/o/r/issues");
  }

  @Test
  void apiAllPrintsEveryPageAsOneArrayWithTheTokenArgument() {
    pages.put("/api/v1/repos/o/r/issues?state=open&limit=50&page=1", "[{\"number\":1}]");
    pages.put("/api/v1/repos/o/r/issues?state=open&limit=50&page=2", "[]");
    InProcess.Result r = run(env(), "forge", "api-all", "/issues?state=open", "R");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("[\n  {\n    \"number\": 1\n  }\n]");
    assertThat(journal).hasSize(2).allSatisfy(l -> assertThat(l).endsWith("auth=token R"));
  }

  @Test
  void apiAllOfAnEmptyListPrintsEmptyBrackets() {
    pages.put("/api/v1/repos/o/r/labels?limit=50&page=1", "[]");
    InProcess.Result r = run(env(), "forge", "api-all", "/labels");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("[]");
  }

  @Test
  void apiAllFailsWith22WhenAPageFailsInsteadOfPrintingAPartialList() {
    pages.put("/api/v1/repos/o/r/issues?limit=50&page=1", "[{\"number\":1}]");
    // page 2 answers 404 (a 5xx would be retried with real waits in the CLI)
    InProcess.Result r = run(env(), "forge", "api-all", "/issues");
    assertThat(r.exitCode()).isEqualTo(22);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).contains("page=2").contains("404");
  }

  @Test
  void missingArgumentsAreAUsageError() {
    assertThat(run(env(), "forge", "api", "GET").exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run(env(), "forge").exitCode()).isEqualTo(Main.EXIT_USAGE);
  }
}
