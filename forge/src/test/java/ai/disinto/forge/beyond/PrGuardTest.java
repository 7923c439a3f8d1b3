package ai.disinto.forge.beyond;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.forge.client.model.PullRequest;
import ai.disinto.forge.pulls.CiGate;
import ai.disinto.forge.pulls.CommitState;
import ai.disinto.forge.pulls.FailureType;
import ai.disinto.forge.pulls.MergeWalk;
import ai.disinto.forge.pulls.PrGuard;
import ai.disinto.forge.pulls.PullRequests;
import ai.disinto.forge.pulls.PullsConfig;
import ai.disinto.forge.pulls.RetriggerResult;
import ai.disinto.forge.pulls.WalkExitReason;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.time.FakeTime;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The guards before a PR, draft PRs marked ready by the walk, and branch-name collisions. */
class PrGuardTest {
  private static final String REPO = "o/r";
  private static final String DEV = "tok-dev-0123456789";
  private static final String OTHER = "tok-other-0123456789";

  private MockForgejo mock;
  private final FakeTime time = new FakeTime();

  @BeforeEach
  void seed() {
    mock = MockForgejo.start();
    mock.seed().user("o", "pw-o")
        .user("dev-bot", u -> u.password("pw-dev").token(DEV))
        .user("other-bot", u -> u.password("pw-other").token(OTHER))
        .user("review-bot", u -> u.password("pw-review").token("tok-review-0123456789"));
    mock.seed().repo(REPO, r -> r.collaborator("dev-bot", "write")
        .collaborator("other-bot", "write").collaborator("review-bot", "write"));
  }

  @AfterEach
  void stop() {
    mock.close();
  }

  private ForgeClient client(String token) {
    return ForgeClient.builder().baseUrl(mock.baseUrl()).repo(REPO).token(token)
        .retryPolicy(RetryPolicy.none()).build();
  }

  private PullRequests prs() {
    return PullRequests.builder(client(DEV))
        .config(PullsConfig.defaults().withReviewBots(Set.of("review-bot"))).sleeper(time)
        .build();
  }

  private long issueAssignedTo(String login) {
    return mock.seed().issue(REPO, i -> i.title("Fix it").body("Broken.").assignees(login));
  }

  /** Pushes a file to a branch through the contents API, as the given bot. */
  private void commitFile(String token, String branch, String path) {
    client(token).call("POST", "/contents/" + path, Map.of("message", "add " + path,
        "content", Base64.getEncoder().encodeToString("x\n".getBytes()), "new_branch", branch),
        Map.class);
  }

  @Test
  void opensThePrWhenTheIssueIsOpenClaimedAndNotFixed() {
    long issue = issueAssignedTo("dev-bot");
    commitFile(DEV, "fix/issue-" + issue, "a.txt");

    PrGuard.OpenResult r = PrGuard.of(prs()).open(issue, "fix/issue-" + issue, "fix: it",
        "Fixes #" + issue);

    assertThat(r.refusal()).isEmpty();
    assertThat(r.ok()).isTrue();
    assertThat(client(DEV).get("/pulls/" + r.number().getAsLong(), PullRequest.class).title())
        .isEqualTo("fix: it");
  }

  @Test
  void refusesAClosedIssue() {
    long issue = mock.seed().issue(REPO, i -> i.title("Done").assignees("dev-bot").closed());

    PrGuard.OpenResult r = PrGuard.of(prs()).open(issue, "fix/issue-" + issue, "t", "b");

    assertThat(r.refusal()).hasValueSatisfying(f ->
        assertThat(f.reason()).isEqualTo(PrGuard.Reason.ISSUE_CLOSED));
    assertThat(r.ok()).isFalse();
    assertThat(mock.journal()).noneMatch(q -> q.method().equals("POST"));
  }

  @Test
  void refusesAnIssueNoLongerClaimedByThisAgent() {
    long issue = issueAssignedTo("other-bot");

    PrGuard.OpenResult r = PrGuard.of(prs()).open(issue, "fix/issue-" + issue, "t", "b");

    assertThat(r.refusal()).hasValue(new PrGuard.Refusal(PrGuard.Reason.NOT_CLAIMED,
        "issue #" + issue + " is assigned to other-bot"));
  }

  @Test
  void refusesAnIssueAMergedPrAlreadyFixes() {
    long issue = issueAssignedTo("dev-bot");
    long merged = mock.seed().pull(REPO, p -> p.head("fix/old").title("old fix")
        .body("Closes #" + issue + ".").author("other-bot"));
    client(OTHER).call("POST", "/pulls/" + merged + "/merge", Map.of("Do", "merge"), Void.class);
    // The merge closed the issue (Closes #N); someone reopened it since.
    client(OTHER).call("PATCH", "/issues/" + issue, Map.of("state", "open"), Map.class);

    PrGuard.OpenResult r = PrGuard.of(prs()).open(issue, "fix/issue-" + issue, "t", "b");

    assertThat(r.refusal()).hasValue(new PrGuard.Refusal(PrGuard.Reason.ALREADY_FIXED,
        "merged PR #" + merged + " fixes #" + issue));
  }

  @Test
  void refusesAnIssueACommitOfThePrimaryBranchFixes() {
    long issue = issueAssignedTo("dev-bot");
    client(OTHER).call("POST", "/contents/b.txt", Map.of("message", "Fix parser\n\nFixes #"
        + issue, "content", Base64.getEncoder().encodeToString("y\n".getBytes()),
        "branch", "main"), Map.class);
    long unrelated = issue + 10;

    PrGuard.OpenResult r = PrGuard.of(prs()).open(issue, "fix/issue-" + issue, "t", "b");

    assertThat(r.refusal()).hasValueSatisfying(f -> {
      assertThat(f.reason()).isEqualTo(PrGuard.Reason.ALREADY_FIXED);
      assertThat(f.detail()).startsWith("commit ").endsWith(" of main fixes #" + issue);
    });
    assertThat(PrGuard.of(prs()).check(unrelated, "x")).hasValueSatisfying(f ->
        assertThat(f.reason()).isNotEqualTo(PrGuard.Reason.ALREADY_FIXED));
  }

  @Test
  void aDraftPrIsMarkedReadyWhenCiFirstPasses() {
    long issue = issueAssignedTo("dev-bot");
    String branch = "fix/issue-" + issue;
    commitFile(DEV, branch, "a.txt");
    PrGuard.OpenResult opened = PrGuard.of(prs()).withDrafts(true).open(issue, branch,
        "fix: it", "Fixes #" + issue);
    long pr = opened.number().getAsLong();
    ForgeClient dev = client(DEV);
    assertThat(opened.draft()).isTrue();
    assertThat(dev.get("/pulls/" + pr, PullRequest.class).title()).isEqualTo("WIP: fix: it");
    String sha = mock.seed().headSha(REPO, pr);
    mock.seed().comment(REPO, pr, "review-bot", "## AI Review\n<!-- reviewed: " + sha
        + " -->\n\nFine.\n\n### Verdict\n**APPROVE** — see above\n");

    var walk = MergeWalk.builder(prs(), new PassingCi(), (p, s, w) -> null,
        (w, remote, primary) -> new RetriggerResult(0, "")).readyWhenCiPasses(true).build();
    var result = walk.walk(pr, "", Path.of("."));

    assertThat(result.reason()).isEqualTo(WalkExitReason.MERGED);
    assertThat(dev.get("/pulls/" + pr, PullRequest.class).title()).isEqualTo("fix: it");
  }

  @Test
  void aBranchNameTakenBySomeoneElseGetsATrySuffix() {
    commitFile(OTHER, "fix/issue-7", "o.txt");
    commitFile(OTHER, "fix/issue-7-try2", "o.txt");
    commitFile(DEV, "fix/issue-8", "d.txt");
    PrGuard guard = PrGuard.of(prs());

    assertThat(guard.branchFor("fix/issue-7")).isEqualTo("fix/issue-7-try3");
    assertThat(guard.branchFor("fix/issue-8")).isEqualTo("fix/issue-8");
    assertThat(guard.branchFor("fix/issue-9")).isEqualTo("fix/issue-9");
  }

  /** CI that always passes. */
  private static final class PassingCi implements CiGate {
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
      return CommitState.parse("success");
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
}
