package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void anUnknownSubcommandIsAUsageErrorWithExitCode64() {
    InProcess.Result r = InProcess.run("no-such-command");
    assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.stderr()).contains("no-such-command").contains("Usage: disinto");
    assertThat(r.stdout()).isEmpty();
  }

  @Test
  void versionPrintsTheProjectVersionOnStdout() {
    InProcess.Result r = InProcess.run("--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).startsWith("disinto-java ").doesNotContain("unknown");
  }
}
