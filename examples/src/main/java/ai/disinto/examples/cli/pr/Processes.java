package ai.disinto.examples.cli.pr;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one child process with a given environment and standard input, capturing its output.
 *
 * <p>The child gets at most {@code timeout}; after that, or when the calling thread is interrupted,
 * it is killed together with everything it started, so that no agent or git process outlives the
 * walk that asked for it. Output is drained and input written on dedicated daemon threads, so a
 * child that writes a lot, or does not read its input, cannot block us.
 */
final class Processes {
  /** The exit code reported when the child ran out of time (as coreutils' timeout does). */
  static final int TIMED_OUT = 124;
  /** The exit code reported when we were interrupted while the child ran. */
  static final int INTERRUPTED = 130;
  /** The exit code reported when the command cannot be started (as a shell does). */
  static final int CANNOT_START = 127;

  private static final long DRAIN_GRACE_MILLIS = 5_000;

  /** What a child process ended with. */
  record Outcome(int exitCode, String stdout, String stderr) {}

  private Processes() {}

  static Outcome run(List<String> command, Path dir, Map<String, String> env, String stdin,
      boolean mergeStderr, Duration timeout) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(mergeStderr);
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      return new Outcome(CANNOT_START, "",
          command.get(0) + ": cannot start: " + e.getMessage() + "\n");
    }
    Drain out = Drain.start(p.getInputStream(), "stdout of " + command.get(0));
    Drain err = mergeStderr ? null : Drain.start(p.getErrorStream(), "stderr of " + command.get(0));
    feed(p.getOutputStream(), stdin, command.get(0));
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(p);
        return new Outcome(TIMED_OUT, out.join(), (err == null ? "" : err.join())
            + command.get(0) + ": killed after " + timeout.toSeconds() + " s\n");
      }
      return new Outcome(p.exitValue(), out.join(), err == null ? "" : err.join());
    } catch (InterruptedException e) {
      kill(p);
      Thread.currentThread().interrupt();
      return new Outcome(INTERRUPTED, "", command.get(0) + ": interrupted\n");
    }
  }

  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  /** Writes the child's standard input and closes it; a child that closes it early is fine. */
  private static void feed(OutputStream stdin, String text, String name) {
    Thread writer = new Thread(() -> {
      try (stdin) {
        stdin.write(text.getBytes(StandardCharsets.UTF_8));
      } catch (IOException childClosedItsInput) {
        // Not an error of ours: the child decides what it reads.
      }
    }, "stdin of " + name);
    writer.setDaemon(true);
    writer.start();
  }

  /** Reads one stream to its end on its own daemon thread. */
  private static final class Drain {
    private final Thread thread;
    private volatile String text = "";

    private Drain(InputStream in, String name) {
      this.thread = new Thread(() -> {
        try (in) {
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          text = "";
        }
      }, name);
      thread.setDaemon(true);
    }

    static Drain start(InputStream in, String name) {
      Drain d = new Drain(in, name);
      d.thread.start();
      return d;
    }

    /** The text read; waits a short grace for the stream's end once the child is gone. */
    String join() throws InterruptedException {
      thread.join(DRAIN_GRACE_MILLIS);
      return text;
    }
  }
}
