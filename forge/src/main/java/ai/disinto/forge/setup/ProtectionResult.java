package ai.disinto.forge.setup;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link BranchProtection} setup or removal did.
 *
 * @param outcome what happened to the rule
 * @param status the HTTP status of the deciding answer, 0 when no request decided it
 * @param forgeMessage the forge's (redacted) message of a refused write
 * @param journal what happened to the {@code journal} branch (only {@link
 *     BranchProtection#setupProfile} touches it)
 */
public record ProtectionResult(Outcome outcome, int status, Optional<String> forgeMessage,
    Journal journal) {

  /** What happened to the protection rule. */
  public enum Outcome {
    /** The rule was created. */
    CREATED,
    /** An existing rule was changed to the required settings. */
    UPDATED,
    /** The rule already had the required settings; nothing was written. */
    UNCHANGED,
    /** The rule was deleted. */
    REMOVED,
    /** There was no rule to delete. */
    ABSENT,
    /** The branch never appeared on the forge; nothing was written. */
    BRANCH_MISSING,
    /** The forge refused the write. */
    FAILED
  }

  /** What happened to the {@code journal} branch of a {@code .profile} repository. */
  public enum Journal {
    /** Not a {@code .profile} setup. */
    NOT_APPLICABLE,
    /** It was there already. */
    PRESENT,
    /** It was created from the protected branch. */
    CREATED,
    /** Creating it failed (the protection still stands). */
    FAILED
  }

  /** Checks that nothing is null. */
  public ProtectionResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(forgeMessage, "forgeMessage");
    Objects.requireNonNull(journal, "journal");
  }

  /**
   * Tells whether the branch ends up as asked: protected after a setup, unprotected after a
   * removal.
   *
   * @return false for {@link Outcome#BRANCH_MISSING} and {@link Outcome#FAILED}
   */
  public boolean ok() {
    return outcome != Outcome.BRANCH_MISSING && outcome != Outcome.FAILED;
  }

  /**
   * Tells whether anything was written on the forge.
   *
   * @return true when the rule or the journal branch was created, changed or deleted
   */
  public boolean changed() {
    return outcome == Outcome.CREATED || outcome == Outcome.UPDATED || outcome == Outcome.REMOVED
        || journal == Journal.CREATED;
  }

  ProtectionResult withJournal(Journal j) {
    return new ProtectionResult(outcome, status, forgeMessage, j);
  }

  static ProtectionResult of(Outcome outcome, int status) {
    return new ProtectionResult(outcome, status, Optional.empty(), Journal.NOT_APPLICABLE);
  }
}
