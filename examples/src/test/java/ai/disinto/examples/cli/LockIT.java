package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code disinto lock …} run as real processes, sharing lock files as the shell functions do. */
class LockIT {
  @TempDir Path home;

  private DisintoProcess disinto() {
    return new DisintoProcess().env("HOME", home.toString());
  }

  @Test
  void aWholeLockCycleHasTheOriginalsOutputsAndExitCodes() {
    assertThat(disinto().run("lock", "check", "p1").stdout()).isEqualTo("free\n");

    DisintoProcess.Result acquired = disinto().run("lock", "acquire", "agent-1", "p1");
    assertThat(acquired.exitCode()).isZero();
    assertThat(acquired.stderr()).isEqualTo("[stack-lock] acquired lock for p1 as agent-1\n");
    assertThat(home.resolve("data/locks/p1-stack.lock")).exists();

    assertThat(disinto().run("lock", "check", "p1").stdout()).isEqualTo("held:agent-1\n");
    assertThat(disinto().run("lock", "heartbeat", "agent-1", "p1").exitCode()).isZero();

    DisintoProcess.Result busy = disinto().run("lock", "acquire", "agent-2", "p1", "0");
    assertThat(busy.exitCode()).isEqualTo(1);
    assertThat(busy.stderr()).isEqualTo("[stack-lock] timed out waiting for lock on p1 (held by agent-1)\n");

    DisintoProcess.Result refused = disinto().run("lock", "release", "p1", "agent-2");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.stderr())
        .isEqualTo("[stack-lock] refusing to release: lock held by 'agent-1', not 'agent-2'\n");

    DisintoProcess.Result released = disinto().run("lock", "release", "p1", "agent-1");
    assertThat(released.exitCode()).isZero();
    assertThat(released.stderr()).isEqualTo("[stack-lock] released lock for p1\n");
    assertThat(disinto().run("lock", "check", "p1").stdout()).isEqualTo("free\n");
  }

  @Test
  void aLockFileWrittenByTheShellFunctionsIsSharedWithTheCli() throws Exception {
    Path locks = Files.createDirectories(home.resolve("data/locks"));
    Files.copy(ParityFixtures.root().resolve("stack-lock/shell-written-p1-stack.lock"),
        locks.resolve("p1-stack.lock"));
    // The fixture's heartbeat is from 2026-04-06; a huge stale age keeps it fresh for this check.
    DisintoProcess.Result held = disinto().env("STACK_LOCK_STALE_SECONDS", "999999999")
        .run("lock", "check", "p1");
    assertThat(held.stdout()).isEqualTo("held:agent-1\n");

    DisintoProcess.Result stale = disinto().env("STACK_LOCK_STALE_SECONDS", "0")
        .run("lock", "acquire", "java-cli", "p1", "0");
    assertThat(stale.exitCode()).isZero();
    assertThat(stale.stderr()).isEqualTo("[stack-lock] breaking stale lock held by agent-1 for p1\n"
        + "[stack-lock] acquired lock for p1 as java-cli\n");
    assertThat(Files.readString(locks.resolve("p1-stack.lock"))).startsWith("{\"holder\": \"java-cli\", ");
  }

  @Test
  void aBadProjectNameIsAUsageError() {
    DisintoProcess.Result r = disinto().run("lock", "check", "../x");
    assertThat(r.exitCode()).isEqualTo(64);
    assertThat(r.stderr()).contains("invalid project name");
  }
}
