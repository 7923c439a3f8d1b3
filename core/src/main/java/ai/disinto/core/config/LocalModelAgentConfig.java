package ai.disinto.core.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code [agents.<name>]} table of a project TOML: a local-model agent.
 *
 * <p>Mirrors the second pass of {@code lib/load-project.sh}. Values are rendered to strings as
 * the original prints them; {@code roles} given as a string becomes a one-element list.
 * {@link #toString()} never shows the API key.
 *
 * @param tomlName the table name as written ({@code dev-qwen2})
 * @param baseUrl {@code base_url}
 * @param model {@code model}
 * @param apiKey {@code api_key}, a secret
 * @param roles {@code roles}
 * @param forgeUser {@code forge_user}
 * @param compactPct {@code compact_pct}
 * @param pollInterval {@code poll_interval} (read by the generators, not exported)
 */
public record LocalModelAgentConfig(
    String tomlName,
    Optional<String> baseUrl,
    Optional<String> model,
    Optional<String> apiKey,
    Optional<List<String>> roles,
    Optional<String> forgeUser,
    Optional<String> compactPct,
    Optional<String> pollInterval) {

  /** Checks that nothing is null and freezes the roles. */
  public LocalModelAgentConfig {
    Objects.requireNonNull(tomlName, "tomlName");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(apiKey, "apiKey");
    roles = Objects.requireNonNull(roles, "roles").map(List::copyOf);
    Objects.requireNonNull(forgeUser, "forgeUser");
    Objects.requireNonNull(compactPct, "compactPct");
    Objects.requireNonNull(pollInterval, "pollInterval");
  }

  /**
   * The suffix used in variable names: upper case with {@code -} replaced by {@code _} (upstream
   * #862), so {@code dev-qwen2} gives {@code DEV_QWEN2}. It may still be an invalid identifier.
   *
   * @return the normalised name
   */
  public String variableName() {
    return ProjectConfig.upper(tomlName).replace('-', '_');
  }

  @Override
  public String toString() {
    return "LocalModelAgentConfig[tomlName=" + tomlName
        + ", baseUrl=" + baseUrl.orElse("-")
        + ", model=" + model.orElse("-")
        + ", apiKey=" + (apiKey.isPresent() ? "***" : "-")
        + ", roles=" + roles.map(Object::toString).orElse("-")
        + ", forgeUser=" + forgeUser.orElse("-")
        + ", compactPct=" + compactPct.orElse("-")
        + ", pollInterval=" + pollInterval.orElse("-") + "]";
  }
}
