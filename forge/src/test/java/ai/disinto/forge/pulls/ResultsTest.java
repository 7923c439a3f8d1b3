package ai.disinto.forge.pulls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The wire names and the derived values of the results. */
class ResultsTest {
  @Test
  void walkExitReasonsHaveTheOriginalsWireNames() {
    assertThat(Arrays.stream(WalkExitReason.values()).map(WalkExitReason::wireName)).containsExactly(
        "merged", "ci_exhausted", "review_exhausted", "ci_timeout", "review_timeout",
        "merge_blocked", "closed_externally", "unexpected_verdict");
  }

  @Test
  void commitStatesAreReadFromTheStatusWords() {
    assertThat(CommitState.parse("success")).isEqualTo(CommitState.SUCCESS);
    assertThat(CommitState.parse("FAILURE")).isEqualTo(CommitState.FAILURE);
    assertThat(CommitState.parse("error")).isEqualTo(CommitState.ERROR);
    assertThat(CommitState.parse("pending")).isEqualTo(CommitState.PENDING);
    assertThat(CommitState.parse("")).isEqualTo(CommitState.UNKNOWN);
    assertThat(CommitState.parse(null)).isEqualTo(CommitState.UNKNOWN);
    assertThat(CommitState.parse("warning")).isEqualTo(CommitState.UNKNOWN);
    assertThat(Arrays.stream(CommitState.values()).filter(CommitState::isFinal))
        .containsExactly(CommitState.SUCCESS, CommitState.FAILURE, CommitState.ERROR);
  }

  @Test
  void theMergeErrorNamesTheOutcomeTheStatusAndTheBody() {
    assertThat(new MergeResult(MergeOutcome.MERGED, 200, "", "").error()).isEmpty();
    assertThat(new MergeResult(MergeOutcome.BLOCKED, 405, "{}", "").error())
        .isEqualTo("blocked (HTTP 405): {}");
    assertThat(new MergeResult(MergeOutcome.FAILED, 500, "boom", "").error())
        .isEqualTo("failed (HTTP 500): boom");
    assertThat(new MergeResult(MergeOutcome.FAILED, 0, "connection refused", "").error())
        .isEqualTo("failed (no answer): connection refused");
  }

  @Test
  void aCreateResultHasANumberExactlyWhenItDidNotFail() {
    assertThatThrownBy(() -> new CreateResult(CreateResult.Outcome.FAILED, OptionalLong.of(1), 500,
        "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CreateResult(CreateResult.Outcome.CREATED, OptionalLong.empty(),
        201, "")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rebaseMayHelpOnlyWhenTheRefusalIsNotPermanent() {
    assertThat(blocked("User not allowed to merge PR").rebaseMayHelp()).isFalse();
    assertThat(blocked("Work in progress PRs cannot be merged").rebaseMayHelp()).isFalse();
    assertThat(blocked("not allowed to merge [reason: Does not have enough approvals]")
        .rebaseMayHelp()).isFalse();
    assertThat(blocked("Please try again later").rebaseMayHelp()).isTrue();
    assertThat(blocked("").rebaseMayHelp()).isTrue();
    assertThat(new MergeResult(MergeOutcome.FAILED, 409, "x", "")
        .rebaseMayHelp()).isTrue();
    assertThat(new MergeResult(MergeOutcome.MERGED, 200, "", "").rebaseMayHelp()).isFalse();
  }

  private static MergeResult blocked(String message) {
    return new MergeResult(MergeOutcome.BLOCKED, 405, "{\"message\":\""
        + message + "\"}", message);
  }
}
