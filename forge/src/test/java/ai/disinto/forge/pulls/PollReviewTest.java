package ai.disinto.forge.pulls;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.testkit.forgejo.Fault;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** pr_poll_review against the mock Forgejo (spec/forge.md pr-lifecycle 11–18 and improvements). */
class PollReviewTest extends PullsTest {
  private static final Duration S300 = Duration.ofSeconds(300);
  private static final Duration ONE_ROUND = S300;

  private ReviewResult poll(Duration timeout) {
    return w.reviewPoller().poll(pr, timeout, S300);
  }

  private long reviewsRequests() {
    return w.forge.journal().stream().filter(r -> r.apiPath().endsWith("/reviews")).count();
  }

  @Test
  @DisplayName("case 11: the bot comment for the head SHA decides, after one sleep of 300 s")
  void botCommentForTheHeadShaDecides() {
    String a = w.head(pr);
    w.botReview(pr, a, "APPROVE");
    String b = w.forge.pushBranch(PullsWorld.REPO, "fix/issue-9", null);
    String body = PullsWorld.reviewBody(b, "Please rename the method.", "REQUEST_CHANGES");
    w.forge.seed().comment(PullsWorld.REPO, pr, "review-bot", body);

    ReviewResult r = w.reviewPoller().poll(pr);

    assertThat(r.verdict()).isEqualTo(Verdict.REQUEST_CHANGES);
    assertThat(r.text()).isEqualTo(body);
    assertThat(w.time.sleeps()).containsExactly(S300);
    assertThat(w.log()).contains("pr-lifecycle: review verdict: REQUEST_CHANGES");
  }

  @Test
  @DisplayName("case 12: without a comment the last non-stale formal review decides, text empty")
  void lastNonStaleFormalReviewDecides() {
    w.forge.seed().review(PullsWorld.REPO, pr, "review-bot", "APPROVED", "ok");
    w.forge.pushBranch(PullsWorld.REPO, "fix/issue-9", null);
    w.forge.seed().review(PullsWorld.REPO, pr, "review-bot", "REQUEST_CHANGES", "no");

    ReviewResult r = poll(ONE_ROUND);

    assertThat(r.verdict()).isEqualTo(Verdict.REQUEST_CHANGES);
    assertThat(r.text()).isEmpty();
  }

  @Test
  @DisplayName("case 13: a last COMMENT review after an APPROVED one is no verdict this round")
  void lastCommentReviewIsNoVerdict() {
    w.forge.seed().review(PullsWorld.REPO, pr, "review-bot", "APPROVED", "ok");
    w.forge.seed().review(PullsWorld.REPO, pr, "review-bot", "COMMENT", "hmm");

    ReviewResult r = poll(ONE_ROUND);

    assertThat(r.verdict()).isEqualTo(Verdict.TIMEOUT);
    assertThat(reviewsRequests()).isEqualTo(1);
    assertThat(w.log()).contains("pr-lifecycle: waiting for review on PR #" + pr
        + " (300s elapsed, 0s left)");
  }

  @Test
  @DisplayName("case 14a: a merged PR is MERGED_EXTERNALLY")
  void mergedPrIsMergedExternally() {
    w.client(PullsWorld.DEV_TOKEN).send("POST", "/pulls/" + pr + "/merge", Map.of("Do", "merge"));

    ReviewResult r = poll(ONE_ROUND);

    assertThat(r.verdict()).isEqualTo(Verdict.MERGED_EXTERNALLY);
    assertThat(w.log()).contains("pr-lifecycle: PR #" + pr + " merged externally");
  }

  @Test
  @DisplayName("case 14b: a closed, unmerged PR is CLOSED_EXTERNALLY")
  void closedPrIsClosedExternally() {
    w.client(PullsWorld.DEV_TOKEN).send("PATCH", "/pulls/" + pr, Map.of("state", "closed"));

    ReviewResult r = poll(ONE_ROUND);

    assertThat(r.verdict()).isEqualTo(Verdict.CLOSED_EXTERNALLY);
  }

  @Test
  @DisplayName("case 15: an error review waits for the next round without asking for reviews")
  void errorReviewWaitsWithoutReadingFormalReviews() {
    String sha = w.head(pr);
    w.forge.seed().comment(PullsWorld.REPO, pr, "review-bot",
        "## AI Review — Error\n<!-- reviewed: " + sha + " -->\n\n**APPROVE**");
    w.forge.seed().review(PullsWorld.REPO, pr, "review-bot", "APPROVED", "ok");

    ReviewResult r = poll(ONE_ROUND);

    assertThat(r.verdict()).isEqualTo(Verdict.TIMEOUT);
    assertThat(reviewsRequests()).isZero();
    assertThat(w.log()).anyMatch(l -> l.startsWith("pr-lifecycle: review error — waiting for re-review"));
  }

  @Test
  @DisplayName("case 16: a failed PR read is no verdict this round, never CLOSED_EXTERNALLY")
  void failedPrReadIsNoVerdictThisRound() {
    w.forge.faults().add(Fault.on("GET", "/repos/o/r/pulls/" + pr).withStatus(500).times(1));
    w.botReview(pr, w.head(pr), "APPROVE");

    ReviewResult r = poll(Duration.ofSeconds(900));

    assertThat(r.verdict()).isEqualTo(Verdict.APPROVE);
    assertThat(w.time.sleeps()).containsExactly(S300, S300);
    assertThat(w.log()).anyMatch(l -> l.startsWith("pr-lifecycle: cannot read PR #" + pr
        + " (HTTP 500) — no verdict this round"));
  }

  @Test
  void unreachableForgeIsNoVerdictUntilTheTimeout() {
    w.forge.faults().add(Fault.on("GET", "/repos/o/r/pulls/" + pr).withStatus(502));

    ReviewResult r = poll(Duration.ofSeconds(600));

    assertThat(r.verdict()).isEqualTo(Verdict.TIMEOUT);
    assertThat(w.time.sleeps()).hasSize(2);
  }

  @Test
  @DisplayName("case 17: timeout 600, interval 300, no verdict: TIMEOUT after two polls")
  void noVerdictTimesOutAfterTwoPolls() {
    ReviewResult r = poll(Duration.ofSeconds(600));

    assertThat(r.verdict()).isEqualTo(Verdict.TIMEOUT);
    assertThat(w.time.sleeps()).containsExactly(S300, S300);
    assertThat(w.requests("GET", "/pulls/" + pr)).hasSize(2);
    assertThat(w.log()).contains("pr-lifecycle: review timeout after 600s");
  }

  @Test
  @DisplayName("case 18: the token after ### Verdict wins over one in the review text")
  void verdictLineWinsOverTokensInTheReviewText() {
    w.forge.seed().comment(PullsWorld.REPO, pr, "review-bot", PullsWorld.reviewBody(w.head(pr),
        "Earlier I would have said **APPROVE**, but the tests fail.", "REQUEST_CHANGES"));

    assertThat(poll(ONE_ROUND).verdict()).isEqualTo(Verdict.REQUEST_CHANGES);
  }

  @Test
  void commentsOfOtherAuthorsCarryNoVerdict() {
    w.forge.seed().comment(PullsWorld.REPO, pr, "dev-bot",
        PullsWorld.reviewBody(w.head(pr), "self review", "APPROVE"));

    ReviewResult r = poll(ONE_ROUND);

    assertThat(r.verdict()).isEqualTo(Verdict.TIMEOUT);
    assertThat(reviewsRequests()).isEqualTo(1);
  }

  @Test
  void withoutConfiguredBotsAnyAuthorCounts() {
    w.config = w.config.withReviewBots(Set.of());
    w.forge.seed().comment(PullsWorld.REPO, pr, "dev-bot",
        PullsWorld.reviewBody(w.head(pr), "text", "DISCUSS"));

    assertThat(poll(ONE_ROUND).verdict()).isEqualTo(Verdict.DISCUSS);
  }

  @Test
  void botLoginsMatchIgnoringCase() {
    w.config = w.config.withReviewBots(Set.of("Review-Bot"));
    w.botReview(pr, w.head(pr), "APPROVE");

    assertThat(poll(ONE_ROUND).verdict()).isEqualTo(Verdict.APPROVE);
  }

  @Test
  void unknownTokenOnTheVerdictLineIsUnrecognized() {
    String body = PullsWorld.reviewBody(w.head(pr), "**APPROVE** would be nice", "REJECT");
    w.forge.seed().comment(PullsWorld.REPO, pr, "review-bot", body);

    ReviewResult r = poll(ONE_ROUND);

    assertThat(r.verdict()).isEqualTo(Verdict.UNRECOGNIZED);
    assertThat(r.text()).isEqualTo(body);
    assertThat(w.log()).contains("pr-lifecycle: review verdict: UNRECOGNIZED (**REJECT**)");
  }

  @Test
  void dismissedReviewsAreIgnored() {
    long approved = w.forge.seed().review(PullsWorld.REPO, pr, "review-bot", "APPROVED", "ok");
    w.forge.seed().user("admin", u -> u.password("pw-admin").token("tok-admin").admin(true));
    w.client("tok-admin").send("POST", "/pulls/" + pr + "/reviews/" + approved + "/dismissals",
        Map.of("message", "wrong"));

    assertThat(poll(ONE_ROUND).verdict()).isEqualTo(Verdict.TIMEOUT);
  }

  @Test
  void aReviewOfTheHeadWinsOverALaterReviewOfAnOlderCommit() {
    String a = w.head(pr);
    // Rebases without content change: reviews stay fresh but name the commit they were made on.
    String b = w.forge.pushBranch(PullsWorld.REPO, "fix/issue-9", null, false);
    w.forge.seed().review(PullsWorld.REPO, pr, "review-bot", "APPROVED", "on b");
    w.forge.pushBranch(PullsWorld.REPO, "fix/issue-9", a, false);
    w.forge.seed().review(PullsWorld.REPO, pr, "o", "REQUEST_CHANGES", "late, on a");
    w.forge.pushBranch(PullsWorld.REPO, "fix/issue-9", b, false);

    assertThat(poll(ONE_ROUND).verdict()).isEqualTo(Verdict.APPROVE);
  }

  @Test
  void withoutAReviewOfTheHeadTheLastFreshReviewDecides() {
    w.forge.seed().review(PullsWorld.REPO, pr, "review-bot", "REQUEST_CHANGES", "first");
    w.forge.seed().review(PullsWorld.REPO, pr, "review-bot", "APPROVED", "second");
    w.forge.pushBranch(PullsWorld.REPO, "fix/issue-9", null, false);

    assertThat(poll(ONE_ROUND).verdict()).isEqualTo(Verdict.APPROVE);
  }

  @Test
  void formalReviewsAreReadOnEveryPage() {
    w.forge.setMaxPageSize(2);
    w.forge.seed().review(PullsWorld.REPO, pr, "review-bot", "COMMENT", "one");
    w.forge.seed().review(PullsWorld.REPO, pr, "review-bot", "COMMENT", "two");
    w.forge.seed().review(PullsWorld.REPO, pr, "review-bot", "APPROVED", "three");

    assertThat(poll(ONE_ROUND).verdict()).isEqualTo(Verdict.APPROVE);
    assertThat(reviewsRequests()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void staleBotCommentsOfAnOlderShaAreNotTaken() {
    w.botReview(pr, w.head(pr), "APPROVE");
    w.forge.pushBranch(PullsWorld.REPO, "fix/issue-9", null);

    assertThat(poll(ONE_ROUND).verdict()).isEqualTo(Verdict.TIMEOUT);
  }

  @Test
  void aWaitListenerHearsEachPauseAndTheEndOfATimedOutPoll() {
    RecordingWaitListener l = new RecordingWaitListener();

    ReviewResult r = w.reviewPoller().withWaitListener(l).poll(pr, Duration.ofSeconds(600), S300);

    assertThat(r.verdict()).isEqualTo(Verdict.TIMEOUT);
    assertThat(l.heard).containsExactly(
        "review of PR #" + pr + " 0/600", "review of PR #" + pr + " 300/600", "end");
  }
}
