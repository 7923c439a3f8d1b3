package ai.disinto.core.generate;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One {@code [agents.<name>]} table of a project TOML that runs a local model: it becomes the
 * compose service {@code agents-<serviceName>}. Values are as the TOML gives them, rendered the way
 * the original's Python prints them ({@code 60}, {@code True}); defaults filled in.
 *
 * @param tomlName the table's name as written ({@code Dev_Qwen2})
 * @param serviceName the name lowercased, every character outside {@code [a-z0-9]} a {@code -}
 * @param baseUrl {@code base_url}
 * @param model {@code model}
 * @param roles {@code roles}; default {@code [dev]}
 * @param apiKey {@code api_key}; default {@code sk-no-key-required}
 * @param forgeUser {@code forge_user}; default {@code <tomlName>-bot}
 * @param compactPct {@code compact_pct}; default {@code 60}
 * @param pollInterval {@code poll_interval}; default {@code 60}
 * @param woodpeckerRepoId the Woodpecker repo id of the TOML the agent is in; {@code 0} if none
 * @param sourceToml the TOML file
 */
public record LocalModelAgent(String tomlName, String serviceName, String baseUrl, String model,
    List<String> roles, String apiKey, String forgeUser, String compactPct, String pollInterval,
    String woodpeckerRepoId, Path sourceToml) {

  /** Checks that nothing is missing and freezes the roles. */
  public LocalModelAgent {
    Objects.requireNonNull(tomlName, "tomlName");
    Objects.requireNonNull(serviceName, "serviceName");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(model, "model");
    roles = List.copyOf(roles);
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(forgeUser, "forgeUser");
    Objects.requireNonNull(compactPct, "compactPct");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(woodpeckerRepoId, "woodpeckerRepoId");
    Objects.requireNonNull(sourceToml, "sourceToml");
  }

  /**
   * A summary that leaves out the API key.
   *
   * @return the table, service and source file
   */
  @Override
  public String toString() {
    return "LocalModelAgent[" + tomlName + " -> agents-" + serviceName + " in " + sourceToml + "]";
  }
}
