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
 * @param agentRuns how often the (scripted) agent was asked to fix something
 * @param forgeRequests API requests the run made to the forge (control calls to the mock excluded)
 * @param real wall-clock time of the run
 * @param virtual forge-side time that passed on the demo's virtual clock (polls, CI, review)
 */
public record DemoReport(
    List<Long> issues,
    List<Long> closedIssues,
    List<Long> pulls,
    List<Long> mergedPulls,
    int agentRuns,
    long forgeRequests,
    Duration real,
    Duration virtual) {

  /** Freezes the lists. */
  public DemoReport {
    issues = List.copyOf(issues);
    closedIssues = List.copyOf(closedIssues);
    pulls = List.copyOf(pulls);
    mergedPulls = List.copyOf(mergedPulls);
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
