package ai.disinto.forge.pulls;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.Mergeability;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** pr_merge, pr_is_merged and pr_close against the mock Forgejo (pr-lifecycle 19–24). */
class MergeAndCloseTest extends PullsTest {

  private String mergePath() {
    return "/pulls/" + pr + "/merge";
  }

  @Test
  @DisplayName("case 19: merge sends exactly the merge body and 200 is MERGED")
  void mergeSendsTheMergeBodyAndSucceeds() {
    MergeResult r = w.prs().merge(pr, null);

    assertThat(w.requests("POST", mergePath())).singleElement()
        .satisfies(q -> assertThat(q.body())
            .isEqualTo("{\"Do\":\"merge\",\"delete_branch_after_merge\":true}"));
    assertThat(r.outcome()).isEqualTo(MergeOutcome.MERGED);
    assertThat(r.error()).isEmpty();
    assertThat(w.prs().isMerged(pr).merged()).isTrue();
    assertThat(w.log()).contains("pr-lifecycle: PR #" + pr + " merged");
  }

  @Test
  @DisplayName("case 20: a 405 for a PR that is merged already is MERGED")
  void a405ForAnAlreadyMergedPrIsMerged() {
    w.client(PullsWorld.DEV_TOKEN).send("POST", mergePath(), Map.of("Do", "merge"));
    w.forge.clearJournal();

    MergeResult r = w.prs().merge(pr, null);

    assertThat(r.outcome()).isEqualTo(MergeOutcome.MERGED);
    assertThat(r.httpStatus()).isEqualTo(405);
    assertThat(w.targets()).containsExactly(
        "POST /repos/o/r" + mergePath(), "GET /repos/o/r/pulls/" + pr);
    assertThat(w.log()).contains("pr-lifecycle: PR #" + pr + " already merged");
  }

  @Test
  @DisplayName("case 21: 405 'User not allowed to merge PR' is BLOCKED, not fixable by a rebase")
  void notAllowedIsBlocked() {
    MergeResult r = w.prs(PullsWorld.READER_TOKEN).merge(pr, null);

    assertThat(r.outcome()).isEqualTo(MergeOutcome.BLOCKED);
    assertThat(r.error()).startsWith("blocked (HTTP 405): ").contains("User not allowed to merge PR");
    assertThat(r.forgeMessage()).isEqualTo("User not allowed to merge PR");
    assertThat(r.rebaseMayHelp()).isFalse();
    assertThat(w.log()).anyMatch(l -> l.startsWith("pr-lifecycle: PR #" + pr + " merge blocked: "));
  }

  @Test
  void workInProgressIsBlockedAndNotFixableByARebase() {
    long wip = w.forge.seed().pull(PullsWorld.REPO, p -> p.head("wip/1").title("WIP: later")
        .author("dev-bot"));

    MergeResult r = w.prs().merge(wip, null);

    assertThat(r.outcome()).isEqualTo(MergeOutcome.BLOCKED);
    assertThat(r.rebaseMayHelp()).isFalse();
  }

  @Test
  @DisplayName("case 22: 409 is FAILED with at most 200 characters of the body")
  void conflictIsFailed() {
    w.forge.faults().add(Fault.on("POST", "/repos/o/r" + mergePath()).withStatus(409)
        .withBody("{\"message\":\"" + "z".repeat(300) + "\"}"));

    MergeResult r = w.prs().merge(pr, null);

    assertThat(r.outcome()).isEqualTo(MergeOutcome.FAILED);
    assertThat(r.error()).startsWith("failed (HTTP 409): {\"message\":\"zzz")
        .hasSize("failed (HTTP 409): ".length() + 200);
    assertThat(r.rebaseMayHelp()).isTrue();
  }

  @Test
  void mergeConflictOfTheMockIsFailed() {
    w.forge.setMergeability(PullsWorld.REPO, pr, Mergeability.CONFLICT);

    MergeResult r = w.prs().merge(pr, null);

    assertThat(r.outcome()).isEqualTo(MergeOutcome.FAILED);
    assertThat(r.httpStatus()).isEqualTo(409);
  }

  @Test
  @DisplayName("case 23: a message is sent as MergeMessageField")
  void messageIsSentAsMergeMessageField() {
    w.prs().merge(pr, "msg");

    assertThat(w.requests("POST", mergePath()).get(0).body())
        .isEqualTo("{\"Do\":\"merge\",\"delete_branch_after_merge\":true,\"MergeMessageField\":\"msg\"}");
  }

  @Test
  void pleaseTryAgainLaterIsRetriedOnceAfterTheDelay() {
    w.forge.setMergeability(PullsWorld.REPO, pr, Mergeability.CHECKING);
    w.time.afterEachSleep(() -> w.forge.setMergeability(PullsWorld.REPO, pr, Mergeability.MERGEABLE));

    MergeResult r = w.prs().merge(pr, null);

    assertThat(r.outcome()).isEqualTo(MergeOutcome.MERGED);
    assertThat(w.time.sleeps()).containsExactly(Duration.ofSeconds(10));
    assertThat(w.requests("POST", mergePath())).hasSize(2);
  }

  @Test
  void pleaseTryAgainLaterTwiceIsBlockedButARebaseMayHelp() {
    w.forge.setMergeability(PullsWorld.REPO, pr, Mergeability.CHECKING);

    MergeResult r = w.prs().merge(pr, null);

    assertThat(r.outcome()).isEqualTo(MergeOutcome.BLOCKED);
    assertThat(r.forgeMessage()).isEqualTo("Please try again later");
    assertThat(r.rebaseMayHelp()).isTrue();
    assertThat(w.time.sleeps()).hasSize(1);
    assertThat(w.requests("POST", mergePath())).hasSize(2);
  }

  @Test
  void unreachableForgeIsFailedWithoutAStatus() {
    w.forge.close();

    MergeResult r = w.prs().merge(pr, null);

    assertThat(r.outcome()).isEqualTo(MergeOutcome.FAILED);
    assertThat(r.httpStatus()).isZero();
    assertThat(r.answered()).isFalse();
    assertThat(r.error()).startsWith("failed (no answer): ");
  }

  @Test
  void isMergedIsFalseForAnOpenPrAndWhenThePrCannotBeRead() {
    assertThat(w.prs().isMerged(pr).state()).isEqualTo(MergedCheck.State.NOT_MERGED);
    w.forge.faults().add(Fault.on("GET", "/repos/o/r/pulls/" + pr).withStatus(500));
    w.client(PullsWorld.DEV_TOKEN).send("POST", mergePath(), Map.of("Do", "merge"));

    MergedCheck unreadable = w.prs().isMerged(pr);
    assertThat(unreadable.merged()).isFalse();
    assertThat(unreadable.state()).isEqualTo(MergedCheck.State.UNREADABLE);
    assertThat(unreadable.httpStatus()).isEqualTo(500);
  }

  @Test
  void isMergedIsFalseWhenThePrReadsAsJsonNull() {
    w.forge.faults().add(Fault.on("GET", "/repos/o/r/pulls/" + pr).withStatus(200)
        .withBody("null"));

    assertThat(w.prs().isMerged(pr).merged()).isFalse();
  }

  @Test
  @DisplayName("case 24: close accepts Forgejo's 201")
  void closeAccepts201() {
    PrWriteResult closed = w.prs().close(pr);

    assertThat(closed.done()).isTrue();
    assertThat(closed.httpStatus()).isEqualTo(201);
    assertThat(w.requests("PATCH", "/pulls/" + pr)).singleElement().satisfies(q -> {
      assertThat(q.status()).isEqualTo(201);
      assertThat(q.body()).isEqualTo("{\"state\":\"closed\"}");
    });
    assertThat(w.log()).containsExactly("pr-lifecycle: closing PR #" + pr,
        "pr-lifecycle: PR #" + pr + " closed");
  }

  @Test
  void closeOfAMissingPrFails() {
    PrWriteResult r = w.prs().close(999);

    assertThat(r.done()).isFalse();
    assertThat(r.httpStatus()).isEqualTo(404);
    assertThat(w.log()).anyMatch(l -> l.startsWith("pr-lifecycle: pr_close FAILED: HTTP 404 for PR #999"));
  }
}
