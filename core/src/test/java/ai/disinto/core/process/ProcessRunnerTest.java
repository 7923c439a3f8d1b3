package ai.disinto.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The child-process runner against real {@code sh} and {@code sleep} processes. */
class ProcessRunnerTest {
  private static final Map<String, String> ENV = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin");
  private static final Duration LONG = Duration.ofSeconds(30);

  @TempDir Path dir;

  private static ProcessRunner sh(String script) {
    return ProcessRunner.command("/bin/sh", "-c", script).environment(ENV);
  }

  @Test
  void capturesExitStatusStdoutAndStderrAndFeedsStdin() {
    ProcessResult r = sh("cat; echo oops >&2; exit 3").stdin("prompt text").run(LONG);

    assertThat(r.ending()).isEqualTo(ProcessResult.Ending.EXITED);
    assertThat(r.exitStatus()).isEqualTo(3);
    assertThat(r.succeeded()).isFalse();
    assertThat(r.stdout()).isEqualTo("prompt text");
    assertThat(r.stderr()).isEqualTo("oops\n");
  }

  @Test
  void aSuccessfulRunSucceeds() {
    ProcessResult r = sh("echo ok").run(LONG);

    assertThat(r.succeeded()).isTrue();
    assertThat(r.exitStatus()).isZero();
    assertThat(r.stdout()).isEqualTo("ok\n");
  }

  @Test
  void runsInTheGivenDirectoryWithExactlyTheGivenEnvironment() {
    ProcessResult r = sh("pwd; echo \"A=$A HOME=${HOME:-none}\"").directory(dir)
        .environment(Map.of("PATH", "/usr/bin:/bin", "A", "1")).run(LONG);

    assertThat(r.stdout()).isEqualTo(dir.toAbsolutePath() + "\nA=1 HOME=none\n");
  }

  @Test
  void mergedStreamsComeOutTogetherOnStdout() {
    ProcessResult r = sh("echo one; echo two >&2; echo three").mergeStderr().run(LONG);

    assertThat(r.stdout()).isEqualTo("one\ntwo\nthree\n");
    assertThat(r.stderr()).isEmpty();
  }

  @Test
  void aChildThatIgnoresALargeInputDoesNotBlockTheRun() {
    ProcessResult r = sh("echo done").stdin("x".repeat(4 * 1024 * 1024)).run(LONG);

    assertThat(r.succeeded()).isTrue();
    assertThat(r.stdout()).isEqualTo("done\n");
  }

  @Test
  void aChildThatWritesALotIsDrainedWhileItRuns() {
    ProcessResult r = sh("head -c 3000000 /dev/zero | tr '\\0' y; echo; echo end >&2").run(LONG);

    assertThat(r.succeeded()).isTrue();
    assertThat(r.stdout()).hasSize(3_000_001);
    assertThat(r.stderr()).isEqualTo("end\n");
  }

  @Test
  void aChildOverItsTimeIsKilledWithWhatItStarted() throws Exception {
    Path pidFile = dir.resolve("grandchild.pid");
    // The child starts a long sleeper of its own and waits for it; the timeout under test is short.
    ProcessResult r = sh("echo started; sleep 60 & echo $! > " + pidFile + "; wait")
        .run(Duration.ofMillis(300));

    assertThat(r.ending()).isEqualTo(ProcessResult.Ending.TIMED_OUT);
    assertThat(r.exitStatus()).isEqualTo(-1);
    assertThat(r.stdout()).isEqualTo("started\n");
    assertThat(r.stderr()).isEqualTo("sh was killed after running past its timeout of 300 ms\n");
    long grandchild = Long.parseLong(Files.readString(pidFile).trim());
    ProcessHandle.of(grandchild).ifPresent(h -> h.onExit().join());
    assertThat(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive))
        .isNotEqualTo(Optional.of(true));
  }

  @Test
  void anInterruptedCallerKillsTheChildAndKeepsItsInterruptFlag() {
    long start = System.nanoTime();
    Thread.currentThread().interrupt();
    try {
      ProcessResult r = ProcessRunner.command("sleep", "30").environment(ENV).run(LONG);

      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(r.ending()).isEqualTo(ProcessResult.Ending.INTERRUPTED);
      assertThat(r.stderr()).endsWith("sleep was killed: interrupted\n");
    } finally {
      Thread.interrupted();
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aCommandThatCannotStartIsAResultNamingOnlyTheProgram() {
    ProcessResult r = ProcessRunner.command("/no/such/program", "secret-arg").run(LONG);

    assertThat(r.ending()).isEqualTo(ProcessResult.Ending.NOT_STARTED);
    assertThat(r.succeeded()).isFalse();
    assertThat(r.stderr()).startsWith("program could not be started: ").doesNotContain("secret-arg");
  }

  @Test
  void theNameIsTheProgramsLastPathElement() {
    assertThat(ProcessRunner.command(List.of("/usr/bin/git", "push")).name()).isEqualTo("git");
    assertThat(ProcessRunner.command("sops").toString()).isEqualTo("ProcessRunner[sops]");
  }

  @Test
  void anEmptyCommandOrANonPositiveTimeoutIsRejected() {
    assertThatThrownBy(() -> ProcessRunner.command(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sh("true").run(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
