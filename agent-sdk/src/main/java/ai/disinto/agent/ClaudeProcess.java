package ai.disinto.agent;

import ai.disinto.core.process.ProcessRunner;
import ai.disinto.core.secrets.SecretScanner;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Claude process under the session lock, the watchdog and the hard timeout (the original's
 * {@code claude_run_with_watchdog} with its flock subshell).
 *
 * <p>The command is {@code setsid -w flock -o -w LOCKWAIT -E 75 LOCKFILE CLAUDE ARGS…}: {@code
 * setsid} gives Claude's whole tree one process group, so that what it leaves behind can be
 * killed; {@code flock} takes the flock(2) lock the shell agents take, holds it while Claude runs,
 * and with {@code -o} does not pass the locked descriptor to Claude, so no surviving descendant can
 * keep the lock. Standard input is /dev/null; both outputs are read as they arrive.
 */
final class ClaudeProcess {
  private static final Logger LOG = LoggerFactory.getLogger(ClaudeProcess.class);
  private static final SecretScanner SCANNER = SecretScanner.defaults();
  private static final String RESULT_MARK = "\"type\":\"result\"";
  private static final long DRAIN_MILLIS = 2_000;

  /** What came of one process. */
  record Outcome(ClaudeRun.Ending ending, int exitCode, String stdout, String reason) {}

  private ClaudeProcess() {}

  static Outcome run(ClaudeConfig cfg, String binary, List<String> args, Path dir) {
    try {
      Files.createDirectories(cfg.lockFile().toAbsolutePath().getParent());
    } catch (IOException e) {
      return new Outcome(ClaudeRun.Ending.START_FAILED, -1, "",
          "cannot create the folder of the session lock " + cfg.lockFile());
    }
    Map<String, String> env = cfg.environment();
    if (!SessionLock.isFree(cfg.lockFile(), env)) {
      LOG.info("agent_run: session lock {} is held by {}; waiting up to {}s", cfg.lockFile(),
          SCANNER.redact(SessionLock.holders(cfg.lockFile())), seconds(cfg.lockWait()));
    }
    List<String> cmd = new ArrayList<>(List.of(tool("setsid"), "-w", tool("flock"), "-o", "-w",
        seconds(cfg.lockWait()), "-E", String.valueOf(SessionLock.CONFLICT),
        cfg.lockFile().toString(), binary));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      return new Outcome(ClaudeRun.Ending.START_FAILED, -1, "",
          "cannot start claude under setsid and flock: " + e.getMessage());
    }
    long group = p.pid();
    Reader out = Reader.start(p.getInputStream(), "claude stdout",
        line -> LOG.debug("claude: {}", SCANNER.redact(line)));
    Reader err = Reader.start(p.getErrorStream(), "claude stderr",
        line -> LOG.info("claude: {}", SCANNER.redact(line)));
    ClaudeRun.Ending ending = ClaudeRun.Ending.EXITED;
    String reason = "";
    long deadline = System.nanoTime() + cfg.hardTimeout().toNanos();
    try {
      boolean exited = false;
      boolean watched = false;
      while (!exited) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        exited = p.waitFor(Math.min(left, cfg.pollInterval().toNanos()), TimeUnit.NANOSECONDS);
        if (!exited && !watched && out.contains(RESULT_MARK)) {
          watched = true;
          LOG.info("watchdog: final result detected, {}s grace period before SIGTERM",
              seconds(cfg.idleGrace()));
          left = deadline - System.nanoTime();
          if (!p.waitFor(Math.min(Math.max(left, 0), cfg.idleGrace().toNanos()),
              TimeUnit.NANOSECONDS) && System.nanoTime() < deadline) {
            LOG.info("watchdog: claude -p idle for {}s after final result; SIGTERM",
                seconds(cfg.idleGrace()));
            ending = ClaudeRun.Ending.WATCHDOG_TERMINATED;
            reason = "claude lingered after its result; stopped by the watchdog";
            terminate(p);
            if (!p.waitFor(cfg.termGrace().toNanos(), TimeUnit.NANOSECONDS)) {
              LOG.info("watchdog: force kill after SIGTERM timeout");
              kill(p, group);
            }
            exited = true;
          }
        }
      }
      if (!p.isAlive()) {
        exited = true;
      }
      if (!exited) {
        ending = ClaudeRun.Ending.TIMED_OUT;
        reason = "claude ran past the hard timeout of " + seconds(cfg.hardTimeout()) + "s";
        terminate(p);
        if (!p.waitFor(1, TimeUnit.SECONDS)) {
          kill(p, group);
        }
      }
      p.waitFor();
    } catch (InterruptedException e) {
      kill(p, group);
      Thread.currentThread().interrupt();
      reason = "interrupted";
    }
    reapGroup(group);
    String stdout = out.text();
    err.text();
    int code = p.isAlive() ? -1 : p.exitValue();
    if (ending == ClaudeRun.Ending.TIMED_OUT) {
      code = 124;
    } else if (ending == ClaudeRun.Ending.EXITED && code == SessionLock.CONFLICT
        && stdout.isEmpty()) {
      ending = ClaudeRun.Ending.LOCK_TIMEOUT;
      reason = "the session lock " + cfg.lockFile() + " was not free within "
          + seconds(cfg.lockWait()) + "s (held by " + SCANNER.redact(
              SessionLock.holders(cfg.lockFile())) + ")";
    }
    return new Outcome(ending, code, stdout, reason);
  }

  /** SIGTERM to Claude (flock's children), not to flock, which waits for Claude and reports it. */
  private static void terminate(Process p) {
    List<ProcessHandle> children = p.children().toList();
    if (children.isEmpty()) {
      p.destroy();
    }
    children.forEach(ProcessHandle::destroy);
  }

  private static void kill(Process p, long group) {
    signalGroup(group, "KILL");
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Kills what Claude left running in its process group (its tools' background children). */
  private static void reapGroup(long group) {
    if (signalGroup(group, "0")) {
      LOG.info("agent_run: killing processes claude left running (process group {})", group);
      signalGroup(group, "KILL");
    }
  }

  private static boolean signalGroup(long group, String signal) {
    return ProcessRunner.command(tool("kill"), "-s", signal, "--", "-" + group)
        .run(Duration.ofSeconds(10)).succeeded();
  }

  /** A util-linux tool by its absolute path where it is in a system folder. */
  static String tool(String name) {
    for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return name;
  }

  static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? Long.toString(ms / 1000) : String.valueOf(ms / 1000.0);
  }

  /** Reads one stream as it arrives, handing each line to a consumer and keeping everything. */
  private static final class Reader {
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private final Thread thread;

    private Reader(InputStream in, String name, Consumer<String> lines) {
      thread = new Thread(() -> pump(in, lines), name);
      thread.setDaemon(true);
    }

    static Reader start(InputStream in, String name, Consumer<String> lines) {
      Reader r = new Reader(in, name, lines);
      r.thread.start();
      return r;
    }

    private void pump(InputStream in, Consumer<String> lines) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          synchronized (all) {
            all.write(buf, 0, n);
          }
          for (int i = 0; i < n; i++) {
            if (buf[i] == '\n') {
              emit(line, lines);
            } else {
              line.write(buf[i]);
            }
          }
        }
      } catch (IOException closed) {
        // The process is gone; keep what was read.
      }
      emit(line, lines);
    }

    private static void emit(ByteArrayOutputStream line, Consumer<String> lines) {
      if (line.size() > 0) {
        lines.accept(line.toString(StandardCharsets.UTF_8));
        line.reset();
      }
    }

    boolean contains(String mark) {
      synchronized (all) {
        return all.toString(StandardCharsets.UTF_8).contains(mark);
      }
    }

    String text() {
      try {
        thread.join(DRAIN_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (all) {
        return all.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
