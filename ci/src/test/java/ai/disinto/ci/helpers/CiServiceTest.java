package ai.disinto.ci.helpers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.ci.logs.CiLogReader;
import ai.disinto.ci.woodpecker.WoodpeckerClient;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import ai.disinto.testkit.forgejo.RecordedRequest;
import ai.disinto.testkit.time.FakeTime;
import ai.disinto.testkit.woodpecker.MockWoodpecker;
import ai.disinto.testkit.woodpecker.MockWoodpeckerExtension;
import ai.disinto.testkit.woodpecker.WoodpeckerRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** CiService over real HTTP against the mock Forgejo and the mock Woodpecker. */
@ExtendWith({MockForgejoExtension.class, MockWoodpeckerExtension.class})
class CiServiceTest {
  static final String S = "0123456789abcdef0123456789abcdef01234567";
  static final String OTHER = "fedcba9876543210fedcba9876543210fedcba98";
  static final String WP_TOKEN = "wp-secret-token-123";

  private final FakeTime time = new FakeTime();
  private MockForgejo forge;
  private MockWoodpecker ci;
  private long repo;
  private ForgeClient forgeClient;
  private WoodpeckerClient wp;
  @TempDir Path dataDir;

  @BeforeEach
  void world(MockForgejo forge, MockWoodpecker ci) {
    this.forge = forge;
    this.ci = ci;
    forge.seed().user("o", u -> u.password("pw").token("tok-o"));
    forge.seed().repo("o/r");
    forgeClient = ForgeClient.builder().baseUrl(forge.baseUrl()).repo("o/r").token("tok-o")
        .retryPolicy(RetryPolicy.none()).build();
    ci.addUser("bot", WP_TOKEN, true);
    repo = ci.addRepo("o/r");
    wp = WoodpeckerClient.builder().server(ci.baseUrl()).token(WP_TOKEN)
        .retryPolicy(RetryPolicy.none()).clock(time).sleeper(time).build();
  }

  private CiService service(String repoId) {
    return new CiService(new CiSettings(repoId), wp, forgeClient,
        new CiLogReader(dataDir, OptionalLong.of(repo)));
  }

  private CiService service() {
    return service(Long.toString(repo));
  }

  private List<RecordedRequest> statusRequests() {
    return forge.journal().stream().filter(r -> r.path().contains("/commits/")).toList();
  }

  private void forgeStatusBody(String body) {
    forge.faults().add(Fault.on("GET", "/repos/o/r/commits/*/status").withStatus(200)
        .withBody(body));
  }

  // ---- passed / failed ----

  @Test
  void passedAndFailedTruthTable() {
    for (String id : List.of("3", "0", "")) {
      assertThat(service(id).passed(CiStatus.SUCCESS)).as(id).isTrue();
      for (String s : List.of("", "pending", "unknown", "success")) {
        assertThat(service(id).failed(CiStatus.of(s))).as(id + " " + s).isFalse();
      }
      for (String s : List.of("failure", "error", "warning", "canceled")) {
        assertThat(service(id).failed(CiStatus.of(s))).as(id + " " + s).isTrue();
      }
    }
    CiService noCi = service("0");
    assertThat(noCi.passed(CiStatus.EMPTY)).isTrue();
    assertThat(noCi.passed(CiStatus.PENDING)).isTrue();
    assertThat(noCi.passed(CiStatus.UNKNOWN)).isTrue();
    assertThat(noCi.passed(CiStatus.FAILURE)).isFalse();
    assertThat(noCi.passed(CiStatus.of("error"))).isFalse();
    CiService unset = service("");
    assertThat(unset.passed(CiStatus.EMPTY)).isFalse();
    assertThat(unset.passed(CiStatus.PENDING)).isFalse();
  }

  // ---- commitStatus ----

  @Test
  void highestPipelineOfTheCommitWinsWithoutAskingTheForge() {
    ci.addPipeline(repo, "failure", "push", "main", S); // #1
    ci.addPipeline(repo, "running", "push", "main", S); // #2

    assertThat(service().commitStatus(S)).isEqualTo(CiStatus.PENDING);
    assertThat(statusRequests()).isEmpty();
  }

  @Test
  void woodpeckerStatesAreMapped() {
    for (String[] c : new String[][] {{"killed", "failure"}, {"error", "failure"},
        {"blocked", "pending"}, {"success", "success"}, {"pending", "pending"}}) {
      ci.addPipeline(repo, c[0], "push", "main", S);
      assertThat(service().commitStatus(S).raw()).as(c[0]).isEqualTo(c[1]);
    }
    assertThat(statusRequests()).isEmpty();
  }

  @Test
  void noPipelineFallsBackToTheForge() {
    String sha = forge.pushBranch("o/r", "b", null);
    forge.seed().status("o/r", sha, "ci/woodpecker", "success", "http://wp/repos/1/pipeline/3");

    assertThat(service().commitStatus(sha)).isEqualTo(CiStatus.SUCCESS);
    assertThat(statusRequests()).hasSize(1);
  }

  @Test
  void canceledPipelineIsJudgedByTheForge() {
    ci.addPipeline(repo, "canceled", "push", "main", S);
    forgeStatusBody("{\"state\":\"error\",\"statuses\":[]}");

    assertThat(service().commitStatus(S)).isEqualTo(CiStatus.of("error"));
  }

  @Test
  void noCiAsksOnlyTheForge() {
    ci.addPipeline(repo, "success", "push", "main", S);
    forgeStatusBody("{\"state\":\"\",\"statuses\":[]}");

    assertThat(service("0").commitStatus(S)).isEqualTo(CiStatus.EMPTY);
    assertThat(service("").commitStatus(S)).isEqualTo(CiStatus.EMPTY);
    assertThat(ci.journal()).isEmpty();
  }

  @Test
  void woodpecker500AndForge404GiveNoAnswer() {
    ci.addFault(Fault.on("GET", "/repos/*/pipelines").withStatus(500));
    forge.faults().add(Fault.on("GET", "/repos/o/r/commits/*/status").withStatus(404));

    CiStatus s = service().commitStatus(S);

    assertThat(s.raw()).isEmpty();
    assertThat(s).isEqualTo(CiStatus.NO_ANSWER);
    assertThat(statusRequests()).hasSize(1);
  }

  @Test
  void forgeWithoutStateIsUnknownAndHtmlFromWoodpeckerFallsBack() {
    ci.addFault(Fault.on("GET", "/repos/*/pipelines").withStatus(200).withBody("<html>"));
    forgeStatusBody("{}");

    assertThat(service().commitStatus(S)).isEqualTo(CiStatus.UNKNOWN);
  }

  @Test
  void shortShaDoesNotMatchWoodpecker() {
    ci.addPipeline(repo, "success", "push", "main", S);
    forgeStatusBody("{\"state\":\"pending\"}");

    assertThat(service().commitStatus(S.substring(0, 7))).isEqualTo(CiStatus.PENDING);
  }

  @Test
  void aPipelineBeyondTheFirst50IsFound() {
    ci.addPipeline(repo, "failure", "push", "main", S);
    for (int i = 0; i < 60; i++) {
      ci.addPipeline(repo, "success", "push", "main", OTHER);
    }

    assertThat(service().commitStatus(S)).isEqualTo(CiStatus.FAILURE);
    assertThat(service().pipelineNumber(S)).hasValue(1);
    assertThat(statusRequests()).isEmpty();
    assertThat(ci.journal()).extracting(WoodpeckerRequest::query)
        .contains("page=1&perPage=50", "page=2&perPage=50");
  }

  @Test
  void pagingStopsAtTheBound() {
    for (int i = 0; i < 50 * CiService.MAX_PIPELINE_PAGES + 10; i++) {
      ci.addPipeline(repo, "success", "push", "main", OTHER);
    }
    forgeStatusBody("{\"state\":\"failure\"}");

    assertThat(service().commitStatus(S)).isEqualTo(CiStatus.FAILURE);
    assertThat(ci.journal()).hasSize(CiService.MAX_PIPELINE_PAGES);
  }

  // ---- pipelineNumber ----

  @Test
  void pipelineNumberIsTheHighestOfTheCommit() {
    for (int i = 1; i <= 9; i++) {
      ci.addPipeline(repo, "success", "push", "main", i == 4 || i == 9 ? S : OTHER);
    }
    assertThat(service().pipelineNumber(S)).hasValue(9);
  }

  @Test
  void pipelineNumberFromTheForgeTargetUrl() {
    forgeStatusBody("{\"state\":\"failure\",\"statuses\":[{\"target_url\":"
        + "\"http://wp/repos/1/pipeline/57/2\"},{\"target_url\":\"http://wp/repos/1/pipeline/9\"}]}");

    assertThat(service().pipelineNumber(S)).hasValue(57);
  }

  @Test
  void pipelineNumberNowhereIsEmpty() {
    assertThat(service().pipelineNumber(S)).isEmpty();
    forgeStatusBody("{\"state\":\"\",\"statuses\":[]}");
    assertThat(service().pipelineNumber(S)).isEmpty();
  }

  // ---- ciRequiredForPr / hasCodeFiles ----

  @Test
  void docsOnlyPrNeedsNoCi() {
    long pr = forge.seed().pull("o/r", p -> p.head("d").file("docs/a.md", "x\n")
        .file("formulas/x.toml", "x\n").file("evidence/e.json", "{}\n").file("README.md", "x\n"));
    assertThat(service().ciRequiredForPr(pr)).isFalse();
  }

  @Test
  void aCodeFileNeedsCi() {
    long pr = forge.seed().pull("o/r", p -> p.head("c").file("docs/a.md", "x\n")
        .file("lib/x.sh", "x\n"));
    assertThat(service().ciRequiredForPr(pr)).isTrue();
  }

  @Test
  void aCodeFileOnPageTwoNeedsCi() {
    long pr = forge.seed().pull("o/r", p -> {
      p.head("many");
      for (int i = 0; i < 50; i++) {
        p.file("docs/f" + i + ".md", "x\n");
      }
      p.file("src/main.py", "x\n");
    });

    assertThat(service().ciRequiredForPr(pr)).isTrue();
    assertThat(forge.journal()).extracting(RecordedRequest::query)
        .contains("limit=50&page=1", "limit=50&page=2");
  }

  @Test
  void aPageCapBelow50DoesNotHideCode() {
    forge.setMaxPageSize(10);
    long pr = forge.seed().pull("o/r", p -> {
      p.head("capped");
      for (int i = 0; i < 12; i++) {
        p.file("docs/f" + i + ".md", "x\n");
      }
      p.file("src/z.py", "x\n");
    });
    assertThat(service().ciRequiredForPr(pr)).isTrue();
  }

  @Test
  void aCodeFileRenamedIntoDocsIsStillCode() {
    forge.faults().add(Fault.on("GET", "/repos/o/r/pulls/7/files").withStatus(200).withBody(
        "[{\"filename\":\"docs/old.py\",\"previous_filename\":\"src/old.py\","
            + "\"status\":\"renamed\"}]"));
    assertThat(service().ciRequiredForPr(7)).isTrue();
  }

  @Test
  void unreadableOrEmptyFileListNeedsCi() {
    long pr = forge.seed().pull("o/r", p -> p.head("d").file("docs/a.md", "x\n"));
    forge.faults().add(Fault.on("GET", "/repos/o/r/pulls/*/files").onCalls(1, 1).withStatus(500));
    assertThat(service().ciRequiredForPr(pr)).isTrue();
    forge.faults().clear();
    forge.faults().add(Fault.on("GET", "/repos/o/r/pulls/*/files").withStatus(200).withBody("[]"));
    assertThat(service().ciRequiredForPr(pr)).isTrue();
    forge.faults().clear();
    forge.faults().add(Fault.on("GET", "/repos/o/r/pulls/*/files").withStatus(200)
        .withBody("not json"));
    assertThat(service().ciRequiredForPr(pr)).isTrue();
  }

  @Test
  void codeFileRules() {
    assertThat(CiService.hasCodeFiles(List.of("README.MD"))).isTrue();
    assertThat(CiService.hasCodeFiles(List.of("docs"))).isTrue();
    assertThat(CiService.hasCodeFiles(List.of("sub/docs/x.py"))).isTrue();
    assertThat(CiService.hasCodeFiles(List.of("docs/a/b.py"))).isFalse();
    assertThat(CiService.hasCodeFiles(List.of("sub/guide.md"))).isFalse();
    assertThat(CiService.hasCodeFiles(List.of("a.md.txt"))).isTrue();
    assertThat(CiService.hasCodeFiles(List.of("", "docs/x"))).isFalse();
    assertThat(CiService.hasCodeFiles(List.of())).isFalse();
  }

  // ---- infraReason ----

  @Test
  void infraRules() {
    assertThat(CiService.infraReason("clone", "128", "")).hasValue(
        "clone exit 128 (connection failure)");
    assertThat(CiService.infraReason("git-fetch", "128", "")).isPresent();
    assertThat(CiService.infraReason("gitleaks", "128", "")).isPresent();
    assertThat(CiService.infraReason("build", "128", "")).isEmpty();
    assertThat(CiService.infraReason("Clone", "128", "")).isEmpty();
    assertThat(CiService.infraReason("clone", " 0128", "")).isPresent();
    assertThat(CiService.infraReason("test", "137", "")).hasValue("test exit 137 (OOM/signal 9)");
    assertThat(CiService.infraReason("test", "null", "")).isEmpty();
    assertThat(CiService.infraReason("e2e", "1", "x\n... TLS Handshake Timeout ...\ny"))
        .hasValue("e2e: log matches infra pattern (timeout/connection)");
    assertThat(CiService.infraReason("e2e", "1", "docker pull x\nerror: timeout")).isEmpty();
    assertThat(CiService.infraReason("e2e", "1", "docker pull x: i/o timeout")).isPresent();
    assertThat(CiService.infraReason("e2e", "1", "Failed to connect to forgejo port 3000"))
        .isPresent();
    assertThat(CiService.infraReason("e2e", "1", null)).isEmpty();
  }

  // ---- classifyPipelineFailure ----

  @Test
  void anInfraStepAfterACodeStepMakesItInfraAndLogsAreFetchedById() {
    long n = ci.addPipeline(repo, "failure", "push", "main", S);
    long build = ci.addStep(repo, n, "build", "failure", 1);
    long clone = ci.addStep(repo, n, "clone", "failure", 128);
    ci.addLogLines(build, "compiling", "error: expected ';'");

    FailureClassification c = service().classifyPipelineFailure(repo, n);

    assertThat(c.wire()).isEqualTo("infra clone exit 128 (connection failure)");
    assertThat(c.toFailureType().wireName()).isEqualTo("infra");
    assertThat(ci.journal()).extracting(WoodpeckerRequest::apiPath)
        .containsExactly("/repos/" + repo + "/pipelines/" + n,
            "/repos/" + repo + "/logs/" + n + "/" + build);
    assertThat(clone).isNotEqualTo(build);
  }

  @Test
  void decodedLogLinesAreMatched() {
    long n = ci.addPipeline(repo, "failure", "push", "main", S);
    long test = ci.addStep(repo, n, "test", "failure", 1);
    ci.addLogLines(test, "running", "dial tcp: connection timed out");

    assertThat(service().classifyPipelineFailure(repo, n).wire())
        .isEqualTo("infra test: log matches infra pattern (timeout/connection)");
  }

  @Test
  void onlyTheLast200LogLinesAreMatched() {
    long n = ci.addPipeline(repo, "failure", "push", "main", S);
    long test = ci.addStep(repo, n, "test", "failure", 1);
    ci.addLogLines(test, "Failed to connect to the registry");
    for (int i = 0; i < 200; i++) {
      ci.addLogLines(test, "ok " + i);
    }
    assertThat(service().classifyPipelineFailure(repo, n)).isEqualTo(
        FailureClassification.code());
  }

  @Test
  void unreadableOrGreenPipelineIsCode() {
    assertThat(service().classifyPipelineFailure(repo, 404).wire()).isEqualTo("code");
    long n = ci.addPipeline(repo, "failure", "push", "main", S);
    ci.addStep(repo, n, "a", "success", 0);
    ci.addStep(repo, n, "b", "skipped", 0);
    ci.addStep(repo, n, "c", "canceled", 137);
    assertThat(service().classifyPipelineFailure(repo, n).wire()).isEqualTo("code");
  }

  @Test
  void aStepWhoseLogTimesOutIsJudgedOnItsExitCode() {
    WoodpeckerClient slow = WoodpeckerClient.builder().server(ci.baseUrl()).token(WP_TOKEN)
        .retryPolicy(RetryPolicy.none()).readTimeout(Duration.ofMillis(200))
        .callTimeout(Duration.ofMillis(300)).clock(time).sleeper(time).build();
    long n = ci.addPipeline(repo, "failure", "push", "main", S);
    long test = ci.addStep(repo, n, "test", "failure", 1);
    ci.addLogLines(test, "connection timed out");
    ci.addFault(Fault.on("GET", "/repos/*/logs/**").withDelay(Duration.ofSeconds(2)));
    CiService s = new CiService(new CiSettings(Long.toString(repo)), slow, forgeClient,
        new CiLogReader(dataDir, OptionalLong.empty()));

    assertThat(s.classifyPipelineFailure(repo, n).wire()).isEqualTo("code");
  }

  // ---- promote ----

  @Test
  void promoteWithoutEnvironmentSendsNothing() {
    assertThatThrownBy(() -> service().promote(repo, 1, ""))
        .isInstanceOf(CiException.class)
        .hasMessage("Usage: ci_promote <repo_id> <pipeline_number> <environment>");
    assertThat(ci.journal()).isEmpty();
  }

  @Test
  void promoteSendsQueryParametersAndAnEmptyBody() throws Exception {
    long n = ci.addPipeline(repo, "success", "push", "main", S);
    ci.setAllowDeploy(repo, true);

    long created = service().promote(repo, n, "prod uction");

    assertThat(created).isEqualTo(n + 1);
    WoodpeckerRequest r = ci.journal().get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.apiTarget()).isEqualTo("/repos/" + repo + "/pipelines/" + n
        + "?event=deployment&deploy_to=prod%20uction");
    assertThat(r.body()).isEmpty();
  }

  @Test
  void promoteRefusedIsDistinct() {
    long n = ci.addPipeline(repo, "success", "push", "main", S);

    assertThatThrownBy(() -> service().promote(repo, n, "production"))
        .isInstanceOf(CiException.class)
        .hasMessageStartingWith("promote API call failed")
        .hasMessageContaining("does not allow deployments")
        .extracting(e -> ((CiException) e).kind())
        .isEqualTo(CiException.Kind.DEPLOYMENTS_NOT_ALLOWED);
  }

  @Test
  void promoteAnswerWithoutNumberFails() {
    long n = ci.addPipeline(repo, "success", "push", "main", S);
    ci.addFault(Fault.on("POST", "/repos/*/pipelines/*").withStatus(200).withBody("{}"));

    assertThatThrownBy(() -> service().promote(repo, n, "production"))
        .hasMessage("promote returned no pipeline number");
    ci.clearFaults();
    ci.addFault(Fault.on("POST", "/repos/*/pipelines/*").withStatus(500));
    assertThatThrownBy(() -> service().promote(repo, n, "production"))
        .hasMessageStartingWith("promote API call failed")
        .extracting(e -> ((CiException) e).kind()).isEqualTo(CiException.Kind.REQUEST_FAILED);
  }

  // ---- ensurePriorityLabel ----

  @Test
  void priorityLabelFoundOnceThenCached() {
    forge.seed().label("o/r", "bug", "#ff0000");
    long id = forge.seed().label("o/r", "priority", "#f59e0b");
    CiService s = service();

    assertThat(s.ensurePriorityLabel()).hasValue(id);
    forge.clearJournal();
    assertThat(s.ensurePriorityLabel()).hasValue(id);
    assertThat(forge.journal()).isEmpty();
  }

  @Test
  void priorityLabelOnALaterPageIsFound() {
    forge.setMaxPageSize(5);
    for (int i = 0; i < 7; i++) {
      forge.seed().label("o/r", "l" + i, "#000000");
    }
    long id = forge.seed().label("o/r", "priority", "#f59e0b");

    assertThat(service().ensurePriorityLabel()).hasValue(id);
    assertThat(forge.journal()).noneMatch(r -> r.method().equals("POST"));
  }

  @Test
  void missingPriorityLabelIsCreated() {
    OptionalLong id = service().ensurePriorityLabel();

    assertThat(id).isPresent();
    RecordedRequest post = forge.journal().stream().filter(r -> r.method().equals("POST"))
        .findFirst().orElseThrow();
    assertThat(post.apiPath()).isEqualTo("/repos/o/r/labels");
    assertThat(post.body()).isEqualTo("{\"name\":\"priority\",\"color\":\"#f59e0b\"}");
  }

  @Test
  void failuresAreNotCachedAndRetried() {
    forge.faults().add(Fault.on("*", "/repos/o/r/labels").onCalls(1, 2).withStatus(500));
    CiService s = service();

    assertThat(s.ensurePriorityLabel()).isEmpty();
    assertThat(s.ensurePriorityLabel()).isPresent();
    assertThat(forge.journal()).extracting(RecordedRequest::method)
        .containsExactly("GET", "POST", "GET", "POST");
  }

  // ---- logs ----

  @Test
  void logsAreTheReadersText() throws Exception {
    try (var db = ai.disinto.ci.logs.TestDbs.standard(dataDir)) {
      // built
    }
    CiLogReader reader = new CiLogReader(dataDir, OptionalLong.of(1));
    CiService s = new CiService(new CiSettings("1"), wp, forgeClient, reader);

    assertThat(s.logs(5, Optional.of("build")))
        .isEqualTo(reader.read(5, Optional.of("build")).text())
        .startsWith("+ make\n");
  }

  @Test
  void missingDatabaseIsACiExceptionWithTheReadersMessage() {
    assertThatThrownBy(() -> service().logs(5, Optional.empty()))
        .isInstanceOf(CiException.class)
        .hasMessage("Woodpecker database not found at " + dataDir.resolve("woodpecker.sqlite"));
  }

  @Test
  void tokensNeverShowInMessages() {
    ci.addFault(Fault.on("POST", "/repos/*/pipelines/*").withStatus(500)
        .withBody("bad token " + WP_TOKEN));
    assertThatThrownBy(() -> service().promote(repo, 1, "production"))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(WP_TOKEN));
  }
}
