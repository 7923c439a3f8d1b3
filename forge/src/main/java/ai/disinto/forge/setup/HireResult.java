package ai.disinto.forge.setup;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link HireAgent#hire} did. {@link #toString()} never shows the token.
 *
 * @param agentName the agent's login
 * @param tokenVar the {@code .env} variable that holds its token ({@code FORGE_{ROLE}_TOKEN})
 * @param token the token, when one is stored (new or kept)
 * @param userCreated whether the forge user was created by this run
 * @param tokenCreated whether a new token was made (false when the stored one still works)
 * @param profileCreated whether the {@code .profile} repository was created by this run
 * @param profileCommitted whether this run committed and pushed to {@code .profile}
 * @param protection what the branch protection of {@code .profile} did
 * @param stateMarker the role's state marker file
 * @param tomlSection the {@code [agents.*]} table written, for a local-model agent
 * @param shortfalls what this hire could not do and only warned about (the agent's password or
 *     token, its place as a writer on the project, the push to {@code .profile}), each naming
 *     its step; empty when nothing fell short. Hiring again retries each of them.
 */
public record HireResult(String agentName, String tokenVar, Optional<String> token,
    boolean userCreated, boolean tokenCreated, boolean profileCreated, boolean profileCommitted,
    ProtectionResult protection, Path stateMarker, Optional<String> tomlSection,
    List<String> shortfalls) {

  /** Checks that nothing is null. */
  public HireResult {
    Objects.requireNonNull(agentName, "agentName");
    Objects.requireNonNull(tokenVar, "tokenVar");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(protection, "protection");
    Objects.requireNonNull(stateMarker, "stateMarker");
    Objects.requireNonNull(tomlSection, "tomlSection");
    shortfalls = List.copyOf(shortfalls);
  }

  @Override
  public String toString() {
    return "HireResult[agentName=" + agentName + ", tokenVar=" + tokenVar + ", token="
        + (token.isPresent() ? "***" : "-") + ", userCreated=" + userCreated + ", tokenCreated="
        + tokenCreated + ", profileCreated=" + profileCreated + ", profileCommitted="
        + profileCommitted + ", protection=" + protection.outcome() + ", stateMarker="
        + stateMarker + ", tomlSection=" + tomlSection.orElse("-") + ", shortfalls=" + shortfalls
        + "]";
  }
}
