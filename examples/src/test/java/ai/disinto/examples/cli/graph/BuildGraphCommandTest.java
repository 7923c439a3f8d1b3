package ai.disinto.examples.cli.graph;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.examples.cli.CliContext;
import ai.disinto.examples.cli.Main;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code disinto build-graph} writes the report build-graph.py wrote for the same tree (the
 * fixtures recorded by agent-sdk/src/test/resources/graph/record.py), with the original's
 * arguments, stderr line and exit codes.
 */
class BuildGraphCommandTest {
  static final Path FIXTURES = Path.of("../agent-sdk/src/test/resources/graph").toAbsolutePath()
      .normalize();
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-10T12:00:00Z"), ZoneOffset.UTC);

  record Run(int code, String out, String err) {}

  static Run run(Map<String, String> env, Path cwd, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext ctx = new CliContext(new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env, cwd, CLOCK, d -> { });
    int code = Main.execute(ctx, args);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void writesTheOriginalsReportWithoutAForge(@TempDir Path tmp) throws Exception {
    Path report = tmp.resolve("r.json");
    Run r = run(Map.of(), tmp, "build-graph", "--project-root",
        FIXTURES.resolve("trees/spec-f").toString(), "--output", report.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("Graph report: 19 nodes, 10 edges -> " + report + "\n");
    assertThat(Files.readString(report))
        .isEqualTo(Files.readString(FIXTURES.resolve("expected/spec-f-noforge.json")));
  }

  @Test
  void readsTheForgeAndTracesChangedFilesLikeTheOriginal(@TempDir Path tmp) throws Exception {
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
    server.createContext("/api/v1/repos/owner/proj/issues", ex -> {
      boolean open = ex.getRequestURI().getQuery().contains("state=open")
          && ex.getRequestURI().getQuery().contains("page=1")
          && "token fixture-token".equals(ex.getRequestHeaders().getFirst("Authorization"));
      byte[] body = open ? Files.readAllBytes(FIXTURES.resolve("forge/chain/open-page-1.json"))
          : "[]".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(open ? 200 : 404, body.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(body);
      }
    });
    server.start();
    try {
      Map<String, String> env = new HashMap<>();
      env.put("FORGE_API", "http://127.0.0.1:" + server.getAddress().getPort()
          + "/api/v1/repos/owner/proj");
      env.put("FORGE_TOKEN", "fixture-token");
      env.put("PROJECT_REPO_ROOT", FIXTURES.resolve("trees/chain").toString());
      Run r = run(env, tmp, "build-graph", "--output", "out.json", "--changed-files",
          "formulas/dev-a.toml");

      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.err()).isEqualTo("Graph report: 35 nodes, 40 edges -> out.json\n");
      assertThat(Files.readString(tmp.resolve("out.json")))
          .isEqualTo(Files.readString(FIXTURES.resolve("expected/chain-review.json")));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void theDefaultOutputIsNamedAfterTheProject(@TempDir Path tmp) throws Exception {
    Path root = Files.createDirectories(tmp.resolve("proj"));
    Files.writeString(root.resolve("VISION.md"), "# V\n");
    String name = "bg-test-" + ProcessHandle.current().pid();
    Path expected = Path.of("/tmp/" + name + "-graph-report.json");
    try {
      Run r = run(Map.of("PROJECT_NAME", name), tmp, "build-graph", "--project-root", "proj");

      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.err()).isEqualTo("Graph report: 1 nodes, 0 edges -> " + expected + "\n");
      assertThat(Files.readString(expected)).contains("\"nodes\": 1");
    } finally {
      Files.deleteIfExists(expected);
    }
  }

  @Test
  void changedFilesWithoutPathsAddNoReviewerSection(@TempDir Path tmp) throws Exception {
    Run r = run(Map.of(), tmp, "build-graph", "--project-root",
        FIXTURES.resolve("trees/spec-f").toString(), "--output", "o.json", "--changed-files");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(tmp.resolve("o.json"))).doesNotContain("affected_objectives")
        .doesNotContain("alerts");
  }

  @Test
  void aMissingProjectRootExitsOneWithAReason(@TempDir Path tmp) {
    Run r = run(Map.of(), tmp, "build-graph", "--project-root", "/nonexistent/x", "--output",
        "o.json");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("/nonexistent/x").doesNotContain("\tat ");
    assertThat(tmp.resolve("o.json")).doesNotExist();
  }

  @Test
  void strayArgumentsExitTwoAsArgparseDoes(@TempDir Path tmp) {
    Run r = run(Map.of(), tmp, "build-graph", "extra");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("unrecognized arguments: extra");
  }
}
