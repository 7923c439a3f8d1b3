package ai.disinto.forge.setup;

import java.util.Objects;

/**
 * A token or password that forge and CI setup hand on to the next step. Its {@link #toString()}
 * never shows the value; only {@link #reveal()} does, for the one place that must send it.
 *
 * @param value the secret, never null or empty
 */
public record SetupSecret(String value) {
  /** Refuses a missing or empty secret. */
  public SetupSecret {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("empty secret");
    }
  }

  /**
   * The secret itself; never log it.
   *
   * @return the value
   */
  public String reveal() {
    return value;
  }

  /** Hides the value. */
  @Override
  public String toString() {
    return "<redacted>";
  }
}
