package ai.disinto.forge.pulls;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.testkit.forgejo.Fault;
import org.junit.jupiter.api.Test;

/**
 * Writes whose request reached the forge but whose answer was lost: the service looks at the
 * forge before it says what happened, and never sends the write twice.
 */
class LostAnswersTest extends PullsTest {

  @Test
  void aCreateWhoseAnswerIsLostFindsThePrTheForgeOpened() {
    w.forge.seed().branch(PullsWorld.REPO, "fix/issue-7", "main");
    w.forge.pushBranch(PullsWorld.REPO, "fix/issue-7", null);
    w.forge.faults().add(Fault.on("POST", "/repos/o/r/pulls").dropAfterProcessing());

    CreateResult r = w.prs().create("fix/issue-7", "t", "b");

    assertThat(r.outcome()).isEqualTo(CreateResult.Outcome.CREATED);
    assertThat(r.number()).isPresent();
    assertThat(w.requests("POST", "/pulls")).hasSize(1);
  }

  @Test
  void aCreateWhoseAnswerIsUnreadableFindsThePrTheForgeOpened() {
    w.forge.seed().branch(PullsWorld.REPO, "fix/issue-7", "main");
    w.forge.pushBranch(PullsWorld.REPO, "fix/issue-7", null);
    w.forge.faults().add(Fault.on("POST", "/repos/o/r/pulls").withMalformedBody());

    CreateResult r = w.prs().create("fix/issue-7", "t", "b");

    assertThat(r.outcome()).isEqualTo(CreateResult.Outcome.CREATED);
    assertThat(r.number()).isPresent();
    assertThat(w.requests("POST", "/pulls")).hasSize(1);
  }

  @Test
  void aCreateLostBeforeTheForgeActedFails() {
    w.forge.seed().branch(PullsWorld.REPO, "fix/issue-7", "main");
    w.forge.pushBranch(PullsWorld.REPO, "fix/issue-7", null);
    w.forge.faults().add(Fault.on("POST", "/repos/o/r/pulls").dropBeforeProcessing());

    CreateResult r = w.prs().create("fix/issue-7", "t", "b");

    assertThat(r.outcome()).isEqualTo(CreateResult.Outcome.FAILED);
    assertThat(r.httpStatus()).isZero();
    assertThat(w.log()).noneMatch(l -> l.contains("created PR"));
  }

  @Test
  void aMergeWhoseAnswerIsLostIsMergedWhenThePrReadsMerged() {
    w.forge.faults().add(Fault.on("POST", "/repos/o/r/pulls/" + pr + "/merge")
        .dropAfterProcessing());

    MergeResult r = w.prs().merge(pr, null);

    assertThat(r.outcome()).isEqualTo(MergeOutcome.MERGED);
    assertThat(w.requests("POST", "/pulls/" + pr + "/merge")).hasSize(1);
  }

  @Test
  void aMergeLostBeforeTheForgeActedFailsWithoutAnAnswer() {
    w.forge.faults().add(Fault.on("POST", "/repos/o/r/pulls/" + pr + "/merge")
        .dropBeforeProcessing());

    MergeResult r = w.prs().merge(pr, null);

    assertThat(r.outcome()).isEqualTo(MergeOutcome.FAILED);
    assertThat(r.answered()).isFalse();
    assertThat(w.log()).noneMatch(l -> l.endsWith(" merged"));
  }

  @Test
  void aCloseWhoseAnswerIsLostIsDoneWhenThePrReadsClosed() {
    w.forge.faults().add(Fault.on("PATCH", "/repos/o/r/pulls/" + pr).dropAfterProcessing());

    PrWriteResult r = w.prs().close(pr);

    assertThat(r.done()).isTrue();
    assertThat(w.log()).contains("pr-lifecycle: PR #" + pr + " closed");
  }
}
