package ai.disinto.ci.setup;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What {@link CiSetup#activateRepo} did.
 *
 * @param outcome how it ended
 * @param repoId Woodpecker's repository id ({@code _WP_REPO_ID}), when the repository is active
 */
public record ActivationResult(Outcome outcome, OptionalLong repoId) {

  /** Refuses missing parts. */
  public ActivationResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(repoId, "repoId");
  }

  /** How an activation ended. */
  public enum Outcome {
    /** Woodpecker did not answer; nothing was tried. */
    UNREACHABLE,
    /** There is no Woodpecker token. */
    NO_TOKEN,
    /** The repository was already active. */
    ALREADY_ACTIVE,
    /** The repository was activated now. */
    ACTIVATED,
    /** Woodpecker refused the activation. */
    FAILED
  }
}
