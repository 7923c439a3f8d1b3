package ai.disinto.forge.setup;

import ai.disinto.core.config.ProjectConfig;
import ai.disinto.core.config.ProjectConfigLoader;
import ai.disinto.core.process.ProcessResult;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeResponse;
import ai.disinto.forge.setup.OpsSetupResult.Checkout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and seeds the {@code {project}-ops} repository on the forge and locally, grants the
 * agents access, and migrates an existing checkout to the canonical layout.
 *
 * <p>Mirrors lib/ops-setup.sh ({@code setup_ops_repo}, {@code migrate_ops_repo}), with these
 * changes: every forge call uses the admin client (a private ops repo is invisible to a bot, which
 * made the original create it twice); the namespace is classified by {@code GET /orgs/{org}}; one
 * creation request, where 409 means "exists" and is looked up again; collaborators are set in a
 * fixed order and only where the permission differs; setup and migration share one canonical
 * list, every seeded folder gets a {@code .gitkeep} (git keeps no empty folder); only the seeded
 * paths are added (other files in the checkout stay out of the commit); a checkout initialised
 * because the clone failed is first reset onto the forge's branch, so its push fast-forwards.
 * Seed and migration push straight to the branch, so run them before {@link BranchProtection}
 * protects it (the vault files are then protected from direct pushes).
 *
 * <p>A second run only reads: nothing is created, set, committed or pushed.
 */
public final class OpsSetup {
  private static final Logger LOG = LoggerFactory.getLogger(OpsSetup.class);

  /** The ops repository's collaborators and their permissions, in the order they are set. */
  public static final Map<String, String> COLLABORATORS = collaborators();

  /** The canonical folders of an ops repository, each kept in git by a {@code .gitkeep}. */
  public static final List<String> FOLDERS = List.of("vault/pending", "vault/approved",
      "vault/fired", "vault/rejected", "knowledge", "evidence/engagement", "evidence/red-team",
      "evidence/holdout", "evidence/evolution", "evidence/user-test", "sprints");

  /** The canonical notes at the ops root. */
  public static final List<String> NOTES = List.of("portfolio.md", "prerequisites.md",
      "RESOURCES.md");

  static final String SEED_MESSAGE = "chore: seed ops repo structure";
  static final String MIGRATE_MESSAGE = "chore: migrate ops repo structure to canonical layout";
  static final String IDENTITY_NAME = "disinto-admin";
  static final String IDENTITY_EMAIL = "disinto-admin@localhost";

  private static Map<String, String> collaborators() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("dev-bot", "write");
    m.put("review-bot", "read");
    m.put("planner-bot", "write");
    m.put("gardener-bot", "write");
    m.put("vault-bot", "write");
    m.put("supervisor-bot", "read");
    m.put("predictor-bot", "read");
    m.put("architect-bot", "write");
    m.put("disinto-admin", "admin");
    return Collections.unmodifiableMap(m);
  }

  /**
   * Where the forge and the local checkout are.
   *
   * @param forgeUrl the forge's base URL, such as {@code http://localhost:3000}; clone URLs are
   *     {@code {forgeUrl}/{slug}.git}, never with credentials
   * @param primaryBranch the branch to create, seed and push, usually {@code main}
   * @param policyTemplate the {@code vault/policy.toml} to copy into a new ops repo
   *     ({@code {FACTORY_ROOT}/vault/policy.toml}); skipped when absent or missing
   * @param git how git runs and authenticates
   */
  public record Settings(String forgeUrl, String primaryBranch, Optional<Path> policyTemplate,
      GitAccess git) {

    /** Checks that nothing is null and drops a trailing slash of the URL. */
    public Settings {
      forgeUrl = Objects.requireNonNull(forgeUrl, "forgeUrl").replaceAll("/+$", "");
      Objects.requireNonNull(primaryBranch, "primaryBranch");
      Objects.requireNonNull(policyTemplate, "policyTemplate");
      Objects.requireNonNull(git, "git");
    }
  }

  private final ForgeClient forge;
  private final Settings settings;
  private final Git git;

  /**
   * An ops setup service.
   *
   * @param adminClient a client with the admin token (site admin: it may create repositories
   *     for users and set collaborators)
   * @param settings where the forge and checkout are
   */
  public OpsSetup(ForgeClient adminClient, Settings settings) {
    this.forge = Objects.requireNonNull(adminClient, "adminClient").root();
    this.settings = Objects.requireNonNull(settings, "settings");
    this.git = new Git(settings.git());
  }

  /**
   * Finds or creates the ops repository, sets its collaborators, clones or repairs the local
   * checkout and seeds it. Mirrors {@code setup_ops_repo}.
   *
   * @param opsSlug the ops repository asked for, {@code owner/name}
   * @param opsRoot the local checkout
   * @return what was done, with the slug actually used
   * @throws OpsSetupException when the repository can neither be found nor created, or the
   *     checkout cannot be written
   */
  public OpsSetupResult setup(String opsSlug, Path opsRoot) {
    Objects.requireNonNull(opsRoot, "opsRoot");
    if (opsSlug == null || !opsSlug.contains("/")) {
      throw new IllegalArgumentException("ops repo must be owner/name: " + opsSlug);
    }
    String org = opsSlug.substring(0, opsSlug.indexOf('/'));
    String name = opsSlug.substring(opsSlug.lastIndexOf('/') + 1);
    LOG.info("── Ops repo setup ──────────────────────────────────────");

    boolean created = false;
    Optional<String> found = locate(org, name);
    String slug;
    if (found.isPresent()) {
      slug = found.get();
      LOG.info("Ops repo: {} (found at {})", slug, slug);
    } else {
      slug = create(org, name);
      created = !slug.isEmpty();
      if (slug.isEmpty()) {
        slug = org + "/" + name;
      }
    }

    List<String> failures = setCollaborators(slug);
    String cleanUrl = settings.forgeUrl() + "/" + slug + ".git";
    Checkout checkout = checkout(opsRoot, slug, cleanUrl);
    List<String> seeded = seed(opsRoot, name);
    boolean pushed = false;
    if (!seeded.isEmpty()) {
      pushed = commitAndPush(opsRoot, seeded, SEED_MESSAGE);
      if (pushed) {
        LOG.info("Seeded:  ops repo with initial structure");
      } else {
        LOG.warn("Warning: failed to push seed content to ops repo");
      }
    } else if (unpushed(opsRoot)) {
      // A seed committed by an earlier run whose push failed: nothing is left to commit, but the
      // forge still lacks it.
      pushed = push(opsRoot);
      if (pushed) {
        LOG.info("Seeded:  ops repo with the structure an earlier run could not push");
      } else {
        LOG.warn("Warning: failed to push seed content to ops repo");
      }
    }
    return new OpsSetupResult(slug, created, checkout, seeded, pushed, failures);
  }

  /**
   * Creates the canonical files missing from an existing ops checkout, commits them and pushes.
   * Mirrors {@code migrate_ops_repo}. A refused push is a warning ({@code pushed} false).
   *
   * @param opsRoot the ops checkout, or null when none is known ({@link #migrationRoot})
   * @return what was found and done
   * @throws OpsSetupException when the commit fails or a file cannot be written
   */
  public MigrationResult migrate(Path opsRoot) {
    if (opsRoot == null) {
      LOG.info("migrate_ops_repo: skipping — no ops repo root determined");
      return new MigrationResult(MigrationResult.Status.SKIPPED_NO_ROOT, List.of(), false);
    }
    if (!Files.exists(opsRoot.resolve(".git"))) {
      LOG.info("migrate_ops_repo: skipping — {} is not a git repo", opsRoot);
      return new MigrationResult(MigrationResult.Status.SKIPPED_NOT_GIT, List.of(), false);
    }
    LOG.info("── Ops repo migration ───────────────────────────────────");
    LOG.info("Checking {} for missing directories and files...", opsRoot);
    List<String> created = new ArrayList<>();
    for (String folder : FOLDERS) {
      String keep = folder + "/.gitkeep";
      if (writeIfMissing(opsRoot, keep, "")) {
        created.add(keep);
        LOG.info("  + Created: {}", keep);
      }
    }
    for (String note : NOTES) {
      if (writeIfMissing(opsRoot, note, "# " + title(note) + "\n\n## Overview\n\n"
          + "<!-- Add content here -->\n")) {
        created.add(note);
        LOG.info("  + Created: {}", note);
      }
    }
    if (created.isEmpty()) {
      LOG.info("  (all directories and files already present)");
      return new MigrationResult(MigrationResult.Status.NOTHING_TO_DO, List.of(), false);
    }
    boolean pushed = commitAndPush(opsRoot, created, MIGRATE_MESSAGE);
    if (pushed) {
      LOG.info("Migrated:  ops repo structure updated and pushed");
    } else {
      LOG.warn("Warning: failed to push migration to ops repo");
    }
    return new MigrationResult(MigrationResult.Status.MIGRATED, created, pushed);
  }

  /**
   * The ops root a migration works on: the argument, else {@code OPS_REPO_ROOT}, else the
   * {@code ops_repo_root} of the project TOML that {@code PROJECT_TOML} names (read with core's
   * project loader).
   *
   * @param argument the root given on the command line, or null or empty
   * @param env the configuration variables
   * @return the root, when one is determined
   * @throws ai.disinto.core.config.ProjectConfigException when the project TOML is malformed
   */
  public static Optional<Path> migrationRoot(String argument, Map<String, String> env) {
    if (argument != null && !argument.isEmpty()) {
      return Optional.of(Path.of(argument));
    }
    String root = env.getOrDefault("OPS_REPO_ROOT", "");
    if (!root.isEmpty()) {
      return Optional.of(Path.of(root));
    }
    String toml = env.getOrDefault("PROJECT_TOML", "");
    if (!toml.isEmpty() && Files.isRegularFile(Path.of(toml))) {
      return ProjectConfigLoader.loadIfExists(Path.of(toml)).flatMap(ProjectConfig::opsRepoRoot)
          .filter(s -> !s.isEmpty()).map(Path::of);
    }
    return Optional.empty();
  }

  // ---- forge ----

  private Optional<String> locate(String org, String name) {
    for (String ns : new LinkedHashSet<>(List.of(org, "dev-bot", "disinto-admin"))) {
      String slug = ns + "/" + name;
      ForgeResponse r = forge.send("GET", "/repos/" + slug, null);
      switch (Lookup.of(r, "full_name", slug)) {
        case FOUND -> {
          return Optional.of(slug);
        }
        case MISSING -> {
          // look in the next namespace
        }
        default -> throw new OpsSetupException("cannot tell whether " + slug + " exists (HTTP "
            + r.status() + r.forgeMessage().map(m -> ": " + m).orElse("") + ")");
      }
    }
    return Optional.empty();
  }

  /** Creates the repository; returns its slug, or throws. */
  private String create(String org, String name) {
    LOG.info("Creating ops repo in namespace: {}", org);
    boolean isOrg = forge.send("GET", "/orgs/" + org, null).ok();
    String path = isOrg ? "/orgs/" + org + "/repos" : "/admin/users/" + org + "/repos";
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("auto_init", true);
    body.put("default_branch", settings.primaryBranch());
    body.put("description", "Operational data for " + org + "/" + name.replaceAll("-ops$", ""));
    ForgeResponse r = forge.send("POST", path, body);
    String slug = org + "/" + name;
    if (r.ok()) {
      LOG.info("Ops repo: {} created on Forgejo{}", slug, isOrg ? "" : " (via admin API)");
      return slug;
    }
    if (r.status() == 409 && forge.send("GET", "/repos/" + slug, null).ok()) {
      LOG.info("Ops repo: {} (created meanwhile)", slug);
      return "";
    }
    throw new OpsSetupException("failed to create ops repo '" + slug + "' (HTTP " + r.status()
        + r.forgeMessage().map(m -> ": " + m).orElse("") + ")");
  }

  private List<String> setCollaborators(String slug) {
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, String> e : COLLABORATORS.entrySet()) {
      String user = e.getKey();
      String perm = e.getValue();
      ForgeResponse now = forge.send("GET", "/repos/" + slug + "/collaborators/" + user
          + "/permission", null);
      String have = now.ok() ? permissionOf(now.body()) : "";
      // A public repository gives everyone "read": only a listed collaborator counts.
      if (have.equals("owner") || have.equals(perm) && forge.send("GET", "/repos/" + slug
          + "/collaborators/" + user, null).status() == 204) {
        continue;
      }
      ForgeResponse put = forge.send("PUT", "/repos/" + slug + "/collaborators/" + user,
          Map.of("permission", perm));
      if (put.ok()) {
        LOG.info("  + {} = {} collaborator", user, perm);
      } else {
        LOG.info("  ! {} = {} (HTTP {})", user, perm, put.status());
        failures.add(user + " = " + perm + " (HTTP " + put.status() + ")");
      }
    }
    return failures;
  }

  private static String permissionOf(String json) {
    Map<String, Object> m = BranchProtection.Rules.parse(json);
    Object p = m == null ? null : m.get("permission");
    return p instanceof String s ? s : "";
  }

  // ---- local checkout ----

  private Checkout checkout(Path root, String slug, String cleanUrl) {
    Path parent = root.toAbsolutePath().getParent();
    if (Files.exists(root.resolve(".git"))) {
      LOG.info("Ops repo: {} (already exists locally)", root);
      Optional<String> origin = git.remoteUrl(root, "origin");
      if (origin.isPresent() && !origin.get().equals(cleanUrl)) {
        LOG.info("  Fixing: remote URL from {} to {}", withoutCredentials(origin.get()), cleanUrl);
        git.ok(root, "remote", "set-url", "origin", cleanUrl);
      }
      if (!git.ok(root, "rev-parse", "--verify", "-q", "HEAD")) {
        // Initialised by an earlier run that could not reach the forge's branch: start from it.
        startFromForge(root, slug);
      }
      return Checkout.EXISTING;
    }
    LOG.info("Cloning: ops repo -> {}", root);
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new OpsSetupException("cannot create " + parent + ": " + e.getMessage());
    }
    if (git.ok(parent, "clone", "--quiet", cleanUrl, root.toAbsolutePath().toString())) {
      LOG.info("Ops repo: {} cloned successfully", slug);
      return Checkout.CLONED;
    }
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new OpsSetupException("cannot create " + root + ": " + e.getMessage());
    }
    ProcessResult init = git.run(root, "init", "--initial-branch=" + settings.primaryBranch(),
        "-q");
    if (!init.succeeded()) {
      throw new OpsSetupException("git init failed in " + root + ": " + Git.reason(init));
    }
    git.ok(root, "remote", "add", "origin", cleanUrl);
    startFromForge(root, slug);
    LOG.info("Ops repo: {} initialized locally", slug);
    return Checkout.INITIALISED;
  }

  /**
   * Starts a checkout without commits from the forge's branch when it has one, so the seed push
   * fast-forwards. A branch that cannot be fetched although the forge may have it stops setup:
   * a seed committed beside it would never push.
   */
  private void startFromForge(Path root, String slug) {
    String branch = settings.primaryBranch();
    ProcessResult fetch = git.run(root, "fetch", "--quiet", "origin", branch);
    if (fetch.succeeded()) {
      git.ok(root, "reset", "--quiet", "FETCH_HEAD");
      return;
    }
    ProcessResult ls = git.run(root, "ls-remote", "--exit-code", "origin", "refs/heads/" + branch);
    if (ls.exited() && ls.exitStatus() == 2) {
      return; // the forge has no such branch yet: the seed starts it
    }
    throw new OpsSetupException("cannot fetch " + branch + " of " + slug + ": "
        + Git.reason(fetch));
  }

  /** Whether the checkout has commits the forge's branch (as last seen) lacks. */
  private boolean unpushed(Path root) {
    if (!git.ok(root, "rev-parse", "--verify", "-q", "HEAD")) {
      return false;
    }
    Optional<String> ahead = git.output(root, "rev-list", "--count",
        "refs/remotes/origin/" + settings.primaryBranch() + "..HEAD");
    return ahead.map(n -> !n.strip().equals("0")).orElse(true);
  }

  static String withoutCredentials(String url) {
    return url.replaceFirst("://[^/@]*@", "://");
  }

  // ---- seeding ----

  /** Writes what is missing and returns the canonical paths git does not hold as written. */
  private List<String> seed(Path root, String name) {
    List<String> paths = new ArrayList<>();
    for (String folder : FOLDERS) {
      writeIfMissing(root, folder + "/.gitkeep", "");
      paths.add(folder + "/.gitkeep");
    }
    writeIfMissing(root, "README.md", readme(name));
    paths.add("README.md");
    Optional<Path> template = settings.policyTemplate().filter(Files::isRegularFile);
    if (template.isPresent() && !Files.exists(root.resolve("vault/policy.toml"))) {
      try {
        Files.copy(template.get(), root.resolve("vault/policy.toml"));
        LOG.info("  + Copied vault/policy.toml template");
      } catch (IOException e) {
        throw new OpsSetupException("cannot copy the vault policy template: " + e.getMessage());
      }
    }
    if (Files.exists(root.resolve("vault/policy.toml"))) {
      paths.add("vault/policy.toml");
    }
    for (String note : NOTES) {
      writeIfMissing(root, note, "# " + shortTitle(note) + "\n");
      paths.add(note);
    }
    // Untracked, or changed against what is committed: this run has to commit it. One status
    // for all the paths (one each made a run of setup cost seventeen git processes).
    List<String> args = new ArrayList<>(List.of("-c", "core.quotePath=false", "status",
        "--porcelain", "--untracked-files=all", "--"));
    args.addAll(paths);
    ProcessResult st = git.run(root, args.toArray(String[]::new));
    if (!st.succeeded()) {
      return paths;
    }
    java.util.Set<String> changed = new java.util.HashSet<>();
    for (String line : st.stdout().split("\n")) {
      if (line.length() > 3) {
        String path = line.substring(3);
        int arrow = path.indexOf(" -> ");
        changed.add(arrow < 0 ? path : path.substring(arrow + 4));
      }
    }
    List<String> pending = new ArrayList<>();
    for (String p : paths) {
      if (changed.contains(p)) {
        pending.add(p);
      }
    }
    return pending;
  }

  private boolean commitAndPush(Path root, List<String> paths, String message) {
    git.ensureIdentity(root, IDENTITY_NAME, IDENTITY_EMAIL);
    List<String> add = new ArrayList<>(List.of("add", "--"));
    add.addAll(paths);
    ProcessResult added = git.run(root, add.toArray(String[]::new));
    if (!added.succeeded()) {
      throw new OpsSetupException("failed to stage " + paths + ": " + Git.reason(added));
    }
    if (git.hasStaged(root)) {
      ProcessResult commit = git.run(root, "commit", "-q", "-m", message);
      if (!commit.succeeded()) {
        throw new OpsSetupException("failed to commit ops repo changes: " + Git.reason(commit));
      }
    }
    return push(root);
  }

  private boolean push(Path root) {
    if (git.remoteUrl(root, "origin").isEmpty()) {
      return false;
    }
    ProcessResult push = git.run(root, "push", "-q", "origin",
        "HEAD:refs/heads/" + settings.primaryBranch());
    if (!push.succeeded()) {
      LOG.info("push to origin {} refused: {}", settings.primaryBranch(), Git.reason(push));
    }
    return push.succeeded();
  }

  private static boolean writeIfMissing(Path root, String rel, String content) {
    Path file = root.resolve(rel);
    if (Files.exists(file)) {
      return false;
    }
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** {@code prerequisites.md} → {@code Prerequisites}; every word's first letter upper-cased. */
  static String title(String file) {
    String base = file.replaceAll("\\.md$", "").replace('_', ' ');
    StringBuilder out = new StringBuilder();
    boolean start = true;
    for (char c : base.toCharArray()) {
      out.append(start ? Character.toUpperCase(c) : c);
      start = c == ' ';
    }
    return out.toString();
  }

  private static String shortTitle(String note) {
    return switch (note) {
      case "portfolio.md" -> "Portfolio";
      case "prerequisites.md" -> "Prerequisite Tree";
      default -> "Resources";
    };
  }

  static String readme(String name) {
    String project = name.replaceAll("-ops$", "");
    return "# " + name + "\n\n"
        + "Operational data for the " + project + " project.\n\n"
        + "## Structure\n\n"
        + "```\n"
        + name + "/\n"
        + "├── vault/\n"
        + "│   ├── pending/          # vault items awaiting approval\n"
        + "│   ├── approved/         # approved vault items\n"
        + "│   ├── fired/            # executed vault items\n"
        + "│   └── rejected/         # rejected vault items\n"
        + "├── sprints/              # sprint specs written by architect agent\n"
        + "├── knowledge/            # shared agent knowledge and best practices\n"
        + "├── evidence/             # engagement data, experiment results\n"
        + "├── portfolio.md          # addressables + observables\n"
        + "├── prerequisites.md      # dependency graph\n"
        + "└── RESOURCES.md          # accounts, tokens (refs), infra inventory\n"
        + "```\n\n"
        + "> **Note:** Agent journals are not kept here: each agent keeps them in its own"
        + " .profile repo on Forgejo (branch `journal`).\n\n"
        + "## Branch protection\n\n"
        + "- `main`: vault items (`vault/**`) change only through a pull request that the admin"
        + " approves and merges\n"
        + "- Journal, knowledge and evidence commits are pushed directly by the agents\n";
  }
}
