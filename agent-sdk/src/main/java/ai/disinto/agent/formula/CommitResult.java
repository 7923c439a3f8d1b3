package ai.disinto.agent.formula;

import java.util.Objects;

/**
 * What a commit-and-push of the ops or {@code .profile} repository did.
 *
 * @param outcome what happened
 * @param branch the branch pushed to, empty when nothing was pushed
 * @param detail git's message when something failed; empty otherwise
 */
public record CommitResult(Outcome outcome, String branch, String detail) {

  /** How a commit-and-push ended. */
  public enum Outcome {
    /** There is no clone (no {@code .git}): nothing was done. */
    NO_REPOSITORY,
    /** Nothing was staged: no commit. */
    NOTHING_TO_COMMIT,
    /** Committed and pushed. */
    PUSHED,
    /** Staging or committing failed; nothing was pushed. */
    COMMIT_FAILED,
    /** Committed locally; the push failed (the commit stays for the next push). */
    PUSH_FAILED
  }

  /**
   * Replaces absent strings with empty ones.
   *
   * @param outcome the outcome
   * @param branch the branch
   * @param detail the detail
   */
  public CommitResult {
    Objects.requireNonNull(outcome, "outcome");
    branch = Objects.requireNonNullElse(branch, "");
    detail = Objects.requireNonNullElse(detail, "");
  }

  /**
   * Tells whether the repository is as the caller wanted: pushed, or nothing to commit.
   *
   * @return true for {@link Outcome#PUSHED} and {@link Outcome#NOTHING_TO_COMMIT}
   */
  public boolean succeeded() {
    return outcome == Outcome.PUSHED || outcome == Outcome.NOTHING_TO_COMMIT;
  }
}
