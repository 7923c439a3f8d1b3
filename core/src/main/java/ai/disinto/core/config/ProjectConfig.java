package ai.disinto.core.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A project TOML ({@code projects/<name>.toml}) as typed values, parsed by
 * {@link ProjectConfigLoader#load}.
 *
 * <p>Mirrors the first pass of {@code lib/load-project.sh}: {@link #toVariables()} is the list of
 * {@code KEY=VALUE} pairs it emits, {@link #agentVariables()} the {@code AGENT_<N>_*} pairs of its
 * second pass. TOML scalars are rendered as strings the way the original prints them
 * ({@code true}, {@code 60}, {@code 3.5}, lists joined by one space), and no value is validated,
 * as in the original. {@link #toString()} shows neither mirror URLs nor API keys.
 *
 * @param source the file read
 * @param name {@code name}, empty when absent
 * @param repo {@code repo}, empty when absent
 * @param forgeUrl {@code forge_url}, empty when absent
 * @param repoRoot {@code repo_root}
 * @param opsRepoRoot {@code ops_repo_root}
 * @param opsRepo {@code ops_repo}
 * @param primaryBranch {@code primary_branch}
 * @param woodpeckerRepoId {@code [ci].woodpecker_repo_id}
 * @param ciStaleMinutes {@code [ci].stale_minutes}
 * @param containers {@code [services].containers} (a string becomes one element)
 * @param checkPrs {@code [monitoring].check_prs}, rendered ({@code true}, or whatever was written)
 * @param checkDevAgent {@code [monitoring].check_dev_agent}, rendered
 * @param checkPipelineStall {@code [monitoring].check_pipeline_stall}, rendered
 * @param mirrors {@code [mirrors]}: key as written to URL, in TOML order
 * @param agents {@code [agents.*]} tables, in TOML order (non-table values are left out)
 * @param warnings what was skipped while reading (inline tables where a scalar belongs, non-table
 *     values under {@code agents})
 */
public record ProjectConfig(
    Path source,
    String name,
    String repo,
    String forgeUrl,
    Optional<String> repoRoot,
    Optional<String> opsRepoRoot,
    Optional<String> opsRepo,
    Optional<String> primaryBranch,
    Optional<String> woodpeckerRepoId,
    Optional<String> ciStaleMinutes,
    Optional<List<String>> containers,
    Optional<String> checkPrs,
    Optional<String> checkDevAgent,
    Optional<String> checkPipelineStall,
    Map<String, String> mirrors,
    Map<String, LocalModelAgentConfig> agents,
    List<String> warnings) {

  /** Checks that nothing is null and freezes the collections (keeping their order). */
  public ProjectConfig {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(forgeUrl, "forgeUrl");
    Objects.requireNonNull(repoRoot, "repoRoot");
    Objects.requireNonNull(opsRepoRoot, "opsRepoRoot");
    Objects.requireNonNull(opsRepo, "opsRepo");
    Objects.requireNonNull(primaryBranch, "primaryBranch");
    Objects.requireNonNull(woodpeckerRepoId, "woodpeckerRepoId");
    Objects.requireNonNull(ciStaleMinutes, "ciStaleMinutes");
    containers = Objects.requireNonNull(containers, "containers").map(List::copyOf);
    Objects.requireNonNull(checkPrs, "checkPrs");
    Objects.requireNonNull(checkDevAgent, "checkDevAgent");
    Objects.requireNonNull(checkPipelineStall, "checkPipelineStall");
    mirrors = Collections.unmodifiableMap(new LinkedHashMap<>(mirrors));
    agents = Collections.unmodifiableMap(new LinkedHashMap<>(agents));
    warnings = List.copyOf(warnings);
  }

  /**
   * The pairs the first pass of {@code load-project.sh} emits, in its order: {@code PROJECT_NAME},
   * {@code FORGE_REPO} and {@code FORGE_URL} always, the others when their key is present, then
   * {@code MIRROR_<KEY>} per mirror and {@code MIRROR_NAMES}/{@code MIRROR_URLS}. Keys are not
   * validated here (a dashed mirror key gives an invalid name that
   * {@link ProjectConfigLoader#apply} skips with a warning).
   *
   * @return a new insertion-ordered map
   */
  public LinkedHashMap<String, String> toVariables() {
    LinkedHashMap<String, String> v = new LinkedHashMap<>();
    v.put("PROJECT_NAME", name);
    v.put("FORGE_REPO", repo);
    v.put("FORGE_URL", forgeUrl);
    repoRoot.ifPresent(x -> v.put("PROJECT_REPO_ROOT", x));
    opsRepoRoot.ifPresent(x -> v.put("OPS_REPO_ROOT", x));
    opsRepo.ifPresent(x -> v.put("FORGE_OPS_REPO", x));
    primaryBranch.ifPresent(x -> v.put("PRIMARY_BRANCH", x));
    woodpeckerRepoId.ifPresent(x -> v.put("WOODPECKER_REPO_ID", x));
    ciStaleMinutes.ifPresent(x -> v.put("CI_STALE_MINUTES", x));
    containers.ifPresent(x -> v.put("PROJECT_CONTAINERS", String.join(" ", x)));
    checkPrs.ifPresent(x -> v.put("CHECK_PRS", x));
    checkDevAgent.ifPresent(x -> v.put("CHECK_DEV_AGENT", x));
    checkPipelineStall.ifPresent(x -> v.put("CHECK_PIPELINE_STALL", x));
    mirrors.forEach((k, url) -> put(v, "MIRROR_" + upper(k), url));
    if (!mirrors.isEmpty()) {
      put(v, "MIRROR_NAMES", String.join(" ", mirrors.keySet()));
      put(v, "MIRROR_URLS", String.join(" ", mirrors.values()));
    }
    return v;
  }

  /**
   * The pairs of the {@code [agents.*]} pass: {@code AGENT_<N>_BASE_URL}, {@code _MODEL},
   * {@code _API_KEY}, {@code _ROLES} (joined by spaces), {@code _FORGE_USER},
   * {@code _COMPACT_PCT}, each when its key is present; {@code <N>} is
   * {@link LocalModelAgentConfig#variableName()}. {@code poll_interval} is not exported.
   *
   * @return a new insertion-ordered map
   */
  public LinkedHashMap<String, String> agentVariables() {
    LinkedHashMap<String, String> v = new LinkedHashMap<>();
    for (LocalModelAgentConfig a : agents.values()) {
      String p = "AGENT_" + a.variableName() + "_";
      a.baseUrl().ifPresent(x -> put(v, p + "BASE_URL", x));
      a.model().ifPresent(x -> put(v, p + "MODEL", x));
      a.apiKey().ifPresent(x -> put(v, p + "API_KEY", x));
      a.roles().ifPresent(x -> put(v, p + "ROLES", String.join(" ", x)));
      a.forgeUser().ifPresent(x -> put(v, p + "FORGE_USER", x));
      a.compactPct().ifPresent(x -> put(v, p + "COMPACT_PCT", x));
    }
    return v;
  }

  /** Later emissions of the same key win, but the key moves to the end, as a second export does. */
  private static void put(Map<String, String> v, String key, String value) {
    v.remove(key);
    v.put(key, value);
  }

  static String upper(String s) {
    return s.toUpperCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "ProjectConfig[source=" + source + ", name=" + name + ", repo=" + repo
        + ", forgeUrl=" + forgeUrl + ", mirrors=" + mirrors.keySet()
        + ", agents=" + agents.values() + "]";
  }
}
