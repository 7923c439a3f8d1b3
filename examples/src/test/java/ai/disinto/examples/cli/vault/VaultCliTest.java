package ai.disinto.examples.cli.vault;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.examples.cli.InProcess;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code disinto vault request|validate} over HTTP against the mock forge. */
@ExtendWith(MockForgejoExtension.class)
class VaultCliTest {
  static final String OPS = "admin/proj-ops";
  static final String HIGH = "id = \"pub-1\"\nformula = \"run-publish-site\"\n"
      + "context = \"Publish the site\"\nsecrets = [\"DEPLOY_KEY\"]\n";
  static final String LOW = "id = \"groom-1\"\nformula = \"groom-backlog\"\n"
      + "context = \"Groom\"\nsecrets = []\n";
  static final String RELEASE = "id = \"release-v120\"\nformula = \"release\"\n"
      + "context = \"Release v1.2.0 — includes vault redesign, .profile system, architect agent\"\n"
      + "secrets = [\"GITHUB_TOKEN\", \"CODEBERG_TOKEN\"]\nmounts = [\"ssh\"]\n";

  @TempDir Path tmp;
  final Map<String, String> env = new HashMap<>();

  void world(MockForgejo m) throws IOException {
    m.seed().user("admin", u -> u.password("admin-pw-123").token("ADM").admin(true))
        .user("dev-bot", u -> u.password("dev-pw-123").token("AT"))
        .repo(OPS, r -> r.collaborator("dev-bot", "write"));
    m.seed().file(OPS, "main", "vault/policy.toml", ClassifyParityTest.resource(
        "policies/template.toml"));
    m.seed().protection(OPS, "main", Map.of("enable_push", true, "enable_push_whitelist", true,
        "push_whitelist_usernames", List.of("admin"), "required_approvals", 1));
    Path factory = Files.createDirectories(tmp.resolve("factory/formulas")).getParent();
    for (String n : List.of("run-publish-site.toml", "groom-backlog.toml", "release.toml")) {
      Files.writeString(factory.resolve("formulas").resolve(n), "");
    }
    env.put("HOME", tmp.toString());
    env.put("USER", "nobody");
    env.put("FACTORY_ROOT", factory.toString());
    env.put("FORGE_URL", m.baseUrl());
    env.put("FORGE_TOKEN", "AT");
    env.put("FORGE_ADMIN_TOKEN", "ADM");
    env.put("FORGE_REPO", "admin/proj");
    env.put("FORGE_OPS_REPO", OPS);
    env.put("PRIMARY_BRANCH", "main");
    env.put("OPS_REPO_ROOT", tmp.resolve("ops").toString());
  }

  @Test
  void aHighTierRequestPrintsOnlyThePrNumber(MockForgejo m) throws IOException {
    world(m);
    InProcess.Result r = InProcess.run(env, "", "vault", "request", "pub-1", HIGH);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).matches("[0-9]+\n");
    assertThat(r.stderr()).contains("vault: Creating PR for vault/pub-1");
  }

  @Test
  void theContentMayComeFromStandardInputOrAFile(MockForgejo m) throws IOException {
    world(m);
    assertThat(InProcess.run(env, HIGH, "vault", "request", "pub-1", "-").stdout())
        .matches("[0-9]+\n");
    Path f = tmp.resolve("a.toml");
    Files.writeString(f, HIGH.replace("pub-1", "pub-2"));
    assertThat(InProcess.run(env, "", "vault", "request", "pub-2", f.toString()).stdout())
        .matches("[0-9]+\n");
  }

  @Test
  void aLowTierRequestPrintsNothingAndCommitsToMain(MockForgejo m) throws IOException {
    world(m);
    InProcess.Result r = InProcess.run(env, "", "vault", "request", "groom-1", LOW);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).contains("vault: Direct commit successful for groom-1");
  }

  @Test
  void theRequestersEnvironmentAndLocalPolicyCannotLowerTheTier(MockForgejo m) throws IOException {
    world(m);
    Path local = Files.createDirectories(tmp.resolve("ops/vault"));
    Files.writeString(local.resolve("policy.toml"), "[tiers]\nrun-publish-site = \"low\"\n");
    env.put("VAULT_BLAST_RADIUS_OVERRIDE", "low");
    InProcess.Result r = InProcess.run(env, "", "vault", "request", "pub-1", HIGH);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).matches("[0-9]+\n");
    assertThat(r.stderr()).contains("ignoring VAULT_BLAST_RADIUS_OVERRIDE");
    assertThat(m.journal()).noneMatch(q -> q.apiPath().contains("/contents/vault/actions/")
        && !q.method().equals("GET") && !q.body().contains("new_branch"));
    assertThat(InProcess.run(env, "", "vault", "classify", "run-publish-site").stdout())
        .as("classify reads the local file, as classify.sh").isEqualTo("low\n");
  }

  @Test
  void aRefusedActionExitsOneWithBothErrorLines(MockForgejo m) throws IOException {
    world(m);
    InProcess.Result r = InProcess.run(env, "", "vault", "request", "pub-1",
        HIGH.replace("DEPLOY_KEY", "AWS_KEY"));
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).contains("ERROR: Unknown secret (not in allowlist): AWS_KEY\n"
        + "ERROR: TOML validation failed\n");
    InProcess.Result bad = InProcess.run(env, "", "vault", "request", "../x", HIGH);
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.stderr()).contains("ERROR: invalid action_id: ../x")
        .doesNotContain("TOML validation failed");
    assertThat(InProcess.run(env, "", "vault", "request").stderr())
        .contains("ERROR: action_id is required");
  }

  @Test
  void aForgeFailureExitsTwo(MockForgejo m) throws IOException {
    world(m);
    m.faults().add(Fault.on("POST", "/repos/" + OPS + "/pulls").withStatus(500));
    InProcess.Result r = InProcess.run(env, "", "vault", "request", "pub-1", HIGH);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).contains("ERROR: failed to create PR");
    assertThat(m.branchHead(OPS, "vault/pub-1")).isEmpty();
  }

  @Test
  void validatePrintsTheActionAsValidateSh() throws IOException {
    Path factory = Files.createDirectories(tmp.resolve("f/formulas")).getParent();
    Files.writeString(factory.resolve("formulas/release.toml"), "");
    Path file = Files.createDirectories(tmp.resolve("f/vault/examples")).resolve("release.toml");
    Files.writeString(file, "# an example\n\n" + RELEASE);
    InProcess.Result r = InProcess.run(Map.of("FACTORY_ROOT", factory.toString(),
        "HOME", tmp.toString()), "", "vault", "validate", file.toString());
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).isEqualTo("VALID: " + file + "\n  ID: release-v120\n"
        + "  Formula: release\n"
        + "  Context: Release v1.2.0 — includes vault redesign, .profile system, architect agent\n"
        + "  Secrets: GITHUB_TOKEN CODEBERG_TOKEN\n  Mounts: ssh\n");
    assertThat(r.stderr()).contains("Validating vault action: " + file);
  }

  @Test
  void validateReportsAnInvalidFileAndTheUsage() throws IOException {
    Path file = tmp.resolve("bad.toml");
    Files.writeString(file, RELEASE + "zed = 1\n");
    InProcess.Result r = InProcess.run(Map.of("FACTORY_ROOT", tmp.toString(),
        "HOME", tmp.toString()), "", "vault", "validate", file.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).endsWith("ERROR: Unknown fields in TOML: zed\nINVALID: " + file + "\n");
    InProcess.Result usage = InProcess.run("vault", "validate");
    assertThat(usage.exitCode()).isEqualTo(1);
    assertThat(usage.stderr()).startsWith("Usage: ").contains("Example: ");
  }
}
