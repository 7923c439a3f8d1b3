package ai.disinto.forge.issues;

/**
 * What {@link IssueLifecycle#postRefusal} did. The original {@code issue_post_refusal} returns 0
 * in all three cases and only logs the difference.
 */
public enum RefusalResult {
  /** The refusal comment was posted. */
  POSTED,
  /** A comment with the same refusal header was already on the issue; nothing was posted. */
  DUPLICATE_SKIPPED,
  /** The forge refused the comment or could not be reached. */
  POST_FAILED
}
