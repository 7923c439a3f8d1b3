package ai.disinto.vault;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A validated vault action: the fields of {@code vault/actions/<id>.toml} (vault/SCHEMA.md) and the
 * text they were read from, which is what gets stored in the ops repo.
 *
 * @param id the action id
 * @param formula the formula to run ({@code formulas/<formula>.toml} or {@code .sh})
 * @param context the human explanation; the body of the approval PR
 * @param secrets the secrets the dispatcher injects, each from the allowlist; may be empty
 * @param mounts the mount aliases ({@code ssh}, {@code gpg}, {@code sops}); empty when absent
 * @param model the model, when given
 * @param tools the tools, when given
 * @param timeoutMinutes the timeout, when given
 * @param dispatchMode the dispatch mode, when given ({@code direct} marks low-tier commits)
 * @param blastRadius the action's own blast radius, when given; it can only raise the policy tier
 * @param rawToml the exact text that was validated
 */
public record VaultAction(String id, String formula, String context,
    List<String> secrets, List<String> mounts,
    Optional<String> model, Optional<List<String>> tools, OptionalInt timeoutMinutes,
    Optional<String> dispatchMode, Optional<Tier> blastRadius,
    String rawToml) {

  /** Freezes the lists. */
  public VaultAction {
    secrets = List.copyOf(secrets);
    mounts = List.copyOf(mounts);
    tools = tools.map(List::copyOf);
  }

  /**
   * A short description naming the id and formula, never the context or raw text.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "VaultAction[id=" + id + ", formula=" + formula + "]";
  }
}
