package ai.disinto.forge.pulls;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The outcome of {@link PullRequests#merge}: what {@code pr_merge} returned and put in {@code
 * _PR_MERGE_ERROR}, with the status and the forge's message so a caller can tell why a merge
 * failed.
 *
 * @param outcome merged, failed or blocked
 * @param httpStatus the status of the last merge request; 0 when the forge did not answer
 * @param detail at most 200 characters of the forge's response body, or the reason the forge did
 *     not answer; empty when merged
 * @param forgeMessage the {@code message} field of Forgejo's error body, empty when none; {@code
 *     dry run: not sent} when a dry-run client made the answer up
 */
public record MergeResult(MergeOutcome outcome, int httpStatus, String detail,
    String forgeMessage) {
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
    detail = Objects.requireNonNullElse(detail, "");
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
   * Tells whether the forge answered the last merge request at all.
   *
   * @return false when no answer arrived (connection refused, timeout)
   */
  public boolean answered() {
    return httpStatus != 0;
  }

  /**
   * The failure in one line, as the walk hands it to the agent: {@code blocked (HTTP 405): BODY}
   * or {@code failed (HTTP CODE): BODY}, {@code failed (no answer): REASON} when the forge did not
   * answer; empty when merged.
   *
   * @return the error text
   */
  public String error() {
    return switch (outcome) {
      case MERGED -> "";
      case BLOCKED -> "blocked (HTTP " + httpStatus + "): " + detail;
      case FAILED -> answered()
          ? "failed (HTTP " + httpStatus + "): " + detail
          : "failed (no answer): " + detail;
    };
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
    String m = (forgeMessage + " " + detail).toLowerCase(Locale.ROOT);
    return NOT_FIXABLE_BY_REBASE.stream().noneMatch(m::contains);
  }
}
