package ai.disinto.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.ci.debug.CiDebug;
import ai.disinto.ci.helpers.CiService;
import ai.disinto.ci.helpers.CiSettings;
import ai.disinto.ci.helpers.WoodpeckerCiGate;
import ai.disinto.ci.logs.CiLogReader;
import ai.disinto.ci.woodpecker.WoodpeckerClient;
import ai.disinto.core.WaitListener;
import ai.disinto.core.WaitProgress;
import ai.disinto.core.agent.AgentResult;
import ai.disinto.core.agent.AgentRunner;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.model.PullRequest;
import ai.disinto.forge.pulls.PullsConfig;
import ai.disinto.forge.pulls.WalkExitReason;
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
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding example works one issue against MockForgejo and a linked MockWoodpecker that
 * really runs the project's pipeline: the agent's first push fails CI, the CI-fix prompt carries
 * the failing log, the fix passes, the review bot approves, the PR merges and the issue closes.
 */
class OneIssueFactoryTest {
  private static final String REPO = "acme/calc";
  private static final String DEV = "dev-bot";
  private static final String REVIEWER = "review-bot";
  private static final Duration IDLE = Duration.ofSeconds(90);

  @TempDir Path tmp;

  private final FakeTime time = new FakeTime();
  private MockForgejo forge;
  private MockWoodpecker woodpecker;
  private Git git;
  private Path clone;

  @BeforeEach
  void world() throws Exception {
    forge = MockForgejo.start();
    forge.seed()
        .user("acme", u -> u.password("acme-pw"))
        .user(DEV, u -> u.password("dev-pw").token("tok-dev"))
        .user(REVIEWER, u -> u.password("review-pw").token("tok-review"))
        .repo(REPO, r -> r.collaborator(DEV, "write").collaborator(REVIEWER, "write"));
    for (String label : List.of("backlog", "in-progress", "blocked")) {
      forge.seed().label(REPO, label, "#0075ca");
    }
    woodpecker = MockWoodpecker.builder().linkedTo(forge).dataDir(tmp.resolve("wp-data"))
        .workDir(tmp.resolve("wp-runs")).stepTimeout(Duration.ofSeconds(60)).start();
    woodpecker.addUser("admin", "wp-token", true);
    clone = tmp.resolve("clone");
    git = Git.cloneRepository().setURI(forge.cloneUrl("acme", "calc"))
        .setDirectory(clone.toFile()).setCredentialsProvider(creds()).call();
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
  void anIssueIsClaimedImplementedFixedAfterRedCiMergedAndClosed() throws Exception {
    long repoId = woodpecker.addRepo(REPO);
    commitAndPush("main", Map.of(
        ".woodpecker.yml", "steps:\n  - name: test\n    image: bash\n    commands:\n"
            + "      - bash test.sh\n",
        "test.sh", "got=\"$(bash add.sh 2 3)\"\n[ \"$got\" = 5 ] || { echo \"FAIL: add 2 3 gave "
            + "$got\"; exit 1; }\necho ok\n",
        "add.sh", "echo 0\n"), "a calculator that cannot add");
    idle();
    long issue = forge.seed().issue(REPO, i -> i.title("add.sh must add").labels("backlog"));

    ForgeClient dev = ForgeClient.builder().baseUrl(forge.baseUrl()).repo(REPO).token("tok-dev")
        .retryPolicy(RetryPolicy.none()).build();
    ForgeClient reviewer = dev.withToken("tok-review");
    WoodpeckerClient wp = WoodpeckerClient.builder().server(woodpecker.baseUrl())
        .token("wp-token").retryPolicy(RetryPolicy.none()).clock(time).sleeper(time).build();
    CiService ci = new CiService(new CiSettings(Long.toString(repoId)), wp, dev,
        new CiLogReader(tmp.resolve("wp-data"), OptionalLong.of(repoId)));

    List<String> prompts = new ArrayList<>();
    AgentRunner agent = (prompt, session, worktree) -> {
      prompts.add(prompt);
      String sum = prompts.size() == 1 ? "echo $(( $1 * $2 ))\n" : "echo $(( $1 + $2 ))\n";
      try {
        commitAndPush("fix/issue-" + issue, Map.of("add.sh", sum), "add: attempt " + prompts.size());
      } catch (Exception e) {
        throw new AssertionError("the agent's push failed", e);
      }
      return new AgentResult(0, "session-1", "done");
    };
    Set<String> reviewed = new HashSet<>();
    time.afterEachSleep(() -> {
      idle();
      approveGreenHeads(dev, reviewer, reviewed);
    });
    List<String> waits = new ArrayList<>();
    WaitListener listener = (WaitProgress p) -> waits.add(p.subject());

    OneIssueFactory factory = new OneIssueFactory(dev,
        new WoodpeckerCiGate(ci, new CiDebug(wp, repoId)), agent,
        PullsConfig.defaults().withReviewBots(Set.of(REVIEWER)), time, time, listener, Map.of());
    OneIssueFactory.Outcome outcome = factory.workNextIssue(clone);

    assertThat(outcome.merged()).as(outcome.detail()).isTrue();
    assertThat(outcome.issue()).hasValue(issue);
    assertThat(outcome.walk().reason()).isEqualTo(WalkExitReason.MERGED);
    assertThat(outcome.walk().ciFixes()).isEqualTo(1);
    assertThat(prompts).hasSize(2);
    assertThat(prompts.get(0)).contains("issue #" + issue, "fix/issue-" + issue);
    assertThat(prompts.get(1)).as("the CI-fix prompt carries the real failing log")
        .contains("FAIL: add 2 3 gave 6");
    assertThat(waits).anyMatch(s -> s.startsWith("CI on PR #"))
        .anyMatch(s -> s.startsWith("review of PR #"));
    Map<String, byte[]> main = forge.filesAt(REPO, forge.branchHead(REPO, "main").orElseThrow());
    assertThat(new String(main.get("add.sh"), StandardCharsets.UTF_8))
        .isEqualTo("echo $(( $1 + $2 ))\n");
    Issue closed = dev.get("/issues/" + issue, Issue.class);
    assertThat(closed.state()).isEqualTo("closed");
  }

  @Test
  void withNothingReadyNothingIsClaimed() {
    ForgeClient dev = ForgeClient.builder().baseUrl(forge.baseUrl()).repo(REPO).token("tok-dev")
        .retryPolicy(RetryPolicy.none()).build();
    AgentRunner agent = (prompt, session, worktree) -> {
      throw new AssertionError("no agent run without an issue");
    };
    OneIssueFactory factory = new OneIssueFactory(dev, new NoCiGate(), agent,
        PullsConfig.defaults(), time, time, WaitListener.NONE, Map.of());

    OneIssueFactory.Outcome outcome = factory.workNextIssue(clone);

    assertThat(outcome.issue()).isEmpty();
    assertThat(outcome.merged()).isFalse();
    assertThat(forge.journal())
        .noneMatch(r -> r.path().startsWith("/api/") && !r.method().equals("GET"));
  }

  @Test
  void anAgentThatThrowsGivesTheIssueBack() throws Exception {
    commitAndPush("main", Map.of("add.sh", "echo 0\n"), "a calculator that cannot add");
    long issue = forge.seed().issue(REPO, i -> i.title("add.sh must add").labels("backlog"));
    ForgeClient dev = ForgeClient.builder().baseUrl(forge.baseUrl()).repo(REPO).token("tok-dev")
        .retryPolicy(RetryPolicy.none()).build();
    AgentRunner agent = (prompt, session, worktree) -> {
      throw new ai.disinto.core.DisintoException("the model is overloaded");
    };
    OneIssueFactory factory = new OneIssueFactory(dev, new NoCiGate(), agent,
        PullsConfig.defaults(), time, time, WaitListener.NONE, Map.of());

    OneIssueFactory.Outcome outcome = factory.workNextIssue(clone);

    assertThat(outcome.merged()).isFalse();
    assertThat(outcome.issue()).hasValue(issue);
    assertThat(outcome.pr()).isEmpty();
    assertThat(outcome.detail()).contains("agent", "the model is overloaded", "backlog");
    Issue back = dev.get("/issues/" + issue, Issue.class);
    assertThat(back.labels()).extracting(l -> l.name()).containsExactly("backlog");
    assertThat(back.assignees()).isEmpty();
    assertThat(forge.branchHead(REPO, "claims/issue-" + issue)).isEmpty();
  }

  /** A CI port for a project without CI. */
  private static final class NoCiGate implements ai.disinto.forge.pulls.CiGate {
    @Override
    public boolean ciConfigured() {
      return false;
    }

    @Override
    public boolean ciRequiredForPr(long pr) {
      return false;
    }

    @Override
    public ai.disinto.forge.pulls.CommitState commitStatus(String sha) {
      return ai.disinto.forge.pulls.CommitState.UNKNOWN;
    }

    @Override
    public OptionalLong pipelineNumber(String sha) {
      return OptionalLong.empty();
    }

    @Override
    public ai.disinto.forge.pulls.FailureType classify(long pipeline) {
      return ai.disinto.forge.pulls.FailureType.CODE;
    }

    @Override
    public String failureDigest(long pipeline) {
      return "";
    }

    @Override
    public String stepLogs(long pipeline) {
      return "";
    }
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

  /** The review bot approves each open PR's head once CI passed on it. */
  private static void approveGreenHeads(ForgeClient dev, ForgeClient reviewer,
      Set<String> reviewed) {
    for (PullRequest p : dev.getAll("/pulls?state=open", PullRequest.class)) {
      String sha = p.head().sha();
      Map<?, ?> status = dev.get("/commits/" + sha + "/status", Map.class);
      if (reviewed.contains(sha) || !"success".equals(status.get("state"))) {
        continue;
      }
      reviewed.add(sha);
      reviewer.call("POST", "/issues/" + p.number() + "/comments", Map.of("body",
          "## AI Review\n<!-- reviewed: " + sha + " -->\n\nAdds up.\n\n"
              + "### Verdict\n**APPROVE** — ready\n"), Void.class);
    }
  }

  private void commitAndPush(String branch, Map<String, String> files, String message)
      throws Exception {
    for (Map.Entry<String, String> f : files.entrySet()) {
      Files.writeString(clone.resolve(f.getKey()), f.getValue());
      git.add().addFilepattern(f.getKey()).call();
    }
    git.commit().setMessage(message).setAuthor("Dev", "dev@example.invalid")
        .setCommitter("Dev", "dev@example.invalid").setSign(false).call();
    git.push().setRemote("origin").setRefSpecs(new RefSpec("HEAD:refs/heads/" + branch))
        .setCredentialsProvider(creds()).call();
  }

  private static UsernamePasswordCredentialsProvider creds() {
    return new UsernamePasswordCredentialsProvider(DEV, "dev-pw");
  }
}
