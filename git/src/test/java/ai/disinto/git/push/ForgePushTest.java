package ai.disinto.git.push;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.git.GitAuth;
import ai.disinto.git.GitRig;
import ai.disinto.git.push.PushResult.Outcome;
import ai.disinto.log.CapturedLog;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.RecordedRequest;
import ai.disinto.testkit.time.FakeTime;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The push goes to a real bare repository through a file URL; the API check goes to the mock
 * forge over HTTP.
 */
class ForgePushTest {
  static final String PASS = "bot-secret-77";
  static final String REPO_API = "/repos/o/r";
  @TempDir Path tmp;
  MockForgejo forge;
  FakeTime time = new FakeTime();
  GitRig rig;
  Path target;
  String gitBase;
  ForgePush pusher;
  GitAuth auth = new GitAuth("dev-bot", PASS);
  String c1;

  @BeforeEach
  void setUp() throws IOException {
    forge = MockForgejo.start();
    forge.seed().user("dev-bot", u -> u.password(PASS).token("tok-dev"))
        .repo("o/r", r -> r.collaborator("dev-bot", "write"));
    rig = GitRig.create(tmp);
    rig.ok(rig.repo, "tag", "v1");
    c1 = rig.ok(rig.repo, "rev-parse", "HEAD");
    target = rig.root.resolve("forge/o/r.git");
    rig.ok(rig.root, "init", "-q", "--bare", "-b", "main", target.toString());
    gitBase = rig.root.resolve("forge").toUri().toString();
    pusher = new ForgePush(ForgeClient.builder().baseUrl(forge.baseUrl()).token("tok-dev")
        .retryPolicy(RetryPolicy.none()).clock(time).sleeper(time).build(), time);
  }

  @AfterEach
  void tearDown() {
    forge.close();
  }

  String remoteUrl() {
    return gitBase.replaceAll("/+$", "") + "/o/r.git";
  }

  List<RecordedRequest> repoCalls() {
    return forge.journal().stream().filter(r -> r.apiPath().equals(REPO_API)).toList();
  }

  static CapturedLog progress() {
    return CapturedLog.start(CapturedLog.AGENT, java.time.Clock.systemUTC(),
        org.slf4j.event.Level.DEBUG);
  }

  static List<String> progressLines(CapturedLog log) {
    return log.messages().stream().filter(m -> m.matches("^(Remote|Push|Pushing|Verify):.*"))
        .toList();
  }

  /**
   * The forge's answers after a push that arrived: not empty, {@code main} at {@code sha}. The git
   * target here is a file URL the mock does not see, so its API answers are injected; a rule added
   * before this one wins.
   */
  void forgeHasMainAt(String sha) {
    forge.faults().add(Fault.on("GET", REPO_API).withStatus(200)
        .withBody("{\"id\":1,\"empty\":false}"));
    forge.faults().add(Fault.on("GET", REPO_API + "/branches/main").withStatus(200)
        .withBody("{\"name\":\"main\",\"commit\":{\"id\":\"" + sha + "\"}}"));
  }

  @Test
  void aRepositoryWithoutCommitsIsSkipped() {
    Path empty = rig.root.resolve("empty");
    rig.ok(rig.root, "init", "-q", empty.toString());
    try (CapturedLog log = progress()) {
      PushResult r = pusher.push(empty, gitBase, "o/r", auth);

      assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED_NO_COMMITS);
      assertThat(r.succeeded()).isTrue();
      assertThat(progressLines(log)).containsExactly("Remote:  forgejo -> " + remoteUrl(),
          "Push:    skipped (local repo has no commits)");
    }
    assertThat(rig.ok(empty, "remote", "get-url", "forgejo")).isEqualTo(remoteUrl());
    assertThat(forge.journal()).isEmpty();
  }

  @Test
  void aBakedRemoteUrlIsReplacedByTheCleanOne() {
    rig.ok(rig.repo, "remote", "add", "forgejo", "http://dev-bot:old@host/x.git");
    rig.ok(rig.repo, "config", "remote.forgejo.pushurl", "http://dev-bot:old@host/x.git");
    forgeHasMainAt(c1);

    assertThat(pusher.push(rig.repo, gitBase, "o/r", auth).outcome())
        .isEqualTo(Outcome.PUSHED_VERIFIED);

    assertThat(rig.ok(rig.repo, "remote", "get-url", "forgejo")).isEqualTo(remoteUrl());
    assertThat(rig.ok(rig.repo, "config", "--list")).doesNotContain("old@");
  }

  @Test
  void happyPathPushesBranchesAndTagsAndVerifiesOnce() {
    forgeHasMainAt(c1);
    try (CapturedLog log = progress()) {
      PushResult r = pusher.push(rig.repo, gitBase, "o/r", auth);

      assertThat(r.outcome()).isEqualTo(Outcome.PUSHED_VERIFIED);
      assertThat(progressLines(log)).containsExactly("Remote:  forgejo -> " + remoteUrl(),
          "Pushing: branches to forgejo", "Pushing: tags to forgejo",
          "Verify:  repo is not empty (push confirmed)");
    }
    assertThat(rig.ok(target, "rev-parse", "refs/heads/main")).isEqualTo(c1);
    assertThat(rig.ok(target, "rev-parse", "refs/tags/v1")).isEqualTo(c1);
    assertThat(repoCalls()).hasSize(1);
    assertThat(repoCalls().get(0).authKind()).isEqualTo(RecordedRequest.AuthKind.TOKEN);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void aRepositoryWithoutTagsPushesItsBranches() {
    rig.ok(rig.repo, "tag", "-d", "v1");
    forgeHasMainAt(c1);

    PushResult r = pusher.push(rig.repo, gitBase, "o/r", auth);

    assertThat(r.outcome()).as(r.detail()).isEqualTo(Outcome.PUSHED_VERIFIED);
    assertThat(rig.ok(target, "rev-parse", "refs/heads/main")).isEqualTo(c1);
  }

  @Test
  void indexingDelayIsWaitedOut() {
    forge.faults().add(Fault.on("GET", REPO_API).onCalls(1, 2).withStatus(200)
        .withBody("{\"id\":1,\"empty\":true}"));
    forgeHasMainAt(c1);

    PushResult r = pusher.push(rig.repo, gitBase, "o/r", auth);

    assertThat(r.outcome()).isEqualTo(Outcome.PUSHED_VERIFIED);
    assertThat(repoCalls()).hasSize(3);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
  }

  @Test
  void stillEmptyAfterFiveChecksIsAFailure() {
    forge.faults().add(Fault.on("GET", REPO_API).withStatus(200)
        .withBody("{\"id\":1,\"empty\":true}"));

    PushResult r = pusher.push(rig.repo, gitBase, "o/r", auth);

    assertThat(r.outcome()).isEqualTo(Outcome.STILL_EMPTY);
    assertThat(r.succeeded()).isFalse();
    assertThat(repoCalls()).hasSize(5);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2),
        Duration.ofSeconds(2), Duration.ofSeconds(2));
  }

  @Test
  void aBranchTheForgeDoesNotShowIsRetriedLikeAnEmptyRepository() {
    forgeHasMainAt("0123456789012345678901234567890123456789");

    PushResult r = pusher.push(rig.repo, gitBase, "o/r", auth);

    assertThat(r.outcome()).isEqualTo(Outcome.STILL_EMPTY);
    assertThat(r.detail()).contains("main", c1);
  }

  @Test
  void anUnreachableApiLeavesThePushUnverified() {
    forge.faults().add(Fault.on("GET", REPO_API).withStatus(500));
    try (CapturedLog log = progress()) {
      PushResult r = pusher.push(rig.repo, gitBase, "o/r", auth);

      assertThat(r.outcome()).isEqualTo(Outcome.PUSHED_UNVERIFIED);
      assertThat(r.succeeded()).isTrue();
      assertThat(log.messages()).noneMatch(m -> m.startsWith("Verify:"))
          .anyMatch(m -> m.startsWith("push to forgejo not verified"));
    }
    assertThat(repoCalls()).hasSize(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void aMissingEmptyFieldCountsAsNotEmpty() {
    forge.faults().add(Fault.on("GET", REPO_API).withStatus(200).withBody("{\"id\":1}"));
    forgeHasMainAt(c1);

    assertThat(pusher.push(rig.repo, gitBase, "o/r", auth).outcome())
        .isEqualTo(Outcome.PUSHED_VERIFIED);
  }

  @Test
  void aMalformedAnswerLeavesThePushUnverifiedWithAWarning() {
    forge.faults().add(Fault.on("GET", REPO_API).withStatus(200).withBody("<html>"));
    try (CapturedLog log = CapturedLog.start()) {
      PushResult r = pusher.push(rig.repo, gitBase, "o/r", auth);

      assertThat(r.outcome()).isEqualTo(Outcome.PUSHED_UNVERIFIED);
      assertThat(log.messages()).anyMatch(m -> m.contains("not verified"));
    }
  }

  @Test
  void aRejectedBranchIsAFailureNamingTheRefAndTagsAreNotPushed() throws IOException {
    Path other = rig.root.resolve("other");
    rig.ok(rig.root, "clone", "-q", rig.remote.toString(), other.toString());
    rig.commitFile(other, "diverged.txt", "d\n", "diverged");
    rig.ok(other, "push", "-q", target.toString(), "main");

    PushResult r = pusher.push(rig.repo, gitBase, "o/r", auth);

    assertThat(r.outcome()).isEqualTo(Outcome.BRANCHES_FAILED);
    assertThat(r.rejected()).extracting(PushResult.RefFailure::ref)
        .containsExactly("refs/heads/main");
    assertThat(r.rejected().get(0).status()).isEqualTo("REJECTED_NONFASTFORWARD");
    assertThat(rig.run(target, "rev-parse", "--verify", "refs/tags/v1").succeeded()).isFalse();
    assertThat(forge.journal()).isEmpty();
  }

  @Test
  void aRejectedTagIsATagFailure() throws IOException {
    Path other = rig.root.resolve("other");
    rig.ok(rig.root, "clone", "-q", rig.remote.toString(), other.toString());
    rig.ok(other, "push", "-q", target.toString(), "main");
    rig.commitFile(other, "t.txt", "t\n", "elsewhere");
    rig.ok(other, "tag", "v1");
    rig.ok(other, "push", "-q", target.toString(), "refs/tags/v1");

    PushResult r = pusher.push(rig.repo, gitBase, "o/r", auth);

    assertThat(r.outcome()).isEqualTo(Outcome.TAGS_FAILED);
    assertThat(r.rejected()).extracting(PushResult.RefFailure::ref)
        .containsExactly("refs/tags/v1");
  }

  @Test
  void onlyLocalBranchesArePushed() throws IOException {
    Path other = rig.otherClone("up");
    rig.ok(other, "checkout", "-q", "-b", "feature");
    rig.commitFile(other, "f.txt", "f\n", "feature");
    rig.ok(other, "push", "-q", "origin", "feature");
    rig.ok(rig.repo, "fetch", "-q", "origin");
    assertThat(rig.ok(rig.repo, "rev-parse", "origin/feature")).isNotEmpty();
    forgeHasMainAt(c1);

    pusher.push(rig.repo, gitBase, "o/r", auth);

    assertThat(rig.run(target, "rev-parse", "--verify", "refs/heads/feature").succeeded())
        .isFalse();
  }

  @Test
  void aNetworkFailureIsABranchFailureWithoutThePassword() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (CapturedLog log = progress()) {
      PushResult r = pusher.push(rig.repo, "http://127.0.0.1:" + port, "o/r", auth);

      assertThat(r.outcome()).isEqualTo(Outcome.BRANCHES_FAILED);
      assertThat(r.detail()).isNotEmpty().doesNotContain(PASS);
      assertThat(log.text()).doesNotContain(PASS);
    }
    assertThat(rig.ok(rig.repo, "status", "--porcelain")).isEmpty();
  }

  @Test
  void theSecretIsNowhere() throws IOException {
    forgeHasMainAt(c1);
    try (CapturedLog log = progress()) {
      pusher.push(rig.repo, gitBase, "o/r", auth);
      assertThat(log.text()).isNotEmpty().doesNotContain(PASS);
    }
    assertThat(rig.ok(rig.repo, "config", "--list")).doesNotContain(PASS);
    try (Stream<Path> files = Files.walk(tmp)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).as("%s", f)
            .doesNotContain(PASS);
      }
    }
    assertThat(auth.toString()).doesNotContain(PASS);
  }
}
