package ai.disinto.ci.helpers;

import ai.disinto.forge.pulls.CommitState;
import java.util.Objects;

/**
 * The CI state of a commit as the original prints it: {@code success}, {@code failure}, {@code
 * pending} (mapped from Woodpecker), or the forge's combined state as it came ({@code error},
 * {@code warning}, the empty string when the forge has no statuses yet, {@code unknown} when the
 * field is missing). Kept as a string because consumers compare against values the enum {@link
 * CommitState} does not have.
 *
 * @param raw the state word; never null
 * @param answered false when neither Woodpecker nor the forge gave a readable answer (the
 *     original then prints nothing); {@link #raw()} is empty then
 */
public record CiStatus(String raw, boolean answered) {
  /** {@code success}. */
  public static final CiStatus SUCCESS = new CiStatus("success", true);
  /** {@code failure}. */
  public static final CiStatus FAILURE = new CiStatus("failure", true);
  /** {@code pending}. */
  public static final CiStatus PENDING = new CiStatus("pending", true);
  /** {@code unknown}: the forge's answer had no state. */
  public static final CiStatus UNKNOWN = new CiStatus("unknown", true);
  /** The empty state: the forge has no statuses for the commit yet. */
  public static final CiStatus EMPTY = new CiStatus("", true);
  /** No answer at all (request failed, unreadable body): empty, like {@link #EMPTY}. */
  public static final CiStatus NO_ANSWER = new CiStatus("", false);

  /** Checks the state word. */
  public CiStatus {
    Objects.requireNonNull(raw, "raw");
    if (!answered && !raw.isEmpty()) {
      throw new IllegalArgumentException("a status without an answer has no state word");
    }
  }

  /**
   * A state word that was read.
   *
   * @param raw the word, such as {@code warning}
   * @return the status
   */
  public static CiStatus of(String raw) {
    return new CiStatus(raw, true);
  }

  /**
   * The state as walk-to-merge's port sees it: {@code success}, {@code failure}, {@code error},
   * {@code pending}; anything else ({@code warning}, empty, {@code unknown}) is {@link
   * CommitState#UNKNOWN}, so a poll goes on as {@code pr_poll_ci} does.
   *
   * @return the commit state
   */
  public CommitState toCommitState() {
    return CommitState.parse(raw);
  }

  @Override
  public String toString() {
    return answered ? raw : "<no answer>";
  }
}
