package ai.disinto.examples.cli.vault;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.core.process.ProcessResult;
import ai.disinto.core.process.ProcessRunner;
import ai.disinto.examples.cli.InProcess;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code disinto release VERSION} with a real ops clone pushing to the mock forge. */
@ExtendWith(MockForgejoExtension.class)
class ReleaseCliTest {
  static final String OPS = "admin/proj-ops";
  @TempDir Path tmp;
  final Map<String, String> env = new HashMap<>();

  void git(Path dir, String... args) {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
    cmd.addAll(List.of(args));
    ProcessResult r = ProcessRunner.command(cmd).environment(env).run(Duration.ofMinutes(1));
    assertThat(r.succeeded()).as("git %s: %s", args, r.stderr()).isTrue();
  }

  @Test
  void aReleasePrintsTheItemAndThePrLink(MockForgejo m) throws IOException {
    m.seed().user("dev-bot", u -> u.password("dev-pw-123").token("AT"))
        .repo(OPS, r -> r.collaborator("dev-bot", "write"));
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_AUTHOR_NAME", "T");
    env.put("GIT_AUTHOR_EMAIL", "t@example.invalid");
    env.put("GIT_COMMITTER_NAME", "T");
    env.put("GIT_COMMITTER_EMAIL", "t@example.invalid");
    Path factory = Files.createDirectories(tmp.resolve("factory/formulas")).getParent();
    Files.writeString(factory.resolve("formulas/release.toml"), "");
    Path ops = tmp.resolve("ops");
    git(tmp, "clone", "-q", m.cloneUrl("admin", "proj-ops", "dev-bot", "dev-pw-123"),
        ops.toString());
    env.put("FACTORY_ROOT", factory.toString());
    env.put("FORGE_URL", m.baseUrl());
    env.put("FORGE_TOKEN", "AT");
    env.put("FORGE_OPS_REPO", OPS);
    env.put("PRIMARY_BRANCH", "main");
    env.put("OPS_REPO_ROOT", ops.toString());

    InProcess.Result r = InProcess.run(env, "", "release", "v1.2.0");

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    Path item = ops.resolve("vault/actions/release-v120.toml");
    assertThat(item).exists();
    assertThat(r.stdout()).startsWith("Created vault item: " + item + "\n\nRelease PR created: "
        + m.baseUrl() + "/" + OPS + "/pulls/1\n\nNext steps:\n  1. Review the PR\n")
        .endsWith("  1. Tag Forgejo main with v1.2.0\n  2. Push tag to mirrors (Codeberg, GitHub)\n"
            + "  3. Build and tag the agents Docker image\n  4. Restart agent containers\n");
  }

  @Test
  void aMissingOrMalformedVersionExitsOne() {
    InProcess.Result none = InProcess.run("release");
    assertThat(none.exitCode()).isEqualTo(1);
    assertThat(none.stderr()).isEqualTo("Error: version required\n"
        + "Usage: disinto release <version>\nExample: disinto release v1.2.0\n");
    InProcess.Result bad = InProcess.run("release", "1.2.0");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.stderr())
        .isEqualTo("Error: version must be in format v1.2.3 (semver with 'v' prefix)\n");
  }

  @Test
  void missingGlobalsAreNamed() {
    InProcess.Result r = InProcess.run(Map.of("FORGE_TOKEN", "t", "FORGE_OPS_REPO", "",
        "HOME", tmp.toString()), "", "release", "v1.2.0");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("Error: release.sh requires these globals to be set:");
  }
}
