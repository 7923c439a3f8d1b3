package ai.disinto.forge.setup;

import ai.disinto.core.process.ProcessResult;
import ai.disinto.forge.client.ForgeAuth;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hires an agent: its forge user and token, its private {@code .profile} repository with formula,
 * journal and knowledge folders, the protection of that repository, the role's state marker, and
 * for a local-model agent its {@code [agents.*]} table in the project TOML.
 *
 * <p>Mirrors {@code disinto_hire_an_agent} of lib/hire-agent.sh, with these changes: every forge
 * call runs with the admin client (no throw-away admin token, no default password), existence
 * checks are authenticated (a private {@code .profile} is invisible anonymously) and a 409 on
 * creation means "exists"; the agent's password is stored ({@code FORGE_{ROLE}_PASS}) and an
 * existing agent keeps its password and token while they work; a new token replaces the previous
 * {@code disinto-{name}-token} instead of piling up timestamped ones; the agent becomes a write
 * collaborator on the project repository (#856); {@code .profile} is cloned and pushed ({@code
 * HEAD:main}) with the admin's login through git's environment, never in a URL; protection runs
 * with the admin token after the push landed; the TOML table is replaced exactly (#886), values
 * are TOML strings, and two agents whose names map to one section are refused.
 *
 * <p>Hiring the same agent again only reads, unless something is missing.
 */
public final class HireAgent {
  private static final Logger LOG = LoggerFactory.getLogger(HireAgent.class);
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  /** The role token variables the factory reads. */
  private static final Set<String> KNOWN_TOKEN_VARS = Set.of("FORGE_REVIEW_TOKEN",
      "FORGE_PLANNER_TOKEN", "FORGE_GARDENER_TOKEN", "FORGE_VAULT_TOKEN", "FORGE_SUPERVISOR_TOKEN",
      "FORGE_PREDICTOR_TOKEN", "FORGE_ARCHITECT_TOKEN");

  /** Regenerates docker-compose.yml for the forge port (the generators of core). */
  @FunctionalInterface
  public interface ComposeGenerator {
    /**
     * Regenerates the compose file.
     *
     * @param forgePort the forge's port, from {@code FORGE_URL}
     */
    void regenerate(int forgePort);
  }

  /**
   * Where the factory and forge are.
   *
   * @param factoryRoot {@code FACTORY_ROOT}: {@code .env}, {@code formulas/}, {@code state/},
   *     {@code projects/}
   * @param forgeUrl the forge's base URL
   * @param projectName {@code PROJECT_NAME}: the mail domain of new users and the project TOML
   *     name; may be empty
   * @param projectRepo {@code FORGE_REPO}: the project repository the agent joins as a writer
   * @param adminGit git access with the admin's login, for the {@code .profile} clone and push
   * @param random the source of new passwords
   * @param compose regenerates docker-compose.yml after a local-model hire, when present
   * @param modelProbe tells whether a URL answers (the local model's health check)
   */
  public record Settings(Path factoryRoot, String forgeUrl, String projectName,
      Optional<String> projectRepo, GitAccess adminGit, SecureRandom random,
      Optional<ComposeGenerator> compose, Predicate<URI> modelProbe) {

    /** Checks that nothing is null and drops a trailing slash of the URL. */
    public Settings {
      Objects.requireNonNull(factoryRoot, "factoryRoot");
      forgeUrl = Objects.requireNonNull(forgeUrl, "forgeUrl").replaceAll("/+$", "");
      Objects.requireNonNull(projectName, "projectName");
      Objects.requireNonNull(projectRepo, "projectRepo");
      Objects.requireNonNull(adminGit, "adminGit");
      Objects.requireNonNull(random, "random");
      Objects.requireNonNull(compose, "compose");
      Objects.requireNonNull(modelProbe, "modelProbe");
    }
  }

  private final ForgeClient admin;
  private final BranchProtection protection;
  private final Settings settings;
  private final EnvFile env;

  /**
   * A hiring service.
   *
   * @param adminClient a client with the site admin's token (or basic login)
   * @param protection protection with the admin token, for {@code .profile}
   * @param settings where the factory and forge are
   */
  public HireAgent(ForgeClient adminClient, BranchProtection protection, Settings settings) {
    this.admin = Objects.requireNonNull(adminClient, "adminClient").root();
    this.protection = Objects.requireNonNull(protection, "protection");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.env = EnvFile.inFactory(settings.factoryRoot());
  }

  /**
   * Parses {@code <agent-name> <role> [--formula P] [--local-model URL] [--model NAME]
   * [--poll-interval SECONDS]}.
   *
   * @param args the arguments
   * @return the request
   * @throws HireUsageException when the name or role is missing, a flag is unknown or has no
   *     value, the role is not {@code [a-z0-9-]+}, or the poll interval is not a positive integer
   */
  public static HireRequest parseArgs(List<String> args) {
    if (args.size() < 2 || args.get(0).isEmpty() || args.get(1).isEmpty()) {
      throw new HireUsageException("agent-name and role required");
    }
    String role = args.get(1);
    if (!role.matches("[a-z0-9-]+")) {
      throw new HireUsageException("role must be lower-case letters, digits and dashes: " + role);
    }
    Optional<Path> formula = Optional.empty();
    Optional<URI> local = Optional.empty();
    Optional<String> model = Optional.empty();
    OptionalInt poll = OptionalInt.empty();
    for (int i = 2; i < args.size(); i += 2) {
      String flag = args.get(i);
      if (!List.of("--formula", "--local-model", "--model", "--poll-interval").contains(flag)) {
        throw new HireUsageException("Unknown option: " + flag);
      }
      if (i + 1 >= args.size()) {
        throw new HireUsageException(flag + " needs a value");
      }
      String v = args.get(i + 1);
      switch (flag) {
        case "--formula" -> formula = Optional.of(Path.of(v));
        case "--local-model" -> {
          try {
            local = Optional.of(URI.create(v));
          } catch (IllegalArgumentException e) {
            throw new HireUsageException("--local-model is not a URL: " + v);
          }
        }
        case "--model" -> model = Optional.of(v);
        default -> {
          if (!v.matches("[1-9][0-9]{0,8}")) {
            throw new HireUsageException("--poll-interval must be a positive integer: " + v);
          }
          poll = OptionalInt.of(Integer.parseInt(v));
        }
      }
    }
    return new HireRequest(args.get(0), role, formula, local, model, poll);
  }

  /**
   * Hires the agent.
   *
   * @param request whom and how
   * @return what was done
   * @throws HireAgentException when the formula or project TOML is missing, the admin is refused,
   *     or the user or {@code .profile} repository can neither be found nor created, or the
   *     {@code .profile} cannot be cloned
   */
  public HireResult hire(HireRequest request) {
    String name = request.agentName();
    String role = request.role();
    Path formula = formula(request);
    LOG.info("── Hiring agent: {} ({}) ───────────────────────────", name, role);
    LOG.info("Formula:   {}", formula);
    request.localModel().ifPresent(u -> {
      LOG.info("Local model: {}", u);
      LOG.info("Model name:  {}", request.model().orElse("local-model"));
      LOG.info("Poll interval: {}s", request.pollInterval().orElse(60));
    });
    LOG.info("Forge:     {}", settings.forgeUrl());

    requireAdmin();
    String var = "FORGE_" + role.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    String tokenVar = var + "_TOKEN";
    String passVar = var + "_PASS";
    if (!KNOWN_TOKEN_VARS.contains(tokenVar)) {
      LOG.warn("  Warning: {} is not a token variable the factory reads", tokenVar);
    }

    List<String> shortfalls = new ArrayList<>();
    boolean userCreated = ensureUser(name, passVar);
    TokenOutcome token = ensureToken(name, tokenVar, passVar, shortfalls);
    joinProject(name, shortfalls);

    boolean profileCreated = ensureProfileRepo(name);
    boolean committed = populateProfile(name, formula, shortfalls);
    ProtectionResult prot = protection.setupProfile(name + "/.profile", "main");
    if (prot.ok()) {
      LOG.info("  Branch protection configured for main branch");
      LOG.info("  - Requires 1 approval before merge");
      LOG.info("  - Admin-only merge enforcement");
      LOG.info("  - Journal branch created for direct agent pushes");
    } else {
      LOG.warn("  Warning: could not configure branch protection (HTTP {})", prot.status());
      LOG.warn("  Note: Branch protection can be set up manually later");
    }

    Path marker = settings.factoryRoot().resolve("state").resolve("." + role + "-active");
    if (Files.exists(marker)) {
      LOG.info("  State marker already exists: {}", marker);
    } else {
      try {
        Files.createDirectories(marker.getParent());
        Files.createFile(marker);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + marker, e);
      }
      LOG.info("  Created: {}", marker);
    }

    Optional<String> section = Optional.empty();
    if (request.localModel().isPresent()) {
      section = Optional.of(localModel(request));
    }
    LOG.info("Done! Agent '{}' hired for role '{}'.", name, role);
    LOG.info("  User:    {}/{}", settings.forgeUrl(), name);
    LOG.info("  Repo:    {}/{}/.profile", settings.forgeUrl(), name);
    LOG.info("  Formula: {}", formula.getFileName());
    return new HireResult(name, tokenVar, token.token(), userCreated, token.created(),
        profileCreated, committed, prot, marker, section, shortfalls);
  }

  private Path formula(HireRequest request) {
    if (request.formula().isPresent()) {
      Path f = settings.factoryRoot().resolve(request.formula().get());
      if (!Files.isRegularFile(f)) {
        throw new HireAgentException("formula not found at " + f);
      }
      return f;
    }
    Path dir = settings.factoryRoot().resolve("formulas");
    Path plain = dir.resolve(request.role() + ".toml");
    if (Files.isRegularFile(plain)) {
      return plain;
    }
    Path run = dir.resolve("run-" + request.role() + ".toml");
    if (!Files.isRegularFile(run)) {
      throw new HireAgentException("formula not found at " + run);
    }
    return run;
  }

  private void requireAdmin() {
    ForgeResponse me = admin.send("GET", "/user", null);
    Map<String, Object> user = me.ok() ? BranchProtection.Rules.parse(me.body()) : null;
    if (user == null || !Boolean.TRUE.equals(user.get("is_admin"))) {
      throw new HireAgentException("failed to obtain admin API access (HTTP " + me.status()
          + (me.ok() ? ", not a site admin" : "") + "): cannot proceed without admin privileges");
    }
  }

  private boolean ensureUser(String name, String passVar) {
    if (found(admin.send("GET", "/users/" + name, null), "login", name, "user '" + name + "'")) {
      LOG.info("  User '{}' already exists", name);
      return false;
    }
    String password = newPassword();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("username", name);
    body.put("password", password);
    body.put("email", name + "@" + (settings.projectName().isEmpty() ? "disinto"
        : settings.projectName()) + ".local");
    body.put("full_name", name);
    body.put("must_change_password", false);
    ForgeResponse r = admin.send("POST", "/admin/users", body);
    if (r.ok()) {
      env.put(passVar, password);
      LOG.info("  Created user '{}'", name);
      return true;
    }
    if (Lookup.of(admin.send("GET", "/users/" + name, null), "login", name) == Lookup.FOUND) {
      LOG.info("  User '{}' exists (confirmed)", name);
      return false;
    }
    throw new HireAgentException("failed to create user '" + name + "' (HTTP " + r.status()
        + r.forgeMessage().map(m -> ": " + m).orElse("") + ")");
  }

  private record TokenOutcome(Optional<String> token, boolean created) {}

  private TokenOutcome ensureToken(String name, String tokenVar, String passVar,
      List<String> shortfalls) {
    Optional<String> stored = env.get(tokenVar).filter(v -> !v.isEmpty());
    if (stored.isPresent() && loginOf(admin.withAuth(ForgeAuth.token(stored.get())))
        .map(name::equalsIgnoreCase).orElse(false)) {
      LOG.info("  {} token still valid ({})", name, tokenVar);
      return new TokenOutcome(stored, false);
    }
    String password = env.get(passVar).filter(p -> !p.isEmpty()).filter(p ->
        loginOf(admin.withAuth(ForgeAuth.basic(name, p))).isPresent()).orElse(null);
    if (password == null) {
      password = newPassword();
      Map<String, Object> edit = new LinkedHashMap<>();
      edit.put("login_name", name);
      edit.put("source_id", 0);
      edit.put("password", password);
      edit.put("must_change_password", false);
      ForgeResponse r = admin.send("PATCH", "/admin/users/" + name, edit);
      if (!r.ok()) {
        LOG.warn("  Warning: could not set a password for '{}' (HTTP {}); no token made", name,
            r.status());
        shortfalls.add("password of " + name + " not set (HTTP " + r.status() + "), no token made");
        return new TokenOutcome(stored, false);
      }
      env.put(passVar, password);
      LOG.info("  Reset password for existing user '{}' ({})", name, passVar);
    }
    ForgeClient self = admin.withAuth(ForgeAuth.basic(name, password));
    String tokenName = "disinto-" + name + "-token";
    ForgeResponse list = self.send("GET", "/users/" + name + "/tokens", null);
    if (list.ok()) {
      Object parsed;
      try {
        parsed = ForgeClient.moshi().adapter(Object.class).fromJson(list.body());
      } catch (IOException | RuntimeException e) {
        parsed = null;
      }
      if (parsed instanceof List<?> tokens) {
        for (Object t : tokens) {
          if (t instanceof Map<?, ?> m && tokenName.equals(m.get("name"))
              && m.get("id") instanceof Number id) {
            self.send("DELETE", "/users/" + name + "/tokens/" + id.longValue(), null);
          }
        }
      }
    }
    ForgeResponse made = self.send("POST", "/users/" + name + "/tokens",
        Map.of("name", tokenName, "scopes", List.of("all")));
    Map<String, Object> m = made.ok() ? BranchProtection.Rules.parse(made.body()) : null;
    Object sha = m == null ? null : m.get("sha1");
    if (!(sha instanceof String token) || token.isEmpty()) {
      LOG.warn("  Warning: failed to create API token for '{}' (HTTP {})", name, made.status());
      shortfalls.add("token " + tokenName + " not created (HTTP " + made.status() + ")");
      return new TokenOutcome(stored, false);
    }
    boolean replaced = env.get(tokenVar).isPresent();
    env.put(tokenVar, token);
    LOG.info("  {} token {} ({})", name, replaced ? "updated" : "saved", tokenVar);
    return new TokenOutcome(Optional.of(token), true);
  }

  /** A lookup that found the object, found it missing, or stops the hire. */
  private static boolean found(ForgeResponse r, String field, String name, String what) {
    return switch (Lookup.of(r, field, name)) {
      case FOUND -> true;
      case MISSING -> false;
      case UNKNOWN -> throw new HireAgentException("cannot tell whether " + what + " exists (HTTP "
          + r.status() + r.forgeMessage().map(m -> ": " + m).orElse("") + ")");
    };
  }

  private static Optional<String> loginOf(ForgeClient client) {
    ForgeResponse r = client.send("GET", "/user", null);
    Map<String, Object> u = r.ok() ? BranchProtection.Rules.parse(r.body()) : null;
    return u != null && u.get("login") instanceof String s ? Optional.of(s) : Optional.empty();
  }

  private void joinProject(String name, List<String> shortfalls) {
    Optional<String> repo = settings.projectRepo().filter(s -> s.contains("/"));
    if (repo.isEmpty()) {
      return;
    }
    ForgeResponse now = admin.send("GET", "/repos/" + repo.get() + "/collaborators/" + name
        + "/permission", null);
    Map<String, Object> p = now.ok() ? BranchProtection.Rules.parse(now.body()) : null;
    Object perm = p == null ? null : p.get("permission");
    if (perm instanceof String s && List.of("write", "admin", "owner").contains(s)) {
      return;
    }
    ForgeResponse put = admin.send("PUT", "/repos/" + repo.get() + "/collaborators/" + name,
        Map.of("permission", "write"));
    if (put.ok()) {
      LOG.info("  + {} = write collaborator on {}", name, repo.get());
    } else {
      LOG.warn("  Warning: could not add {} as writer on {} (HTTP {})", name, repo.get(),
          put.status());
      shortfalls.add(name + " not added as writer on " + repo.get() + " (HTTP " + put.status()
          + ")");
    }
  }

  private boolean ensureProfileRepo(String name) {
    String slug = name + "/.profile";
    if (found(admin.send("GET", "/repos/" + slug, null), "full_name", slug, slug)) {
      LOG.info("  Repo '{}' already exists", slug);
      return false;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", ".profile");
    body.put("description", name + "'s .profile repo");
    body.put("private", true);
    body.put("auto_init", false);
    ForgeResponse r = admin.send("POST", "/admin/users/" + name + "/repos", body);
    if (r.ok()) {
      LOG.info("  Created repo '{}' (via admin API)", slug);
      return true;
    }
    if (r.status() == 409) {
      LOG.info("  Repo '{}' already exists", slug);
      return false;
    }
    throw new HireAgentException("failed to create repo '" + slug + "' (HTTP " + r.status()
        + r.forgeMessage().map(m -> ": " + m).orElse("") + ")");
  }

  private boolean populateProfile(String name, Path formula, List<String> shortfalls) {
    Git git = new Git(settings.adminGit());
    String url = settings.forgeUrl() + "/" + name + "/.profile.git";
    Path dir;
    try {
      dir = Files.createTempDirectory(".profile-clone-" + name.replaceAll("[^A-Za-z0-9._-]", "-"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a clone folder", e);
    }
    try {
      LOG.info("  Cloning: {}", url);
      ProcessResult clone = git.run(dir, "clone", "--quiet", url, "work");
      if (!clone.succeeded()) {
        throw new HireAgentException("failed to clone " + url + " with the admin's login: "
            + Git.reason(clone));
      }
      Path work = dir.resolve("work");
      git.ok(work, "config", "user.name", OpsSetup.IDENTITY_NAME);
      git.ok(work, "config", "user.email", OpsSetup.IDENTITY_EMAIL);
      write(work.resolve("journal/.gitkeep"), new byte[0], false);
      write(work.resolve("knowledge/.gitkeep"), new byte[0], false);
      write(work.resolve("formula.toml"), Files.readAllBytes(formula), true);
      write(work.resolve("README.md"), readme(name).getBytes(StandardCharsets.UTF_8), false);
      git.ok(work, "add", "-A");
      if (!git.hasStaged(work)) {
        LOG.info("  No changes to commit");
        return false;
      }
      ProcessResult commit = git.run(work, "commit", "-q", "-m", "chore: initial .profile setup");
      if (!commit.succeeded()) {
        throw new HireAgentException("failed to commit .profile: " + Git.reason(commit));
      }
      ProcessResult push = git.run(work, "push", "-q", "origin", "HEAD:refs/heads/main");
      if (!push.succeeded()) {
        LOG.warn("  Warning: failed to push .profile setup: {}", Git.reason(push));
        shortfalls.add("push to " + name + "/.profile refused: " + Git.reason(push));
        return false;
      }
      LOG.info("  Committed: initial .profile setup");
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the .profile clone", e);
    } finally {
      deleteTree(dir);
    }
  }

  private static void write(Path file, byte[] content, boolean overwrite) throws IOException {
    if (!overwrite && Files.exists(file)) {
      return;
    }
    if (overwrite && Files.exists(file) && Arrays.equals(Files.readAllBytes(file), content)) {
      return;
    }
    Files.createDirectories(file.getParent());
    Files.write(file, content);
  }

  private String localModel(HireRequest request) {
    URI url = request.localModel().orElseThrow();
    String base = url.toString().replaceAll("/+$", "");
    if (settings.modelProbe().test(URI.create(base + "/health"))
        || settings.modelProbe().test(URI.create(base + "/v1/chat/completions"))) {
      LOG.info("  Model endpoint is reachable");
    } else {
      LOG.warn("  Warning: model endpoint may not be reachable at {}", base);
      LOG.warn("  Continuing with configuration...");
    }
    Path toml = projectToml();
    String section = AgentToml.section(request.agentName());
    String model = request.model().orElse("local-model");
    try {
      String text = Files.readString(toml, StandardCharsets.UTF_8);
      String owner = AgentToml.existingForgeUser(text, section);
      if (owner != null && !owner.isEmpty() && !owner.equals(request.agentName())) {
        throw new HireAgentException("[agents." + section + "] in " + toml + " belongs to agent '"
            + owner + "'; choose another name for '" + request.agentName() + "'");
      }
      String next = AgentToml.upsert(text, section, AgentToml.table(section, base, model,
          request.role(), request.agentName(), request.pollInterval().orElse(60)));
      if (!next.equals(text)) {
        Files.writeString(toml, next, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update " + toml, e);
    }
    LOG.info("  Agent config written to TOML");
    Path compose = settings.factoryRoot().resolve("docker-compose.yml");
    if (Files.exists(compose) && settings.compose().isPresent()) {
      settings.compose().get().regenerate(forgePort(settings.forgeUrl()));
      LOG.info("  Compose regenerated with agents-{} service", section);
    }
    LOG.info("  Service name: agents-{}", section);
    LOG.info("  Model endpoint: {}", base);
    LOG.info("  Model: {}", model);
    LOG.info("    docker compose --profile agents-{} up -d agents-{}", section, section);
    return section;
  }

  private Path projectToml() {
    Path dir = settings.factoryRoot().resolve("projects");
    if (!settings.projectName().isEmpty()) {
      Path named = dir.resolve(settings.projectName() + ".toml");
      if (Files.isRegularFile(named)) {
        return named;
      }
    }
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.toml")) {
        List<Path> all = new ArrayList<>();
        s.forEach(all::add);
        all.sort(Comparator.comparing(p -> p.getFileName().toString()));
        if (!all.isEmpty()) {
          return all.get(0);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + dir, e);
      }
    }
    throw new HireAgentException("no project TOML found in " + dir
        + " (run 'disinto init' first to create a project config)");
  }

  static int forgePort(String url) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(".*:([0-9]+)/?$").matcher(url);
    return m.matches() ? Integer.parseInt(m.group(1)) : 3000;
  }

  private String newPassword() {
    StringBuilder b = new StringBuilder("agent-");
    for (int i = 0; i < 20; i++) {
      b.append(ALNUM.charAt(settings.random().nextInt(ALNUM.length())));
    }
    return b.toString();
  }

  static String readme(String a) {
    return "# " + a + "'s .profile\n\n"
        + "Agent profile repository for " + a + ".\n\n"
        + "## Structure\n\n"
        + "```\n"
        + a + "/.profile/\n"
        + "├── formula.toml    # Agent's role formula\n"
        + "├── journal/        # Issue-by-issue log files (journal branch)\n"
        + "│   └── .gitkeep\n"
        + "├── knowledge/      # Shared knowledge and best practices\n"
        + "│   └── .gitkeep\n"
        + "└── README.md\n"
        + "```\n\n"
        + "## Branches\n\n"
        + "- `main` — formula changes, merged by the admin after 1 approval\n"
        + "- `journal` — the agent pushes its journal entries here directly\n\n"
        + "## Branch protection\n\n"
        + "- `main`: protected — no direct pushes, 1 approval, merged by the admin only\n"
        + "- `journal`: unprotected — the agent pushes directly\n";
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // best effort: a leftover temp folder holds no secret
        }
      });
    } catch (IOException e) {
      // best effort
    }
  }
}
