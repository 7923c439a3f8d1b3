package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code disinto lock …} in-process: outputs and exit codes of the stack_lock_* functions. */
class LockCommandTest {
  @TempDir Path home;

  private InProcess.Result lock(String... args) {
    String[] full = new String[args.length + 1];
    full[0] = "lock";
    System.arraycopy(args, 0, full, 1, args.length);
    return InProcess.run(Map.of("HOME", home.toString()), "", full);
  }

  private Path lockFile(String project) {
    return home.resolve("data/locks/" + project + "-stack.lock");
  }

  @Test
  void checkOnNoLockPrintsFree() {
    InProcess.Result r = lock("check", "p1");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("free\n");
  }

  @Test
  void acquireWritesTheLockUnderHomeAndCheckSeesItHeld() throws IOException {
    InProcess.Result r = lock("acquire", "agent-1", "p1");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).isEqualTo("[stack-lock] acquired lock for p1 as agent-1\n");
    assertThat(Files.readString(lockFile("p1")))
        .matches("\\{\"holder\": \"agent-1\", \"since\": \"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\", "
            + "\"heartbeat\": \"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\"}\n");
    assertThat(lock("check", "p1").stdout()).isEqualTo("held:agent-1\n");
  }

  @Test
  void acquireWithZeroWaitOnAHeldLockExitsOne() {
    lock("acquire", "agent-1", "p1");
    InProcess.Result r = lock("acquire", "agent-2", "p1", "0");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).isEqualTo("[stack-lock] timed out waiting for lock on p1 (held by agent-1)\n");
  }

  @Test
  void heartbeatIsSilentAndExitsZeroEvenForAStranger() {
    lock("acquire", "agent-1", "p1");
    InProcess.Result r = lock("heartbeat", "other", "p1");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout() + r.stderr()).isEmpty();
    assertThat(lock("heartbeat", "agent-1", "p1").exitCode()).isZero();
  }

  @Test
  void releaseByAStrangerExitsOneAndKeepsTheLock() {
    lock("acquire", "agent-1", "p1");
    InProcess.Result r = lock("release", "p1", "other");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr())
        .isEqualTo("[stack-lock] refusing to release: lock held by 'agent-1', not 'other'\n");
    assertThat(lockFile("p1")).exists();
  }

  @Test
  void releaseDeletesTheLockAndASecondReleaseIsSilent() {
    lock("acquire", "agent-1", "p1");
    InProcess.Result r = lock("release", "p1");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stderr()).isEqualTo("[stack-lock] released lock for p1\n");
    InProcess.Result again = lock("release", "p1");
    assertThat(again.exitCode()).isZero();
    assertThat(again.stderr()).isEmpty();
  }

  @Test
  void stackLockDirFromTheEnvironmentOverridesHome() throws IOException {
    Path elsewhere = home.resolve("elsewhere");
    InProcess.Result r = InProcess.run(
        Map.of("HOME", home.toString(), "STACK_LOCK_DIR", elsewhere.toString()), "",
        "lock", "acquire", "a", "p1");
    assertThat(r.exitCode()).isZero();
    assertThat(elsewhere.resolve("p1-stack.lock")).exists();
    assertThat(lockFile("p1")).doesNotExist();
  }

  @Test
  void aTraversingProjectNameIsAUsageError() {
    InProcess.Result r = lock("acquire", "x", "../evil");
    assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.stderr()).contains("invalid project name");
    assertThat(home.resolve("data/evil-stack.lock")).doesNotExist();
  }

  @Test
  void aNonNumericMaxWaitIsAUsageError() {
    assertThat(lock("acquire", "x", "p1", "soon").exitCode()).isEqualTo(Main.EXIT_USAGE);
  }

  @Test
  void lockWithoutASubcommandIsAUsageError() {
    assertThat(lock().exitCode()).isEqualTo(Main.EXIT_USAGE);
  }
}
