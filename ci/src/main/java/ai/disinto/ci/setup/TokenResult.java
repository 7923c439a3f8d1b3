package ai.disinto.ci.setup;

import ai.disinto.forge.setup.SetupSecret;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link CiSetup#generateWoodpeckerToken} did; {@code toString()} hides the token.
 *
 * @param outcome how it ended
 * @param token the token saved (or already set), for the activation that follows
 * @param failureReason why it failed, for {@link TokenOutcome#FAILED}
 */
public record TokenResult(TokenOutcome outcome, Optional<SetupSecret> token,
    Optional<String> failureReason) {

  /** Refuses missing parts. */
  public TokenResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(failureReason, "failureReason");
  }

  static TokenResult failed(String reason) {
    return new TokenResult(TokenOutcome.FAILED, Optional.empty(), Optional.of(reason));
  }
}
