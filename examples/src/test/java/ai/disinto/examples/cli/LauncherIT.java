package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LauncherIT {
  @Test
  void theJarRunsAsAProcessAndReportsUsageErrorsWith64() {
    DisintoProcess.Result r = new DisintoProcess().run("no-such-command");
    assertThat(r.exitCode()).isEqualTo(64);
    assertThat(r.stderr()).contains("Usage: disinto");
    assertThat(r.stdout()).isEmpty();
  }

  @Test
  void helpListsTheCommandOnStdout() {
    DisintoProcess.Result r = new DisintoProcess().run("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).contains("Usage: disinto");
  }
}
