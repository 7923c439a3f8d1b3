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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * Reads a project TOML into a {@link ProjectConfig} and applies it to an environment map.
 *
 * <p>Mirrors {@code lib/load-project.sh}: {@link #load} is its Python parsing step (done once, with
 * tomlj), {@link #apply} its export loop, derived values and {@code [agents.*]} pass, including the
 * container rule (#782: inside a container an already non-empty variable is kept) and the
 * container repo paths (#502). Improvements adopted from upstream: invalid variable names are
 * warned and skipped instead of aborting the load (#852), dashes in agent names become
 * underscores (#862), values are never re-parsed from text (no newline injection, no trailing
 * {@code =} stripping).
 */
public final class ProjectConfigLoader {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern KEY_AT_LINE_START =
      Pattern.compile("^\\s*\\[*\\s*([A-Za-z0-9_.\\-\"' ]+?)\\s*(=|\\])");

  // The parser and the rendering recurse once per level; a deeper file would overflow the stack.
  static final int MAX_NESTING = 100;

  private ProjectConfigLoader() {}

  /**
   * Where {@code [} / <code>{</code> nesting, outside strings and comments, first goes past
   * {@link #MAX_NESTING}: {line, column}, both 1-based; null when it never does.
   */
  static int[] tooDeep(String text) {
    int depth = 0;
    int line = 1;
    int lineStart = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> {
          line++;
          lineStart = i + 1;
        }
        case '#' -> {
          while (i + 1 < n && text.charAt(i + 1) != '\n') {
            i++;
          }
        }
        case '"', '\'' -> {
          boolean multi = text.startsWith(c == '"' ? "\"\"\"" : "'''", i);
          int j = i + (multi ? 3 : 1);
          while (j < n) {
            char d = text.charAt(j);
            if (d == '\\' && c == '"') {
              if (j + 1 < n && text.charAt(j + 1) == '\n' && multi) {
                line++;
                lineStart = j + 2;
              }
              j += 2;
              continue;
            }
            if (d == '\n') {
              if (!multi) {
                break;
              }
              line++;
              lineStart = j + 1;
            }
            if (d == c && (!multi || text.startsWith(c == '"' ? "\"\"\"" : "'''", j))) {
              j += multi ? 2 : 0;
              break;
            }
            j++;
          }
          i = Math.min(j, n - 1);
          if (i < n && text.charAt(i) == '\n') {
            i--;
          }
        }
        case '[', '{' -> {
          if (++depth > MAX_NESTING) {
            return new int[] {line, i - lineStart + 1};
          }
        }
        case ']', '}' -> depth = Math.max(0, depth - 1);
        default -> { }
      }
    }
    return null;
  }

  /**
   * Parses a project TOML when there is one, as the original's entry conditions: no path, an
   * empty path or a path that is not a regular file means "nothing to load".
   *
   * @param toml the file, or {@code null}
   * @return the configuration, or empty when there is no file
   * @throws ProjectConfigException as {@link #load}
   */
  public static Optional<ProjectConfig> loadIfExists(Path toml) {
    if (toml == null || toml.toString().isEmpty() || !Files.isRegularFile(toml)) {
      return Optional.empty();
    }
    return Optional.of(load(toml));
  }

  /**
   * Parses a project TOML.
   *
   * @param toml the file
   * @return the typed configuration
   * @throws ProjectConfigException when the file cannot be read, is not valid TOML, or holds a
   *     non-table where the original expects a table ({@code ci}, {@code services},
   *     {@code monitoring}, {@code mirrors}); the message contains {@code failed to parse project
   *     TOML: <path>} and the line and key where known
   */
  public static ProjectConfig load(Path toml) {
    String text;
    try {
      text = Files.readString(toml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ProjectConfigException(toml, 0, null, "cannot read the file (" + e.getMessage() + ")", e);
    }
    int[] tooDeep = tooDeep(text);
    if (tooDeep != null) {
      throw new ProjectConfigException(toml, tooDeep[0], tooDeep[1], keyAtLine(text, tooDeep[0]),
          "arrays or inline tables nested deeper than " + MAX_NESTING + " levels", null);
    }
    TomlParseResult result = Toml.parse(text);
    if (result.hasErrors()) {
      TomlParseError err = result.errors().get(0);
      int line = err.position().line();
      throw new ProjectConfigException(
          toml, line, err.position().column(), keyAtLine(text, line), err.getMessage(), null);
    }
    List<String> warnings = new ArrayList<>();
    Reader r = new Reader(toml, warnings);
    TomlTable ci = r.table(result, "ci");
    TomlTable services = r.table(result, "services");
    TomlTable monitoring = r.table(result, "monitoring");
    TomlTable mirrorsTable = r.table(result, "mirrors");

    LinkedHashMap<String, String> mirrors = new LinkedHashMap<>();
    if (mirrorsTable != null) {
      for (String k : mirrorsTable.keySet()) {
        r.scalar(mirrorsTable, k, "mirrors." + k).ifPresent(url -> mirrors.put(k, url));
      }
    }
    LinkedHashMap<String, LocalModelAgentConfig> agents = new LinkedHashMap<>();
    Object agentsValue = result.get(List.of("agents"));
    if (agentsValue instanceof TomlTable agentsTable) {
      for (String agentName : agentsTable.keySet()) {
        Object a = agentsTable.get(List.of(agentName));
        if (a instanceof TomlTable t) {
          agents.put(agentName, r.agent(agentName, t));
        }
      }
    } else if (agentsValue != null) {
      r.warn(line(result, "agents"), "agents", "is not a table; no [agents.*] variables");
    }
    ProjectConfig cfg =
        new ProjectConfig(
            toml,
            r.scalar(result, "name", "name").orElse(""),
            r.scalar(result, "repo", "repo").orElse(""),
            r.scalar(result, "forge_url", "forge_url").orElse(""),
            r.scalar(result, "repo_root", "repo_root"),
            r.scalar(result, "ops_repo_root", "ops_repo_root"),
            r.scalar(result, "ops_repo", "ops_repo"),
            r.scalar(result, "primary_branch", "primary_branch"),
            r.scalar(ci, "woodpecker_repo_id", "ci.woodpecker_repo_id"),
            r.scalar(ci, "stale_minutes", "ci.stale_minutes"),
            r.list(services, "containers", "services.containers"),
            r.scalar(monitoring, "check_prs", "monitoring.check_prs"),
            r.scalar(monitoring, "check_dev_agent", "monitoring.check_dev_agent"),
            r.scalar(monitoring, "check_pipeline_stall", "monitoring.check_pipeline_stall"),
            mirrors,
            agents,
            warnings);
    return cfg;
  }

  /**
   * Applies a configuration to a mutable environment the way sourcing {@code load-project.sh}
   * does.
   *
   * <ol>
   *   <li>Each pair of {@link ProjectConfig#toVariables()} is set, except an invalid name (warned
   *       {@code WARNING: load-project: skipping invalid shell identifier from TOML: <KEY>}) and,
   *       in container mode, a variable that is already non-empty.
   *   <li>{@code FORGE_URL} defaults to {@code http://localhost:3000} (trailing {@code /}
   *       removed); on bare metal a warning is added when that replaces a custom URL.
   *   <li>With a non-empty {@code FORGE_REPO}: {@code FORGE_API}, {@code FORGE_WEB} and
   *       {@code FORGE_REPO_OWNER} are set unconditionally.
   *   <li>Empty {@code PROJECT_REPO_ROOT}/{@code OPS_REPO_ROOT} become
   *       {@code /home/<user>/<name>[-ops]}; in container mode they are always
   *       {@code /home/agent/repos/<name>[-ops]}; an empty {@code FORGE_OPS_REPO} becomes
   *       {@code <repo>-ops}.
   *   <li>The {@code AGENT_<N>_*} pairs are set (no container rule); invalid names are warned
   *       {@code WARNING: load-project: skipping invalid shell identifier from [agents.*]: <KEY>}.
   * </ol>
   *
   * @param cfg the configuration
   * @param env the environment to change
   * @param containerMode whether {@code DISINTO_CONTAINER} is exactly {@code 1}
   * @param userName the value of {@code USER} for the derived paths
   * @param warnings receives the warnings (they are also logged at WARN)
   * @return the variables this call exported, with their final values, in the order they were set
   *     (what {@code disinto project env} prints)
   */
  public static Map<String, String> apply(
      ProjectConfig cfg,
      Map<String, String> env,
      boolean containerMode,
      String userName,
      List<String> warnings) {
    Map<String, String> exported = new LinkedHashMap<>();
    String previousUrl = env.getOrDefault("FORGE_URL", "");
    for (Map.Entry<String, String> e : cfg.toVariables().entrySet()) {
      String key = e.getKey();
      if (!IDENTIFIER.matcher(key).matches()) {
        warn(warnings, "WARNING: load-project: skipping invalid shell identifier from TOML: " + key);
        continue;
      }
      if (containerMode && !env.getOrDefault(key, "").isEmpty()) {
        continue;
      }
      set(env, exported, key, e.getValue());
    }
    String url = env.getOrDefault("FORGE_URL", "");
    if (url.isEmpty()) {
      url = EnvLoader.DEFAULT_FORGE_URL;
      String old = EnvLoader.stripTrailingSlashes(previousUrl);
      if (!containerMode && !old.isEmpty() && !old.equals(EnvLoader.DEFAULT_FORGE_URL)) {
        warn(warnings, "WARNING: load-project: " + cfg.source() + " has no forge_url; FORGE_URL "
            + EnvLoader.maskUserInfo(old) + " is replaced by the default " + url);
      }
    }
    set(env, exported, "FORGE_URL", EnvLoader.stripTrailingSlashes(url));
    url = env.get("FORGE_URL");
    String repo = env.getOrDefault("FORGE_REPO", "");
    if (!repo.isEmpty()) {
      set(env, exported, "FORGE_API", url + "/api/v1/repos/" + repo);
      set(env, exported, "FORGE_WEB", url + "/" + repo);
      int slash = repo.indexOf('/');
      set(env, exported, "FORGE_REPO_OWNER", slash < 0 ? repo : repo.substring(0, slash));
    }
    String name = env.getOrDefault("PROJECT_NAME", "");
    if (!name.isEmpty()) {
      if (env.getOrDefault("PROJECT_REPO_ROOT", "").isEmpty()) {
        set(env, exported, "PROJECT_REPO_ROOT", "/home/" + userName + "/" + name);
      }
      if (env.getOrDefault("OPS_REPO_ROOT", "").isEmpty()) {
        set(env, exported, "OPS_REPO_ROOT", "/home/" + userName + "/" + name + "-ops");
      }
      if (containerMode) {
        set(env, exported, "PROJECT_REPO_ROOT", "/home/agent/repos/" + name);
        set(env, exported, "OPS_REPO_ROOT", "/home/agent/repos/" + name + "-ops");
      }
    }
    if (env.getOrDefault("FORGE_OPS_REPO", "").isEmpty() && !repo.isEmpty()) {
      set(env, exported, "FORGE_OPS_REPO", repo + "-ops");
    }
    for (Map.Entry<String, String> e : cfg.agentVariables().entrySet()) {
      if (!IDENTIFIER.matcher(e.getKey()).matches()) {
        warn(warnings,
            "WARNING: load-project: skipping invalid shell identifier from [agents.*]: " + e.getKey());
        continue;
      }
      set(env, exported, e.getKey(), e.getValue());
    }
    return exported;
  }

  private static void set(Map<String, String> env, Map<String, String> exported, String k, String v) {
    env.put(k, v);
    exported.remove(k);
    exported.put(k, v);
  }

  private static void warn(List<String> warnings, String message) {
    EnvLoader.warn(warnings, message);
  }

  /** The key named on a 1-based line of the source, when one can be recognised there. */
  private static String keyAtLine(String text, int line) {
    String[] lines = text.split("\n", -1);
    if (line < 1 || line > lines.length) {
      return null;
    }
    Matcher m = KEY_AT_LINE_START.matcher(lines[line - 1]);
    return m.find() ? m.group(1).trim() : null;
  }

  private static int line(TomlTable t, String key) {
    try {
      var pos = t.inputPositionOf(List.of(key));
      return pos == null ? 0 : pos.line();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  /** Typed reads with the original's rules and the port's warnings. */
  private static final class Reader {
    private final Path toml;
    private final List<String> warnings;

    Reader(Path toml, List<String> warnings) {
      this.toml = toml;
      this.warnings = warnings;
    }

    /** A section that must be a table when present (the original fails on anything else). */
    TomlTable table(TomlTable parent, String key) {
      Object v = parent.get(List.of(key));
      if (v == null || v instanceof TomlTable) {
        return (TomlTable) v;
      }
      if (v instanceof TomlArray a && a.isEmpty()) {
        return null; // Python: "'x' in []" is simply False
      }
      throw new ProjectConfigException(toml, line(parent, key), key, "expected a table", null);
    }

    Optional<String> scalar(TomlTable t, String key, String path) {
      if (t == null) {
        return Optional.empty();
      }
      Object v = t.get(List.of(key));
      if (v == null) {
        return Optional.empty();
      }
      Optional<String> s = TomlValues.render(v);
      if (s.isEmpty()) {
        warn(line(t, key), path, "is a table where a value belongs; ignored");
      }
      return s;
    }

    Optional<List<String>> list(TomlTable t, String key, String path) {
      if (t == null) {
        return Optional.empty();
      }
      Object v = t.get(List.of(key));
      if (v instanceof TomlArray a) {
        return Optional.of(TomlValues.elements(a));
      }
      return scalar(t, key, path).map(List::of);
    }

    LocalModelAgentConfig agent(String agentName, TomlTable t) {
      String p = "agents." + agentName + ".";
      return new LocalModelAgentConfig(
          agentName,
          scalar(t, "base_url", p + "base_url"),
          scalar(t, "model", p + "model"),
          scalar(t, "api_key", p + "api_key"),
          list(t, "roles", p + "roles"),
          scalar(t, "forge_user", p + "forge_user"),
          scalar(t, "compact_pct", p + "compact_pct"),
          scalar(t, "poll_interval", p + "poll_interval"));
    }

    void warn(int line, String key, String what) {
      ProjectConfigLoader.warn(
          warnings,
          "WARNING: load-project: " + toml + (line > 0 ? " line " + line : "") + ": key '" + key
              + "' " + what);
    }
  }
}
