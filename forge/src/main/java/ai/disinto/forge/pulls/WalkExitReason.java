package ai.disinto.forge.pulls;

import java.util.Locale;

/** Why {@link MergeWalk#walk} stopped; {@code _PR_WALK_EXIT_REASON}. */
public enum WalkExitReason {
  /** The PR is merged (by the walk or by someone else). */
  MERGED,
  /** CI kept failing after the last allowed fix attempt. */
  CI_EXHAUSTED,
  /** The reviewer kept asking for changes after the last allowed round. */
  REVIEW_EXHAUSTED,
  /** CI gave no final state within its timeout. */
  CI_TIMEOUT,
  /** No review verdict within its timeout. */
  REVIEW_TIMEOUT,
  /**
   * Forgejo refused the merge: for a reason a rebase cannot fix, or still after the last allowed
   * rebase (a port addition; the original retried forever).
   */
  MERGE_BLOCKED,
  /** The PR was closed without merge while waiting for review. */
  CLOSED_EXTERNALLY,
  /** The review verdict was none of the known ones. */
  UNEXPECTED_VERDICT;

  /**
   * The value of {@code _PR_WALK_EXIT_REASON}, used in block reasons and journals.
   *
   * @return lower-case snake case, such as {@code ci_exhausted}
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
