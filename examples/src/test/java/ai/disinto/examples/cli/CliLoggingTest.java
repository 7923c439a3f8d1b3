package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the log lines of one invocation go: the library's SLF4J lines and the CLI's own log lines
 * alike, in the factory's line format, to {@code LOGFILE} or standard error.
 */
class CliLoggingTest {
  private static final String WARNING =
      "WARNING: load-project: skipping invalid shell identifier from TOML: MIRROR_BAD-NAME";

  @TempDir Path dir;
  private Path toml;

  @BeforeEach
  void projectWithAnInvalidMirrorName() throws IOException {
    // Loading it makes the library log one warning through SLF4J.
    toml = dir.resolve("p.toml");
    Files.writeString(toml, """
        name = "p"
        repo = "o/p"
        forge_url = "http://forge:3000"
        [mirrors]
        bad-name = "b"
        """);
  }

  @Test
  void libraryLinesGoToStderrInTheFactoryFormatForLogAgent() {
    InProcess.Result r = InProcess.run(Map.of("USER", "u", "LOG_AGENT", "planner"), "",
        "project", "env", toml.toString());

    assertThat(r.exitCode()).isZero();
    assertThat(r.stderr()).isEqualTo("[2026-04-03T14:00:00Z] planner: " + WARNING + "\n");
    assertThat(r.stdout()).doesNotContain(WARNING);
  }

  @Test
  void libraryLinesAreAppendedToLogfileRelativeToTheWorkingDirectory() throws IOException {
    Path logFile = dir.resolve("agent.log");
    Files.writeString(logFile, "earlier line\n");

    InProcess.Result r = InProcess.run(Map.of("USER", "u", "LOGFILE", logFile.toString()), "",
        "project", "env", toml.toString());

    assertThat(r.exitCode()).isZero();
    assertThat(r.stderr()).isEmpty();
    assertThat(Files.readString(logFile))
        .isEqualTo("earlier line\n[2026-04-03T14:00:00Z] agent: " + WARNING + "\n");
  }

  @Test
  void anUnwritableLogfileIsSaidOnceAndTheLinesStayOnStderr() {
    Path logFile = dir.resolve("no/such/dir/agent.log");

    InProcess.Result project = InProcess.run(
        Map.of("USER", "u", "LOGFILE", logFile.toString()), "", "project", "env", toml.toString());
    InProcess.Result guard = InProcess.run(
        Map.of("FACTORY_ROOT", dir.toString(), "LOGFILE", logFile.toString()), "", "guard", "dev");

    assertThat(project.exitCode()).isZero();
    assertThat(project.stderr()).isEqualTo(
        "disinto: LOGFILE cannot be written: " + logFile + "; logging to standard error\n"
            + "[2026-04-03T14:00:00Z] agent: " + WARNING + "\n");
    assertThat(guard.exitCode()).isEqualTo(1);
    assertThat(guard.stderr()).isEqualTo(
        "[check_active] SKIP: state file state/.dev-active not found — agent disabled\n"
            + "disinto: LOGFILE cannot be written: " + logFile + "; logging to standard error\n"
            + "[2026-04-03T14:00:00Z] agent: dev not active — skipping\n");
    assertThat(Files.exists(logFile)).isFalse();
  }
}
