package ai.disinto.forge.setup;

import java.util.List;
import java.util.Objects;

/**
 * What {@link OpsSetup#setup} did.
 *
 * @param actualSlug the ops repository actually used ({@code _ACTUAL_OPS_SLUG}): where it was
 *     found, which may be another namespace than the one asked for
 * @param created whether the repository was created on the forge by this run
 * @param checkout how the local checkout came about
 * @param seeded the seeded paths this run committed, relative to the ops root
 * @param pushed whether the seed commit reached the forge
 * @param collaboratorFailures collaborators whose permission the forge refused to set, as {@code
 *     user = permission (HTTP status)}
 */
public record OpsSetupResult(String actualSlug, boolean created, Checkout checkout,
    List<String> seeded, boolean pushed, List<String> collaboratorFailures) {

  /** How the local checkout came about. */
  public enum Checkout {
    /** It was there already. */
    EXISTING,
    /** It was cloned from the forge. */
    CLONED,
    /** The clone failed; an empty repository was initialised with the forge as origin. */
    INITIALISED
  }

  /** Checks that nothing is null and freezes the lists. */
  public OpsSetupResult {
    Objects.requireNonNull(actualSlug, "actualSlug");
    Objects.requireNonNull(checkout, "checkout");
    seeded = List.copyOf(seeded);
    collaboratorFailures = List.copyOf(collaboratorFailures);
  }

  /**
   * Tells whether the seed was committed by this run.
   *
   * @return true when something was seeded
   */
  public boolean committed() {
    return !seeded.isEmpty();
  }
}
