package ai.disinto.examples.cli.pr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The child-process runner behind the CLI's agent command and git retrigger. */
class ProcessesTest {
  private static final Map<String, String> ENV = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin");
  private static final Duration LONG = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void capturesExitCodeStdoutAndStderrAndFeedsStdin() {
    Processes.Outcome o = Processes.run(
        List.of("/bin/sh", "-c", "cat; echo oops >&2; exit 3"), dir, ENV, "prompt text", false, LONG);

    assertThat(o.exitCode()).isEqualTo(3);
    assertThat(o.stdout()).isEqualTo("prompt text");
    assertThat(o.stderr()).isEqualTo("oops\n");
  }

  @Test
  void aChildThatIgnoresALargeInputDoesNotBlockTheRun() {
    String big = "x".repeat(4 * 1024 * 1024);

    Processes.Outcome o = Processes.run(List.of("/bin/sh", "-c", "echo done"), dir, ENV, big, false, LONG);

    assertThat(o.exitCode()).isZero();
    assertThat(o.stdout()).isEqualTo("done\n");
  }

  @Test
  void aChildOverItsTimeIsKilledWithWhatItStarted() throws Exception {
    Path pidFile = dir.resolve("grandchild.pid");
    // The child starts a long sleeper of its own and waits for it; the timeout under test is short.
    String script = "sleep 60 & echo $! > " + pidFile + "; wait";

    Processes.Outcome o = Processes.run(
        List.of("/bin/sh", "-c", script), dir, ENV, "", false, Duration.ofMillis(300));

    assertThat(o.exitCode()).isEqualTo(Processes.TIMED_OUT);
    assertThat(o.stderr()).contains("killed after");
    long grandchild = Long.parseLong(Files.readString(pidFile).trim());
    ProcessHandle.of(grandchild).ifPresent(h -> h.onExit().join());
    assertThat(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive)).isNotEqualTo(
        java.util.Optional.of(true));
  }

  @Test
  void aCommandThatCannotStartReports127() {
    Processes.Outcome o = Processes.run(
        List.of("/no/such/program"), dir, ENV, "", false, LONG);

    assertThat(o.exitCode()).isEqualTo(Processes.CANNOT_START);
    assertThat(o.stderr()).contains("/no/such/program: cannot start");
  }
}
