package ai.disinto.forge.pulls;

import java.util.Objects;

/**
 * The outcome of {@link MergeWalk#walk}.
 *
 * @param reason why the walk stopped
 * @param ciFixes the agent's CI fix attempts over the whole walk
 * @param reviewRounds the review rounds handed to the agent
 * @param mergeAttempts the merge requests that failed
 */
public record WalkResult(WalkExitReason reason, int ciFixes, int reviewRounds, int mergeAttempts) {

  /** Checks the reason. */
  public WalkResult {
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * Tells whether the PR ended merged.
   *
   * @return true for {@link WalkExitReason#MERGED}
   */
  public boolean merged() {
    return reason == WalkExitReason.MERGED;
  }
}
