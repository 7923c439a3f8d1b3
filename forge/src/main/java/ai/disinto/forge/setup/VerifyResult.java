package ai.disinto.forge.setup;

import java.util.List;

/**
 * The findings of {@link BranchProtection#verify}: one {@code ERROR: …} line per setting that is
 * not as required.
 *
 * @param errors the findings, empty when the rule is as required
 */
public record VerifyResult(List<String> errors) {

  /** Freezes the list. */
  public VerifyResult {
    errors = List.copyOf(errors);
  }

  /**
   * Tells whether the rule is as required.
   *
   * @return true when there is no finding
   */
  public boolean ok() {
    return errors.isEmpty();
  }
}
