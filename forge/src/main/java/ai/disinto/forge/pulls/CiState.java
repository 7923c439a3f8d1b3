package ai.disinto.forge.pulls;

/** How CI polling ended ({@code _PR_CI_STATE} of {@code pr_poll_ci}). */
public enum CiState {
  /** CI passed, or is not configured, or is not required for the PR. */
  SUCCESS,
  /** CI failed on the PR's head commit. */
  FAILURE,
  /**
   * The PR (and so its head commit) could not be read: no CI verdict at all. The original reports
   * it as a failure; the walk reads the PR again instead of asking the agent for a fix.
   */
  UNREADABLE,
  /** No final state within the timeout. */
  TIMEOUT
}
