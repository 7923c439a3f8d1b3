package ai.disinto.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the immutable {@link FactoryEnv} from the process environment, the factory's
 * {@code .env} or {@code .env.enc}, and the project TOML.
 *
 * <p>Mirrors the configuration part of {@code lib/env.sh}, step by step and in its order:
 * factory root; container detection ({@code DISINTO_CONTAINER} exactly {@code 1}) and log
 * directory; secrets on bare metal only (#378), from {@code .env.enc} through SOPS when it exists
 * and SOPS is available, else from {@code .env}, with only a non-empty process {@code FORGE_URL}
 * surviving them (#364); {@code FORGE_TOKEN_OVERRIDE} (#375); the project TOML named by
 * {@code PROJECT_TOML} (see {@link ProjectConfigLoader}); the defaults and per-agent token
 * fallbacks (#747); and the vault-only guard that drops {@code GITHUB_TOKEN} and
 * {@code CLAWHUB_TOKEN} (#745) and forces {@code CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1}
 * (#725). Deliberate improvements: secret files are parsed, never executed, and the decrypted
 * text never touches the disk; a missing {@code USER} or {@code HOME} falls back to the JVM's
 * {@code user.name}/{@code user.home}; trailing slashes are removed from {@code FORGE_URL}.
 */
public final class EnvLoader {
  /** The forge URL used when none is configured. */
  public static final String DEFAULT_FORGE_URL = "http://localhost:3000";

  /** The default of {@code FORGE_BOT_USERNAMES}. */
  public static final String DEFAULT_BOT_USERNAMES =
      "dev-bot,review-bot,planner-bot,gardener-bot,vault-bot,supervisor-bot,predictor-bot,architect-bot";

  /** The log subdirectories created under {@code $HOME/data/logs} in container mode. */
  public static final List<String> LOG_SUBDIRECTORIES =
      List.of("dev", "action", "review", "supervisor", "vault", "site", "metrics", "gardener",
          "planner", "predictor", "architect", "dispatcher");

  /** Variables that only the vault runner may hold; never part of a loaded environment. */
  static final List<String> VAULT_ONLY = List.of("GITHUB_TOKEN", "CLAWHUB_TOKEN");

  private static final Logger LOG = LoggerFactory.getLogger(EnvLoader.class);
  private static final Pattern ASSIGNMENT = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*=.*");

  private EnvLoader() {}

  /**
   * Loads the factory environment.
   *
   * @param options factory root, process environment, decryptor
   * @return the effective configuration
   * @throws EnvLoadException when {@code .env.enc} fails to decrypt or yields no assignment
   *     ({@code .env.enc decryption output failed format validation}), when {@code .env} has an
   *     unterminated quote or cannot be read, or when a container log directory cannot be created
   * @throws ProjectConfigException when {@code PROJECT_TOML} names an existing file that is not a
   *     valid project TOML
   */
  public static FactoryEnv load(EnvLoadOptions options) {
    return load(options, true);
  }

  /**
   * Loads the factory environment of this process: {@code System.getenv()}, the default
   * {@code sops} decryptor, container log directories created.
   *
   * @param factoryRoot the factory checkout
   * @return the effective configuration
   * @throws EnvLoadException see {@link #load(EnvLoadOptions)}
   * @throws ProjectConfigException see {@link #load(EnvLoadOptions)}
   */
  public static FactoryEnv load(Path factoryRoot) {
    return load(EnvLoadOptions.of(factoryRoot, System.getenv()));
  }

  static FactoryEnv load(EnvLoadOptions options, boolean readSecretFiles) {
    List<String> warnings = new ArrayList<>();
    Map<String, String> e = new LinkedHashMap<>(new TreeMap<>(options.processEnv()));
    Path root = options.factoryRoot().toAbsolutePath().normalize();

    // 1. The factory root is where we are told, never an inherited value.
    e.put("FACTORY_ROOT", root.toString());
    // Port improvement: the original aborts under set -u when these are unset.
    if (isEmpty(e, "HOME")) {
      e.put("HOME", System.getProperty("user.home"));
    }
    if (isEmpty(e, "USER")) {
      e.put("USER", System.getProperty("user.name"));
    }

    // 2. Container mode and log directory.
    boolean container = "1".equals(e.get("DISINTO_CONTAINER"));
    Path dataDir = null;
    Path logDir = root;
    if (container) {
      dataDir = Path.of(e.get("HOME"), "data");
      logDir = dataDir.resolve("logs");
      if (options.createDirectories()) {
        createLogDirectories(dataDir, logDir);
      }
    }
    e.put("DISINTO_LOG_DIR", logDir.toString());

    // 3. Secrets, bare metal only (#378).
    if (!container && readSecretFiles) {
      loadSecrets(root, options.sops(), e, warnings);
    }

    // 4. Per-container token override (#375), after .env so it wins.
    if (!isEmpty(e, "FORGE_TOKEN_OVERRIDE")) {
      e.put("FORGE_TOKEN", e.get("FORGE_TOKEN_OVERRIDE"));
    }

    // 6. Project TOML (5, the PATH prefix, is applied in childProcessEnv()).
    ProjectConfig project = null;
    String tomlPath = e.getOrDefault("PROJECT_TOML", "");
    if (!tomlPath.isEmpty()) {
      project = ProjectConfigLoader.loadIfExists(Path.of(tomlPath)).orElse(null);
    }
    if (project != null) {
      warnings.addAll(project.warnings());
      ProjectConfigLoader.apply(project, e, container, e.get("USER"), warnings);
    }

    // 7. Defaults, 8. vault-only guard.
    applyDefaults(e);
    VAULT_ONLY.forEach(e::remove);
    e.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");

    return new FactoryEnv(root, container, logDir, dataDir, e, project, warnings);
  }

  private static void createLogDirectories(Path dataDir, Path logDir) {
    try {
      Files.createDirectories(dataDir);
      for (String sub : LOG_SUBDIRECTORIES) {
        Files.createDirectories(logDir.resolve(sub));
      }
    } catch (IOException ex) {
      throw new EnvLoadException("cannot create the log directories under " + logDir, ex);
    }
  }

  private static void loadSecrets(
      Path root, SopsDecryptor sops, Map<String, String> e, List<String> warnings) {
    Path enc = root.resolve(".env.enc");
    Path plain = root.resolve(".env");
    DotEnvParser.DotEnv dotenv;
    if (Files.isRegularFile(enc) && sops.isAvailable()) {
      dotenv = DotEnvParser.parse(keepAssignments(sops.decryptDotenv(enc)), enc.toString());
    } else if (Files.isRegularFile(plain)) {
      String text;
      try {
        text = new String(Files.readAllBytes(plain), StandardCharsets.UTF_8);
      } catch (IOException ex) {
        throw new EnvLoadException("cannot read " + plain, ex);
      }
      dotenv = DotEnvParser.parse(text, plain.toString());
    } else {
      return;
    }
    dotenv.warnings().forEach(w -> warn(warnings, w));
    // Only a non-empty FORGE_URL from the process survives (#364); FORGE_TOKEN follows the file.
    String savedUrl = e.getOrDefault("FORGE_URL", "");
    e.putAll(dotenv.values());
    if (!savedUrl.isEmpty()) {
      e.put("FORGE_URL", savedUrl);
    }
  }

  /**
   * The decrypted lines that are assignments ({@code KEY=…}); the others become blank so that
   * line numbers in messages still match. Fails when none is left (#61).
   */
  private static String keepAssignments(String decrypted) {
    StringBuilder sb = new StringBuilder();
    boolean any = false;
    for (String line : decrypted.split("\n", -1)) {
      if (ASSIGNMENT.matcher(line).matches()) {
        sb.append(line);
        any = true;
      }
      sb.append('\n');
    }
    if (!any) {
      throw new EnvLoadException(".env.enc decryption output failed format validation");
    }
    return sb.toString();
  }

  private static void applyDefaults(Map<String, String> e) {
    String token = e.getOrDefault("FORGE_TOKEN", "");
    e.put("FORGE_TOKEN", token);
    e.put("FORGE_REVIEW_TOKEN", firstNonEmpty(e.get("FORGE_REVIEW_TOKEN"), e.get("REVIEW_BOT_TOKEN")));
    for (AgentIdentity who : AgentIdentity.values()) {
      if (who.fallsBackToForgeToken()) {
        e.put(who.tokenVariable(), firstNonEmpty(e.get(who.tokenVariable()), token));
      }
    }
    e.put("FORGE_BOT_USERNAMES", firstNonEmpty(e.get("FORGE_BOT_USERNAMES"), DEFAULT_BOT_USERNAMES));

    String repo = e.getOrDefault("FORGE_REPO", "");
    e.put("FORGE_REPO", repo);
    String url = stripTrailingSlashes(firstNonEmpty(e.get("FORGE_URL"), DEFAULT_FORGE_URL));
    e.put("FORGE_URL", url);
    String inheritedApi = e.getOrDefault("FORGE_API", "");
    if (!inheritedApi.isEmpty() && !repo.isEmpty() && !inheritedApi.endsWith("/repos/" + repo)) {
      LOG.debug("keeping the inherited FORGE_API although it does not end with /repos/{}", repo);
    }
    e.put("FORGE_API", firstNonEmpty(inheritedApi, url + "/api/v1/repos/" + repo));
    e.put("FORGE_WEB", firstNonEmpty(e.get("FORGE_WEB"), url + "/" + repo));
    e.put("TEA_LOGIN",
        firstNonEmpty(e.get("TEA_LOGIN"), url.contains("codeberg.org") ? "codeberg" : "forgejo"));

    String name = firstNonEmpty(e.get("PROJECT_NAME"), repo.substring(repo.lastIndexOf('/') + 1));
    e.put("PROJECT_NAME", name);
    String user = e.get("USER");
    e.put("PROJECT_REPO_ROOT", firstNonEmpty(e.get("PROJECT_REPO_ROOT"), "/home/" + user + "/" + name));
    e.put("PRIMARY_BRANCH", firstNonEmpty(e.get("PRIMARY_BRANCH"), "master"));
    e.put("OPS_REPO_ROOT", firstNonEmpty(e.get("OPS_REPO_ROOT"), "/home/" + user + "/" + name + "-ops"));
    e.put("FORGE_OPS_REPO", firstNonEmpty(e.get("FORGE_OPS_REPO"), repo.isEmpty() ? "" : repo + "-ops"));
    e.put("WOODPECKER_REPO_ID", e.getOrDefault("WOODPECKER_REPO_ID", ""));
    e.put("WOODPECKER_SERVER", firstNonEmpty(e.get("WOODPECKER_SERVER"), "http://localhost:8000"));
    e.put("CLAUDE_TIMEOUT", firstNonEmpty(e.get("CLAUDE_TIMEOUT"), "7200"));
  }

  static void warn(List<String> warnings, String message) {
    LOG.warn(message);
    warnings.add(message);
  }

  /** Removes trailing {@code /} from a URL, but never the ones of {@code scheme://}. */
  static String stripTrailingSlashes(String url) {
    String u = url;
    while (u.endsWith("/") && !u.endsWith("://")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }

  /** Replaces any {@code user:password@} of a URL with {@code ***@}, for messages. */
  static String maskUserInfo(String url) {
    return url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1***@");
  }

  private static boolean isEmpty(Map<String, String> e, String key) {
    String v = e.get(key);
    return v == null || v.isEmpty();
  }

  private static String firstNonEmpty(String first, String second) {
    return first != null && !first.isEmpty() ? first : Optional.ofNullable(second).orElse("");
  }
}
