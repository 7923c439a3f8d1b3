package ai.disinto.ci.helpers;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.ci.debug.CiDebug;
import ai.disinto.ci.logs.CiLogReader;
import ai.disinto.ci.woodpecker.WoodpeckerClient;
import ai.disinto.core.agent.AgentResult;
import ai.disinto.core.agent.AgentRunner;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.forge.client.model.PullRequest;
import ai.disinto.forge.pulls.CreateResult;
import ai.disinto.forge.pulls.MergeWalk;
import ai.disinto.forge.pulls.PullRequests;
import ai.disinto.forge.pulls.PullsConfig;
import ai.disinto.forge.pulls.RetriggerResult;
import ai.disinto.forge.pulls.WalkExitReason;
import ai.disinto.forge.pulls.WalkResult;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.time.FakeTime;
import ai.disinto.testkit.woodpecker.MockWoodpecker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walk-to-merge on real CI: a commit whose {@code .woodpecker.yml} test fails is pushed over git
 * to a MockForgejo, the linked MockWoodpecker runs the pipeline for real, the walk's CI-fix
 * prompt carries the failing step's real log lines (read from the Woodpecker SQLite store the
 * mock wrote), the agent pushes a fix, CI turns green, the review bot approves and the PR is
 * merged in the bare repository.
 *
 * <p>No real waiting: every poll of the walk goes through a {@link FakeTime} whose sleeps wait
 * for the Woodpecker runner to be idle (a condition, not a poll) and then let the review bot act.
 */
class WalkToMergeOnRealCiTest {
  private static final String REPO = "owner/proj";
  private static final String BRANCH = "fix/issue-7";
  private static final String WP_TOKEN = "wp-token";
  private static final String REVIEWER = "review-bot";
  private static final Duration IDLE = Duration.ofSeconds(90);

  @TempDir Path tmp;

  private final FakeTime time = new FakeTime();
  private MockForgejo forge;
  private MockWoodpecker woodpecker;
  private Git git;
  private Path work;

  @BeforeEach
  void world() throws Exception {
    forge = MockForgejo.start();
    forge.seed()
        .user("owner", u -> u.password("owner-pw").token("tok-owner"))
        .user(REVIEWER, u -> u.password("review-pw").token("tok-review"))
        .repo(REPO, r -> r.collaborator(REVIEWER, "write"));
    woodpecker = MockWoodpecker.builder().linkedTo(forge).dataDir(tmp.resolve("wp-data"))
        .workDir(tmp.resolve("wp-runs")).stepTimeout(Duration.ofSeconds(60)).start();
    woodpecker.addUser("admin", WP_TOKEN, true);
    work = tmp.resolve("clone");
    git = Git.cloneRepository().setURI(forge.cloneUrl("owner", "proj"))
        .setDirectory(work.toFile()).setCredentialsProvider(creds()).call();
  }

  @AfterEach
  void close() {
    if (git != null) {
      git.close();
    }
    if (woodpecker != null) {
      woodpecker.close();
    }
    if (forge != null) {
      forge.close();
    }
  }

  @Test
  void failingPipelineLogsReachTheAgentAndTheFixMerges() throws Exception {
    long repoId = woodpecker.addRepo(REPO);
    commitAndPush("main", Map.of(
        ".woodpecker.yml", """
            steps:
              - name: test
                image: bash
                commands:
                  - bash test.sh
            """,
        "test.sh", """
            got="$(bash add.sh 2 2)"
            if [ "$got" != 4 ]; then
              echo "FAIL: add 2 2 expected 4, got $got"
              exit 1
            fi
            echo "ok: add 2 2 = 4"
            """,
        "add.sh", "echo $(( $1 + $2 ))\n"), "project with a test");
    assertThat(woodpecker.awaitIdle(IDLE)).isTrue();

    // The agent's first attempt breaks the addition; CI must catch it.
    git.checkout().setCreateBranch(true).setName(BRANCH).call();
    commitAndPush(BRANCH, Map.of("add.sh", "echo $(( $1 * $2 + 1 ))\n"), "add: faster");

    ForgeClient dev = ForgeClient.builder().baseUrl(forge.baseUrl()).repo(REPO)
        .token("tok-owner").retryPolicy(RetryPolicy.none()).build();
    ForgeClient reviewer = dev.withToken("tok-review");
    PullRequests prs = PullRequests.builder(dev)
        .config(PullsConfig.defaults().withReviewBots(Set.of(REVIEWER)))
        .sleeper(time)
        .build();
    CreateResult created = prs.create(BRANCH, "Fix #7", "Closes #7");
    assertThat(created.number()).isPresent();
    long pr = created.number().getAsLong();

    Set<String> reviewed = new HashSet<>();
    time.afterEachSleep(() -> {
      idle();
      approveGreenHead(dev, reviewer, pr, reviewed);
    });

    WoodpeckerClient wp = WoodpeckerClient.builder().server(woodpecker.baseUrl())
        .token(WP_TOKEN).retryPolicy(RetryPolicy.none()).clock(time).sleeper(time).build();
    CiService ci = new CiService(new CiSettings(Long.toString(repoId)), wp, dev,
        new CiLogReader(tmp.resolve("wp-data"), OptionalLong.of(repoId)));
    WoodpeckerCiGate gate = new WoodpeckerCiGate(ci, new CiDebug(wp, repoId));

    List<String> prompts = new ArrayList<>();
    AgentRunner agent = (prompt, session, worktree) -> {
      prompts.add(prompt);
      try {
        commitAndPush(BRANCH, Map.of("add.sh", "echo $(( $1 + $2 ))\n"), "add: fix the sum");
      } catch (Exception e) {
        throw new AssertionError("the agent's push failed", e);
      }
      return new AgentResult(0, "session-1", "fixed");
    };
    AtomicInteger retriggers = new AtomicInteger();
    MergeWalk walk = MergeWalk.builder(prs, gate, agent, (worktree, remote, primary) -> {
      retriggers.incrementAndGet();
      return new RetriggerResult(0, "");
    }).build();

    WalkResult result = walk.walk(pr, "", work);

    assertThat(result.reason()).isEqualTo(WalkExitReason.MERGED);
    assertThat(result.ciFixes()).isEqualTo(1);
    assertThat(retriggers).as("a code failure is not retriggered").hasValue(0);
    assertThat(prompts).hasSize(1);
    assertThat(prompts.get(0))
        .as("the CI-fix prompt carries the failing step's real output")
        .contains("FAIL: add 2 2 expected 4, got 5")
        .contains("+ bash test.sh")
        .as("and ci-debug's digest of the failed step")
        .contains("=== FAILED: test");
    Map<String, byte[]> merged = forge.filesAt(REPO, forge.branchHead(REPO, "main").orElseThrow());
    assertThat(new String(merged.get("add.sh"), StandardCharsets.UTF_8))
        .isEqualTo("echo $(( $1 + $2 ))\n");
    assertThat(prs.isMerged(pr).merged()).isTrue();
    assertThat(woodpecker.awaitIdle(IDLE)).isTrue();
    assertThat(gate.commitStatus(forge.branchHead(REPO, "main").orElseThrow()).name())
        .isEqualTo("SUCCESS");
  }

  private void idle() {
    try {
      if (!woodpecker.awaitIdle(IDLE)) {
        throw new AssertionError("the Woodpecker runner did not finish within " + IDLE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for the Woodpecker runner", e);
    }
  }

  /** The review bot approves a PR head once CI passed on it, as the review agent writes it. */
  private static void approveGreenHead(ForgeClient dev, ForgeClient reviewer, long pr,
      Set<String> reviewed) {
    PullRequest p = dev.get("/pulls/" + pr, PullRequest.class);
    String sha = p.head().sha();
    if (!"open".equals(p.state()) || reviewed.contains(sha)) {
      return;
    }
    Map<?, ?> status = dev.get("/commits/" + sha + "/status", Map.class);
    if (!"success".equals(status.get("state"))) {
      return;
    }
    reviewed.add(sha);
    reviewer.call("POST", "/issues/" + pr + "/comments", Map.of("body",
        "## AI Review\n<!-- reviewed: " + sha + " -->\n\nThe sum is right again.\n\n"
            + "### Verdict\n**APPROVE** — ready to merge\n"), Void.class);
  }

  private void commitAndPush(String branch, Map<String, String> files, String message)
      throws Exception {
    for (Map.Entry<String, String> f : files.entrySet()) {
      Files.writeString(work.resolve(f.getKey()), f.getValue());
      git.add().addFilepattern(f.getKey()).call();
    }
    git.commit().setMessage(message).setAuthor("Dev", "dev@example.invalid")
        .setCommitter("Dev", "dev@example.invalid").setSign(false).call();
    git.push().setRemote("origin").setRefSpecs(new RefSpec("HEAD:refs/heads/" + branch))
        .setCredentialsProvider(creds()).call();
  }

  private static UsernamePasswordCredentialsProvider creds() {
    return new UsernamePasswordCredentialsProvider("owner", "owner-pw");
  }
}
