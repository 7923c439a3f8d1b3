package ai.disinto.examples.cli.forge;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.examples.cli.InProcess;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code disinto forge setup}: setup_forge's arguments, environment and exit codes. */
@ExtendWith(MockForgejoExtension.class)
class ForgeSetupCommandTest {
  static final String ADMIN_PASS = "admin-abcdefghijklmnopqrst";
  @TempDir Path root;
  MockForgejo forge;
  Map<String, String> env;

  /** A docker whose {@code exec ... forgejo admin user list} exits with the given status. */
  private void docker(int status) throws Exception {
    Path bin = Files.createDirectories(root.resolve("bin"));
    Path d = bin.resolve("docker");
    Files.writeString(d, "#!/bin/sh\nexit " + status + "\n");
    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
    env.put("PATH", bin + ":" + System.getenv("PATH"));
  }

  @BeforeEach
  void world(MockForgejo forge) throws Exception {
    this.forge = forge;
    // The admin exists with the stored password: the docker command line is only probed.
    forge.seed().user("disinto-admin", u -> u.password(ADMIN_PASS).admin(true));
    Files.writeString(root.resolve(".env"), "# factory\nFORGE_ADMIN_PASS=" + ADMIN_PASS + "\n");
    env = new HashMap<>(Map.of("FACTORY_ROOT", root.toString(), "DISINTO_BARE", "true",
        "FORGEJO_DATA_DIR", root.resolve("data").toString(), "HOME", root.toString()));
    docker(0);
  }

  @Test
  void setsUpTheForgeAndASecondRunChangesNothing() throws Exception {
    InProcess.Result first = InProcess.run(env, "", "forge", "setup", forge.baseUrl(),
        "smoke-org/smoke-repo");
    assertThat(first.exitCode()).as(first.stderr()).isZero();
    assertThat(first.stdout()).isEmpty();
    assertThat(first.stderr()).contains("dev-bot token generated and saved (FORGE_TOKEN)")
        .contains("Repo:    smoke-org/smoke-repo created on Forgejo");
    String envText = Files.readString(root.resolve(".env"));
    assertThat(envText).startsWith("# factory\nFORGE_ADMIN_PASS=" + ADMIN_PASS + "\n")
        .contains("FORGE_TOKEN=").contains("HUMAN_TOKEN=");
    String value = envText.lines().filter(l -> l.startsWith("FORGE_TOKEN=")).findFirst()
        .orElseThrow().substring("FORGE_TOKEN=".length());
    assertThat(first.stderr()).doesNotContain(value).doesNotContain(ADMIN_PASS);

    InProcess.Result second = InProcess.run(env, "", "forge", "setup", forge.baseUrl(),
        "smoke-org/smoke-repo");
    assertThat(second.exitCode()).isZero();
    assertThat(second.stderr())
        .contains("dev-bot token and password preserved (use --rotate-tokens to force)");
    assertThat(Files.readString(root.resolve(".env"))).isEqualTo(envText);

    InProcess.Result rotated = InProcess.run(env, "", "forge", "setup", "--rotate-tokens",
        forge.baseUrl(), "smoke-org/smoke-repo");
    assertThat(rotated.exitCode()).isZero();
    assertThat(Files.readString(root.resolve(".env"))).isNotEqualTo(envText);
  }

  @Test
  void aDatabaseThatNeverAnswersExitsOne() throws Exception {
    docker(1);
    InProcess.Result r = InProcess.run(env, "", "forge", "setup", forge.baseUrl(), "o/r");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("Error: Forgejo database not ready after 30s");
    assertThat(r.sleeps()).hasSize(30);
  }

  @Test
  void missingArgumentsAreAUsageError() {
    assertThat(InProcess.run(env, "", "forge", "setup", forge.baseUrl()).exitCode())
        .isEqualTo(64);
  }

  @Test
  void aSlugWithoutOwnerExitsOne() {
    InProcess.Result r = InProcess.run(env, "", "forge", "setup", forge.baseUrl(), "noslash");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("Error: not a repository slug (owner/name): noslash");
  }
}
