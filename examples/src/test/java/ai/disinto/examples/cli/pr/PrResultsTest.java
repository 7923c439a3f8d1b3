package ai.disinto.examples.cli.pr;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.forge.pulls.CiResult;
import ai.disinto.forge.pulls.CiState;
import ai.disinto.forge.pulls.MergeOutcome;
import ai.disinto.forge.pulls.MergeResult;
import ai.disinto.forge.pulls.ReviewResult;
import ai.disinto.forge.pulls.Verdict;
import ai.disinto.forge.pulls.WalkExitReason;
import ai.disinto.forge.pulls.WalkResult;
import org.junit.jupiter.api.Test;

/** The return codes and output variables of the original, derived from the library's results. */
class PrResultsTest {
  @Test
  void pollCiExitsAsTheOriginalAndAnUnreadablePrIsAFailure() {
    assertThat(PrResults.exitCode(CiResult.of(CiState.SUCCESS, "a"))).isZero();
    assertThat(PrResults.exitCode(CiResult.of(CiState.FAILURE, "a"))).isEqualTo(1);
    assertThat(PrResults.exitCode(CiResult.of(CiState.UNREADABLE, ""))).isEqualTo(1);
    assertThat(PrResults.ciState(CiResult.of(CiState.UNREADABLE, ""))).isEqualTo("failure");
    assertThat(PrResults.exitCode(CiResult.of(CiState.TIMEOUT, "a"))).isEqualTo(2);
    assertThat(PrResults.ciState(CiResult.of(CiState.TIMEOUT, "a"))).isEqualTo("timeout");
  }

  @Test
  void mergeReviewAndWalkExitAsTheOriginal() {
    assertThat(PrResults.exitCode(new MergeResult(MergeOutcome.MERGED, 200, "", ""))).isZero();
    assertThat(PrResults.exitCode(new MergeResult(MergeOutcome.FAILED, 500, "", ""))).isEqualTo(1);
    assertThat(PrResults.exitCode(new MergeResult(MergeOutcome.BLOCKED, 405, "", ""))).isEqualTo(2);
    assertThat(PrResults.exitCode(new ReviewResult(Verdict.DISCUSS, ""))).isZero();
    assertThat(PrResults.exitCode(new ReviewResult(Verdict.TIMEOUT, ""))).isEqualTo(1);
    assertThat(PrResults.exitCode(new ReviewResult(Verdict.CLOSED_EXTERNALLY, ""))).isEqualTo(2);
    assertThat(PrResults.exitCode(new WalkResult(WalkExitReason.MERGED, 0, 0, 0))).isZero();
    assertThat(PrResults.exitCode(new WalkResult(WalkExitReason.MERGE_BLOCKED, 0, 0, 4)))
        .isEqualTo(1);
  }

  @Test
  void aMergeWithoutAnswerIsHttp000InTheErrorVariable() {
    assertThat(PrResults.mergeError(new MergeResult(MergeOutcome.FAILED, 0, "refused", "")))
        .isEqualTo("failed (HTTP 000): refused");
    assertThat(PrResults.mergeError(new MergeResult(MergeOutcome.FAILED, 409, "x", "")))
        .isEqualTo("failed (HTTP 409): x");
  }
}
