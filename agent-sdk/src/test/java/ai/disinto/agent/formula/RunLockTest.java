package ai.disinto.agent.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.log.CapturedLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
  @TempDir Path tmp;
  final long me = ProcessHandle.current().pid();

  @Test
  void aFreeLockIsTakenWithOurPidAndReleasedOnClose() throws Exception {
    Path f = tmp.resolve("planner-run.lock");
    try (RunLock lock = RunLock.tryAcquire(f).orElseThrow()) {
      assertThat(Files.readString(f)).isEqualTo(me + "\n");
      assertThat(lock.ownerPid()).isEqualTo(me);
    }
    assertThat(f).doesNotExist();
  }

  @Test
  void aLiveOwnerKeepsTheLockAndTheFileIsUntouched() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "60").start();
    try (CapturedLog log = CapturedLog.start()) {
      Path f = tmp.resolve("lock");
      Files.writeString(f, sleeper.pid() + "\n");

      Optional<RunLock> lock = RunLock.tryAcquire(f);

      assertThat(lock).isEmpty();
      assertThat(Files.readString(f)).isEqualTo(sleeper.pid() + "\n");
      assertThat(log.messages()).contains("run: already running (PID " + sleeper.pid() + ")");
    } finally {
      sleeper.destroyForcibly().waitFor();
    }
  }

  @Test
  void staleLocksAreTakenOver() throws Exception {
    for (String stale : new String[] {"999999999\n", "garbage", "", "12 34"}) {
      Path f = tmp.resolve("stale.lock");
      Files.writeString(f, stale);
      try (RunLock lock = RunLock.tryAcquire(f).orElseThrow()) {
        assertThat(Files.readString(f)).as("over %s", stale).isEqualTo(me + "\n");
      }
      assertThat(f).doesNotExist();
    }
  }

  @Test
  void aDeadOwnersPidIsStale() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    Path f = tmp.resolve("dead.lock");
    Files.writeString(f, p.pid() + "\n");
    assertThat(RunLock.tryAcquire(f)).isPresent();
  }

  @Test
  void closeLeavesALockThatSomeoneElseTookOver() throws Exception {
    Path f = tmp.resolve("lock");
    RunLock lock = RunLock.tryAcquire(f).orElseThrow();
    Files.writeString(f, "1\n");
    lock.close();
    assertThat(Files.readString(f)).isEqualTo("1\n");
  }

  @Test
  void noLockIsLeftBehindWhenTheRunFails() {
    Path f = tmp.resolve("lock");
    assertThatThrownBy(() -> {
      try (RunLock lock = RunLock.tryAcquire(f).orElseThrow()) {
        throw new IllegalStateException("run failed");
      }
    }).hasMessage("run failed");
    assertThat(f).doesNotExist();
  }

  @Test
  void aLockInAMissingFolderFailsAndLeavesNothing() {
    Path f = tmp.resolve("no/such/dir/lock");
    assertThatThrownBy(() -> RunLock.tryAcquire(f)).isInstanceOf(java.io.UncheckedIOException.class);
    assertThat(f).doesNotExist();
  }

  @Test
  void theLockCanBeTakenForTheCallingScript() throws Exception {
    long parent = ProcessHandle.current().parent().orElseThrow().pid();
    Path f = tmp.resolve("lock");
    RunLock lock = RunLock.tryAcquire(f, parent).orElseThrow();
    assertThat(Files.readString(f)).isEqualTo(parent + "\n");
    assertThat(RunLock.liveOwner(f)).contains(parent);
    assertThat(RunLock.tryAcquire(f)).isEmpty();
    lock.close();
    assertThat(f).doesNotExist();
  }
}
