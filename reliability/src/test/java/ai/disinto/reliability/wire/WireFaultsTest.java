package ai.disinto.reliability.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ai.disinto.ci.woodpecker.WoodpeckerClient;
import ai.disinto.core.DisintoException;
import ai.disinto.forge.client.ForgeAmbiguousWriteException;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.HostLimits;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.git.GitAuth;
import ai.disinto.git.push.ForgePush;
import ai.disinto.git.push.PushResult;
import ai.disinto.reliability.secrets.SecretsWatch;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.proxy.FaultProxy;
import ai.disinto.testkit.proxy.FaultProxy.Mode;
import ai.disinto.testkit.time.FakeTime;
import ai.disinto.testkit.woodpecker.MockWoodpecker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a server cannot do to itself, done by the {@link FaultProxy} between the client and the
 * mock: resets before and after the request was handled, bodies cut short, answers that stall
 * past the read timeout. For the forge client (a write and a read), a git push, and the CI
 * client: a result or a typed failure, within a bound, and no write done twice.
 */
class WireFaultsTest {
  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final Duration READ_TIMEOUT = Duration.ofMillis(800);

  @TempDir Path tmp;

  static ForgeClient client(String baseUrl, FakeTime time) {
    return ForgeClient.builder().baseUrl(baseUrl).repo("o/r").token("tok-wire-5ecret")
        .retryPolicy(RetryPolicy.defaults()).clock(time).sleeper(time)
        .hostLimits(HostLimits.of(8, Duration.ZERO))
        .timeouts(Duration.ofSeconds(2), READ_TIMEOUT, Duration.ofSeconds(10)).build();
  }

  static void world(MockForgejo m) {
    m.seed().user("dev-bot", u -> u.token("tok-wire-5ecret").password("pw-wire-5ecret"));
    m.seed().repo("o/r", r -> r.collaborator("dev-bot", "write").autoInit(true));
  }

  @ParameterizedTest
  @EnumSource(value = Mode.class, names = {"RESET_BEFORE", "RESET_AFTER", "TRUNCATE", "STALL"})
  void anIssueFiledThroughABrokenWireIsFiledAtMostOnceAndSaysSo(Mode mode) throws Exception {
    try (MockForgejo m = MockForgejo.start();
        FaultProxy proxy = FaultProxy.start(m.baseUrl()).stallFor(READ_TIMEOUT.multipliedBy(3))) {
      world(m);
      proxy.on(mode, "POST", "/api/v1/repos/o/r/issues", 1);
      Object outcome = assertTimeoutPreemptively(BOUND, () -> {
        try {
          return client(proxy.baseUrl(), new FakeTime()).call("POST", "/issues",
              Map.of("title", "once"), Issue.class);
        } catch (DisintoException e) {
          return e;
        }
      });
      SecretsWatch.checkOutcome(outcome);
      List<Issue> filed = client(m.baseUrl(), new FakeTime())
          .getAll("/issues?state=all&type=issues", Issue.class);
      assertThat(filed).as("filed at most once (%s)", outcome).hasSizeLessThanOrEqualTo(1);
      if (outcome instanceof Issue) {
        assertThat(filed).hasSize(1);
      } else if (mode == Mode.RESET_BEFORE) {
        assertThat(filed).isEmpty();
      } else {
        // The forge may have done it: the client must not claim to know otherwise.
        assertThat(outcome).isInstanceOfAny(ForgeAmbiguousWriteException.class,
            ForgeException.class);
      }
      assertThat(proxy.hits()).isNotEmpty();
      SecretsWatch.checkJournal(m);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Mode.class, names = {"RESET_BEFORE", "RESET_AFTER", "TRUNCATE", "STALL"})
  void aReadThroughABrokenWireIsRetriedOrFailsTyped(Mode mode) throws Exception {
    try (MockForgejo m = MockForgejo.start();
        FaultProxy proxy = FaultProxy.start(m.baseUrl()).stallFor(READ_TIMEOUT.multipliedBy(3))) {
      world(m);
      long n = m.seed().issue("o/r", i -> i.title("read me"));
      proxy.on(mode, "GET", "/api/v1/repos/o/r/issues/" + n, 1);
      Issue got = assertTimeoutPreemptively(BOUND, () ->
          client(proxy.baseUrl(), new FakeTime()).get("/issues/" + n, Issue.class));
      assertThat(got.title()).as("a GET is retried past one broken answer").isEqualTo("read me");
    }
  }

  @ParameterizedTest
  @EnumSource(value = Mode.class, names = {"RESET_BEFORE", "RESET_AFTER", "TRUNCATE", "STALL"})
  void aGitPushThroughABrokenWireEndsInAnOutcomeThatMatchesTheForge(Mode mode) throws Exception {
    try (MockForgejo m = MockForgejo.start();
        FaultProxy proxy = FaultProxy.start(m.baseUrl()).stallFor(READ_TIMEOUT.multipliedBy(3))) {
      m.seed().user("dev-bot", u -> u.token("tok-wire-5ecret").password("pw-wire-5ecret"));
      m.seed().repo("o/r", r -> r.collaborator("dev-bot", "write").autoInit(false));
      Path repo = tmp.resolve("work");
      String sha;
      try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
        Files.writeString(repo.resolve("README.md"), "hello\n");
        git.add().addFilepattern("README.md").call();
        sha = git.commit().setMessage("first").setAuthor("t", "t@example.invalid")
            .setCommitter("t", "t@example.invalid").call().getName();
      }
      proxy.on(mode, "POST", "/o/r\\.git/git-receive-pack", 1);
      FakeTime time = new FakeTime();
      PushResult r = assertTimeoutPreemptively(BOUND, () ->
          new ForgePush(client(m.baseUrl(), time), time)
              .push(repo, proxy.baseUrl(), "o/r", new GitAuth("dev-bot", "pw-wire-5ecret")));
      SecretsWatch.checkOutcome(r);
      Optional<String> head = m.branchHead("o/r", "main");
      if (r.succeeded()) {
        assertThat(head).as("a push reported done is on the forge").contains(sha);
      } else {
        assertThat(r.outcome()).isIn(PushResult.Outcome.BRANCHES_FAILED,
            PushResult.Outcome.PUSHED_UNVERIFIED);
        assertThat(r.toString()).doesNotContain("pw-wire-5ecret");
      }
      assertThat(head.isEmpty() || head.get().equals(sha)).as("no other state: %s, %s", head, r)
          .isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(value = Mode.class, names = {"RESET_BEFORE", "RESET_AFTER", "TRUNCATE", "STALL"})
  void aCiReadThroughABrokenWireIsRetriedOrFailsTyped(Mode mode) throws Exception {
    try (MockWoodpecker ci = MockWoodpecker.start();
        FaultProxy proxy = FaultProxy.start(ci.baseUrl()).stallFor(READ_TIMEOUT.multipliedBy(3))) {
      ci.addUser("dev-bot", "wp-tok-5ecret", false);
      proxy.on(mode, "GET", "/api/user", 1);
      FakeTime time = new FakeTime();
      WoodpeckerClient wp = WoodpeckerClient.builder().server(proxy.baseUrl())
          .token("wp-tok-5ecret").readTimeout(READ_TIMEOUT).callTimeout(Duration.ofSeconds(10))
          .clock(time).sleeper(time).build();
      Object outcome = assertTimeoutPreemptively(BOUND, () -> {
        try {
          return wp.api("/user");
        } catch (DisintoException e) {
          return e;
        }
      });
      SecretsWatch.checkOutcome(outcome);
      assertThat(outcome).isNotNull();
    }
  }
}
