package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-process checks of validate-url, project env, guard and memory-guard. */
class CoreConfigCommandsTest {
  @TempDir Path dir;

  @Test
  void validateUrlExitsZeroForAValidUrlAndPrintsNothing() {
    InProcess.Result r = InProcess.run("validate-url", "http://localhost:3000/api/v1/repos/o/r");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).isEmpty();
  }

  @Test
  void validateUrlExitsOneForAnInvalidUrl() {
    InProcess.Result r = InProcess.run("validate-url", "http://user:pass@host/x");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).isEmpty();
  }

  @Test
  void validateUrlChecksTheWhitespaceSeparatedHostList() {
    assertThat(InProcess.run("validate-url", "http://b.com:3000/x", "a.com b.com").exitCode()).isZero();
    assertThat(InProcess.run("validate-url", "http://c.com/x", "a.com b.com").exitCode()).isEqualTo(1);
  }

  @Test
  void validateUrlWithoutArgumentsIsAUsageError() {
    assertThat(InProcess.run("validate-url").exitCode()).isEqualTo(Main.EXIT_USAGE);
  }

  @Test
  void projectEnvPrintsTheExportedVariablesSortedByKey() throws IOException {
    Path toml = dir.resolve("p.toml");
    Files.writeString(toml, """
        name = "harb"
        repo = "johba/harb"
        [services]
        containers = ["ponder"]
        [mirrors]
        github = "git@github.com:johba/harb.git"
        """);
    InProcess.Result r = InProcess.run(Map.of("USER", "u"), "", "project", "env", toml.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("""
        FORGE_API=http://localhost:3000/api/v1/repos/johba/harb
        FORGE_OPS_REPO=johba/harb-ops
        FORGE_REPO=johba/harb
        FORGE_REPO_OWNER=johba
        FORGE_URL=http://localhost:3000
        FORGE_WEB=http://localhost:3000/johba/harb
        MIRROR_GITHUB=git@github.com:johba/harb.git
        MIRROR_NAMES=github
        MIRROR_URLS=git@github.com:johba/harb.git
        OPS_REPO_ROOT=/home/u/harb-ops
        PROJECT_CONTAINERS=ponder
        PROJECT_NAME=harb
        PROJECT_REPO_ROOT=/home/u/harb
        """);
  }

  @Test
  void projectEnvInContainerModeKeepsComposeValues() throws IOException {
    Path toml = dir.resolve("p.toml");
    Files.writeString(toml, "name = \"proj\"\nrepo = \"owner/proj\"\n");
    InProcess.Result r = InProcess.run(
        Map.of("DISINTO_CONTAINER", "1", "FORGE_REPO", "disinto-admin/disinto", "PROJECT_NAME", "project",
            "FORGE_URL", "http://forgejo:3000"),
        "", "project", "env", toml.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout())
        .contains("FORGE_API=http://forgejo:3000/api/v1/repos/disinto-admin/disinto\n")
        .contains("PROJECT_REPO_ROOT=/home/agent/repos/project\n")
        .doesNotContain("FORGE_REPO=owner/proj")
        .doesNotContain("PROJECT_NAME=");
  }

  @Test
  void projectEnvOfAMissingFilePrintsNothing() {
    InProcess.Result r = InProcess.run("project", "env", dir.resolve("absent.toml").toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEmpty();
  }

  @Test
  void projectEnvOfAnInvalidTomlExitsOneWithTheOriginalsWarning() throws IOException {
    Path toml = dir.resolve("bad.toml");
    Files.writeString(toml, "name = \"x\n");
    InProcess.Result r = InProcess.run("project", "env", toml.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).startsWith("WARNING: failed to parse project TOML: " + toml)
        .contains("line 1").contains("key 'name'");
  }

  @Test
  void projectWithoutSubcommandIsAUsageError() {
    assertThat(InProcess.run("project").exitCode()).isEqualTo(Main.EXIT_USAGE);
  }

  @Test
  void guardExitsZeroSilentlyWhenTheStateFileExists() throws IOException {
    Files.createDirectories(dir.resolve("state"));
    Files.createFile(dir.resolve("state/.dev-active"));
    InProcess.Result r = InProcess.run(Map.of("FACTORY_ROOT", dir.toString()), "", "guard", "dev");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).isEmpty();
  }

  @Test
  void guardExitsOneWithSkipOnStderrAndTheLogLineInTheLog() {
    InProcess.Result r = InProcess.run(
        Map.of("FACTORY_ROOT", dir.toString(), "LOG_AGENT", "planner"), "", "guard", "planner");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).matches(
        "\\[check_active\\] SKIP: state file state/.planner-active not found — agent disabled\n"
            + "\\[\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\] planner: planner not active — skipping\n");
    assertThat(r.stdout()).isEmpty();
  }

  @Test
  void guardAppendsTheLogLineToLogfileWhenSet() throws Exception {
    Path logFile = dir.resolve("agent.log");
    Files.writeString(logFile, "earlier line\n");
    InProcess.Result r = InProcess.run(
        Map.of("FACTORY_ROOT", dir.toString(), "LOGFILE", logFile.toString()), "", "guard", "dev");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr())
        .isEqualTo("[check_active] SKIP: state file state/.dev-active not found — agent disabled\n");
    assertThat(Files.readString(logFile))
        .startsWith("earlier line\n")
        .endsWith("agent: dev not active — skipping\n");
    assertThat(r.stdout()).isEmpty();
  }

  @Test
  void guardRejectsATraversingNameAsAUsageError() {
    InProcess.Result r = InProcess.run(Map.of("FACTORY_ROOT", dir.toString()), "", "guard", "../etc");
    assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.stdout()).isEmpty();
  }

  @Test
  void memoryGuardWithZeroMinimumPasses() {
    InProcess.Result r = InProcess.run("memory-guard", "0");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEmpty();
  }

  @Test
  void memoryGuardWithAnImpossibleMinimumLogsTheSkipOnStderr() {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/meminfo")));
    InProcess.Result r = InProcess.run(Map.of("LOG_AGENT", "dev"), "", "memory-guard", "999999999");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).matches(
        "\\[\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\] dev: SKIP: only \\d+MB available \\(need 999999999MB\\)\n");
    assertThat(r.stdout()).isEmpty();
  }

  @Test
  void memoryGuardRejectsANonNumericMinimum() {
    assertThat(InProcess.run("memory-guard", "lots").exitCode()).isEqualTo(Main.EXIT_USAGE);
  }
}
