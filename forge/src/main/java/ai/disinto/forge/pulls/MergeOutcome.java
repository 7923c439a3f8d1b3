package ai.disinto.forge.pulls;

/** How a merge request ended. */
public enum MergeOutcome {
  /** Merged now, or already merged by someone else (exit 0). */
  MERGED,
  /** Any failure other than a 405 (exit 1). */
  FAILED,
  /** Forgejo refused with 405 and the PR is not merged (exit 2). */
  BLOCKED;

  /**
   * The return code of {@code pr_merge}.
   *
   * @return 0, 1 or 2
   */
  public int exitCode() {
    return ordinal();
  }
}
