package ai.disinto.vault;

import java.util.List;
import java.util.OptionalLong;

/**
 * What a {@link VaultClient#request} did.
 *
 * @param kind how the action was filed
 * @param prNumber the approval PR, for {@link Kind#EXISTING_PR} and {@link Kind#PR_CREATED}
 * @param tier the tier the action was filed at (unknown, {@link Tier#HIGH}, for an existing PR
 *     whose content was not read)
 * @param branch the branch the file was written to: {@code vault/<id>}, or the primary branch for
 *     a direct commit
 * @param filePath the file in the ops repo, {@code vault/actions/<id>.toml}
 * @param tierDecision how the tier was reached, such as {@code policy medium} or {@code policy
 *     low, raised by blast_radius high}
 * @param warnings what went wrong without failing the request (auto-merge or labels refused)
 */
public record VaultRequestResult(Kind kind, OptionalLong prNumber, Tier tier, String branch,
    String filePath, String tierDecision, List<String> warnings) {

  /** Freezes the warnings. */
  public VaultRequestResult {
    warnings = List.copyOf(warnings);
  }

  /** How an action was filed. */
  public enum Kind {
    /** An open PR for {@code vault/<id>} existed; nothing was validated or written. */
    EXISTING_PR,
    /** The file was written on {@code vault/<id>} and an approval PR opened (or found). */
    PR_CREATED,
    /** A low-tier action committed straight onto the primary branch. */
    DIRECT_COMMIT
  }
}
