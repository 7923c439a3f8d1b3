package ai.disinto.forge.issues;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Whether an issue's dependencies are all closed, as {@link IssueLifecycle#checkDeps(long)}
 * found them. Mirrors the return code (0 ready, 1 blocked) and the output variables
 * {@code _ISSUE_BLOCKED_BY} and {@code _ISSUE_SUGGESTION} of {@code issue_check_deps}.
 *
 * @param ready true when no dependency is open (the original's return code 0)
 * @param blockedBy the dependencies that are not closed, ascending; empty when ready
 * @param suggestion the first blocker that is open and has no open dependency of its own: the
 *     issue to work on first
 */
public record DependencyStatus(boolean ready, List<Long> blockedBy, OptionalLong suggestion) {
  /** Freezes the list. */
  public DependencyStatus {
    blockedBy = List.copyOf(blockedBy);
    Objects.requireNonNull(suggestion, "suggestion");
  }

  /** The status of an issue without open dependencies. */
  static DependencyStatus readyStatus() {
    return new DependencyStatus(true, List.of(), OptionalLong.empty());
  }
}
