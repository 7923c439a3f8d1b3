package ai.disinto.examples.cli.ci;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.examples.cli.InProcess;
import ai.disinto.testkit.woodpecker.MockWoodpecker;
import ai.disinto.testkit.woodpecker.MockWoodpeckerExtension;
import ai.disinto.testkit.woodpecker.WoodpeckerRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code disinto ci-debug}: what the parity fixtures do not cover (requests, misconfiguration). */
@ExtendWith(MockWoodpeckerExtension.class)
class CiDebugCommandTest {
  private static final String TOKEN = "ci-debug-cli-token";
  @TempDir Path factory;

  private Map<String, String> env(String server, String repoId) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("FACTORY_ROOT", factory.toString());
    env.put("WOODPECKER_SERVER", server);
    env.put("WOODPECKER_TOKEN", TOKEN);
    env.put("WOODPECKER_REPO_ID", repoId);
    return env;
  }

  private static long repo(MockWoodpecker ci, int pipelines) {
    ci.addUser("disinto-admin", TOKEN, true);
    long repo = ci.addRepo("disinto/proj");
    for (int i = 0; i < pipelines; i++) {
      ci.addPipeline(repo, "success", "push", "main", "c" + i);
    }
    ci.clearJournal();
    return repo;
  }

  @Test
  void listWithoutACountAsksForTen(MockWoodpecker ci) {
    long repo = repo(ci, 12);

    InProcess.Result r = InProcess.run(env(ci.baseUrl(), "" + repo), "", "ci-debug", "list");

    assertThat(r.stdout().lines()).hasSize(10);
    assertThat(ci.journal()).extracting(WoodpeckerRequest::apiTarget)
        .containsExactly("/repos/" + repo + "/pipelines?page=1&perPage=10");
  }

  @Test
  void aCountThatIsNotANumberGetsTheServersFifty(MockWoodpecker ci) {
    long repo = repo(ci, 3);

    InProcess.Result r = InProcess.run(env(ci.baseUrl(), "" + repo), "", "ci-debug", "list",
        "many");

    assertThat(r.exitCode()).isZero();
    assertThat(ci.journal().get(0).apiTarget()).endsWith("perPage=50");
  }

  @Test
  void anEmptyRepoIdIsACleanError(MockWoodpecker ci) {
    repo(ci, 1);

    InProcess.Result r = InProcess.run(env(ci.baseUrl(), ""), "", "ci-debug", "status");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("WOODPECKER_REPO_ID");
    assertThat(ci.journal()).isEmpty();
  }

  @Test
  void helpNeedsNoServer() {
    InProcess.Result r = InProcess.run(env("ftp://nowhere", ""), "", "ci-debug");

    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).startsWith("ci-debug.sh — Query Woodpecker CI\n");
  }

  @Test
  void anUnreachableServerExitsWithCurlsCode7AndNoToken() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }

    InProcess.Result r = InProcess.run(env("http://127.0.0.1:" + port, "3"), "", "ci-debug",
        "failures", "1");

    assertThat(r.exitCode()).isEqualTo(7);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).doesNotContain(TOKEN).contains("disinto: ci-debug:");
  }

  @Test
  void failuresKeepsTheHeaderPrintedBeforeALogFailedAndExits1AsWoodpeckerCli(MockWoodpecker ci) {
    long repo = repo(ci, 0);
    long p = ci.addPipeline(repo, "failure", "push", "main", "abc");
    ci.addStep(repo, p, "test", "failure", 1);
    ci.addFault(ai.disinto.testkit.forgejo.Fault.on("GET", "/api/repos/" + repo + "/logs/**")
        .withStatus(404));

    InProcess.Result r = InProcess.run(env(ci.baseUrl(), "" + repo), "", "ci-debug", "failures",
        "" + p);

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).isEqualTo("=== FAILED: test (step 2) ===\n");
  }
}
