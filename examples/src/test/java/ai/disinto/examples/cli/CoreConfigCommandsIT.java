package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate-url, project env, guard and memory-guard run as real processes. */
class CoreConfigCommandsIT {
  @TempDir Path dir;

  @Test
  void validateUrlExitCodes() {
    assertThat(new DisintoProcess().run("validate-url", "https://forge.example.com").exitCode()).isZero();
    DisintoProcess.Result bad = new DisintoProcess().run("validate-url", "ftp://x");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.stdout()).isEmpty();
  }

  @Test
  void projectEnvPrintsSortedAssignmentsAndWarnsOnStderr() throws IOException {
    Path toml = dir.resolve("p.toml");
    Files.writeString(toml, """
        name = "p"
        repo = "o/p"
        forge_url = "http://tomlforge:3000"
        [mirrors]
        bad-name = "b"
        [agents.dev-qwen2]
        model = "m"
        """);
    DisintoProcess.Result r = new DisintoProcess().env("USER", "u").dir(dir).run("project", "env", "p.toml");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout().lines()).isSorted().contains(
        "AGENT_DEV_QWEN2_MODEL=m",
        "FORGE_API=http://tomlforge:3000/api/v1/repos/o/p",
        "FORGE_REPO_OWNER=o",
        "PROJECT_REPO_ROOT=/home/u/p");
    assertThat(r.stdout()).doesNotContain("BAD-NAME");
    assertThat(r.stderr()).contains("skipping invalid shell identifier from TOML: MIRROR_BAD-NAME");
  }

  @Test
  void projectEnvOfAnInvalidTomlExitsOne() throws IOException {
    Files.writeString(dir.resolve("bad.toml"), "name = \"x\n");
    DisintoProcess.Result r = new DisintoProcess().dir(dir).run("project", "env", "bad.toml");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).contains("WARNING: failed to parse project TOML: ").contains("bad.toml")
        .doesNotContain("Exception");
  }

  @Test
  void guardStreamsAndExitCodes() throws IOException {
    DisintoProcess.Result off = new DisintoProcess().env("FACTORY_ROOT", dir.toString()).run("guard", "dev");
    assertThat(off.exitCode()).isEqualTo(1);
    assertThat(off.stderr()).matches(
        "\\[check_active\\] SKIP: state file state/.dev-active not found — agent disabled\n"
            + "\\[[0-9T:Z-]{20}\\] agent: dev not active — skipping\n");
    assertThat(off.stdout()).isEmpty();

    Files.createDirectories(dir.resolve("state"));
    Files.createFile(dir.resolve("state/.dev-active"));
    DisintoProcess.Result on = new DisintoProcess().dir(dir).run("guard", "dev");
    assertThat(on.exitCode()).isZero();
    assertThat(on.stdout() + on.stderr()).isEmpty();
  }

  @Test
  void memoryGuardExitCodes() {
    assertThat(new DisintoProcess().run("memory-guard", "0").exitCode()).isZero();
    DisintoProcess.Result r = new DisintoProcess().run("memory-guard", "999999999");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("SKIP: only ").contains("MB available (need 999999999MB)");
    assertThat(r.stdout()).isEmpty();
  }
}
