package ai.disinto.forge.beyond;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.core.agent.AgentResult;
import ai.disinto.core.agent.AgentRunner;
import ai.disinto.core.secrets.SecretScanner;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeClientBuilder;
import ai.disinto.forge.client.ForgeResponse;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.forge.client.model.CombinedStatus;
import ai.disinto.forge.client.model.PullRequest;
import ai.disinto.forge.issues.ClaimResult;
import ai.disinto.forge.issues.IssueLifecycle;
import ai.disinto.forge.issues.WriteResult;
import ai.disinto.forge.pulls.CiGate;
import ai.disinto.forge.pulls.CommitState;
import ai.disinto.forge.pulls.CreateResult;
import ai.disinto.forge.pulls.FailureType;
import ai.disinto.forge.pulls.MergeWalk;
import ai.disinto.forge.pulls.PullRequests;
import ai.disinto.forge.pulls.PullsConfig;
import ai.disinto.forge.pulls.RetriggerResult;
import ai.disinto.forge.pulls.WalkExitReason;
import ai.disinto.forge.pulls.WalkResult;
import ai.disinto.log.CapturedLog;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.RecordedRequest;
import ai.disinto.testkit.time.FakeTime;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A dry run of a whole factory cycle (pick, claim, PR create, walk to merge, close) against the
 * mock Forgejo: the forge is read, nothing on it changes, and the results say what would have
 * happened.
 */
class DryRunCycleTest {
  private static final String REPO = "o/r";
  private static final String DEV = "tok-dev-0123456789";
  private static final String REVIEW = "tok-review-0123456789";

  private MockForgejo mock;
  private long issue;
  private long fresh;
  private long pr;

  @BeforeEach
  void seed() {
    mock = MockForgejo.start();
    mock.seed().user("o", "pw-o")
        .user("dev-bot", u -> u.password("pw-dev").token(DEV))
        .user("review-bot", u -> u.password("pw-review").token(REVIEW));
    mock.seed().repo(REPO, r -> r.collaborator("dev-bot", "write")
        .collaborator("review-bot", "write"));
    mock.seed().label(REPO, "backlog", "#0075ca");
    mock.seed().label(REPO, "in-progress", "#e4e669");
    issue = mock.seed().issue(REPO, i -> i.title("Fix the parser").body("It breaks.")
        .labels("backlog"));
    fresh = mock.seed().issue(REPO, i -> i.title("Add a flag").body("Please.")
        .labels("backlog"));
    // An earlier run pushed the branch and opened the PR; CI passed and the review approved.
    pr = mock.seed().pull(REPO, p -> p.head("fix/issue-" + issue).title("fix: #" + issue)
        .body("Fixes #" + issue).author("dev-bot"));
    String sha = mock.seed().headSha(REPO, pr);
    mock.seed().status(REPO, sha, "ci", "success", "");
    mock.seed().comment(REPO, pr, "review-bot", "## AI Review\n<!-- reviewed: " + sha
        + " -->\n\nFine.\n\n### Verdict\n**APPROVE** — see above\n");
    mock.clearJournal();
  }

  @AfterEach
  void stop() {
    mock.close();
  }

  private ForgeClient client(boolean dryRun) {
    return ForgeClient.builder().baseUrl(mock.baseUrl()).repo(REPO).token(DEV)
        .retryPolicy(RetryPolicy.none()).dryRun(dryRun).build();
  }

  /** What the forge holds, as its API shows it. */
  private List<String> state() {
    ForgeClient c = client(false);
    return List.of(c.getAllJson("/issues?state=all&type=issues"),
        c.getAllJson("/pulls?state=all"), c.getAllJson("/branches"), c.getAllJson("/labels"),
        c.getAllJson("/issues/" + issue + "/comments"), c.getAllJson("/issues/" + pr
            + "/comments"));
  }

  @Test
  void aDryRunCycleReadsTheForgeAndChangesNothing() {
    List<String> before = state();
    mock.clearJournal();
    FakeTime time = new FakeTime();
    ForgeClient dry = client(true);
    IssueLifecycle issues = new IssueLifecycle(dry, SecretScanner.defaults(), time);
    PullRequests prs = PullRequests.builder(dry)
        .config(PullsConfig.defaults().withReviewBots(Set.of("review-bot"))).sleeper(time)
        .build();
    MergeWalk walk = MergeWalk.builder(prs, new StatusGate(dry), new NoAgent(),
        (wt, remote, primary) -> new RetriggerResult(0, "")).build();

    try (CapturedLog log = CapturedLog.start()) {
      OptionalLong next = issues.suggestNext();
      ClaimResult claim = issues.claim(issue);
      CreateResult existing = prs.create("fix/issue-" + issue, "fix: #" + issue,
          "Fixes #" + issue);
      CreateResult created = prs.create("fix/issue-" + fresh, "fix: #" + fresh,
          "Fixes #" + fresh);
      WalkResult walked = walk.walk(existing.number().getAsLong(), "", Path.of("."));
      WriteResult closed = issues.close(issue);

      assertThat(next).hasValue(fresh); // the issue with an open PR is not offered
      assertThat(claim).isEqualTo(new ClaimResult.Claimed("dev-bot"));
      assertThat(existing.outcome()).isEqualTo(CreateResult.Outcome.ALREADY_OPEN);
      assertThat(existing.number()).hasValue(pr);
      assertThat(created.outcome()).isEqualTo(CreateResult.Outcome.CREATED);
      assertThat(created.number()).hasValue(0);
      assertThat(created.message()).isEqualTo("dry run: not sent");
      assertThat(walked.reason()).isEqualTo(WalkExitReason.MERGED);
      assertThat(closed.ok()).isTrue();
      assertThat(log.messages())
          .contains("issue-lifecycle: dry run: would claim issue #" + issue + " for dev-bot"
              + " (claim ref claims/issue-" + issue + ", assignee, label in-progress, unlabel"
              + " backlog); nothing sent")
          .contains("pr-lifecycle: dry run: would merge PR #" + pr + " (not sent)")
          .anySatisfy(m -> assertThat(m).startsWith("dry run: would send PATCH /api/v1/repos/o/r"
              + "/issues/" + issue + " {\"assignees\":[],\"state\":\"closed\"}"))
          .noneMatch(m -> m.equals("pr-lifecycle: PR #" + pr + " merged"));
    }

    assertThat(mock.journal()).isNotEmpty().extracting(RecordedRequest::method)
        .containsOnly("GET");
    assertThat(state()).isEqualTo(before);
    assertThat(client(false).get("/pulls/" + pr, PullRequest.class).merged()).isFalse();
  }

  @Test
  void aDryRunWriteIsLoggedRedactedAndAnsweredWithAMarkedEcho() {
    ForgeClient dry = client(true);
    try (CapturedLog log = CapturedLog.start()) {
      ForgeResponse r = dry.send("POST", "/issues/" + issue + "/comments",
          Map.of("body", "token " + DEV + " leaked"));

      assertThat(r.dryRun()).isTrue();
      assertThat(r.status()).isEqualTo(201);
      assertThat(r.body()).contains("\"dry_run\":true").contains("leaked");
      assertThat(log.text()).contains("dry run: would send POST /api/v1/repos/o/r/issues/"
          + issue + "/comments").doesNotContain(DEV);
    }
    assertThat(mock.journal()).isEmpty();
    assertThat(client(false).dryRun()).isFalse();
  }

  @Test
  void theEnvironmentTurnsTheDryRunOn() {
    assertThat(ForgeClientBuilder.isDryRun(Map.of("DISINTO_DRY_RUN", "1"))).isTrue();
    assertThat(ForgeClientBuilder.isDryRun(Map.of("DISINTO_DRY_RUN", "0"))).isFalse();
    assertThat(ForgeClientBuilder.isDryRun(Map.of())).isFalse();
    assertThat(ForgeClient.builder().env(Map.of("FORGE_URL", mock.baseUrl(), "FORGE_REPO", REPO,
        "FORGE_TOKEN", DEV, "DISINTO_DRY_RUN", "true")).build().dryRun()).isTrue();
  }

  /** A CI gate that reads the forge's combined commit status. */
  private record StatusGate(ForgeClient forge) implements CiGate {
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
      return CommitState.parse(forge.get("/commits/" + sha + "/status", CombinedStatus.class)
          .state());
    }

    @Override
    public OptionalLong pipelineNumber(String sha) {
      return OptionalLong.empty();
    }

    @Override
    public FailureType classify(long pipeline) {
      return FailureType.CODE;
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

  /** The walk never needs the agent here. */
  private static final class NoAgent implements AgentRunner {
    @Override
    public AgentResult run(String prompt, String resumeSessionId, Path worktree) {
      throw new AssertionError("the agent was asked: " + prompt);
    }
  }
}
