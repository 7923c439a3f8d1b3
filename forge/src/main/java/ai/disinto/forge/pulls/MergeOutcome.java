package ai.disinto.forge.pulls;

/** How a merge request ended. */
public enum MergeOutcome {
  /** Merged now, or already merged by someone else. */
  MERGED,
  /** Any failure other than a 405. */
  FAILED,
  /** Forgejo refused with 405 and the PR is not merged. */
  BLOCKED;
}
