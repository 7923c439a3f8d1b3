package ai.disinto.forge.pulls;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The outcome of {@link PrLifecycle#merge}: the return code of {@code pr_merge} and its output
 * variable {@code _PR_MERGE_ERROR}.
 *
 * @param outcome merged, failed or blocked
 * @param httpStatus the status of the last merge request; 0 when the forge was not reached
 * @param error {@code _PR_MERGE_ERROR}: empty when merged, else {@code blocked (HTTP 405): BODY} or
 *     {@code failed (HTTP CODE): BODY} with at most 200 characters of the response body ({@code
 *     000} when the forge was not reached)
 * @param forgeMessage the {@code message} field of Forgejo's error body, empty when none
 */
public record MergeResult(MergeOutcome outcome, int httpStatus, String error, String forgeMessage) {
  /**
   * Forgejo's 405 reasons that no rebase can fix (Forgejo 11 {@code MergePullRequest}): missing
   * merge permission, work-in-progress title, and the branch protection refusals ("not allowed to
   * merge [reason: …]", which Forgejo logs as "PR is not ready to be merged").
   */
  private static final List<String> NOT_FIXABLE_BY_REBASE = List.of(
      "not allowed to merge",
      "work in progress",
      "not ready to be merged",
      "does not have enough approvals",
      "there are requested changes",
      "requires signed commits");

  /** Checks the outcome and replaces absent strings with empty ones. */
  public MergeResult {
    Objects.requireNonNull(outcome, "outcome");
    error = Objects.requireNonNullElse(error, "");
    forgeMessage = Objects.requireNonNullElse(forgeMessage, "");
  }

  /**
   * Tells whether the PR is merged.
   *
   * @return true for {@link MergeOutcome#MERGED}
   */
  public boolean merged() {
    return outcome == MergeOutcome.MERGED;
  }

  /**
   * The return code of {@code pr_merge}.
   *
   * @return 0 merged, 1 failed, 2 blocked
   */
  public int exitCode() {
    return outcome.exitCode();
  }

  /**
   * Tells whether asking the agent to rebase and push could make the next merge succeed: false
   * for a 405 whose reason is a permission, a work-in-progress title or branch protection, true
   * for every other failure (conflicts, a head that moved, "Please try again later", errors).
   *
   * @return false when rebasing is pointless
   */
  public boolean rebaseMayHelp() {
    if (merged()) {
      return false;
    }
    if (httpStatus != 405) {
      return true;
    }
    String m = (forgeMessage + " " + error).toLowerCase(Locale.ROOT);
    return NOT_FIXABLE_BY_REBASE.stream().noneMatch(m::contains);
  }
}
