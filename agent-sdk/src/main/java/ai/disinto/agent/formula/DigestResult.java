package ai.disinto.agent.formula;

import java.util.Objects;
import java.util.Optional;

/**
 * What a journal digest did.
 *
 * @param outcome what happened
 * @param archived how many journal entries were moved to {@code journal/archive/}
 * @param commit the commit-and-push of the new lessons and the archive, when one was attempted
 * @param detail why it failed; empty otherwise
 */
public record DigestResult(Outcome outcome, int archived, Optional<CommitResult> commit,
    String detail) {

  /** How a digest ended. */
  public enum Outcome {
    /** There was no journal entry to digest. */
    NOTHING_TO_DIGEST,
    /** The lessons were rewritten and the entries archived. */
    DIGESTED,
    /** The agent failed or answered nothing: lessons and journals are untouched. */
    FAILED
  }

  /**
   * Checks the parts.
   *
   * @param outcome the outcome
   * @param archived the archived count
   * @param commit the commit
   * @param detail the detail
   */
  public DigestResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(commit, "commit");
    detail = Objects.requireNonNullElse(detail, "");
  }
}
