package ai.disinto.vault;

import java.util.Optional;

/**
 * The blast radius of a vault action, lowest first: what a mistake would cost. Mirrors the tiers
 * of {@code vault/policy.toml} (docs/BLAST-RADIUS.md): low actions are revertable and internal and
 * go straight onto the ops repo's primary branch; medium and high ones wait for a human's
 * approval on a pull request.
 */
public enum Tier {
  /** Revertable, no external side effects: committed directly, no human gate. */
  LOW,
  /** Significant but reversible: a pull request an admin approves. */
  MEDIUM,
  /** Irreversible or external: a pull request, hard block until approved. */
  HIGH;

  /**
   * The tier as the policy file and {@code classify.sh} write it.
   *
   * @return {@code low}, {@code medium} or {@code high}
   */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Reads a tier in its wire form, exactly and case-sensitively ({@code LOW} is not a tier), as
   * {@code classify.sh} matches {@code ^(low|medium|high)$}.
   *
   * @param s the text, may be null
   * @return the tier, or empty for anything else
   */
  public static Optional<Tier> parse(String s) {
    if (s == null) {
      return Optional.empty();
    }
    for (Tier t : values()) {
      if (t.wire().equals(s)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * The higher of two tiers.
   *
   * @param other the other tier
   * @return this or {@code other}, whichever is higher
   */
  public Tier atLeast(Tier other) {
    return other.compareTo(this) > 0 ? other : this;
  }
}
