package ai.disinto.examples.cli.ci;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.examples.cli.InProcess;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import ai.disinto.testkit.woodpecker.MockWoodpecker;
import ai.disinto.testkit.woodpecker.MockWoodpeckerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code disinto ci setup ...}: the ci-setup functions' arguments, env and exit codes. */
@ExtendWith({MockForgejoExtension.class, MockWoodpeckerExtension.class})
class CiSetupCommandTest {
  static final String TOKEN = "b".repeat(40);
  @TempDir Path root;
  MockForgejo forge;
  MockWoodpecker wp;
  Map<String, String> env;

  @BeforeEach
  void world(MockForgejo forge, MockWoodpecker wp) {
    this.forge = forge;
    this.wp = wp;
    forge.seed().user("disinto-admin", u -> u.password("admin-pass-1234").admin(true)
        .token(TOKEN));
    env = new HashMap<>(Map.of("FACTORY_ROOT", root.toString(), "FORGE_URL", forge.baseUrl(),
        "FORGE_TOKEN", TOKEN, "WOODPECKER_SERVER", wp.baseUrl()));
  }

  @Test
  void missingGlobalsExitOneNamingThem() {
    env.remove("FORGE_TOKEN");
    InProcess.Result r = InProcess.run(env, "", "ci", "setup", "oauth", forge.baseUrl());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr())
        .contains("Error: ci-setup.sh requires these globals to be set: FORGE_TOKEN");
  }

  @Test
  void cronInComposeModeIsSkipped() {
    InProcess.Result r = InProcess.run(env, "", "ci", "setup", "cron", "p", "p.toml", "true");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stderr())
        .contains("Cron:    skipped (agents container handles scheduling in compose mode)");
  }

  @Test
  void oauthWritesTheWoodpeckerSettings() throws Exception {
    InProcess.Result r = InProcess.run(env, "", "ci", "setup", "oauth", forge.baseUrl(), "o/r");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stderr()).contains("OAuth2:  woodpecker-ci created (client_id=");
    assertThat(Files.readString(root.resolve(".env"))).startsWith("WOODPECKER_FORGEJO=true\n"
        + "WOODPECKER_FORGEJO_URL=" + forge.baseUrl() + "\n"
        + "WOODPECKER_HOST=http://localhost:8000\nWP_FORGEJO_CLIENT=");
  }

  @Test
  void tokenWithoutAdminPasswordExitsOne() {
    InProcess.Result r = InProcess.run(env, "", "ci", "setup", "token", forge.baseUrl());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("Forgejo admin password not available");
  }

  @Test
  void tokenAlreadySetExitsZero() throws Exception {
    Files.writeString(root.resolve(".env"), "WOODPECKER_TOKEN=abc\n");
    InProcess.Result r = InProcess.run(env, "", "ci", "setup", "token", forge.baseUrl());
    assertThat(r.exitCode()).isZero();
    assertThat(r.stderr()).contains("Config:  WOODPECKER_TOKEN already set in .env");
  }

  @Test
  void activatePrintsTheRepoIdWithVars() {
    wp.addUser("disinto-admin", "wp-token", true);
    long id = wp.addRepo("o/r");
    env.put("WOODPECKER_TOKEN", "wp-token");
    InProcess.Result r = InProcess.run(env, "", "ci", "setup", "activate", "o/r", "--vars");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("_WP_REPO_ID=" + id + "\n");
    assertThat(r.stderr()).contains("Repo:    o/r already active in Woodpecker (id=" + id + ")");
  }

  @Test
  void activateWithoutTokenStillExitsZero() {
    InProcess.Result r = InProcess.run(env, "", "ci", "setup", "activate", "o/r", "--vars");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("_WP_REPO_ID=\n");
    assertThat(r.stderr()).contains("woodpecker-cli repo add o/r");
  }
}
