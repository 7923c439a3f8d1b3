package ai.disinto.forge.pulls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.Mergeability;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * pr_walk_to_merge against the mock Forgejo with a scripted CI gate, agent and retrigger
 * (pr-lifecycle 25–31): one test per exit reason, and the budgets.
 */
class WalkToMergeTest extends PullsTest {

  private WalkResult walk() {
    return w.walk().walk(pr, "sess-1", PullsWorld.WORKTREE);
  }

  private void approveHead() {
    w.botReview(pr, w.head(pr), "APPROVE");
  }

  @Test
  @DisplayName("case 25 (exit merged): CI success, APPROVE, merge 200; the agent is never run")
  void happyPathMergesWithoutTheAgent() {
    w.ci.states("success");
    approveHead();

    WalkResult r = walk();

    assertThat(r.reason()).isEqualTo(WalkExitReason.MERGED);
    assertThat(r.merged()).isTrue();
    assertThat(r.reason().wireName()).isEqualTo("merged");
    assertThat(w.agent.runs).isEmpty();
    assertThat(w.prs().isMerged(pr).merged()).isTrue();
    assertThat(w.log()).first().isEqualTo(
        "pr-lifecycle: walking PR #" + pr + " to merge (max CI: 3, max review: 5)");
  }

  @Test
  @DisplayName("case 26 (exit ci_exhausted): code failures, max 3: three fix prompts, then exhausted")
  void codeFailuresExhaustTheCiBudget() {
    w.ci.states("failure").types(FailureType.CODE);
    w.ci.digest = "step test failed\n";

    WalkResult r = walk();

    assertThat(r.reason()).isEqualTo(WalkExitReason.CI_EXHAUSTED);
    assertThat(r.reason().wireName()).isEqualTo("ci_exhausted");
    assertThat(w.agent.prompts()).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(w.agent.prompts().get(i))
          .startsWith("CI failed on PR #" + pr + " (attempt " + (i + 1) + "/3).");
    }
    assertThat(w.ci.statusChecks).hasSize(4);
    assertThat(w.log()).contains("pr-lifecycle: CI fix budget exhausted (4/3)");
    assertThat(w.agent.runs).allSatisfy(run -> assertThat(run.worktree())
        .isEqualTo(PullsWorld.WORKTREE));
  }

  @Test
  void ciFixPromptCarriesPipelineTypeDigestAndStepLogs() {
    w.ci.states("failure", "success").types(FailureType.CODE);
    w.ci.digest = "FAIL: TestParse\n";
    w.ci.stepLogs = "go test ./...\n--- FAIL: TestParse\n";
    approveHead();

    walk();

    assertThat(w.agent.prompts().get(0)).isEqualTo(
        "CI failed on PR #" + pr + " (attempt 1/3).\n\n"
            + "Pipeline: #17\n"
            + "Failure type: code\n\n"
            + "Error log:\n"
            + "FAIL: TestParse\n"
            + "CI Log Output (last 50 lines):\n```\ngo test ./...\n--- FAIL: TestParse\n```\n\n\n"
            + "Fix what broke, run the tests, commit, rebase on main and push:\n"
            + "  git fetch origin main && git rebase origin/main\n"
            + "  git push --force-with-lease origin HEAD");
  }

  @Test
  @DisplayName("case 27: the first infra failure retriggers CI, the second goes to the agent")
  void firstInfraFailureRetriggersTheSecondInvokesTheAgent() {
    w.ci.states("failure", "failure", "success").types(FailureType.INFRA);
    approveHead();

    WalkResult r = walk();

    assertThat(w.retriggers).containsExactly(PullsWorld.WORKTREE);
    assertThat(w.agent.prompts()).singleElement().asString()
        .startsWith("CI failed on PR #" + pr + " (attempt 1/3).")
        .contains("Failure type: infra");
    assertThat(r.reason()).isEqualTo(WalkExitReason.MERGED);
    assertThat(w.log()).contains("pr-lifecycle: infra failure — retriggering CI (retry 1)");
  }

  @Test
  void failedRetriggerIsLoggedWithItsExitCodeAndLastFiveLines() {
    w.ci.states("failure", "success").types(FailureType.INFRA);
    w.retriggerResult = new RetriggerResult(128, "l1\nl2\nl3\nl4\nl5\nl6\nl7\n");
    approveHead();

    walk();

    assertThat(w.log()).contains("pr-lifecycle: rebase/push failed (exit code 128): l3\nl4\nl5\nl6\nl7");
  }

  @Test
  @DisplayName("case 28: a review round restarts the CI fix budget")
  void reviewRoundRestartsTheCiBudget() {
    w.ci.states("failure", "success", "failure", "success").types(FailureType.CODE);
    w.botReview(pr, w.head(pr), "REQUEST_CHANGES");

    w.config = w.config.withWalkBudgets(3, 1);

    WalkResult r = w.walk().walk(pr, "sess-1", PullsWorld.WORKTREE);

    assertThat(w.agent.prompts()).hasSize(3);
    assertThat(w.agent.prompts().get(0)).startsWith("CI failed on PR #" + pr + " (attempt 1/3).");
    assertThat(w.agent.prompts().get(1)).startsWith("Review feedback (round 1/1) on PR #" + pr);
    assertThat(w.agent.prompts().get(2)).startsWith("CI failed on PR #" + pr + " (attempt 1/3).");
    assertThat(r.reason()).isEqualTo(WalkExitReason.REVIEW_EXHAUSTED);
  }

  @Test
  @DisplayName("case 29 (exit review_exhausted): six change requests, max 5: five review prompts")
  void changeRequestsExhaustTheReviewBudget() {
    w.ci.states("success");
    w.botReview(pr, w.head(pr), "REQUEST_CHANGES");

    WalkResult r = walk();

    assertThat(r.reason()).isEqualTo(WalkExitReason.REVIEW_EXHAUSTED);
    assertThat(r.reason().wireName()).isEqualTo("review_exhausted");
    assertThat(r.reviewRounds()).isEqualTo(5);
    assertThat(w.agent.prompts()).hasSize(5);
    for (int i = 0; i < 5; i++) {
      assertThat(w.agent.prompts().get(i))
          .startsWith("Review feedback (round " + (i + 1) + "/5) on PR #" + pr + ":");
    }
    assertThat(w.log()).contains("pr-lifecycle: review budget exhausted (6/5)");
  }

  @Test
  void reviewPromptCarriesTheReviewText() {
    w.ci.states("success");
    w.botReview(pr, w.head(pr), "DISCUSS");

    w.config = w.config.withWalkBudgets(3, 1);

    w.walk().walk(pr, "", PullsWorld.WORKTREE);

    assertThat(w.agent.prompts().get(0)).isEqualTo(
        "Review feedback (round 1/1) on PR #" + pr + ":\n\n"
            + PullsWorld.reviewBody(w.head(pr), "Looks reasonable.", "DISCUSS") + "\n\n"
            + "Address every point of the review. Run the linters and the tests.\n"
            + "Commit, rebase on main and push:\n"
            + "  git fetch origin main && git rebase origin/main\n"
            + "  git push --force-with-lease origin HEAD");
  }

  @Test
  @DisplayName("case 30a (exit merged): a PR merged by someone else during review is merged")
  void externallyMergedPrEndsMerged() {
    w.ci.states("success");
    w.client(PullsWorld.REVIEW_TOKEN).send("POST", "/pulls/" + pr + "/merge",
        Map.of("Do", "merge"));

    WalkResult r = walk();

    assertThat(r.reason()).isEqualTo(WalkExitReason.MERGED);
    assertThat(r.merged()).isTrue();
    assertThat(w.requests("POST", "/pulls/" + pr + "/merge")).hasSize(1);
  }

  @Test
  @DisplayName("case 30b (exit closed_externally): a PR closed by someone else ends the walk")
  void externallyClosedPrEndsClosedExternally() {
    w.ci.states("success");
    w.client(PullsWorld.DEV_TOKEN).send("PATCH", "/pulls/" + pr, Map.of("state", "closed"));

    WalkResult r = walk();

    assertThat(r.reason()).isEqualTo(WalkExitReason.CLOSED_EXTERNALLY);
    assertThat(r.reason().wireName()).isEqualTo("closed_externally");
    assertThat(r.merged()).isFalse();
  }

  @Test
  @DisplayName("case 31 (exit merge_blocked): merge refused every time: three rebase prompts")
  void mergeRefusedEveryTimeEndsMergeBlockedAfterThreeRebases() {
    w.ci.states("success");
    approveHead();
    w.forge.setMergeability(PullsWorld.REPO, pr, Mergeability.CHECKING);

    WalkResult r = walk();

    assertThat(r.reason()).isEqualTo(WalkExitReason.MERGE_BLOCKED);
    assertThat(r.reason().wireName()).isEqualTo("merge_blocked");
    assertThat(w.agent.prompts()).hasSize(3).allSatisfy(p -> assertThat(p).startsWith(
        "PR #" + pr + " approved but merge failed: blocked (HTTP 405): "));
    assertThat(r.mergeAttempts()).isEqualTo(4);
    assertThat(w.log()).contains("pr-lifecycle: merge budget exhausted (4/3)");
  }

  @Test
  void rebasePromptNamesTheMergeErrorAndTheGitCommands() {
    w.ci.states("success");
    approveHead();
    w.forge.setMergeability(PullsWorld.REPO, pr, Mergeability.CONFLICT);
    w.agent.action = n -> w.forge.setMergeability(PullsWorld.REPO, pr, Mergeability.MERGEABLE);

    WalkResult r = walk();

    assertThat(r.reason()).isEqualTo(WalkExitReason.MERGED);
    assertThat(w.agent.prompts()).singleElement().asString().isEqualTo(
        "PR #" + pr + " approved but merge failed: failed (HTTP 409): "
            + "{\"message\":\"Merge conflict: the pull request cannot be merged\",\"url\":\""
            + "https://forgejo.org/api/swagger\"}\n\n"
            + "Rebase onto main and push:\n"
            + "  git fetch origin main && git rebase origin/main\n"
            + "  git push --force-with-lease origin HEAD");
  }

  @Test
  void aConfiguredMergeBudgetIsHonoured() {
    w.config = w.config.withMaxMergeAttempts(1);
    w.ci.states("success");
    approveHead();
    w.forge.setMergeability(PullsWorld.REPO, pr, Mergeability.CONFLICT);

    WalkResult r = walk();

    assertThat(r.reason()).isEqualTo(WalkExitReason.MERGE_BLOCKED);
    assertThat(w.agent.prompts()).hasSize(1);
  }

  @Test
  @DisplayName("exit merge_blocked: a 405 that no rebase can fix ends the walk without a prompt")
  void mergeNotAllowedEndsMergeBlockedWithoutRebasePrompt() {
    w.ci.states("success");
    approveHead();

    WalkResult r = w.walk(PullsWorld.READER_TOKEN).walk(pr, "s", PullsWorld.WORKTREE);

    assertThat(r.reason()).isEqualTo(WalkExitReason.MERGE_BLOCKED);
    assertThat(w.agent.runs).isEmpty();
    assertThat(w.requests("POST", "/pulls/" + pr + "/merge")).hasSize(1);
    assertThat(w.log()).contains(
        "pr-lifecycle: merge blocked and a rebase cannot fix it: User not allowed to merge PR");
  }

  @Test
  @DisplayName("exit ci_timeout: CI never finishes")
  void ciThatNeverFinishesEndsCiTimeout() {
    w.config = w.config.withCiPolling(Duration.ofSeconds(60), Duration.ofSeconds(30));
    w.ci.states("pending");

    WalkResult r = walk();

    assertThat(r.reason()).isEqualTo(WalkExitReason.CI_TIMEOUT);
    assertThat(r.reason().wireName()).isEqualTo("ci_timeout");
    assertThat(w.time.sleeps()).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(30));
    assertThat(w.agent.runs).isEmpty();
  }

  @Test
  @DisplayName("exit review_timeout: no verdict arrives")
  void reviewThatNeverComesEndsReviewTimeout() {
    w.ci.states("success");

    WalkResult r = walk();

    assertThat(r.reason()).isEqualTo(WalkExitReason.REVIEW_TIMEOUT);
    assertThat(r.reason().wireName()).isEqualTo("review_timeout");
    assertThat(w.time.sleeps()).hasSize(36 + 1).contains(Duration.ofSeconds(300));
    assertThat(w.agent.runs).isEmpty();
  }

  @Test
  @DisplayName("exit unexpected_verdict: an unknown verdict word stops the walk")
  void unknownVerdictEndsUnexpectedVerdict() {
    w.ci.states("success");
    w.botReview(pr, w.head(pr), "REJECT");

    WalkResult r = walk();

    assertThat(r.reason()).isEqualTo(WalkExitReason.UNEXPECTED_VERDICT);
    assertThat(r.reason().wireName()).isEqualTo("unexpected_verdict");
    assertThat(w.agent.runs).isEmpty();
    assertThat(w.requests("POST", "/pulls/" + pr + "/merge")).isEmpty();
    assertThat(w.log()).contains("pr-lifecycle: unexpected verdict: UNRECOGNIZED");
  }

  @Test
  void agentRunsResumeTheSessionTheLastRunReported() {
    w.ci.states("failure", "failure", "success").types(FailureType.CODE);
    w.agent.reportedSession = "sess-after-";
    approveHead();

    walk();

    assertThat(w.agent.runs).extracting(PullsWorld.Agent.Run::session)
        .containsExactly("sess-1", "sess-after-1");
  }

  @Test
  void aFailingAgentIsLoggedAndTheWalkGoesOn() {
    w.ci.states("failure", "success").types(FailureType.CODE);
    w.agent.exitStatus = 3;
    approveHead();

    WalkResult r = walk();

    assertThat(r.reason()).isEqualTo(WalkExitReason.MERGED);
    assertThat(w.log()).contains("pr-lifecycle: agent exited with code 3");
  }

  @Test
  void theAgentsPushIsWhatTheNextReviewIsReadFor() {
    // A realistic round: the agent pushes a fix, the review bot approves the new head.
    w.ci.states("success");
    w.botReview(pr, w.head(pr), "REQUEST_CHANGES");
    w.agent.action = n -> {
      String sha = w.forge.pushBranch(PullsWorld.REPO, "fix/issue-9", null);
      w.botReview(pr, sha, "APPROVE");
    };

    WalkResult r = walk();

    assertThat(r.reason()).isEqualTo(WalkExitReason.MERGED);
    assertThat(r.reviewRounds()).isEqualTo(1);
    assertThat(w.agent.prompts()).hasSize(1);
  }

  @Test
  void aFailedPrReadWhilePollingCiIsReadAgainWithoutTheAgent() {
    w.forge.faults().add(Fault.on("GET", "/repos/o/r/pulls/" + pr).onCalls(1, 1).withStatus(500));
    w.ci.states("success");
    approveHead();

    WalkResult r = walk();

    assertThat(r.reason()).isEqualTo(WalkExitReason.MERGED);
    assertThat(w.agent.runs).isEmpty();
    assertThat(r.ciFixes()).isZero();
    assertThat(w.time.sleeps().get(0)).isEqualTo(w.config.ciInterval());
    assertThat(w.log()).contains("pr-lifecycle: PR #" + pr
        + " unreadable — not a CI failure, reading it again in 30s");
  }

  @Test
  void aPrThatNeverReadsEndsTheWalkWithCiTimeoutWithoutTheAgent() {
    w.config = w.config.withCiPolling(Duration.ofSeconds(90), Duration.ofSeconds(30));
    w.forge.faults().add(Fault.on("GET", "/repos/o/r/pulls/" + pr).withStatus(500));

    WalkResult r = walk();

    assertThat(r.reason()).isEqualTo(WalkExitReason.CI_TIMEOUT);
    assertThat(w.agent.runs).isEmpty();
    assertThat(w.time.sleeps()).containsExactly(
        Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30));
    assertThat(w.ci.statusChecks).isEmpty();
    assertThat(w.log()).contains("pr-lifecycle: PR #" + pr
        + " still unreadable after 90s — giving up (CI timeout 90s)");
  }

  @Test
  void aWalkWithoutOneOfItsThreePortsCannotBeBuilt() {
    PullRequests prs = w.prs();
    BranchRetrigger retrigger = (wt, remote, primary) -> w.retriggerResult;

    assertThatThrownBy(() -> MergeWalk.builder(prs, null, w.agent, retrigger))
        .isInstanceOf(NullPointerException.class).hasMessage("ciGate");
    assertThatThrownBy(() -> MergeWalk.builder(prs, w.ci, null, retrigger))
        .isInstanceOf(NullPointerException.class).hasMessage("agent");
    assertThatThrownBy(() -> MergeWalk.builder(prs, w.ci, w.agent, null))
        .isInstanceOf(NullPointerException.class).hasMessage("retrigger");
    assertThat(w.forge.journal()).isEmpty();
  }

  @Test
  void theBudgetsOfTheWalksOwnConfigWin() {
    w.ci.states("failure").types(FailureType.CODE);
    MergeWalk walk = MergeWalk.builder(w.prs(), w.ci, w.agent, (wt, r, p) -> w.retriggerResult)
        .config(w.config.withWalkBudgets(1, 0)).build();

    WalkResult r = walk.walk(pr, "", PullsWorld.WORKTREE);

    assertThat(r.reason()).isEqualTo(WalkExitReason.CI_EXHAUSTED);
    assertThat(w.agent.prompts()).singleElement().asString().startsWith(
        "CI failed on PR #" + pr + " (attempt 1/1).");
  }

  @Test
  void theWalksWaitListenerHearsItsCiPolls() {
    w.config = w.config.withCiPolling(Duration.ofSeconds(60), Duration.ofSeconds(30));
    w.ci.states("pending");
    RecordingWaitListener l = new RecordingWaitListener();
    MergeWalk walk = MergeWalk.builder(w.prs(PullsWorld.DEV_TOKEN), w.ci, w.agent,
        (wt, remote, primary) -> w.retriggerResult).waitListener(l).build();

    WalkResult r = walk.walk(pr, "sess-1", PullsWorld.WORKTREE);

    assertThat(r.reason()).isEqualTo(WalkExitReason.CI_TIMEOUT);
    assertThat(l.heard).containsExactly(
        "CI on PR #" + pr + " 0/60", "CI on PR #" + pr + " (pending) 30/60", "end");
  }
}
