package ai.disinto.forge.pulls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.testkit.forgejo.Fault;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** pr_poll_ci against the mock Forgejo with a scripted CI gate (spec/forge.md pr-lifecycle 5–10). */
class PollCiTest extends PullsTest {
  private static final Duration S30 = Duration.ofSeconds(30);

  @Test
  @DisplayName("case 5: no CI configured is a success with the head SHA and no sleep")
  void noCiConfiguredIsASuccessWithoutSleeping() {
    w.ci.configured = false;

    CiResult r = w.ciPoller().poll(pr);

    assertThat(r.state()).isEqualTo(CiState.SUCCESS);
    assertThat(r.sha()).isEqualTo(w.head(pr));
    assertThat(w.time.sleeps()).isEmpty();
    assertThat(w.log()).contains("pr-lifecycle: no CI configured");
  }

  @Test
  @DisplayName("case 6: an unreadable PR is a failure with an empty SHA and no sleep")
  void unreadablePrIsAFailureWithoutSleeping() {
    w.forge.faults().add(Fault.on("GET", "/repos/o/r/pulls/" + pr).withStatus(500));

    CiResult r = w.ciPoller().poll(pr);

    assertThat(r.state()).isEqualTo(CiState.UNREADABLE);
    assertThat(r.sha()).isEmpty();
    assertThat(w.time.sleeps()).isEmpty();
    assertThat(w.ci.statusChecks).isEmpty();
    assertThat(w.log()).contains("pr-lifecycle: cannot get HEAD SHA for PR #" + pr);
  }

  @Test
  void aPrReadAsJsonNullIsAnUnreadablePrNotANullPointer() {
    w.forge.faults().add(Fault.on("GET", "/repos/o/r/pulls/" + pr).withStatus(200)
        .withBody("null"));

    CiResult r = w.ciPoller().poll(pr);

    assertThat(r.state()).isEqualTo(CiState.UNREADABLE);
    assertThat(r.sha()).isEmpty();
    assertThat(w.time.sleeps()).isEmpty();
  }

  @Test
  @DisplayName("case 7: a non-code PR is a success without sleeping")
  void nonCodePrIsASuccessWithoutSleeping() {
    w.ci.required = false;

    CiResult r = w.ciPoller().poll(pr);

    assertThat(r.state()).isEqualTo(CiState.SUCCESS);
    assertThat(w.time.sleeps()).isEmpty();
    assertThat(w.log()).contains("pr-lifecycle: PR #" + pr + " non-code — CI not required");
  }

  @Test
  @DisplayName("case 8: pending, pending, success sleeps three intervals before each check")
  void pendingTwiceThenSuccessSleepsThreeIntervals() {
    w.ci.states("pending", "pending", "success");

    CiResult r = w.ciPoller().poll(pr, Duration.ofSeconds(1800), S30);

    assertThat(r.state()).isEqualTo(CiState.SUCCESS);
    assertThat(w.time.sleeps()).containsExactly(S30, S30, S30);
    assertThat(w.ci.statusChecks).containsOnly(w.head(pr)).hasSize(3);
  }

  @Test
  void everyPendingRoundIsLoggedWithStateElapsedAndTimeLeft() {
    w.ci.states("pending", "success");

    w.ciPoller().poll(pr, Duration.ofSeconds(120), S30);

    assertThat(w.log()).contains("pr-lifecycle: polling CI for PR #" + pr + " SHA "
        + w.head(pr).substring(0, 7));
    assertThat(w.log()).contains(
        "pr-lifecycle: CI pending for PR #" + pr + " (30s elapsed, 90s left)");
    assertThat(w.log()).contains("pr-lifecycle: CI passed");
  }

  @Test
  @DisplayName("case 9: a failure carries pipeline, type and a digest cut to 80 lines / 8000 bytes")
  void failureCarriesPipelineTypeAndATruncatedDigest() {
    w.ci.states("failure").types(FailureType.INFRA);
    StringBuilder digest = new StringBuilder();
    for (int i = 1; i <= 200; i++) {
      digest.append("line ").append(i).append(' ').append("x".repeat(150)).append('\n');
    }
    w.ci.digest = digest.toString();

    CiResult r = w.ciPoller().poll(pr);

    assertThat(r.state()).isEqualTo(CiState.FAILURE);
    assertThat(r.pipeline()).hasValue(17);
    assertThat(r.failureType()).contains(FailureType.INFRA);
    assertThat(r.errorLog().split("\n", -1).length).isLessThanOrEqualTo(80);
    assertThat(r.errorLog().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(8000);
    assertThat(r.errorLog()).startsWith("line 121 ");
    assertThat(w.log()).contains("pr-lifecycle: CI failed (type: infra)");
  }

  @Test
  void errorStateIsAFailureToo() {
    w.ci.states("pending", "error");

    assertThat(w.ciPoller().poll(pr).state()).isEqualTo(CiState.FAILURE);
    assertThat(w.time.sleeps()).hasSize(2);
  }

  @Test
  void failureWithoutPipelineHasNoTypeAndNoLog() {
    w.ci.states("failure");
    w.ci.pipeline = OptionalLong.empty();
    w.ci.digest = "never read";

    CiResult r = w.ciPoller().poll(pr);

    assertThat(r.failureType()).isEqualTo(Optional.empty());
    assertThat(r.errorLog()).isEmpty();
    assertThat(w.ci.classifications).isZero();
    assertThat(w.log()).contains("pr-lifecycle: CI failed (type: unknown)");
  }

  @Test
  @DisplayName("case 10: timeout 60, interval 30, always pending: two sleeps then timeout")
  void alwaysPendingTimesOutAfterTwoSleeps() {
    w.ci.states("pending");

    CiResult r = w.ciPoller().poll(pr, Duration.ofSeconds(60), S30);

    assertThat(r.state()).isEqualTo(CiState.TIMEOUT);
    assertThat(r.sha()).isEqualTo(w.head(pr));
    assertThat(w.time.sleeps()).containsExactly(S30, S30);
    assertThat(w.log()).contains("pr-lifecycle: CI timeout after 60s");
  }

  @Test
  void aCiGateThatThrowsCountsAsUnknownAndPollingGoesOn() {
    w.ci.states(PullsWorld.Ci.THROW, "success");
    assertThat(w.ciPoller().poll(pr).state()).isEqualTo(CiState.SUCCESS);
    assertThat(w.time.sleeps()).hasSize(2);
  }

  @Test
  void aPollerWithoutACiGateCannotBeBuilt() {
    assertThatThrownBy(() -> new CiPoller(w.prs(), null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("ciGate");
  }

  @Test
  void aZeroIntervalIsRejected() {
    assertThatThrownBy(() -> w.ciPoller().poll(pr, Duration.ofSeconds(60), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Collections.unmodifiableList(w.time.sleeps())).isEmpty();
  }

  @Test
  void aWaitListenerHearsEachPauseWithTheLastStateSeenAndTheEnd() {
    w.ci.states("pending", "unknown", "success");
    RecordingWaitListener l = new RecordingWaitListener();

    CiResult r = w.ciPoller().withWaitListener(l).poll(pr, Duration.ofSeconds(1800), S30);

    assertThat(r.state()).isEqualTo(CiState.SUCCESS);
    assertThat(l.heard).containsExactly("CI on PR #" + pr + " 0/1800",
        "CI on PR #" + pr + " (pending) 30/1800", "CI on PR #" + pr + " (unknown) 60/1800", "end");
  }

  @Test
  void aWaitListenerHearsTheEndOfAPollThatNeverPaused() {
    w.ci.configured = false;
    RecordingWaitListener l = new RecordingWaitListener();

    w.ciPoller().withWaitListener(l).poll(pr);

    assertThat(l.heard).containsExactly("end");
  }
}
