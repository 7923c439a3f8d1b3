package ai.disinto.forge.pulls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The wire names and return codes of the results, which scripts read. */
class ResultsTest {
  @Test
  void walkExitReasonsHaveTheOriginalsWireNames() {
    assertThat(Arrays.stream(WalkExitReason.values()).map(WalkExitReason::wireName)).containsExactly(
        "merged", "ci_exhausted", "review_exhausted", "ci_timeout", "review_timeout",
        "merge_blocked", "closed_externally", "unexpected_verdict");
  }

  @Test
  void returnCodesFollowTheOriginal() {
    assertThat(CiState.SUCCESS.exitCode()).isZero();
    assertThat(CiState.FAILURE.exitCode()).isEqualTo(1);
    assertThat(CiState.TIMEOUT.exitCode()).isEqualTo(2);
    assertThat(MergeOutcome.MERGED.exitCode()).isZero();
    assertThat(MergeOutcome.FAILED.exitCode()).isEqualTo(1);
    assertThat(MergeOutcome.BLOCKED.exitCode()).isEqualTo(2);
    assertThat(new ReviewResult(Verdict.DISCUSS, "").exitCode()).isZero();
    assertThat(new ReviewResult(Verdict.TIMEOUT, "").exitCode()).isEqualTo(1);
    assertThat(new ReviewResult(Verdict.CLOSED_EXTERNALLY, "").exitCode()).isEqualTo(2);
    assertThat(new WalkResult(WalkExitReason.MERGE_BLOCKED, 0, 0, 4).exitCode()).isEqualTo(1);
  }

  @Test
  void rebaseMayHelpOnlyWhenTheRefusalIsNotPermanent() {
    assertThat(blocked("User not allowed to merge PR").rebaseMayHelp()).isFalse();
    assertThat(blocked("Work in progress PRs cannot be merged").rebaseMayHelp()).isFalse();
    assertThat(blocked("not allowed to merge [reason: Does not have enough approvals]")
        .rebaseMayHelp()).isFalse();
    assertThat(blocked("Please try again later").rebaseMayHelp()).isTrue();
    assertThat(blocked("").rebaseMayHelp()).isTrue();
    assertThat(new MergeResult(MergeOutcome.FAILED, 409, "failed (HTTP 409): x", "")
        .rebaseMayHelp()).isTrue();
    assertThat(new MergeResult(MergeOutcome.MERGED, 200, "", "").rebaseMayHelp()).isFalse();
  }

  private static MergeResult blocked(String message) {
    return new MergeResult(MergeOutcome.BLOCKED, 405, "blocked (HTTP 405): {\"message\":\""
        + message + "\"}", message);
  }
}
