package ai.disinto.forge.setup;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Whom to hire, for which role, and how.
 *
 * @param agentName the agent's forge login
 * @param role the role ({@code [a-z0-9-]+}), which names its formula and its token variable
 * @param formula the formula file, when not {@code formulas/{role}.toml}
 * @param localModel the local model's endpoint, for a local-model agent
 * @param model the model name (default {@code local-model})
 * @param pollInterval seconds between polls of a local-model agent (default 60)
 */
public record HireRequest(String agentName, String role, Optional<Path> formula,
    Optional<URI> localModel, Optional<String> model, OptionalInt pollInterval) {

  /** Checks that nothing is null. */
  public HireRequest {
    Objects.requireNonNull(agentName, "agentName");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(formula, "formula");
    Objects.requireNonNull(localModel, "localModel");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(pollInterval, "pollInterval");
  }

  /**
   * A plain hire: no formula override, no local model.
   *
   * @param agentName the agent's login
   * @param role the role
   * @return the request
   */
  public static HireRequest of(String agentName, String role) {
    return new HireRequest(agentName, role, Optional.empty(), Optional.empty(), Optional.empty(),
        OptionalInt.empty());
  }
}
