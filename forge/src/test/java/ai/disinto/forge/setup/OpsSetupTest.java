package ai.disinto.forge.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.forge.setup.OpsSetupResult.Checkout;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import ai.disinto.testkit.forgejo.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(MockForgejoExtension.class)
class OpsSetupTest {
  private static final String OPS = "disinto-admin/p-ops";

  @TempDir
  Path tmp;

  private SetupWorld world;
  private Path root;

  private OpsSetup ops(MockForgejo m) {
    world = new SetupWorld(m, tmp.resolve("home"));
    root = tmp.resolve("ops");
    Path policy = tmp.resolve("factory/vault/policy.toml");
    try {
      Files.createDirectories(policy.getParent());
      Files.writeString(policy, "[policy]\nmode = \"strict\"\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new OpsSetup(world.admin(), new OpsSetup.Settings(m.baseUrl(), "main",
        Optional.of(policy), world.adminGit()));
  }

  private String git(Path dir, String... args) {
    return new Git(world.git()).output(dir, args).orElseThrow();
  }

  private static Map<String, String> tree(Path dir) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String rel = dir.relativize(p).toString();
        if (!rel.startsWith(".git/")) {
          out.put(rel, Files.readString(p, StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }

  @Test
  void existingRepoIsAdoptedAndTheBotsBecomeCollaboratorsInTheDocumentedOrder(MockForgejo m) {
    OpsSetup ops = ops(m);
    m.seed().repo(OPS);
    OpsSetupResult r = ops.setup(OPS, root);
    assertThat(r.actualSlug()).isEqualTo(OPS);
    assertThat(r.created()).isFalse();
    assertThat(world.writes()).filteredOn(w -> !w.contains(".git/"))
        .containsExactly(
        "PUT /repos/" + OPS + "/collaborators/dev-bot -> 204",
        "PUT /repos/" + OPS + "/collaborators/review-bot -> 204",
        "PUT /repos/" + OPS + "/collaborators/planner-bot -> 204",
        "PUT /repos/" + OPS + "/collaborators/gardener-bot -> 204",
        "PUT /repos/" + OPS + "/collaborators/vault-bot -> 204",
        "PUT /repos/" + OPS + "/collaborators/supervisor-bot -> 204",
        "PUT /repos/" + OPS + "/collaborators/predictor-bot -> 204",
        "PUT /repos/" + OPS + "/collaborators/architect-bot -> 204");
    List<Object> perms = new ArrayList<>();
    for (RecordedRequest q : m.journal()) {
      if (q.method().equals("PUT")) {
        perms.add(((Map<?, ?>) q.jsonBody()).get("permission"));
      }
    }
    assertThat(perms).containsExactly("write", "read", "write", "write", "write", "read",
        "read", "write");
    assertThat(r.collaboratorFailures()).isEmpty();
  }

  @Test
  void repoFoundInTheBotNamespaceIsUsedAndTheCheckoutsRemoteIsCleaned(MockForgejo m)
      throws Exception {
    OpsSetup ops = ops(m);
    m.seed().repo("dev-bot/p-ops");
    Files.createDirectories(root);
    new Git(world.git()).ok(root, "init", "-q", "--initial-branch=main");
    String baked = m.baseUrl().replace("http://", "http://dev-bot:tok@") + "/disinto-admin/p-ops.git";
    new Git(world.git()).ok(root, "remote", "add", "origin", baked);
    OpsSetupResult r = ops.setup(OPS, root);
    assertThat(r.actualSlug()).isEqualTo("dev-bot/p-ops");
    assertThat(r.checkout()).isEqualTo(Checkout.EXISTING);
    assertThat(git(root, "remote", "get-url", "origin")).isEqualTo(m.cloneUrl("dev-bot", "p-ops"));
    assertThat(world.log.text()).doesNotContain("dev-bot:tok@");
  }

  @Test
  void missingRepoOfAUserIsCreatedThroughTheAdminApiOnce(MockForgejo m) {
    OpsSetup ops = ops(m);
    OpsSetupResult r = ops.setup(OPS, root);
    assertThat(r.created()).isTrue();
    List<RecordedRequest> posts = m.journal().stream()
        .filter(q -> q.method().equals("POST") && q.apiPath().endsWith("/repos")).toList();
    assertThat(posts).hasSize(1);
    assertThat(posts.get(0).apiPath()).isEqualTo("/admin/users/disinto-admin/repos");
    assertThat(posts.get(0).jsonBody()).isEqualTo(Map.of("name", "p-ops", "auto_init", true,
        "default_branch", "main", "description", "Operational data for disinto-admin/p"));
    assertThat(world.log.messages()).contains(
        "Ops repo: disinto-admin/p-ops created on Forgejo (via admin API)");
  }

  @Test
  void anOrgNamespaceGetsItsRepoThroughTheOrgRoute(MockForgejo m) {
    OpsSetup ops = ops(m);
    m.seed().org("acme", "disinto-admin");
    OpsSetupResult r = ops.setup("acme/p-ops", root);
    assertThat(r.created()).isTrue();
    assertThat(world.writes()).contains("POST /orgs/acme/repos -> 201")
        .noneMatch(w -> w.startsWith("POST /orgs ") || w.contains("/admin/users/"));
  }

  @Test
  void aPrivateOpsRepoIsFoundWithTheAdminTokenNotCreatedTwice(MockForgejo m) {
    OpsSetup ops = ops(m);
    m.seed().repo(OPS, r -> r.privateRepo(true));
    OpsSetupResult r = ops.setup(OPS, root);
    assertThat(r.created()).isFalse();
    assertThat(world.writes()).noneMatch(w -> w.startsWith("POST /admin/")
        || w.startsWith("POST /orgs") || w.startsWith("POST /user/"));
  }

  @Test
  void refusedCreationIsSentOnceAndThrowsWithTheStatus(MockForgejo m) {
    OpsSetup ops = ops(m);
    m.faults().add(Fault.on("POST", "/admin/users/disinto-admin/repos").withStatus(403));
    assertThatThrownBy(() -> ops.setup(OPS, root)).isInstanceOf(OpsSetupException.class)
        .hasMessageContaining("HTTP 403");
    assertThat(m.journal()).filteredOn(q -> q.method().equals("POST")).hasSize(1);
  }

  @Test
  void conflictOnCreationMeansTheRepoIsThereAfterAll(MockForgejo m) {
    OpsSetup ops = ops(m);
    m.faults().add(Fault.on("GET", "/repos/disinto-admin/p-ops").withStatus(404).times(1));
    m.seed().repo(OPS);
    OpsSetupResult r = ops.setup(OPS, root);
    assertThat(r.actualSlug()).isEqualTo(OPS);
    assertThat(r.created()).isFalse();
  }

  @Test
  void freshCloneIsSeededCommittedOnceAndPushed(MockForgejo m) throws Exception {
    OpsSetup ops = ops(m);
    m.seed().repo(OPS);
    OpsSetupResult r = ops.setup(OPS, root);
    assertThat(r.checkout()).isEqualTo(Checkout.CLONED);
    assertThat(r.pushed()).isTrue();
    Map<String, String> files = tree(root);
    for (String f : OpsSetup.FOLDERS) {
      assertThat(files).containsEntry(f + "/.gitkeep", "");
    }
    assertThat(files).containsEntry("vault/policy.toml", "[policy]\nmode = \"strict\"\n")
        .containsEntry("portfolio.md", "# Portfolio\n")
        .containsEntry("prerequisites.md", "# Prerequisite Tree\n")
        .containsEntry("RESOURCES.md", "# Resources\n").containsKey("README.md");
    assertThat(git(root, "log", "--format=%s|%an <%ae>", "-1"))
        .isEqualTo("chore: seed ops repo structure|disinto-admin <disinto-admin@localhost>");
    assertThat(git(root, "rev-list", "--count", "HEAD")).isEqualTo("2");
    assertThat(m.branchHead(OPS, "main")).contains(git(root, "rev-parse", "HEAD"));
    assertThat(m.filesAt(OPS, git(root, "rev-parse", "HEAD"))).containsKey("sprints/.gitkeep");
  }

  @Test
  void secondRunOnlyReadsAndChangesNoFile(MockForgejo m) throws Exception {
    OpsSetup ops = ops(m);
    m.seed().repo(OPS);
    ops.setup(OPS, root);
    Map<String, String> before = tree(root);
    String head = git(root, "rev-parse", "HEAD");
    m.clearJournal();
    OpsSetupResult again = ops.setup(OPS, root);
    assertThat(again.committed()).isFalse();
    assertThat(again.pushed()).isFalse();
    assertThat(world.writes()).isEmpty();
    assertThat(tree(root)).isEqualTo(before);
    assertThat(git(root, "rev-parse", "HEAD")).isEqualTo(head);
  }

  @Test
  void failedCloneInitialisesOnTopOfTheForgesBranchSoTheSeedFastForwards(MockForgejo m)
      throws Exception {
    OpsSetup ops = ops(m);
    m.seed().repo(OPS);
    m.faults().add(Fault.on("GET", "/disinto-admin/p-ops.git/info/refs").withStatus(500)
        .times(1));
    OpsSetupResult r = ops.setup(OPS, root);
    assertThat(r.checkout()).isEqualTo(Checkout.INITIALISED);
    assertThat(git(root, "remote", "get-url", "origin")).isEqualTo(m.cloneUrl("disinto-admin",
        "p-ops"));
    assertThat(git(root, "symbolic-ref", "--short", "HEAD")).isEqualTo("main");
    assertThat(r.pushed()).isTrue();
    assertThat(m.branchHead(OPS, "main")).contains(git(root, "rev-parse", "HEAD"));
  }

  @Test
  void onlyTheSeededPathsAreCommitted(MockForgejo m) throws Exception {
    OpsSetup ops = ops(m);
    m.seed().repo(OPS);
    ops.setup(OPS, root);
    Files.delete(root.resolve("knowledge/.gitkeep"));
    Files.writeString(root.resolve("scratch.txt"), "not for the forge\n");
    new Git(world.git()).ok(root, "commit", "-q", "-a", "-m", "drop keep");
    ops.setup(OPS, root);
    assertThat(git(root, "show", "--name-only", "--format=", "HEAD"))
        .isEqualTo("knowledge/.gitkeep");
    assertThat(git(root, "status", "--porcelain")).isEqualTo("?? scratch.txt");
  }

  @Test
  void migrationCreatesTheMissingCanonicalFilesCommitsAndPushes(MockForgejo m) throws Exception {
    OpsSetup ops = ops(m);
    m.seed().repo(OPS);
    ops.setup(OPS, root);
    Files.delete(root.resolve("vault/pending/.gitkeep"));
    Files.delete(root.resolve("portfolio.md"));
    new Git(world.git()).ok(root, "commit", "-q", "-a", "-m", "lose two");
    MigrationResult r = ops.migrate(root);
    assertThat(r.status()).isEqualTo(MigrationResult.Status.MIGRATED);
    assertThat(r.created()).containsExactly("vault/pending/.gitkeep", "portfolio.md");
    assertThat(r.pushed()).isTrue();
    assertThat(Files.readString(root.resolve("portfolio.md")))
        .isEqualTo("# Portfolio\n\n## Overview\n\n<!-- Add content here -->\n");
    assertThat(git(root, "log", "-1", "--format=%s"))
        .isEqualTo("chore: migrate ops repo structure to canonical layout");
    assertThat(m.branchHead(OPS, "main")).contains(git(root, "rev-parse", "HEAD"));
    m.clearJournal();
    assertThat(ops.migrate(root).status()).isEqualTo(MigrationResult.Status.NOTHING_TO_DO);
    assertThat(world.writes()).isEmpty();
  }

  @Test
  void migrationWithoutARootOrOutsideGitSkips(MockForgejo m) throws Exception {
    OpsSetup ops = ops(m);
    assertThat(OpsSetup.migrationRoot(null, Map.of())).isEmpty();
    assertThat(ops.migrate(null).status()).isEqualTo(MigrationResult.Status.SKIPPED_NO_ROOT);
    Files.createDirectories(root);
    assertThat(ops.migrate(root).status()).isEqualTo(MigrationResult.Status.SKIPPED_NOT_GIT);
    try (Stream<Path> s = Files.list(root)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void migrationRootComesFromTheArgumentTheEnvironmentOrTheProjectToml() throws Exception {
    Path toml = tmp.resolve("p.toml");
    Files.writeString(toml, "name = \"p\"\nrepo = \"o/p\"\nops_repo_root = \"/srv/p-ops\"\n");
    assertThat(OpsSetup.migrationRoot("/a", Map.of("OPS_REPO_ROOT", "/b"))).contains(Path.of("/a"));
    assertThat(OpsSetup.migrationRoot("", Map.of("OPS_REPO_ROOT", "/b"))).contains(Path.of("/b"));
    assertThat(OpsSetup.migrationRoot(null, Map.of("PROJECT_TOML", toml.toString())))
        .contains(Path.of("/srv/p-ops"));
  }

  @Test
  void migrationPushRefusedByTheVaultRuleIsAWarningNotAFailure(MockForgejo m) throws Exception {
    OpsSetup ops = ops(m);
    m.seed().repo(OPS);
    ops.setup(OPS, root);
    Files.delete(root.resolve("vault/fired/.gitkeep"));
    new Git(world.adminGit()).ok(root, "commit", "-q", "-a", "-m", "lose one");
    assertThat(new Git(world.adminGit()).ok(root, "push", "-q", "origin", "HEAD:main")).isTrue();
    assertThat(world.protection().setupVault(OPS, "main").ok()).isTrue();
    MigrationResult r = ops.migrate(root);
    assertThat(r.status()).isEqualTo(MigrationResult.Status.MIGRATED);
    assertThat(r.pushed()).isFalse();
    assertThat(world.log.messages()).contains("Warning: failed to push migration to ops repo");
  }

  @Test
  void aConfiguredIdentityIsKeptAndAMissingOneBecomesTheAdmin(MockForgejo m) throws Exception {
    OpsSetup ops = ops(m);
    m.seed().repo(OPS);
    ops.setup(OPS, root);
    assertThat(git(root, "config", "user.name")).isEqualTo("disinto-admin");
    new Git(world.git()).ok(root, "config", "user.name", "Human Op");
    Files.delete(root.resolve("sprints/.gitkeep"));
    new Git(world.git()).ok(root, "commit", "-q", "-a", "-m", "x");
    ops.migrate(root);
    assertThat(git(root, "config", "user.name")).isEqualTo("Human Op");
    assertThat(git(root, "log", "-1", "--format=%an")).isEqualTo("Human Op");
  }
}
