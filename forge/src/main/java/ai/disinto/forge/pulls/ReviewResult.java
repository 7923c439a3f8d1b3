package ai.disinto.forge.pulls;

import java.util.Objects;

/**
 * The outcome of {@link ReviewPoller#poll}: {@code _PR_REVIEW_VERDICT} and {@code
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
}
