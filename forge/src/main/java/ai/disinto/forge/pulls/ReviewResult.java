package ai.disinto.forge.pulls;

import java.util.Objects;

/**
 * The outcome of {@link PrLifecycle#pollReview}: {@code _PR_REVIEW_VERDICT} and {@code
 * _PR_REVIEW_TEXT} of {@code pr_poll_review}.
 *
 * @param verdict what was found
 * @param text the body of the review bot's comment for the head commit, empty when there was none
 */
public record ReviewResult(Verdict verdict, String text) {

  /** Checks the verdict and replaces an absent text with an empty one. */
  public ReviewResult {
    Objects.requireNonNull(verdict, "verdict");
    text = Objects.requireNonNullElse(text, "");
  }

  /**
   * The return code of {@code pr_poll_review}.
   *
   * @return 0 for a verdict, 1 for a timeout, 2 when the PR was merged or closed externally
   */
  public int exitCode() {
    return switch (verdict) {
      case TIMEOUT -> 1;
      case MERGED_EXTERNALLY, CLOSED_EXTERNALLY -> 2;
      default -> 0;
    };
  }
}
