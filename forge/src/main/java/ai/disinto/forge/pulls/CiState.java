package ai.disinto.forge.pulls;

import java.util.Locale;

/** How CI polling ended; {@code _PR_CI_STATE}. */
public enum CiState {
  /** CI passed, or is not configured, or is not required for the PR (exit 0). */
  SUCCESS,
  /** CI failed, or the PR's head commit could not be read (exit 1). */
  FAILURE,
  /** No final state within the timeout (exit 2). */
  TIMEOUT;

  /**
   * The word the original uses in {@code _PR_CI_STATE}.
   *
   * @return {@code success}, {@code failure} or {@code timeout}
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The return code of {@code pr_poll_ci} for this state.
   *
   * @return 0, 1 or 2
   */
  public int exitCode() {
    return ordinal();
  }
}
