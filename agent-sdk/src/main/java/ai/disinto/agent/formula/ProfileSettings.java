package ai.disinto.agent.formula;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an agent's {@code .profile} repository lives and who commits to it.
 *
 * @param forgeUrl the forge's base URL ({@code FORGE_URL}, default {@code http://localhost:3000})
 * @param home the home folder ({@code HOME}, default {@code /home/agent}); clones go to {@code
 *     <home>/data/.profile/<identity>}
 * @param identity the agent's login when known ({@code AGENT_IDENTITY}); empty to resolve it from
 *     the token
 * @param tokenConfigured whether {@code FORGE_TOKEN} is set: without it the identity cannot be
 *     resolved and the forge is not asked
 * @param commitEmailDomain the domain of the commit e-mail {@code <identity>@<domain>} (the
 *     original hard-codes {@code users.noreply.codeberg.org})
 */
public record ProfileSettings(String forgeUrl, Path home, Optional<String> identity,
    boolean tokenConfigured, String commitEmailDomain) {

  /** The commit e-mail domain of the original. */
  public static final String DEFAULT_EMAIL_DOMAIN = "users.noreply.codeberg.org";

  /**
   * Applies the original's defaults.
   *
   * @param forgeUrl the forge URL; empty or {@code null} means {@code http://localhost:3000}
   * @param home the home folder; {@code null} means {@code /home/agent}
   * @param identity the identity; an empty string counts as absent
   * @param tokenConfigured whether a token is set
   * @param commitEmailDomain the e-mail domain; empty or {@code null} means the original's
   */
  public ProfileSettings {
    forgeUrl = forgeUrl == null || forgeUrl.isEmpty() ? "http://localhost:3000"
        : forgeUrl.replaceAll("/+$", "");
    home = home == null ? Path.of("/home/agent") : home;
    identity = Objects.requireNonNull(identity, "identity").filter(s -> !s.isEmpty());
    commitEmailDomain = commitEmailDomain == null || commitEmailDomain.isEmpty()
        ? DEFAULT_EMAIL_DOMAIN : commitEmailDomain;
  }
}
