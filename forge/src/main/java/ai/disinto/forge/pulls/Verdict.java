package ai.disinto.forge.pulls;

/** What review polling found; {@code _PR_REVIEW_VERDICT}. */
public enum Verdict {
  /** The reviewer approved. */
  APPROVE,
  /** The reviewer asked for changes. */
  REQUEST_CHANGES,
  /** The reviewer wants a discussion; handled like a change request. */
  DISCUSS,
  /**
   * The review bot's verdict line carries a bold token this library does not know (such as
   * {@code **REJECT**}). Not in the original, whose verdict pattern could only match the three
   * known words; the walk ends with {@link WalkExitReason#UNEXPECTED_VERDICT} on it rather than
   * guessing from the rest of the comment.
   */
  UNRECOGNIZED,
  /** No verdict within the timeout. */
  TIMEOUT,
  /** The PR was merged by someone else while waiting. */
  MERGED_EXTERNALLY,
  /** The PR was closed without merge while waiting. */
  CLOSED_EXTERNALLY
}
