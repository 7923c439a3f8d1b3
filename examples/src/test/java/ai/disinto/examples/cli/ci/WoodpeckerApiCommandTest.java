package ai.disinto.examples.cli.ci;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.examples.cli.InProcess;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.woodpecker.MockWoodpecker;
import ai.disinto.testkit.woodpecker.MockWoodpeckerExtension;
import ai.disinto.testkit.woodpecker.WoodpeckerRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code disinto woodpecker api PATH}: stdout, stderr and exit codes as woodpecker_api's curl. */
@ExtendWith(MockWoodpeckerExtension.class)
class WoodpeckerApiCommandTest {
  private static final String TOKEN = "wp-cli-secret-token-42";

  private static Map<String, String> env(String server) {
    return Map.of("WOODPECKER_SERVER", server, "WOODPECKER_TOKEN", TOKEN);
  }

  @Test
  void printsTheBodyAndExits0(MockWoodpecker ci) {
    ci.addUser("disinto-admin", TOKEN, true);
    long repo = ci.addRepo("disinto/proj");
    ci.addPipeline(repo, "success", "push", "main", "abc");

    InProcess.Result r = InProcess.run(env(ci.baseUrl()), "", "woodpecker", "api",
        "/repos/" + repo + "/pipelines?perPage=5");

    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).startsWith("[{").contains("\"commit\":\"abc\"").doesNotEndWith("\n");
    WoodpeckerRequest req = ci.journal().get(0);
    assertThat(req.method()).isEqualTo("GET");
    assertThat(req.apiTarget()).isEqualTo("/repos/" + repo + "/pipelines?perPage=5");
    assertThat(req.principal()).isEqualTo("disinto-admin");
  }

  @Test
  void httpErrorExits22WithNoBody(MockWoodpecker ci) {
    ci.addUser("disinto-admin", TOKEN, true);

    InProcess.Result r = InProcess.run(env(ci.baseUrl()), "", "woodpecker", "api",
        "/repos/999/pipelines/1");

    assertThat(r.exitCode()).isEqualTo(22);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).contains("HTTP 404").doesNotContain(TOKEN);
  }

  @Test
  void withoutATokenTheServerSays401AndItExits22(MockWoodpecker ci) {
    InProcess.Result r = InProcess.run(Map.of("WOODPECKER_SERVER", ci.baseUrl()), "",
        "woodpecker", "api", "/user");

    assertThat(r.exitCode()).isEqualTo(22);
    assertThat(r.stdout()).isEmpty();
    assertThat(ci.journal().get(0).auth()).isEqualTo(WoodpeckerRequest.AuthKind.NONE);
  }

  @Test
  void a500IsRetriedOnFakeTimeThenExits22(MockWoodpecker ci) {
    ci.addUser("disinto-admin", TOKEN, true);
    ci.addFault(Fault.on("GET", "/user").withStatus(500).withBody("oops " + TOKEN));

    InProcess.Result r = InProcess.run(env(ci.baseUrl()), "", "woodpecker", "api", "/user");

    assertThat(r.exitCode()).isEqualTo(22);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).doesNotContain(TOKEN);
    assertThat(r.sleeps()).isNotEmpty();
  }

  @Test
  void aPostWithDataIsSentOnce(MockWoodpecker ci) {
    ci.addUser("disinto-admin", TOKEN, true);
    long repo = ci.addRepo("disinto/proj");
    long n = ci.addPipeline(repo, "success", "push", "main", "abc");
    ci.addFault(Fault.on("POST", "/repos/**").dropAfterProcessing());

    InProcess.Result r = InProcess.run(env(ci.baseUrl()), "", "woodpecker", "api",
        "/repos/" + repo + "/pipelines/" + n, "-X", "POST");

    assertThat(r.exitCode()).isEqualTo(52);
    assertThat(ci.journal()).hasSize(1);
  }

  @Test
  void refusedConnectionExits7() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }

    InProcess.Result r = InProcess.run(Map.of("WOODPECKER_SERVER", "http://127.0.0.1:" + port,
        "WOODPECKER_TOKEN", TOKEN), "", "woodpecker", "api", "/version");

    assertThat(r.exitCode()).isEqualTo(7);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).contains("connection refused").doesNotContain(TOKEN);
  }

  @Test
  void anInvalidServerExits1WithTheOriginalsErrorLine() {
    InProcess.Result r = InProcess.run(Map.of("WOODPECKER_SERVER", "http://u:p@wp:8000"), "",
        "woodpecker", "api", "/user");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr())
        .contains("ERROR: WOODPECKER_SERVER validation failed - possible URL injection attempt")
        .doesNotContain("u:p");
  }

  @Test
  void withoutAPathItIsAUsageError() {
    InProcess.Result r = InProcess.run("woodpecker", "api");

    assertThat(r.exitCode()).isEqualTo(64);
  }
}
