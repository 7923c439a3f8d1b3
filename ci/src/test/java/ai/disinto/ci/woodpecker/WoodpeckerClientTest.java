package ai.disinto.ci.woodpecker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.disinto.core.config.FactoryEnv;
import ai.disinto.core.net.InvalidUrlException;
import ai.disinto.forge.client.ForgeTransportException;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.log.CapturedLog;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.time.FakeTime;
import ai.disinto.testkit.woodpecker.MockWoodpecker;
import ai.disinto.testkit.woodpecker.MockWoodpeckerExtension;
import ai.disinto.testkit.woodpecker.WoodpeckerRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.event.Level;

@ExtendWith(MockWoodpeckerExtension.class)
class WoodpeckerClientTest {
  static final String TOKEN = "wp-Tok3n-only-the-test-knows";

  private final FakeTime time = new FakeTime();

  private WoodpeckerClient client(MockWoodpecker ci) {
    ci.addUser("disinto-admin", TOKEN, true);
    return WoodpeckerClient.builder().server(ci.baseUrl()).token(TOKEN).clock(time)
        .sleeper(time).random(() -> 0.5).build();
  }

  private static long repoWithPipelines(MockWoodpecker ci, int n) {
    long repo = ci.addRepo("disinto/proj");
    for (int i = 0; i < n; i++) {
      ci.addPipeline(repo, "success", "push", "main", "c" + i);
    }
    return repo;
  }

  @Test
  void pipelinesRequestsPageAndPerPageWithTheBearerToken(MockWoodpecker ci) {
    WoodpeckerClient wp = client(ci);
    long repo = repoWithPipelines(ci, 3);

    List<Pipeline> page = wp.pipelines(repo, PipelineQuery.firstPage());

    assertThat(page).extracting(Pipeline::number).containsExactly(3L, 2L, 1L);
    assertThat(page.get(0).workflows()).isEmpty();
    WoodpeckerRequest r = ci.journal().get(0);
    assertThat(r.apiTarget()).isEqualTo("/repos/" + repo + "/pipelines?page=1&perPage=50");
    assertThat(r.auth()).isEqualTo(WoodpeckerRequest.AuthKind.BEARER);
    assertThat(r.principal()).isEqualTo("disinto-admin");
  }

  @Test
  void allPipelinesPagesUntilAShortPage(MockWoodpecker ci) {
    WoodpeckerClient wp = client(ci);
    long repo = repoWithPipelines(ci, 120);

    List<Pipeline> all = wp.allPipelines(repo, PipelineQuery.firstPage());

    assertThat(all).hasSize(120);
    assertThat(all.get(0).number()).isEqualTo(120);
    assertThat(all.get(119).number()).isEqualTo(1);
    assertThat(ci.journal()).extracting(WoodpeckerRequest::query)
        .containsExactly("page=1&perPage=50", "page=2&perPage=50", "page=3&perPage=50");
  }

  @Test
  void allPipelinesStopsOnAnEmptyPageAfterFullOnes(MockWoodpecker ci) {
    WoodpeckerClient wp = client(ci);
    long repo = repoWithPipelines(ci, 20);

    List<Pipeline> all = wp.allPipelines(repo, PipelineQuery.firstPage().withPerPage(10));

    assertThat(all).hasSize(20);
    assertThat(ci.journal()).hasSize(3);
  }

  @Test
  void filtersGoInTheQuery(MockWoodpecker ci) {
    WoodpeckerClient wp = client(ci);
    long repo = ci.addRepo("disinto/proj");
    ci.addPipeline(repo, "failure", "pull_request", "fix/issue-2", "abc");
    ci.addPipeline(repo, "success", "push", "main", "def");

    List<Pipeline> page = wp.pipelines(repo,
        PipelineQuery.firstPage().withBranch("fix/issue-2").withEvent("pull_request"));

    assertThat(page).extracting(Pipeline::commit).containsExactly("abc");
    assertThat(ci.journal().get(0).query()).contains("branch=fix%2Fissue-2", "event=pull_request");
  }

  @Test
  void perPageAboveFiftyIsRefused() {
    assertThatThrownBy(() -> PipelineQuery.firstPage().withPerPage(51))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pipelineCarriesWorkflowsAndSteps(MockWoodpecker ci) {
    WoodpeckerClient wp = client(ci);
    long repo = ci.addRepo("disinto/proj");
    long n = ci.addPipeline(repo, "failure", "push", "main", "abc");
    long step = ci.addStep(repo, n, "test", "failure", 1);

    Pipeline p = wp.pipeline(repo, n);

    assertThat(p.status()).isEqualTo("failure");
    assertThat(p.workflows()).hasSize(1);
    Step s = p.workflows().get(0).children().get(0);
    assertThat(s.id()).isEqualTo(step);
    assertThat(s.name()).isEqualTo("test");
    assertThat(s.exitCode()).isEqualTo(1);
  }

  @Test
  void stepLogsDecodeBase64IntoText(MockWoodpecker ci) {
    WoodpeckerClient wp = client(ci);
    long repo = ci.addRepo("disinto/proj");
    long n = ci.addPipeline(repo, "failure", "push", "main", "abc");
    long step = ci.addStep(repo, n, "test", "failure", 1);
    ci.addLogData(step, "aGVsbG8=");
    ci.addLogLines(step, "héllo wörld ✓");

    List<LogEntry> logs = wp.stepLogs(repo, n, step);

    assertThat(logs).extracting(LogEntry::text).containsExactly("hello", "héllo wörld ✓");
    assertThat(logs).extracting(LogEntry::decoding).containsOnly(LogEntry.Decoding.DECODED);
    assertThat(logs.get(0).stepId()).isEqualTo(step);
    assertThat(logs.get(1).line()).isEqualTo(1);
  }

  @Test
  void dataThatIsNotBase64IsKeptAsSent(MockWoodpecker ci) {
    WoodpeckerClient wp = client(ci);
    long repo = ci.addRepo("disinto/proj");
    long n = ci.addPipeline(repo, "failure", "push", "main", "abc");
    long step = ci.addStep(repo, n, "test", "failure", 1);
    ci.addLogData(step, "plain text, not base64!");

    LogEntry e = wp.stepLogs(repo, n, step).get(0);

    assertThat(e.text()).isEqualTo("plain text, not base64!");
    assertThat(e.decoding()).isEqualTo(LogEntry.Decoding.NOT_BASE64);
  }

  @Test
  void bytesThatAreNotUtf8AreReplaced(MockWoodpecker ci) {
    WoodpeckerClient wp = client(ci);
    long repo = ci.addRepo("disinto/proj");
    long n = ci.addPipeline(repo, "failure", "push", "main", "abc");
    long step = ci.addStep(repo, n, "test", "failure", 1);
    ci.addLogBytes(step, new byte[] {'o', 'k', (byte) 0xff, (byte) 0xc3});

    LogEntry e = wp.stepLogs(repo, n, step).get(0);

    assertThat(e.text()).startsWith("ok\uFFFD");
    assertThat(e.decoding()).isEqualTo(LogEntry.Decoding.MALFORMED_UTF8_REPLACED);
  }

  @Test
  void logsOfAStepOfAnotherPipelineAreNotFound(MockWoodpecker ci) {
    WoodpeckerClient wp = client(ci);
    long repo = ci.addRepo("disinto/proj");
    long n1 = ci.addPipeline(repo, "failure", "push", "main", "abc");
    long n2 = ci.addPipeline(repo, "failure", "push", "main", "def");
    long step = ci.addStep(repo, n1, "test", "failure", 1);

    WoodpeckerNotFoundException e = catchThrowableOfType(WoodpeckerNotFoundException.class,
        () -> wp.stepLogs(repo, n2, step));

    assertThat(e.status()).isEqualTo(404);
    assertThat(e.getMessage()).contains("GET /api/repos/" + repo + "/logs/" + n2 + "/" + step)
        .contains("Step not found");
  }

  @Test
  void restartSendsEventAndTargetInTheQueryWithAnEmptyBody(MockWoodpecker ci) {
    WoodpeckerClient wp = client(ci);
    long repo = ci.addRepo("disinto/proj");
    ci.setAllowDeploy(repo, true);
    long n = ci.addPipeline(repo, "success", "push", "main", "abc");
    Map<String, String> q = new LinkedHashMap<>();
    q.put("event", "deployment");
    q.put("deploy_to", "production");

    Pipeline p = wp.restart(repo, n, q);

    assertThat(p.number()).isEqualTo(n + 1);
    assertThat(p.parent()).isEqualTo(n);
    assertThat(p.event()).isEqualTo("deployment");
    assertThat(p.deployTo()).isEqualTo("production");
    WoodpeckerRequest r = ci.journal().get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.apiTarget())
        .isEqualTo("/repos/" + repo + "/pipelines/" + n + "?event=deployment&deploy_to=production");
    assertThat(r.body()).isEmpty();
  }

  @Test
  void restartAsADeploymentOfARepoThatForbidsThemIs403(MockWoodpecker ci) {
    WoodpeckerClient wp = client(ci);
    long repo = ci.addRepo("disinto/proj");
    long n = ci.addPipeline(repo, "success", "push", "main", "abc");

    WoodpeckerException e = catchThrowableOfType(WoodpeckerException.class,
        () -> wp.restart(repo, n, Map.of("event", "deployment")));

    assertThat(e.status()).isEqualTo(403);
    assertThat(e.serverMessage()).hasValueSatisfying(m -> assertThat(m).contains("not allowed"));
  }

  @Test
  void aPostWhoseAnswerIsLostIsSentOnce(MockWoodpecker ci) {
    WoodpeckerClient wp = client(ci);
    long repo = ci.addRepo("disinto/proj");
    long n = ci.addPipeline(repo, "success", "push", "main", "abc");
    ci.addFault(Fault.on("POST", "/repos/*/pipelines/*").dropAfterProcessing());

    WoodpeckerTransportException e = catchThrowableOfType(WoodpeckerTransportException.class,
        () -> wp.restart(repo, n, Map.of()));

    assertThat(e.status()).isZero();
    assertThat(e.getMessage()).contains("sent once");
    assertThat(ci.journal()).filteredOn(r -> r.method().equals("POST")).hasSize(1);
    assertThat(time.sleeps()).isEmpty();
    // The server did restart it: the caller must look, not send again.
    assertThat(wp.pipelines(repo, PipelineQuery.firstPage())).hasSize(2);
  }

  @Test
  void aPostAnswered503WithRetryAfterZeroIsSentOnce(MockWoodpecker ci) {
    WoodpeckerClient wp = client(ci);
    long repo = ci.addRepo("disinto/proj");
    long n = ci.addPipeline(repo, "success", "push", "main", "abc");
    ci.addFault(Fault.on("POST", "/repos/**").withStatus(503).withRetryAfter(0).times(1));

    WoodpeckerException e = catchThrowableOfType(WoodpeckerException.class,
        () -> wp.restart(repo, n, Map.of()));

    assertThat(e.status()).isEqualTo(503);
    assertThat(ci.journal()).hasSize(1);
  }

  @Test
  void aGetIsRetriedAfter500OnTheInjectedSleeper(MockWoodpecker ci) {
    WoodpeckerClient wp = client(ci);
    long repo = repoWithPipelines(ci, 1);
    ci.addFault(Fault.on("GET", "/repos/*/pipelines").withStatus(500).times(2));

    assertThat(wp.pipelines(repo, PipelineQuery.firstPage())).hasSize(1);

    assertThat(ci.journal()).extracting(WoodpeckerRequest::status).containsExactly(500, 500, 200);
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
  }

  @Test
  void a500AfterTheRetriesIsNamedWithStatusAndRedactedMessage(MockWoodpecker ci) {
    WoodpeckerClient wp = client(ci);
    long repo = repoWithPipelines(ci, 1);
    ci.addFault(Fault.on("GET", "/repos/*/pipelines/*").withStatus(500)
        .withBody("database exploded for token " + TOKEN));

    WoodpeckerException e = catchThrowableOfType(WoodpeckerException.class,
        () -> wp.pipeline(repo, 1));

    assertThat(e.status()).isEqualTo(500);
    assertThat(e.getMessage()).contains("GET /api/repos/" + repo + "/pipelines/1", "HTTP 500",
        "database exploded").doesNotContain(TOKEN);
    assertThat(e.serverMessage().orElseThrow()).contains("[REDACTED]").doesNotContain(TOKEN);
    assertThat(ci.journal()).hasSize(5);
  }

  @Test
  void withoutATokenNoAuthorizationHeaderIsSentAndTheServerAnswers401(MockWoodpecker ci) {
    long repo = repoWithPipelines(ci, 1);
    WoodpeckerClient wp = WoodpeckerClient.builder().server(ci.baseUrl()).build();

    WoodpeckerException e = catchThrowableOfType(WoodpeckerException.class,
        () -> wp.pipelines(repo, PipelineQuery.firstPage()));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.getMessage()).contains("HTTP 401");
    assertThat(ci.journal().get(0).auth()).isEqualTo(WoodpeckerRequest.AuthKind.NONE);
  }

  @Test
  void aWrongTokenIs401AndNeverShown(MockWoodpecker ci) {
    client(ci);
    WoodpeckerClient wp = WoodpeckerClient.builder().server(ci.baseUrl())
        .token("wrong-secret-token").build();

    WoodpeckerException e = catchThrowableOfType(WoodpeckerException.class, wp::user);

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.getMessage()).doesNotContain("wrong-secret-token");
    assertThat(wp.toString()).doesNotContain("wrong-secret-token").contains("<redacted>");
  }

  @Test
  void theTokenIsInNoLogLineMessageOrToString(MockWoodpecker ci) {
    WoodpeckerClient wp = client(ci);
    long repo = repoWithPipelines(ci, 1);
    ci.addFault(Fault.on("GET", "/user").withStatus(502).withBody("upstream said " + TOKEN));
    try (CapturedLog log = CapturedLog.start("test", time, Level.DEBUG)) {
      wp.pipelines(repo, PipelineQuery.firstPage());
      WoodpeckerException e = catchThrowableOfType(WoodpeckerException.class, wp::user);

      assertThat(e.getMessage()).doesNotContain(TOKEN);
      assertThat(String.valueOf(e.serverMessage())).doesNotContain(TOKEN);
      assertThat(log.lines()).isNotEmpty().noneMatch(l -> l.contains(TOKEN));
      assertThat(log.text()).contains("Bearer <redacted>");
    }
    assertThat(wp.toString()).doesNotContain(TOKEN);
  }

  @Test
  void lookupRepoFindsTheIdOrNothing(MockWoodpecker ci) {
    WoodpeckerClient wp = client(ci);
    long repo = ci.addRepo("disinto/proj");

    assertThat(wp.lookupRepo("disinto/proj")).hasValueSatisfying(r -> {
      assertThat(r.id()).isEqualTo(repo);
      assertThat(r.fullName()).isEqualTo("disinto/proj");
      assertThat(r.allowDeploy()).isFalse();
    });
    assertThat(wp.lookupRepo("disinto/other")).isEmpty();
    assertThat(ci.journal().get(0).apiPath()).isEqualTo("/repos/lookup/disinto/proj");
  }

  @Test
  void userNamesTheTokensOwner(MockWoodpecker ci) {
    assertThat(client(ci).user().login()).isEqualTo("disinto-admin");
  }

  @Test
  void aSlowServerTimesOut(MockWoodpecker ci) {
    ci.addUser("disinto-admin", TOKEN, true);
    ci.addFault(Fault.on("GET", "/user").withDelay(Duration.ofSeconds(3)));
    WoodpeckerClient wp = WoodpeckerClient.builder().server(ci.baseUrl()).token(TOKEN)
        .callTimeout(Duration.ofMillis(300)).retryPolicy(RetryPolicy.none()).build();

    WoodpeckerTransportException e =
        catchThrowableOfType(WoodpeckerTransportException.class, wp::user);

    assertThat(e.kind()).isEqualTo(ForgeTransportException.Kind.TIMEOUT);
    assertThat(e.status()).isZero();
  }

  @Test
  void rawApiReturnsTheBodyWhateverTheStatus(MockWoodpecker ci) {
    WoodpeckerClient wp = client(ci);
    long repo = repoWithPipelines(ci, 2);

    WoodpeckerResponse ok = wp.api("/repos/" + repo + "/pipelines?perPage=1");
    WoodpeckerResponse missing = wp.api("/repos/999/pipelines");

    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body()).startsWith("[{").contains("\"number\":2").doesNotContain("\"number\":1,");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.isSuccess()).isFalse();
  }

  @Test
  void anInvalidServerIsRefusedBeforeAnyRequest() {
    assertThatThrownBy(() -> WoodpeckerClient.builder().server("ftp://x").build())
        .isInstanceOf(InvalidUrlException.class)
        .hasMessageContaining("WOODPECKER_SERVER validation failed - possible URL injection attempt");
    assertThatThrownBy(() -> WoodpeckerClient.builder().server("http://u:p@wp:8000").build())
        .isInstanceOf(InvalidUrlException.class)
        .hasMessageNotContaining("u:p");
  }

  @Test
  void fromEnvUsesTheComposeServiceInContainerMode() {
    WoodpeckerClient inContainer =
        WoodpeckerClient.fromEnv(FactoryEnv.of(Map.of("DISINTO_CONTAINER", "1")));
    WoodpeckerClient onHost = WoodpeckerClient.fromEnv(FactoryEnv.of(Map.of()));
    WoodpeckerClient given = WoodpeckerClient.fromEnv(FactoryEnv.of(
        Map.of("DISINTO_CONTAINER", "1", "WOODPECKER_SERVER", "http://ci.example:9000",
            "WOODPECKER_TOKEN", TOKEN)));

    assertThat(inContainer.toString()).contains("http://woodpecker:8000").contains("token=none");
    assertThat(onHost.toString()).contains("http://localhost:8000");
    assertThat(given.toString()).contains("http://ci.example:9000").doesNotContain(TOKEN);
  }

  @Test
  void aRedirectOnTheSameServerIsFollowedWithTheToken(MockWoodpecker ci) {
    WoodpeckerClient wp = client(ci);
    long repo = repoWithPipelines(ci, 1);
    ci.addRedirect("/api/repos/77/pipelines/1", "/api/repos/" + repo + "/pipelines/1");

    Pipeline p = wp.pipeline(77, 1);

    assertThat(p.number()).isEqualTo(1);
    assertThat(ci.journal()).extracting(WoodpeckerRequest::status).containsExactly(302, 200);
    assertThat(ci.journal().get(1).principal()).isEqualTo("disinto-admin");
  }

  @Test
  void a429IsRetriedAfterItsRetryAfter(MockWoodpecker ci) {
    WoodpeckerClient wp = client(ci);
    ci.addFault(Fault.on("GET", "/user").withRateLimit(7).times(1));

    assertThat(wp.user().login()).isEqualTo("disinto-admin");

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void pingNeedsNoTokenAndSaysWhetherTheServerAnswers(MockWoodpecker ci) {
    WoodpeckerClient anonymous = WoodpeckerClient.builder().server(ci.baseUrl()).build();
    ci.addFault(Fault.on("GET", "/version").withStatus(502).onCalls(2, 1));

    assertThat(anonymous.ping(Duration.ofSeconds(2))).isTrue();
    assertThat(anonymous.ping(Duration.ofSeconds(2))).isFalse();
    assertThat(ci.journal()).hasSize(2);
  }

  @Test
  void activateRepoSendsTheForgeIdInTheQueryOnce(MockWoodpecker ci) {
    WoodpeckerClient wp = client(ci);
    ci.addForgeRepo(42, "disinto/proj");

    Repo r = wp.activateRepo(42);
    WoodpeckerException again = catchThrowableOfType(WoodpeckerException.class,
        () -> wp.activateRepo(42));

    assertThat(r.fullName()).isEqualTo("disinto/proj");
    assertThat(r.forgeRemoteId()).isEqualTo("42");
    assertThat(r.allowDeploy()).isFalse();
    assertThat(again.status()).isEqualTo(409);
    assertThat(ci.journal().get(0).apiTarget()).isEqualTo("/repos?forge_remote_id=42");
    assertThat(ci.journal()).hasSize(2);
  }

  @Test
  void patchRepoSendsOnlyTheFieldsSet(MockWoodpecker ci) {
    WoodpeckerClient wp = client(ci);
    long repo = ci.addRepo("disinto/proj");

    Repo r = wp.patchRepo(repo, RepoPatch.none().withTimeoutMinutes(5).withAllowDeploy(true));

    assertThat(r.timeout()).isEqualTo(5);
    assertThat(r.allowDeploy()).isTrue();
    WoodpeckerRequest req = ci.journal().get(0);
    assertThat(req.method()).isEqualTo("PATCH");
    assertThat(req.body()).isEqualTo("{\"timeout\":5,\"allow_deploy\":true}");
  }
}
