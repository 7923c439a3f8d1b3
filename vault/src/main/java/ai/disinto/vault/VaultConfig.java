package ai.disinto.vault;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link VaultClient} needs to know besides its clients: trusted operator configuration,
 * never anything the requesting agent supplies.
 *
 * @param opsRepoSlug the ops repository, {@code owner/name} ({@code FORGE_OPS_REPO})
 * @param opsBaseBranch the ops repository's primary branch ({@code PRIMARY_BRANCH})
 * @param forgeRepoSlug the project repository ({@code FORGE_REPO}), for the committer e-mail
 * @param blastRadiusOverride an operator's override of every action's tier; only an exact
 *     {@code low}, {@code medium} or {@code high} has an effect
 * @param committerEmail the committer e-mail of the action commits; the original's {@code
 *     vault-bot@<FORGE_REPO>} when built by {@link #of}
 */
public record VaultConfig(String opsRepoSlug, String opsBaseBranch, String forgeRepoSlug,
    Optional<String> blastRadiusOverride, String committerEmail) {

  /** The committer name of every action commit. */
  public static final String COMMITTER_NAME = "vault-bot";

  /** Checks that nothing is missing. */
  public VaultConfig {
    Objects.requireNonNull(opsRepoSlug, "opsRepoSlug");
    Objects.requireNonNull(opsBaseBranch, "opsBaseBranch");
    Objects.requireNonNull(forgeRepoSlug, "forgeRepoSlug");
    Objects.requireNonNull(blastRadiusOverride, "blastRadiusOverride");
    Objects.requireNonNull(committerEmail, "committerEmail");
    if (opsBaseBranch.isEmpty()) {
      throw new IllegalArgumentException("opsBaseBranch must not be empty");
    }
  }

  /**
   * The configuration with the original's committer e-mail {@code vault-bot@<forgeRepoSlug>}.
   *
   * @param opsRepoSlug the ops repository
   * @param opsBaseBranch its primary branch
   * @param forgeRepoSlug the project repository
   * @param blastRadiusOverride the operator's override, or empty
   * @return the configuration
   */
  public static VaultConfig of(String opsRepoSlug, String opsBaseBranch, String forgeRepoSlug,
      Optional<String> blastRadiusOverride) {
    return new VaultConfig(opsRepoSlug, opsBaseBranch, forgeRepoSlug, blastRadiusOverride,
        COMMITTER_NAME + "@" + forgeRepoSlug);
  }
}
