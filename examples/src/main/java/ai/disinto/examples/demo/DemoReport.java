package ai.disinto.examples.demo;

import java.time.Duration;
import java.util.List;

/**
 * What one run of the demo did, read back from the forge at the end.
 *
 * @param issues the seeded backlog issues
 * @param closedIssues those of them the forge reports closed
 * @param pulls the PRs the run opened
 * @param mergedPulls those of them the forge reports merged
 * @param runs what the cycle did with each issue, in order
 * @param agentTurns model turns the agent took in all
 * @param guardRefusals tool calls the PreToolUse guard refused
 * @param failingLogReachedAgent whether a CI-fix prompt carried the failing test's output line
 * @param realClaude whether the real Claude Code ran (else the fake {@code claude})
 * @param forgeRequests API requests the run made to the forge (control calls to the mock excluded)
 * @param real wall-clock time of the run
 * @param virtual factory time that passed on the demo's virtual clock (polls, CI, review)
 */
public record DemoReport(
    List<Long> issues,
    List<Long> closedIssues,
    List<Long> pulls,
    List<Long> mergedPulls,
    List<FactoryCycle.IssueRun> runs,
    int agentTurns,
    int guardRefusals,
    boolean failingLogReachedAgent,
    boolean realClaude,
    long forgeRequests,
    Duration real,
    Duration virtual) {

  /** Freezes the lists. */
  public DemoReport {
    issues = List.copyOf(issues);
    closedIssues = List.copyOf(closedIssues);
    pulls = List.copyOf(pulls);
    mergedPulls = List.copyOf(mergedPulls);
    runs = List.copyOf(runs);
  }

  /**
   * How many CI runs failed and were fixed by the agent: pipelines beyond the first per PR.
   *
   * @return the count
   */
  public int ciFailures() {
    return (int) runs.stream().mapToLong(r -> Math.max(0, r.ciRuns() - 1)).sum();
  }

  /**
   * Whether the backlog was worked off: every seeded issue closed, every opened PR merged.
   *
   * @return true when nothing was left behind
   */
  public boolean complete() {
    return !issues.isEmpty()
        && closedIssues.containsAll(issues)
        && !pulls.isEmpty()
        && mergedPulls.containsAll(pulls);
  }
}
