package ai.disinto.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.core.process.ProcessRunner;
import ai.disinto.log.CapturedLog;
import ai.disinto.testkit.model.FakeClaude;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner with a fake claude: command line, watchdog, timeout, lock, nudge, parsing. */
class FakeClaudeRunnerTest {
  private static final String RESULT = "{\"type\":\"result\",\"subtype\":\"success\","
      + "\"is_error\":false,\"result\":\"done\","
      + "\"session_id\":\"11111111-2222-3333-4444-555555555555\"}";

  @TempDir Path tmp;
  private Path home;
  private Path wt;
  private Path calls;
  private Path lock;
  private SessionStore sessions;
  private final Map<String, String> env = new HashMap<>();
  private ClaudeConfig cfg;

  @BeforeEach
  void setUp() throws Exception {
    home = Files.createDirectories(tmp.resolve("home"));
    wt = Files.createDirectories(tmp.resolve("wt"));
    calls = tmp.resolve("calls.log");
    lock = home.resolve(".claude/session.lock");
    sessions = new SessionStore(tmp.resolve("dev.sid"));
    Path claude = FakeClaude.install(tmp.resolve("bin"));
    env.put("PATH", claude.getParent() + ":" + System.getenv("PATH"));
    env.put("HOME", home.toString());
    env.put("FAKE_CLAUDE_LOG", calls.toString());
    env.put("DISINTO_LOG_DIR", tmp.resolve("logs").toString());
    env.putAll(Git.IDENTITY);
    cfg = ClaudeConfig.fromEnv(env).withLockWait(Duration.ofSeconds(5))
        .withTimings(Duration.ofSeconds(20), Duration.ofMillis(300), Duration.ofMillis(100),
            Duration.ofMillis(700));
  }

  private ClaudeCodeRunner runner(String... fakeVars) {
    Map<String, String> e = new HashMap<>(env);
    for (int i = 0; i < fakeVars.length; i += 2) {
      e.put(fakeVars[i], fakeVars[i + 1]);
    }
    ClaudeConfig c = new ClaudeConfig(cfg.claudeBinary(), e, cfg.lockFile(), cfg.lockWait(),
        cfg.hardTimeout(), cfg.idleGrace(), cfg.pollInterval(), cfg.termGrace(), cfg.model(),
        cfg.maxTurns(), cfg.nudgeMaxTurns(), cfg.forgeRemote(), cfg.primaryBranch(),
        cfg.diagFile());
    return new ClaudeCodeRunner(c, sessions);
  }

  /** Each call's arguments, as the fake recorded them. */
  private List<List<String>> argvs() throws Exception {
    List<List<String>> out = new ArrayList<>();
    if (!Files.exists(calls)) {
      return out;
    }
    List<String> cur = null;
    for (String line : Files.readAllLines(calls)) {
      if (cur == null) {
        cur = new ArrayList<>();
      } else if (line.equals("--end--")) {
        out.add(cur);
        cur = null;
      } else {
        cur.add(line);
      }
    }
    return out;
  }

  /** The start lines of the fake's calls: {@code start <epoch-ms> <pid>}. */
  private List<String[]> starts() throws Exception {
    return Files.readAllLines(calls).stream().filter(l -> l.startsWith("start "))
        .map(l -> l.split(" ")).toList();
  }

  /** A killed process may stay a zombie for a moment until init reaps it. */
  private static void assertGone(long pid) throws Exception {
    java.util.Optional<ProcessHandle> h = ProcessHandle.of(pid);
    if (h.isPresent()) {
      h.get().onExit().get(5, TimeUnit.SECONDS);
    }
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
  }

  private boolean lockIsFree() throws Exception {
    Files.createDirectories(lock.getParent());
    return ProcessRunner.command("flock", "-n", lock.toString(), "true")
        .run(Duration.ofSeconds(5)).succeeded();
  }

  @Test
  void aFreshRunPassesTheOriginalsCommandLineAndStoresTheSession() throws Exception {
    ClaudeRun run;
    try (CapturedLog log = CapturedLog.start()) {
      run = runner("FAKE_CLAUDE_STDOUT", RESULT).run(ClaudeRequest.of("hello world", wt));
      assertThat(log.messages()).contains(
          "agent_run: starting (resume=(new), dir=" + wt + ")",
          "agent_run: session_id=11111111-222...");
    }

    assertThat(argvs()).containsExactly(List.of("-p", "hello world", "--output-format", "json",
        "--dangerously-skip-permissions", "--max-turns", "200"));
    assertThat(run.ending()).isEqualTo(ClaudeRun.Ending.EXITED);
    assertThat(run.succeeded()).isTrue();
    assertThat(run.portStatus()).isZero();
    assertThat(Files.readString(sessions.file()))
        .isEqualTo("11111111-2222-3333-4444-555555555555");
    assertThat(Files.readString(tmp.resolve("logs/dev/agent-run-last.json"))).isEqualTo(RESULT);
  }

  @Test
  void aResumeAndAModelComeLastOnTheCommandLine() throws Exception {
    ClaudeCodeRunner r = new ClaudeCodeRunner(cfg.withModel("opus"), sessions);
    try (CapturedLog log = CapturedLog.start()) {
      r.run(ClaudeRequest.of("p", wt).resuming("abc"));
      assertThat(log.messages()).anyMatch(m -> m.contains("resume=abc"));
    }

    assertThat(argvs().get(0)).endsWith("--max-turns", "200", "--resume", "abc", "--model",
        "opus");
  }

  @Test
  void recoverReadsTheStoredSession() {
    ClaudeCodeRunner r = runner();
    try (CapturedLog log = CapturedLog.start()) {
      assertThat(r.recoverSession()).isEmpty();
      assertThat(log.messages()).isEmpty();
      sessions.write("deadbeef-0000-1111");
      assertThat(r.recoverSession()).hasValue("deadbeef-0000-1111");
      assertThat(log.messages()).containsExactly("agent_recover_session: deadbeef-000...");
    }
    assertThat(r.currentSessionId()).hasValue("deadbeef-0000-1111");
  }

  @Test
  void theWatchdogStopsAClaudeThatLingersAfterItsResult() throws Exception {
    long t0 = System.nanoTime();
    ClaudeRun run;
    try (CapturedLog log = CapturedLog.start()) {
      run = runner("FAKE_CLAUDE_STDOUT", RESULT, "FAKE_CLAUDE_SLEEP", "60")
          .run(ClaudeRequest.of("p", wt));
      assertThat(log.messages()).contains(
          "watchdog: final result detected, 0.3s grace period before SIGTERM",
          "watchdog: claude -p idle for 0.3s after final result; SIGTERM")
          .doesNotContain("watchdog: force kill after SIGTERM timeout");
    }

    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    assertThat(run.ending()).isEqualTo(ClaudeRun.Ending.WATCHDOG_TERMINATED);
    assertThat(run.exitCode()).isEqualTo(143);
    assertThat(run.output()).isEqualTo(RESULT);
    assertThat(run.succeeded()).isTrue();
    assertThat(sessions.read()).hasValue("11111111-2222-3333-4444-555555555555");
  }

  @Test
  void aClaudeIgnoringSigtermIsKilled() throws Exception {
    ClaudeRun run;
    try (CapturedLog log = CapturedLog.start()) {
      run = runner("FAKE_CLAUDE_STDOUT", RESULT, "FAKE_CLAUDE_SLEEP", "60",
          "FAKE_CLAUDE_IGNORE_TERM", "1").run(ClaudeRequest.of("p", wt));
      assertThat(log.messages()).contains("watchdog: force kill after SIGTERM timeout");
    }

    assertThat(run.ending()).isEqualTo(ClaudeRun.Ending.WATCHDOG_TERMINATED);
    assertThat(run.exitCode()).isEqualTo(137);
    assertGone(Long.parseLong(starts().get(0)[2]));
    assertThat(lockIsFree()).isTrue();
  }

  @Test
  void aHangingClaudeEndsAtTheHardTimeout() throws Exception {
    ClaudeCodeRunner r = new ClaudeCodeRunner(cfg.withTimings(Duration.ofSeconds(1),
        cfg.idleGrace(), cfg.pollInterval(), cfg.termGrace()), sessions);
    Map<String, String> e = new HashMap<>(env);
    long t0 = System.nanoTime();
    ClaudeRun run;
    try (CapturedLog log = CapturedLog.start()) {
      e.put("FAKE_CLAUDE_SLEEP", "60");
      r = new ClaudeCodeRunner(new ClaudeConfig(cfg.claudeBinary(), e, cfg.lockFile(),
          cfg.lockWait(), Duration.ofSeconds(1), cfg.idleGrace(), cfg.pollInterval(),
          cfg.termGrace(), "", 200, 50, "origin", "main", cfg.diagFile()), sessions);
      run = r.run(ClaudeRequest.of("p", wt));
      assertThat(log.messages()).contains("agent_run: timeout after 1s (exit code 124)",
          "agent_run: empty output (claude may have crashed or failed, exit code: 124)");
    }

    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    assertThat(run.ending()).isEqualTo(ClaudeRun.Ending.TIMED_OUT);
    assertThat(run.exitCode()).isEqualTo(124);
    assertThat(run.portStatus()).isEqualTo(124);
    assertGone(Long.parseLong(starts().get(0)[2]));
  }

  @Test
  void aNonZeroExitIsReportedWithTheLastOutputLines() {
    sessions.write("old");
    ClaudeCodeRunner r = runner("FAKE_CLAUDE_STDOUT", "boom\nl2\nl3\nl4", "FAKE_CLAUDE_EXIT", "3");
    r.recoverSession();
    ClaudeRun run;
    try (CapturedLog log = CapturedLog.start()) {
      run = r.run(ClaudeRequest.of("p", wt));
      assertThat(log.messages()).contains("agent_run: claude exited with code 3",
          "agent_run: last output lines: l2\nl3\nl4")
          .noneMatch(m -> m.contains("session_id="));
    }

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.portStatus()).isEqualTo(3);
    assertThat(run.sessionId()).hasValue("old");
    assertThat(sessions.read()).hasValue("old");
  }

  @Test
  void aCrashMidOutputIsAFailureThatKeepsThePreviousSession() {
    sessions.write("old");
    ClaudeCodeRunner r = runner("FAKE_CLAUDE_STDOUT", RESULT, "FAKE_CLAUDE_CRASH", "1");
    r.recoverSession();

    ClaudeRun run = r.run(ClaudeRequest.of("p", wt));

    assertThat(run.ending()).isEqualTo(ClaudeRun.Ending.EXITED);
    assertThat(run.exitCode()).isEqualTo(137);
    assertThat(run.output()).isEqualTo(RESULT.substring(0, RESULT.length() / 2));
    assertThat(run.result()).isEmpty();
    assertThat(run.succeeded()).isFalse();
    assertThat(run.reason()).isEqualTo("claude printed no result object");
    assertThat(sessions.read()).hasValue("old");
  }

  @Test
  void standardInputIsAtItsEnd() {
    long t0 = System.nanoTime();
    ClaudeRun run = runner("FAKE_CLAUDE_STDOUT", RESULT, "FAKE_CLAUDE_READ_STDIN", "1")
        .run(ClaudeRequest.of("p", wt));

    assertThat(run.succeeded()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void theLastSessionIdOfAStreamIsTaken() {
    ClaudeRun run = runner("FAKE_CLAUDE_STDOUT", "{\"type\":\"system\",\"session_id\":\"s8\"}\n"
        + "{\"type\":\"result\",\"subtype\":\"success\",\"session_id\":\"s9\"}\n")
        .run(ClaudeRequest.of("p", wt));

    assertThat(run.sessionId()).hasValue("s9");
    assertThat(sessions.read()).hasValue("s9");
  }

  @Test
  void aMissingBinaryFailsToStartAndLeavesNoLock() throws Exception {
    ClaudeCodeRunner r = new ClaudeCodeRunner(cfg.withClaudeBinary("no-such-claude"), sessions);

    ClaudeRun run = r.run(ClaudeRequest.of("p", wt));

    assertThat(run.ending()).isEqualTo(ClaudeRun.Ending.START_FAILED);
    assertThat(run.portStatus()).isEqualTo(127);
    assertThat(run.reason()).contains("no-such-claude");
    assertThat(lockIsFree()).isTrue();
  }

  // ---- the session lock ----

  /** A shell agent's lock: {@code flock -w 5 LOCK sleep S} in the background. */
  private Process shellHolder(String seconds) throws Exception {
    Files.createDirectories(lock.getParent());
    Process p = new ProcessBuilder("flock", "-w", "5", lock.toString(), "sleep", seconds)
        .redirectErrorStream(true).start();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (lockIsFree() && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    assertThat(lockIsFree()).as("the shell holder took the lock").isFalse();
    return p;
  }

  @Test
  void aShellFlockHolderMakesTheRunWaitAndSaysWho() throws Exception {
    long t0 = System.currentTimeMillis();
    Process holder = shellHolder("1.5");
    ClaudeRun run;
    try (CapturedLog log = CapturedLog.start()) {
      run = runner("FAKE_CLAUDE_STDOUT", RESULT).run(ClaudeRequest.of("p", wt));
      assertThat(log.messages()).anyMatch(m -> m.startsWith("agent_run: session lock " + lock
          + " is held by pid ") && m.contains("sleep 1.5") && m.endsWith("waiting up to 5s"));
    }
    assertThat(holder.waitFor(5, TimeUnit.SECONDS)).isTrue();

    assertThat(run.succeeded()).isTrue();
    long started = Long.parseLong(starts().get(0)[1]);
    assertThat(started - t0).as("ms from the holder's start to claude's").isGreaterThan(1500);
    assertThat(holder.exitValue()).isZero();
  }

  @Test
  void aLockHeldPastTheWaitIsALockTimeoutAndClaudeNeverStarts() throws Exception {
    Process holder = shellHolder("4");
    ClaudeCodeRunner r = new ClaudeCodeRunner(cfg.withLockWait(Duration.ofSeconds(1)), sessions);
    try {
      ClaudeRun run = r.run(ClaudeRequest.of("p", wt));

      assertThat(run.ending()).isEqualTo(ClaudeRun.Ending.LOCK_TIMEOUT);
      assertThat(run.succeeded()).isFalse();
      assertThat(run.reason()).contains(lock.toString(), "within 1s", "held by pid "
          + holder.pid());
      assertThat(Files.exists(calls)).isFalse();
    } finally {
      holder.destroy();
    }
  }

  @Test
  void aRunningClaudeHoldsTheLockAgainstTheShell() throws Exception {
    CompletableFuture<ClaudeRun> run = CompletableFuture.supplyAsync(
        () -> runner("FAKE_CLAUDE_SLEEP", "1.5", "FAKE_CLAUDE_STDOUT", "x")
            .run(ClaudeRequest.of("p", wt).withoutNudge()));
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Files.exists(calls) && System.nanoTime() < until) {
      Thread.onSpinWait();
    }

    assertThat(lockIsFree()).isFalse();
    ProcessRunner shell = ProcessRunner.command("flock", "-w", "10", lock.toString(), "true");
    long t0 = System.nanoTime();
    assertThat(shell.run(Duration.ofSeconds(20)).succeeded()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofMillis(500));
    assertThat(run.get(10, TimeUnit.SECONDS).exitCode()).isZero();
  }

  @Test
  void aChildLeftRunningIsKilledAndTheNextRunStartsAtOnce() throws Exception {
    ClaudeRun first;
    try (CapturedLog log = CapturedLog.start()) {
      first = runner("FAKE_CLAUDE_STDOUT", RESULT, "FAKE_CLAUDE_CHILD", "30")
          .run(ClaudeRequest.of("p", wt));
      assertThat(log.messages()).anyMatch(m -> m.startsWith(
          "agent_run: killing processes claude left running (process group "));
    }
    assertThat(first.succeeded()).isTrue();
    assertThat(lockIsFree()).isTrue();

    long t0 = System.nanoTime();
    ClaudeRun second = new ClaudeCodeRunner(cfg.withLockWait(Duration.ofSeconds(2)), sessions)
        .run(ClaudeRequest.of("p", wt));
    assertThat(second.ending()).isEqualTo(ClaudeRun.Ending.EXITED);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void aChildThatEscapedItsGroupDoesNotHoldTheLock() throws Exception {
    ClaudeRun first = runner("FAKE_CLAUDE_STDOUT", RESULT, "FAKE_CLAUDE_ESCAPE", "8")
        .run(ClaudeRequest.of("p", wt));
    assertThat(first.succeeded()).isTrue();

    assertThat(lockIsFree()).isTrue();
    ClaudeRun second = new ClaudeCodeRunner(cfg.withLockWait(Duration.ofSeconds(1)), sessions)
        .run(ClaudeRequest.of("p", wt));
    assertThat(second.ending()).isEqualTo(ClaudeRun.Ending.EXITED);
  }

  // ---- the nudge ----

  private Path cloneWithOrigin() throws Exception {
    Path bare = tmp.resolve("remote.git");
    Git.run(tmp, "init", "-q", "--bare", "-b", "main", bare.toString());
    Path clone = tmp.resolve("clone");
    Git.run(tmp, "clone", "-q", bare.toString(), clone.toString());
    Git.run(clone, "commit", "-q", "--allow-empty", "-m", "root");
    Git.run(clone, "push", "-q", "origin", "main");
    return clone;
  }

  private static String result(String session) {
    return "{\"type\":\"result\",\"subtype\":\"success\",\"session_id\":\"" + session + "\"}";
  }

  @Test
  void uncommittedChangesGetOneNudge() throws Exception {
    Path clone = cloneWithOrigin();
    Files.writeString(clone.resolve("new.txt"), "x", StandardCharsets.UTF_8);
    ClaudeRun run;
    try (CapturedLog log = CapturedLog.start()) {
      run = runner("FAKE_CLAUDE_STDOUT_1", result("s1"), "FAKE_CLAUDE_STDOUT_2", result("s2"))
          .run(ClaudeRequest.of("p", clone));
      assertThat(log.messages()).contains("agent_run: nudging (uncommitted changes)");
    }

    assertThat(argvs()).hasSize(2);
    assertThat(argvs().get(1)).containsExactly("-p", ClaudeCodeRunner.NUDGE, "--resume", "s1",
        "--output-format", "json", "--dangerously-skip-permissions", "--max-turns", "50");
    assertThat(run.nudged()).isTrue();
    assertThat(run.sessionId()).hasValue("s2");
    assertThat(sessions.read()).hasValue("s2");
  }

  @Test
  void aLocalCommitAheadMeansNoNudge() throws Exception {
    Path clone = cloneWithOrigin();
    Git.run(clone, "commit", "-q", "--allow-empty", "-m", "work");
    Files.writeString(clone.resolve("new.txt"), "x", StandardCharsets.UTF_8);

    ClaudeRun run = runner("FAKE_CLAUDE_STDOUT", result("s1")).run(ClaudeRequest.of("p", clone));

    assertThat(argvs()).hasSize(1);
    assertThat(run.nudged()).isFalse();
  }

  @Test
  void aCleanTreeIsNotNudged() throws Exception {
    Path clone = cloneWithOrigin();
    try (CapturedLog log = CapturedLog.start()) {
      runner("FAKE_CLAUDE_STDOUT", result("s1")).run(ClaudeRequest.of("p", clone));
      assertThat(log.messages()).contains("agent_run: no push and no changes — skipping nudge");
    }
    assertThat(argvs()).hasSize(1);
  }

  @Test
  void noNudgeWhenDisabledOrWithoutOutput() throws Exception {
    Path clone = cloneWithOrigin();
    Files.writeString(clone.resolve("new.txt"), "x", StandardCharsets.UTF_8);
    runner("FAKE_CLAUDE_STDOUT", result("s1")).run(ClaudeRequest.of("p", clone).withoutNudge());
    runner().run(ClaudeRequest.of("p", clone));

    assertThat(argvs()).hasSize(2);
  }
}
