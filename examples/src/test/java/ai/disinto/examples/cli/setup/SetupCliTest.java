package ai.disinto.examples.cli.setup;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.examples.cli.InProcess;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code disinto protect|ops|hire} in process against the mock forge, with real git. */
@ExtendWith(MockForgejoExtension.class)
class SetupCliTest {
  private static final String OPS = "disinto-admin/p-ops";

  @TempDir
  Path tmp;

  private final Map<String, String> env = new HashMap<>();

  private void world(MockForgejo m) throws Exception {
    m.seed().user("disinto-admin", u -> u.password("admin-pass-1234").admin(true)
        .token("tok-admin"));
    for (String b : new String[] {"dev-bot", "review-bot", "planner-bot", "gardener-bot",
        "vault-bot", "supervisor-bot", "predictor-bot", "architect-bot"}) {
      m.seed().user(b, u -> u.password(b + "-password").token("tok-" + b));
    }
    Path factory = Files.createDirectories(tmp.resolve("factory/formulas")).getParent();
    Files.writeString(factory.resolve("formulas/dev.toml"), "[formula]\n");
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("FACTORY_ROOT", factory.toString());
    env.put("FORGE_URL", m.baseUrl());
    env.put("FORGE_TOKEN", "tok-dev-bot");
    env.put("FORGE_ADMIN_TOKEN", "tok-admin");
    env.put("FORGE_ADMIN_PASS", "admin-pass-1234");
  }

  private InProcess.Result run(String... args) {
    return InProcess.run(env, "", args);
  }

  @Test
  void protectNeedsTokenAndUrlButTheOpsRepoOnlyWhereItIsUsed(MockForgejo m) throws Exception {
    world(m);
    m.seed().repo("dev-bot/.profile");
    env.remove("FORGE_TOKEN");
    InProcess.Result noToken = run("protect", "vault");
    assertThat(noToken.exitCode()).isEqualTo(1);
    assertThat(noToken.stderr()).contains("ERROR: FORGE_TOKEN is required");
    env.put("FORGE_TOKEN", "tok-dev-bot");
    assertThat(run("protect", "vault").stderr()).contains("ERROR: FORGE_OPS_REPO is required");
    InProcess.Result noRepo = run("protect", "profile");
    assertThat(noRepo.exitCode()).isEqualTo(1);
    assertThat(noRepo.stderr()).contains("ERROR: repo path required (format: owner/repo)");
    InProcess.Result profile = run("protect", "profile", "dev-bot/.profile");
    assertThat(profile.exitCode()).isEqualTo(0);
    assertThat(profile.stdout()).isEmpty();
    assertThat(profile.stderr()).contains(
        "branch-protection: Branch protection configured successfully for main");
    assertThat(m.branchHead("dev-bot/.profile", "journal")).isPresent();
  }

  @Test
  void protectHelpPrintsTheUsageAndExitsZero(MockForgejo m) throws Exception {
    world(m);
    InProcess.Result help = run("protect", "help");
    assertThat(help.exitCode()).isEqualTo(0);
    assertThat(help.stdout()).startsWith("Usage: disinto protect");
  }

  @Test
  void protectVaultVerifyAndRemoveUseTheAdminToken(MockForgejo m) throws Exception {
    world(m);
    m.seed().repo(OPS);
    env.put("FORGE_OPS_REPO", OPS);
    assertThat(run("protect", "verify").exitCode()).isEqualTo(1);
    assertThat(run("protect", "vault").exitCode()).isEqualTo(0);
    InProcess.Result verify = run("protect", "verify", "main");
    assertThat(verify.exitCode()).isEqualTo(0);
    assertThat(verify.stderr()).contains("Branch protection verified successfully");
    assertThat(run("protect", "remove").exitCode()).isEqualTo(0);
    assertThat(run("protect", "verify").stderr())
        .contains("ERROR: No branch protection found for main");
    env.remove("FORGE_ADMIN_TOKEN");
    InProcess.Result asBot = run("protect", "vault");
    assertThat(asBot.exitCode()).isEqualTo(1);
    assertThat(asBot.stderr()).contains("Failed to set up branch protection (HTTP 403");
  }

  @Test
  void opsSetupPrintsTheActualSlugAndASecondRunWritesNothing(MockForgejo m) throws Exception {
    world(m);
    String root = tmp.resolve("ops").toString();
    InProcess.Result first = run("ops", "setup", "--vars", m.baseUrl(), OPS, root);
    assertThat(first.exitCode()).as(first.stderr()).isEqualTo(0);
    assertThat(first.stdout()).isEqualTo("_ACTUAL_OPS_SLUG=disinto-admin/p-ops\n");
    assertThat(first.stderr()).contains("Seeded:  ops repo with initial structure");
    assertThat(m.filesAt(OPS, m.branchHead(OPS, "main").orElseThrow()))
        .containsKey("evidence/holdout/.gitkeep");
    m.clearJournal();
    assertThat(run("ops", "setup", m.baseUrl(), OPS, root).exitCode()).isEqualTo(0);
    assertThat(m.journal()).allMatch(r -> r.method().equals("GET")
        || r.path().endsWith("/git-upload-pack"));
  }

  @Test
  void opsSetupThatCannotCreateTheRepoExitsOne(MockForgejo m) throws Exception {
    world(m);
    InProcess.Result r = run("ops", "setup", m.baseUrl(), OPS, tmp.resolve("ops").toString(),
        "main", "tok-dev-bot");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("Error: failed to create ops repo 'disinto-admin/p-ops'"
        + " (HTTP 403");
  }

  @Test
  void opsMigrateWithoutARootSkipsWithExitZero(MockForgejo m) throws Exception {
    world(m);
    InProcess.Result r = run("ops", "migrate");
    assertThat(r.exitCode()).isEqualTo(0);
    assertThat(r.stderr()).contains("migrate_ops_repo: skipping — ");
    Files.createDirectories(tmp.resolve("plain"));
    InProcess.Result notGit = run("ops", "migrate", tmp.resolve("plain").toString());
    assertThat(notGit.exitCode()).isEqualTo(0);
    assertThat(notGit.stderr()).contains("is not a git repo");
  }

  @Test
  void hireChecksItsArgumentsAndToken(MockForgejo m) throws Exception {
    world(m);
    InProcess.Result usage = run("hire", "bob");
    assertThat(usage.exitCode()).isEqualTo(1);
    assertThat(usage.stderr()).contains("Error: agent-name and role required",
        "Usage: disinto hire-an-agent <agent-name> <role>");
    assertThat(run("hire", "bob", "dev", "--foo", "x").stderr())
        .contains("Error: Unknown option: --foo");
    env.remove("FORGE_TOKEN");
    InProcess.Result noToken = run("hire", "bob", "dev");
    assertThat(noToken.exitCode()).isEqualTo(1);
    assertThat(noToken.stderr()).contains("Error: FORGE_TOKEN not set");
  }

  @Test
  void hireCreatesTheAgentAndStoresItsToken(MockForgejo m) throws Exception {
    world(m);
    env.put("PROJECT_NAME", "proj");
    InProcess.Result r = run("hire", "dev-qwen2", "dev");
    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(0);
    assertThat(r.stderr()).contains("Done! Agent 'dev-qwen2' hired for role 'dev'.");
    String dotenv = Files.readString(tmp.resolve("factory/.env"));
    assertThat(dotenv).containsPattern("FORGE_DEV_TOKEN=[0-9a-f]{40}");
    assertThat(r.stderr()).doesNotContain(dotenv.replaceAll("(?s).*FORGE_DEV_TOKEN=(\\w+).*", "$1"));
    assertThat(tmp.resolve("factory/state/.dev-active")).exists();
    assertThat(run("hire", "dev-qwen2", "dev").exitCode()).isEqualTo(0);
  }
}
