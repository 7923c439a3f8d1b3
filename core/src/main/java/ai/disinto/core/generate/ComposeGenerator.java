package ai.disinto.core.generate;

import java.io.File;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * Generates the factory's {@code docker-compose.yml}: Forgejo, Woodpecker and its agent, the agents
 * container, the vault runner, the edge proxy, staging, the staging deployment slot, and one
 * service per local-model agent found in {@code projects/*.toml}.
 *
 * <p>Mirrors {@code generate_compose} ({@code _generate_compose_impl} in lib/generators.sh), in one
 * rendering pass instead of a heredoc patched by {@code sed}, with these fixes: any number of
 * local-model agents (the original aborts at two), duplicate service names rejected before anything
 * is written, {@code AGENT_ROLES} comma-separated as the agents' entrypoint reads it, values from
 * the TOML quoted for YAML and compose ({@code "}, {@code \}, {@code $}), the project name passed
 * in instead of taken from a global, per-agent forge credentials and checkouts keyed by the agent's
 * forge user, valid {@code FORGE_BOT_USER_*} names, no profile on hired agents (so {@code
 * --remove-orphans} keeps them), a restart policy on the edge, the CI network overridable through
 * {@code WOODPECKER_CI_NETWORK}, and the Woodpecker data mounted read-only into local agents,
 * which are told to read it.
 */
public final class ComposeGenerator {
  /** Where the {@code claude} CLI is mounted in every agent container. */
  public static final String CLAUDE_IN_CONTAINER = "/usr/local/bin/claude";

  static final String CLAUDE_NOT_FOUND =
      "claude CLI not found in PATH — update docker-compose.yml volumes manually";

  private final Path factoryRoot;
  private final ComposeSettings settings;

  /**
   * Creates the generator.
   *
   * @param factoryRoot the factory root; the file is {@code <factoryRoot>/docker-compose.yml} and
   *     agents are read from {@code <factoryRoot>/projects/*.toml}
   * @param settings what is baked in
   */
  public ComposeGenerator(Path factoryRoot, ComposeSettings settings) {
    this.factoryRoot = Objects.requireNonNull(factoryRoot, "factoryRoot");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Writes {@code docker-compose.yml} unless it exists. The file is written whole or not at all:
   * rendered first, then written to {@code docker-compose.yml.tmp} and moved into place.
   *
   * @return {@link GenerationResult#CREATED}, or {@link GenerationResult#SKIPPED_EXISTS} with the
   *     file untouched; the warning about a missing {@code claude} CLI when it applies
   * @throws GenerationException when two local-model agents get the same service name, or the file
   *     cannot be written; no file is left behind
   */
  public Generated generate() {
    Path file = factoryRoot.resolve("docker-compose.yml");
    if (Files.exists(file)) {
      return new Generated(GenerationResult.SKIPPED_EXISTS, file, List.of());
    }
    String text = render();
    Writes.atomically(file, text);
    return new Generated(GenerationResult.CREATED, file, warnings());
  }

  /**
   * What {@link #generate()} would print as warnings.
   *
   * @return the missing-claude warning when {@code claudeBinary} is empty, else nothing
   */
  public List<String> warnings() {
    return settings.claudeBinary().isPresent() ? List.of() : List.of(CLAUDE_NOT_FOUND);
  }

  /**
   * Renders the compose file without writing anything.
   *
   * @return the file's text
   * @throws GenerationException when two local-model agents get the same service name
   */
  public String render() {
    Path projects = factoryRoot.resolve("projects");
    List<LocalModelAgent> agents = discoverLocalModelAgents(projects);
    String primaryId = primaryWoodpeckerRepoId(projects);
    String claudeMount = claudeMount(settings.claudeBinary()
        .map(Path::toString).orElse(CLAUDE_IN_CONTAINER));
    String projectName = Yaml.plainOrQuoted(settings.projectName());
    String repoRoot = Yaml.plainOrQuoted("/home/agent/repos/" + settings.projectName());

    StringBuilder services = new StringBuilder();
    StringBuilder volumes = new StringBuilder();
    for (LocalModelAgent a : agents) {
      String userKey = envKey(a.forgeUser());
      if (userKey.isEmpty()) {
        userKey = envKey(a.serviceName());
      }
      String apiKey = settings.apiKeysFromEnvironment()
          ? "${AGENT_" + envKey(a.tomlName()) + "_API_KEY:-}"
          : Yaml.quoted(a.apiKey());
      services.append('\n').append(Template.of(ComposeTemplates.LOCAL_AGENT)
          .with("svc", a.serviceName())
          .with("claude_mount", claudeMount)
          .with("forge_repo", Yaml.plainOrQuoted(settings.forgeRepoForLocalAgents()))
          .with("user_key", userKey)
          .with("roles", Yaml.quoted(String.join(",", a.roles())))
          .with("base_url", Yaml.quoted(a.baseUrl()))
          .with("api_key", apiKey)
          .with("model", Yaml.quoted(a.model()))
          .with("compact_pct", Yaml.quoted(a.compactPct()))
          .with("project_name", projectName)
          .with("project_repo_root", repoRoot)
          .with("woodpecker_repo_id", Yaml.quoted(a.woodpeckerRepoId()))
          .with("forge_user", Yaml.quoted(a.forgeUser()))
          .with("poll_interval", Yaml.quoted(a.pollInterval()))
          .render());
      volumes.append("  agents-").append(a.serviceName()).append("-data:\n");
      volumes.append("  project-repos-").append(a.serviceName()).append(":\n");
    }
    return Template.of(ComposeTemplates.COMPOSE)
        .with("forge_port", Integer.toString(settings.forgeHostPort()))
        .with("claude_mount", claudeMount)
        .with("project_name", projectName)
        .with("project_repo_root", repoRoot)
        .with("woodpecker_repo_id", Yaml.quoted(primaryId))
        .with("staging_dir", settings.stagingSite().directory())
        .with("local_agent_services", services.toString())
        .with("local_agent_volumes", volumes.toString())
        .render();
  }

  /**
   * The local-model agents of every {@code *.toml} in {@code projectsDir}: files by name, tables in
   * file order. A table counts when it has a non-empty {@code base_url} and {@code model}; an
   * unparsable file counts as having none.
   *
   * @param projectsDir the {@code projects} directory; a missing one holds no agents
   * @return the agents, defaults filled in
   * @throws GenerationException when two agents get the same service name
   */
  public static List<LocalModelAgent> discoverLocalModelAgents(Path projectsDir) {
    List<LocalModelAgent> agents = new ArrayList<>();
    Map<String, LocalModelAgent> byService = new HashMap<>();
    for (Path toml : ProjectTomls.list(projectsDir)) {
      Optional<TomlTable> parsed = ProjectTomls.parse(toml);
      if (parsed.isEmpty()) {
        continue;
      }
      String repoId = woodpeckerRepoId(parsed.get());
      Object section = parsed.get().get(List.of("agents"));
      if (!(section instanceof TomlTable table)) {
        continue;
      }
      for (String name : ProjectTomls.keysInFileOrder(table)) {
        if (!(table.get(List.of(name)) instanceof TomlTable cfg)) {
          continue;
        }
        Object baseUrl = cfg.get(List.of("base_url"));
        Object model = cfg.get(List.of("model"));
        if (!ProjectTomls.truthy(baseUrl) || !ProjectTomls.truthy(model)) {
          continue;
        }
        LocalModelAgent agent = new LocalModelAgent(name, serviceName(name),
            ProjectTomls.python(baseUrl), ProjectTomls.python(model),
            roles(cfg.get(List.of("roles"))),
            valueOr(cfg, "api_key", "sk-no-key-required"),
            valueOr(cfg, "forge_user", name + "-bot"),
            valueOr(cfg, "compact_pct", "60"),
            valueOr(cfg, "poll_interval", "60"),
            repoId, toml);
        LocalModelAgent clash = byService.putIfAbsent(agent.serviceName(), agent);
        if (clash != null) {
          throw new GenerationException("Duplicate service name 'agents-" + agent.serviceName()
              + "' detected: [agents." + clash.tomlName() + "] in " + clash.sourceToml()
              .getFileName() + " and [agents." + name + "] in " + toml.getFileName()
              + "; rename one of them");
        }
        agents.add(agent);
      }
    }
    return List.copyOf(agents);
  }

  /**
   * The Woodpecker repo id of the main agents service: the largest integer above 0 among the
   * {@code [ci].woodpecker_repo_id} of every {@code *.toml} in {@code projectsDir}.
   *
   * @param projectsDir the {@code projects} directory
   * @return the id as a canonical integer ({@code 007} gives {@code 7}); empty when there is none
   */
  public static String primaryWoodpeckerRepoId(Path projectsDir) {
    BigInteger max = BigInteger.ZERO;
    for (Path toml : ProjectTomls.list(projectsDir)) {
      String id = woodpeckerRepoId(toml);
      if (id.matches("[0-9]+")) {
        BigInteger n = new BigInteger(id);
        if (n.compareTo(max) > 0) {
          max = n;
        }
      }
    }
    return max.signum() > 0 ? max.toString() : "";
  }

  /**
   * The {@code [ci].woodpecker_repo_id} of one project TOML, as the original's Python prints it
   * ({@code 4}; the string {@code "9"} as {@code 9}; {@code 3.5}; {@code True}).
   *
   * @param toml the file
   * @return the value, or {@code 0} when the file is missing, unparsable or has none
   */
  public static String woodpeckerRepoId(Path toml) {
    if (!Files.isRegularFile(toml)) {
      return "0";
    }
    return ProjectTomls.parse(toml).map(ComposeGenerator::woodpeckerRepoId).orElse("0");
  }

  /**
   * Where the {@code claude} CLI is on {@code pathVariable}, with symbolic links resolved (what
   * {@code readlink -f "$(command -v claude)"} gives).
   *
   * @param pathVariable the value of {@code PATH}; null or empty finds nothing
   * @return the real path of the first executable {@code claude}, or empty
   */
  public static Optional<Path> findClaude(String pathVariable) {
    if (pathVariable == null || pathVariable.isEmpty()) {
      return Optional.empty();
    }
    for (String dir : pathVariable.split(File.pathSeparator, -1)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "claude");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        try {
          return Optional.of(candidate.toRealPath());
        } catch (IOException e) {
          return Optional.of(candidate.toAbsolutePath());
        }
      }
    }
    return Optional.empty();
  }

  private static String woodpeckerRepoId(TomlTable toml) {
    Object ci = toml.get(List.of("ci"));
    if (!(ci instanceof TomlTable ciTable)) {
      return "0";
    }
    Object id = ciTable.get(List.of("woodpecker_repo_id"));
    return id == null ? "0" : ProjectTomls.python(id);
  }

  /** The TOML name lowercased, every character outside {@code [a-z0-9]} replaced by {@code -}. */
  static String serviceName(String tomlName) {
    StringBuilder b = new StringBuilder();
    tomlName.toLowerCase(Locale.ROOT).codePoints().forEach(c ->
        b.append(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' ? (char) c : '-'));
    return b.toString();
  }

  /** Upper-cased, every character outside {@code [A-Z0-9_]} replaced by {@code _}. */
  static String envKey(String name) {
    StringBuilder b = new StringBuilder();
    name.toUpperCase(Locale.ROOT).codePoints().forEach(c ->
        b.append(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' ? (char) c : '_'));
    return b.toString();
  }

  /** {@code roles}: a list, or a string of roles separated by spaces or commas; default dev. */
  private static List<String> roles(Object value) {
    if (value == null) {
      return List.of("dev");
    }
    List<String> roles = new ArrayList<>();
    if (value instanceof TomlArray a) {
      for (int i = 0; i < a.size(); i++) {
        roles.add(ProjectTomls.python(a.get(i)));
      }
    } else {
      for (String r : ProjectTomls.python(value).split("[\\s,]+")) {
        if (!r.isEmpty()) {
          roles.add(r);
        }
      }
    }
    return roles;
  }

  private static String valueOr(TomlTable cfg, String key, String fallback) {
    Object v = cfg.get(List.of(key));
    return v == null ? fallback : ProjectTomls.python(v);
  }

  /** The volume entry mounting {@code hostPath} as the container's claude. */
  private static String claudeMount(String hostPath) {
    String entry = hostPath + ":" + CLAUDE_IN_CONTAINER + ":ro";
    return Yaml.plainOrQuoted(hostPath).equals(hostPath) ? entry : Yaml.quoted(entry);
  }
}
