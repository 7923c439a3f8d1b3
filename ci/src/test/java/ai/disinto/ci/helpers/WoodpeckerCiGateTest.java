package ai.disinto.ci.helpers;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.ci.logs.CiLogReader;
import ai.disinto.ci.logs.TestDbs;
import ai.disinto.ci.woodpecker.WoodpeckerClient;
import ai.disinto.core.DisintoException;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.forge.pulls.CiPoller;
import ai.disinto.forge.pulls.CiResult;
import ai.disinto.forge.pulls.CiState;
import ai.disinto.forge.pulls.CommitState;
import ai.disinto.forge.pulls.FailureType;
import ai.disinto.forge.pulls.PullRequests;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import ai.disinto.testkit.time.FakeTime;
import ai.disinto.testkit.woodpecker.MockWoodpecker;
import ai.disinto.testkit.woodpecker.MockWoodpeckerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The walk-to-merge CI port on Woodpecker, over the mocks and a real log store. */
@ExtendWith({MockForgejoExtension.class, MockWoodpeckerExtension.class})
class WoodpeckerCiGateTest {
  private final FakeTime time = new FakeTime();
  private MockForgejo forge;
  private MockWoodpecker ci;
  private ForgeClient forgeClient;
  private WoodpeckerClient wp;
  private long repo;
  @TempDir Path dataDir;

  @BeforeEach
  void world(MockForgejo forge, MockWoodpecker ci) {
    this.forge = forge;
    this.ci = ci;
    forge.seed().user("o", u -> u.password("pw").token("tok-o"));
    forge.seed().repo("o/r");
    forgeClient = ForgeClient.builder().baseUrl(forge.baseUrl()).repo("o/r").token("tok-o")
        .retryPolicy(RetryPolicy.none()).build();
    ci.addUser("bot", "wp-tok", true);
    repo = ci.addRepo("o/r");
    wp = WoodpeckerClient.builder().server(ci.baseUrl()).token("wp-tok")
        .retryPolicy(RetryPolicy.none()).clock(time).sleeper(time).build();
  }

  private CiService service(String repoId) {
    return new CiService(new CiSettings(repoId), wp, forgeClient,
        new CiLogReader(dataDir, OptionalLong.of(1)));
  }

  @Test
  void statesMapToTheEnum() {
    String sha = forge.pushBranch("o/r", "b", null);
    WoodpeckerCiGate gate = new WoodpeckerCiGate(service(Long.toString(repo)));
    assertThat(gate.ciConfigured()).isTrue();
    assertThat(new WoodpeckerCiGate(service("0")).ciConfigured()).isFalse();

    assertThat(gate.commitStatus(sha)).isEqualTo(CommitState.UNKNOWN);
    ci.addPipeline(repo, "running", "push", "b", sha);
    assertThat(gate.commitStatus(sha)).isEqualTo(CommitState.PENDING);
    ci.addPipeline(repo, "killed", "push", "b", sha);
    assertThat(gate.commitStatus(sha)).isEqualTo(CommitState.FAILURE);
    assertThat(gate.pipelineNumber(sha)).hasValue(2);
  }

  @Test
  void classifiesWithTheConfiguredRepository() {
    long n = ci.addPipeline(repo, "failure", "push", "main", "abc");
    ci.addStep(repo, n, "test", "failure", 137);

    assertThat(new WoodpeckerCiGate(service(Long.toString(repo))).classify(n))
        .isEqualTo(FailureType.INFRA);
    assertThat(new WoodpeckerCiGate(service("")).classify(n)).isEqualTo(FailureType.CODE);
  }

  @Test
  void stepLogsComeFromTheLogStoreAndDigestFromTheFunction() throws Exception {
    try (AutoCloseable db = TestDbs.standard(dataDir)) {
      // written
    }
    WoodpeckerCiGate gate = new WoodpeckerCiGate(service("1"), p -> "digest of #" + p);

    assertThat(gate.stepLogs(5)).isEqualTo("+ make\ncc -c main.c\nmain.c:3: error: expected ';'"
        + "\n+ golint ./...\nKilled\nmake: *** [all] Error 1");
    assertThat(gate.failureDigest(5)).isEqualTo("digest of #5");
  }

  @Test
  void missingStoreAndFailingDigestAreEmpty() {
    WoodpeckerCiGate gate = new WoodpeckerCiGate(service("1"), p -> {
      throw new DisintoException("ci-debug unavailable");
    });
    assertThat(gate.stepLogs(5)).isEmpty();
    assertThat(gate.failureDigest(5)).isEmpty();
    assertThat(new WoodpeckerCiGate(service("1"), p -> null).failureDigest(5)).isEmpty();
    assertThat(new WoodpeckerCiGate(service("1")).failureDigest(5)).isEmpty();
  }

  @Test
  void pollCiReportsAWoodpeckerInfraFailureWithTheDigest() {
    long pr = forge.seed().pull("o/r", p -> p.head("fix").file("src/A.java", "class A {}\n"));
    String sha = forge.seed().headSha("o/r", pr);
    long n = ci.addPipeline(repo, "running", "pull_request", "fix", sha);
    ci.addStep(repo, n, "clone", "failure", 128);
    ci.addFault(Fault.on("GET", "/repos/*/pipelines").onCalls(1, 1).withStatus(200)
        .withBody("[{\"number\":" + n + ",\"commit\":\"" + sha + "\",\"status\":\"running\"}]"));
    PullRequests prs = PullRequests.builder(forgeClient).sleeper(time).build();
    WoodpeckerCiGate gate = new WoodpeckerCiGate(service(Long.toString(repo)),
        p -> "=== step clone (exit 128) ===");
    ci.addFault(Fault.on("GET", "/repos/*/pipelines").onCalls(2, 0).withStatus(200)
        .withBody("[{\"number\":" + n + ",\"commit\":\"" + sha + "\",\"status\":\"failure\"}]"));

    CiResult r = new CiPoller(prs, gate).poll(pr, Duration.ofMinutes(5), Duration.ofSeconds(30));

    assertThat(r.state()).isEqualTo(CiState.FAILURE);
    assertThat(r.pipeline()).hasValue(n);
    assertThat(r.failureType()).hasValue(FailureType.INFRA);
    assertThat(r.errorLog()).isEqualTo("=== step clone (exit 128) ===");
  }
}
