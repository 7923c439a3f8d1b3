package ai.disinto.forge.beyond;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.core.agent.AgentResult;
import ai.disinto.core.agent.AgentRunner;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.forge.pulls.CiGate;
import ai.disinto.forge.pulls.CommitState;
import ai.disinto.forge.pulls.FailureType;
import ai.disinto.forge.pulls.MergeWalk;
import ai.disinto.forge.pulls.PullRequests;
import ai.disinto.forge.pulls.PullsConfig;
import ai.disinto.forge.pulls.RetriggerResult;
import ai.disinto.forge.pulls.WalkExitReason;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.time.FakeTime;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CI-fix prompt of attempt k carries a bounded digest of attempts 1..k-1. */
class CiFixMemoryTest {
  private static final String REPO = "o/r";
  private static final String DEV = "tok-dev-0123456789";

  private MockForgejo mock;
  private long pr;
  private final FakeTime time = new FakeTime();

  @BeforeEach
  void seed() {
    mock = MockForgejo.start();
    mock.seed().user("o", "pw-o").user("dev-bot", u -> u.password("pw-dev").token(DEV));
    mock.seed().repo(REPO, r -> r.collaborator("dev-bot", "write"));
    pr = mock.seed().pull(REPO, p -> p.head("fix/issue-1").title("fix").author("dev-bot"));
  }

  @AfterEach
  void stop() {
    mock.close();
  }

  private ForgeClient dev() {
    return ForgeClient.builder().baseUrl(mock.baseUrl()).repo(REPO).token(DEV)
        .retryPolicy(RetryPolicy.none()).build();
  }

  private List<String> walk(int memory, String... states) {
    PullRequests prs = PullRequests.builder(dev()).config(PullsConfig.defaults()
        .withReviewBots(Set.of("review-bot"))).sleeper(time).build();
    List<String> prompts = new ArrayList<>();
    AgentRunner agent = (prompt, session, worktree) -> {
      prompts.add(prompt);
      int n = prompts.size();
      dev().call("POST", "/contents/fix-" + n + ".txt", Map.of("message", "try " + n,
          "content", Base64.getEncoder().encodeToString(("fix " + n + "\n").getBytes()),
          "branch", "fix/issue-1"), Map.class);
      return new AgentResult(0, "s", "");
    };
    MergeWalk walk = MergeWalk.builder(prs, new ScriptedCi(states), agent,
        (w, r, p) -> new RetriggerResult(0, "")).ciFixMemory(memory).build();
    assertThat(walk.walk(pr, "", Path.of(".")).reason())
        .isEqualTo(WalkExitReason.CI_EXHAUSTED);
    return prompts;
  }

  @Test
  void eachCiFixPromptNamesWhatTheEarlierAttemptsTriedAndHowTheyFailed() {
    List<String> prompts = walk(2_000, "failure");

    assertThat(prompts).hasSize(3);
    assertThat(prompts.get(0)).doesNotContain("Earlier CI fix attempts");
    assertThat(prompts.get(1)).contains("Earlier CI fix attempts on this PR failed; do not"
        + " repeat them:\n- attempt 1: pipeline #17 failed (code); first error lines:"
        + " FAIL: TestParse | expected 3 | got 4; the agent changed fix-1.txt +1 -0 (head ")
        .doesNotContain("attempt 2:");
    assertThat(prompts.get(2)).contains("- attempt 1: ").contains("- attempt 2: pipeline #17"
        + " failed (code)").contains("the agent changed fix-2.txt +1 -0");
  }

  @Test
  void theDigestIsBoundedDroppingTheOldestAttemptsFirst() {
    List<String> prompts = walk(400, "failure");

    String digest = prompts.get(2).substring(prompts.get(2).indexOf("\n\nEarlier CI fix"));
    assertThat(digest.length()).isLessThanOrEqualTo(400);
    assertThat(digest).contains("(1 older attempt left out)").contains("- attempt 2: ")
        .doesNotContain("- attempt 1: ");
  }

  @Test
  void offByDefaultThePromptIsTheOriginals() {
    PullRequests prs = PullRequests.builder(dev()).sleeper(time).build();
    List<String> prompts = new ArrayList<>();
    MergeWalk walk = MergeWalk.builder(prs, new ScriptedCi("failure"), (p, s, w) -> {
      prompts.add(p);
      return null;
    }, (w, r, p) -> new RetriggerResult(0, "")).build();

    walk.walk(pr, "", Path.of("."));

    assertThat(prompts).hasSize(3).noneMatch(p -> p.contains("Earlier CI fix attempts"));
  }

  /** CI that answers scripted states (the last repeats) with a fixed error digest. */
  private static final class ScriptedCi implements CiGate {
    private final Deque<String> states;

    ScriptedCi(String... states) {
      this.states = new ArrayDeque<>(List.of(states));
    }

    @Override
    public boolean ciConfigured() {
      return true;
    }

    @Override
    public boolean ciRequiredForPr(long pr) {
      return true;
    }

    @Override
    public CommitState commitStatus(String sha) {
      return CommitState.parse(states.size() > 1 ? states.poll() : states.peek());
    }

    @Override
    public OptionalLong pipelineNumber(String sha) {
      return OptionalLong.of(17);
    }

    @Override
    public FailureType classify(long pipeline) {
      return FailureType.CODE;
    }

    @Override
    public String failureDigest(long pipeline) {
      return "FAIL: TestParse\n  expected 3\n  got 4\n  at parse.go:12\n";
    }

    @Override
    public String stepLogs(long pipeline) {
      return "";
    }
  }
}
