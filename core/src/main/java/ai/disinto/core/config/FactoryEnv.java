package ai.disinto.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The factory's effective configuration: every variable {@code lib/env.sh} (and, through it,
 * {@code lib/load-project.sh}) leaves exported, as an immutable value built by {@link EnvLoader}.
 *
 * <p>Accessors follow the original's names; values that the original defaults are never absent,
 * and an empty string counts as unset ({@link #get} returns empty for it). {@code GITHUB_TOKEN}
 * and {@code CLAWHUB_TOKEN} are never present. {@link #toString()} shows no variable values.
 */
public final class FactoryEnv {
  /** The directories {@code lib/env.sh} puts in front of {@code PATH}, after {@code $HOME/…}. */
  private static final List<String> HOME_PATH_PREFIX =
      List.of(".local/bin", ".foundry/bin", ".nvm/versions/node/v22.20.0/bin");

  private static final List<String> SYSTEM_PATH_PREFIX = List.of("/usr/local/bin", "/usr/bin", "/bin");

  private final Path factoryRoot;
  private final boolean containerMode;
  private final Path logDir;
  private final Path dataDir;
  private final Map<String, String> variables;
  private final ProjectConfig project;
  private final List<String> warnings;

  FactoryEnv(
      Path factoryRoot,
      boolean containerMode,
      Path logDir,
      Path dataDir,
      Map<String, String> variables,
      ProjectConfig project,
      List<String> warnings) {
    this.factoryRoot = Objects.requireNonNull(factoryRoot);
    this.containerMode = containerMode;
    this.logDir = Objects.requireNonNull(logDir);
    this.dataDir = dataDir;
    this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    this.project = project;
    this.warnings = List.copyOf(warnings);
  }

  /**
   * The configuration for the given variables with env.sh's defaults applied, reading no
   * {@code .env} or {@code .env.enc} and creating no directory: for tests and for embedding with
   * an environment the caller has already assembled. A {@code PROJECT_TOML} in {@code variables}
   * is still loaded. The factory root is {@code FACTORY_ROOT} when given, else the working
   * directory.
   *
   * @param variables the environment to start from
   * @return the configuration
   * @throws ProjectConfigException when {@code PROJECT_TOML} names an invalid TOML
   */
  public static FactoryEnv of(Map<String, String> variables) {
    String root = variables.getOrDefault("FACTORY_ROOT", "");
    Path factoryRoot = root.isEmpty() ? Path.of("").toAbsolutePath() : Path.of(root);
    return EnvLoader.load(new EnvLoadOptions(factoryRoot, variables, SopsDecryptor.NONE, false), false);
  }

  /**
   * Every effective variable, in the order they were set (process variables sorted by name
   * first).
   *
   * @return an unmodifiable map
   */
  public Map<String, String> asMap() {
    return variables;
  }

  /**
   * One variable, with the original's unset-or-empty rule.
   *
   * @param key the variable name
   * @return the value, or empty when absent or empty
   */
  public Optional<String> get(String key) {
    String v = variables.get(key);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  /**
   * One variable, or the empty string when absent.
   *
   * @param key the variable name
   * @return the value or {@code ""}
   */
  public String getOrEmpty(String key) {
    return variables.getOrDefault(key, "");
  }

  /**
   * The factory checkout ({@code FACTORY_ROOT}).
   *
   * @return an absolute path
   */
  public Path factoryRoot() {
    return factoryRoot;
  }

  /**
   * Whether this runs in the agents container ({@code DISINTO_CONTAINER} exactly {@code 1}).
   *
   * @return true in container mode
   */
  public boolean containerMode() {
    return containerMode;
  }

  /**
   * Where logs go ({@code DISINTO_LOG_DIR}): {@code $HOME/data/logs} in container mode (#781),
   * else the factory root.
   *
   * @return the log directory
   */
  public Path logDir() {
    return logDir;
  }

  /**
   * The persistent data directory {@code $HOME/data}, in container mode only.
   *
   * @return the directory, or empty on bare metal
   */
  public Optional<Path> dataDir() {
    return Optional.ofNullable(dataDir);
  }

  /**
   * {@code FORGE_URL}, without trailing slash.
   *
   * @return for example {@code http://localhost:3000}
   */
  public String forgeUrl() {
    return getOrEmpty("FORGE_URL");
  }

  /**
   * {@code FORGE_REPO}, {@code owner/name}.
   *
   * @return the repository slug, possibly empty
   */
  public String forgeRepo() {
    return getOrEmpty("FORGE_REPO");
  }

  /**
   * {@code FORGE_API}, the repository API base ({@code <url>/api/v1/repos/<repo>}).
   *
   * @return the base URL that forge paths are appended to
   */
  public String forgeApi() {
    return getOrEmpty("FORGE_API");
  }

  /**
   * {@code FORGE_WEB}, the repository's web address.
   *
   * @return {@code <url>/<repo>} unless set otherwise
   */
  public String forgeWeb() {
    return getOrEmpty("FORGE_WEB");
  }

  /**
   * {@code FORGE_TOKEN}, the default (dev-bot) token, after {@code FORGE_TOKEN_OVERRIDE}.
   *
   * @return the token, possibly empty
   */
  public String forgeToken() {
    return getOrEmpty("FORGE_TOKEN");
  }

  /**
   * The token of one bot identity, after env.sh's fallbacks (#747).
   *
   * @param who the identity
   * @return the token, possibly empty
   */
  public String tokenFor(AgentIdentity who) {
    return getOrEmpty(who.tokenVariable());
  }

  /**
   * {@code FORGE_BOT_USERNAMES} split on {@code ,} (blank entries dropped).
   *
   * @return the bot account names
   */
  public List<String> botUsernames() {
    return Arrays.stream(getOrEmpty("FORGE_BOT_USERNAMES").split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  /**
   * {@code PROJECT_NAME}.
   *
   * @return the project name, possibly empty
   */
  public String projectName() {
    return getOrEmpty("PROJECT_NAME");
  }

  /**
   * {@code PROJECT_REPO_ROOT}, the project's working checkout.
   *
   * @return the path
   */
  public Path projectRepoRoot() {
    return Path.of(getOrEmpty("PROJECT_REPO_ROOT"));
  }

  /**
   * {@code OPS_REPO_ROOT}, the ops repository's checkout.
   *
   * @return the path
   */
  public Path opsRepoRoot() {
    return Path.of(getOrEmpty("OPS_REPO_ROOT"));
  }

  /**
   * {@code PRIMARY_BRANCH} ({@code master} by default).
   *
   * @return the branch name
   */
  public String primaryBranch() {
    return getOrEmpty("PRIMARY_BRANCH");
  }

  /**
   * {@code FORGE_OPS_REPO}, the ops repository slug.
   *
   * @return the slug, possibly empty
   */
  public String forgeOpsRepo() {
    return getOrEmpty("FORGE_OPS_REPO");
  }

  /**
   * {@code WOODPECKER_SERVER}.
   *
   * @return the CI server URL
   */
  public String woodpeckerServer() {
    return getOrEmpty("WOODPECKER_SERVER");
  }

  /**
   * {@code WOODPECKER_REPO_ID}.
   *
   * @return the CI repository id, possibly empty
   */
  public String woodpeckerRepoId() {
    return getOrEmpty("WOODPECKER_REPO_ID");
  }

  /**
   * {@code CLAUDE_TIMEOUT} as a duration.
   *
   * @return the timeout of one Claude session
   * @throws EnvLoadException when the value is not a whole number of seconds
   */
  public Duration claudeTimeout() {
    String v = getOrEmpty("CLAUDE_TIMEOUT");
    try {
      return Duration.ofSeconds(Long.parseLong(v.trim()));
    } catch (NumberFormatException e) {
      throw new EnvLoadException("CLAUDE_TIMEOUT is not a whole number of seconds: '" + v + "'", e);
    }
  }

  /**
   * {@code TEA_LOGIN} ({@code codeberg} or {@code forgejo} unless set).
   *
   * @return the tea login name
   */
  public String teaLogin() {
    return getOrEmpty("TEA_LOGIN");
  }

  /**
   * The project TOML that was loaded.
   *
   * @return the configuration, when {@code PROJECT_TOML} named an existing file
   */
  public Optional<ProjectConfig> project() {
    return Optional.ofNullable(project);
  }

  /**
   * What was skipped or kept literally while loading (dotenv lines, invalid TOML names).
   *
   * @return the warnings, which name files, lines and keys but no values
   */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * The environment for a child process (an agent, {@code claude}, {@code git}): every variable
   * of {@link #asMap()} with env.sh's {@code PATH} prefix
   * ({@code $HOME/.local/bin:$HOME/.foundry/bin:$HOME/.nvm/versions/node/v22.20.0/bin:/usr/local/bin:/usr/bin:/bin})
   * in front of {@code PATH}. Never contains {@code GITHUB_TOKEN} or {@code CLAWHUB_TOKEN}.
   *
   * @return a new mutable map
   */
  public Map<String, String> childProcessEnv() {
    Map<String, String> env = new LinkedHashMap<>(variables);
    String home = getOrEmpty("HOME");
    StringBuilder path = new StringBuilder();
    for (String dir : HOME_PATH_PREFIX) {
      path.append(home).append('/').append(dir).append(':');
    }
    path.append(String.join(":", SYSTEM_PATH_PREFIX));
    String old = getOrEmpty("PATH");
    if (!old.isEmpty()) {
      path.append(':').append(old);
    }
    env.put("PATH", path.toString());
    EnvLoader.VAULT_ONLY.forEach(env::remove);
    return env;
  }

  @Override
  public String toString() {
    return "FactoryEnv[factoryRoot=" + factoryRoot
        + ", containerMode=" + containerMode
        + ", forgeUrl=" + EnvLoader.maskUserInfo(forgeUrl())
        + ", forgeRepo=" + forgeRepo()
        + ", project=" + (project == null ? "-" : project.source())
        + ", variables=" + variables.size() + "]";
  }
}
