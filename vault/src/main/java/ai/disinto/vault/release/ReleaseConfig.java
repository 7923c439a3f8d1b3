package ai.disinto.vault.release;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a release needs, without the token (the forge client carries it).
 *
 * @param forgeUrl the forge's web root ({@code FORGE_URL}), for the PR link
 * @param opsRepoSlug the ops repository ({@code FORGE_OPS_REPO})
 * @param factoryRoot the factory checkout ({@code FACTORY_ROOT}), holding {@code formulas/}
 * @param primaryBranch the ops repository's primary branch ({@code PRIMARY_BRANCH})
 * @param opsRepoRoot the ops repository's local checkout ({@code OPS_REPO_ROOT})
 * @param gitEnvironment the environment of the git child processes (PATH, HOME, credentials
 *     helper configuration)
 */
public record ReleaseConfig(String forgeUrl, String opsRepoSlug, Path factoryRoot,
    String primaryBranch, Path opsRepoRoot, Map<String, String> gitEnvironment) {

  /** Checks that nothing is missing and freezes the environment. */
  public ReleaseConfig {
    Objects.requireNonNull(forgeUrl, "forgeUrl");
    Objects.requireNonNull(opsRepoSlug, "opsRepoSlug");
    Objects.requireNonNull(factoryRoot, "factoryRoot");
    Objects.requireNonNull(primaryBranch, "primaryBranch");
    Objects.requireNonNull(opsRepoRoot, "opsRepoRoot");
    gitEnvironment = Map.copyOf(gitEnvironment);
  }

  /**
   * Reads the configuration from loaded variables. Mirrors {@code _assert_release_globals}:
   * {@code FORGE_URL}, {@code FORGE_TOKEN}, {@code FORGE_OPS_REPO}, {@code FACTORY_ROOT} and
   * {@code PRIMARY_BRANCH} must be set and non-empty. The ops checkout is {@code OPS_REPO_ROOT},
   * or {@code {FACTORY_ROOT}/../disinto-ops} (the original's fixed place) when that is empty.
   *
   * @param env the variables, after the project TOML was loaded
   * @return the configuration; its git environment is {@code env}
   * @throws ReleaseException {@code Error: release.sh requires these globals to be set: <names>}
   */
  public static ReleaseConfig fromEnv(Map<String, String> env) {
    List<String> missing = new ArrayList<>();
    for (String name : List.of("FORGE_URL", "FORGE_TOKEN", "FORGE_OPS_REPO", "FACTORY_ROOT",
        "PRIMARY_BRANCH")) {
      if (env.getOrDefault(name, "").isEmpty()) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw new ReleaseException("Error: release.sh requires these globals to be set: "
          + String.join(" ", missing), null);
    }
    Path factory = Path.of(env.get("FACTORY_ROOT"));
    String ops = env.getOrDefault("OPS_REPO_ROOT", "");
    Path opsRoot = ops.isEmpty() ? factory.resolve("../disinto-ops").normalize() : Path.of(ops);
    return new ReleaseConfig(env.get("FORGE_URL").replaceAll("/+$", ""), env.get("FORGE_OPS_REPO"),
        factory, env.get("PRIMARY_BRANCH"), opsRoot, env);
  }

  /**
   * Names the repository and branch only: the git environment may hold credentials.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "ReleaseConfig[opsRepoSlug=" + opsRepoSlug + ", primaryBranch=" + primaryBranch
        + ", opsRepoRoot=" + opsRepoRoot + "]";
  }
}
