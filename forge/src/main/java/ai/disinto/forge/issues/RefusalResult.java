package ai.disinto.forge.issues;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link IssueLifecycle#postRefusal} did. The original {@code issue_post_refusal} returns 0
 * in every case and only logs the difference.
 *
 * @param outcome what happened
 * @param failure why the comment is not known to be there, for {@link Outcome#POST_FAILED} and
 *     {@link Outcome#UNCONFIRMED}
 */
public record RefusalResult(Outcome outcome, Optional<StepFailure> failure) {
  /** Checks the parts. */
  public RefusalResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(failure, "failure");
  }

  /** The kinds of outcome. */
  public enum Outcome {
    /** The refusal comment was posted (or found on the issue after its answer was lost). */
    POSTED,
    /** A comment with the same refusal header was already on the issue; nothing was posted. */
    DUPLICATE_SKIPPED,
    /** The forge refused the comment. */
    POST_FAILED,
    /**
     * The comment was sent but its answer was lost, and it could not be found on the issue
     * afterwards: it may or may not exist. It was not sent again.
     */
    UNCONFIRMED
  }

  static RefusalResult of(Outcome outcome) {
    return new RefusalResult(outcome, Optional.empty());
  }

  /**
   * Whether the refusal is on the issue: posted now or already there.
   *
   * @return true for {@link Outcome#POSTED} and {@link Outcome#DUPLICATE_SKIPPED}
   */
  public boolean onIssue() {
    return outcome == Outcome.POSTED || outcome == Outcome.DUPLICATE_SKIPPED;
  }
}
