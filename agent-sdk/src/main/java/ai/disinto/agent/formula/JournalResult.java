package ai.disinto.agent.formula;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What writing a journal entry did.
 *
 * @param outcome what happened
 * @param file the entry written, relative to the {@code .profile} clone
 * @param commit the commit-and-push of the entry
 * @param detail why it failed; empty otherwise
 */
public record JournalResult(Outcome outcome, Optional<Path> file, Optional<CommitResult> commit,
    String detail) {

  /** How writing a journal entry ended. */
  public enum Outcome {
    /** The agent has no {@code .profile} repository, or it could not be had: nothing to do. */
    NO_PROFILE,
    /** The entry was written (see {@link #commit()} for whether it was pushed). */
    WRITTEN,
    /** The agent failed or answered nothing: no entry was written. */
    FAILED
  }

  /**
   * Checks the parts.
   *
   * @param outcome the outcome
   * @param file the file
   * @param commit the commit
   * @param detail the detail
   */
  public JournalResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(commit, "commit");
    detail = Objects.requireNonNullElse(detail, "");
  }
}
