package ai.disinto.core.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one child process and captures what it writes.
 *
 * <p>An immutable description of a command: each {@code with}-style method returns a changed copy,
 * and {@link #run(Duration)} starts a fresh child each time it is called, so one runner can be
 * shared. For example:
 *
 * <pre>{@code
 * ProcessResult r = ProcessRunner.command(List.of("git", "fetch", "origin"))
 *     .directory(worktree)
 *     .environment(env)
 *     .run(Duration.ofMinutes(10));
 * }</pre>
 *
 * <p>The child gets at most the timeout; after that, or when the calling thread is interrupted, it
 * is killed together with every process it started, so that no agent, git or sops process outlives
 * the call that asked for it. Standard output and standard error are drained, and standard input
 * written, on dedicated daemon threads, so a child that writes a lot or does not read its input
 * cannot block the caller.
 *
 * <p>The runner never logs or reports the command's arguments (they may hold secrets): its
 * messages name only the program, {@link #name()}.
 */
public final class ProcessRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);
  /** How long output may still arrive after the child is gone (a grandchild may hold the pipe). */
  private static final long DRAIN_GRACE_MILLIS = 2_000;

  private final List<String> command;
  private final Path directory;
  private final Map<String, String> environment;
  private final String stdin;
  private final boolean mergeStderr;

  private ProcessRunner(List<String> command, Path directory, Map<String, String> environment,
      String stdin, boolean mergeStderr) {
    this.command = command;
    this.directory = directory;
    this.environment = environment;
    this.stdin = stdin;
    this.mergeStderr = mergeStderr;
  }

  /**
   * A runner for a command: the program followed by its arguments, passed as they are (no shell).
   * By default the child runs in the current directory, inherits this process's environment, reads
   * an empty standard input and keeps its standard error apart.
   *
   * @param command the program and its arguments; not empty
   * @return the runner
   * @throws IllegalArgumentException when the command is empty
   */
  public static ProcessRunner command(List<String> command) {
    List<String> copy = List.copyOf(command);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("command must name a program");
    }
    return new ProcessRunner(copy, null, null, "", false);
  }

  /**
   * A runner for a command given as separate words; see {@link #command(List)}.
   *
   * @param program the program
   * @param args its arguments
   * @return the runner
   */
  public static ProcessRunner command(String program, String... args) {
    return command(
        java.util.stream.Stream.concat(java.util.stream.Stream.of(program),
            java.util.Arrays.stream(args)).toList());
  }

  /**
   * The same command run in another working directory.
   *
   * @param dir the child's working directory
   * @return a changed copy
   */
  public ProcessRunner directory(Path dir) {
    return new ProcessRunner(command, Objects.requireNonNull(dir, "dir"), environment, stdin,
        mergeStderr);
  }

  /**
   * The same command run with exactly this environment (nothing inherited).
   *
   * @param env the child's whole environment
   * @return a changed copy
   */
  public ProcessRunner environment(Map<String, String> env) {
    return new ProcessRunner(command, directory, Map.copyOf(env), stdin, mergeStderr);
  }

  /**
   * The same command fed this text (UTF-8) on standard input, which is closed after it.
   *
   * @param text the child's standard input
   * @return a changed copy
   */
  public ProcessRunner stdin(String text) {
    return new ProcessRunner(command, directory, environment, Objects.requireNonNull(text, "text"),
        mergeStderr);
  }

  /**
   * The same command with standard error merged into standard output, in the order written.
   *
   * @return a changed copy
   */
  public ProcessRunner mergeStderr() {
    return new ProcessRunner(command, directory, environment, stdin, true);
  }

  /**
   * The program's name as it appears in this runner's messages: the last path element of the
   * first word of the command.
   *
   * @return for example {@code git} for {@code /usr/bin/git}
   */
  public String name() {
    String program = command.get(0);
    int slash = program.lastIndexOf('/');
    return slash < 0 || slash == program.length() - 1 ? program : program.substring(slash + 1);
  }

  /**
   * Starts the child, waits for it to end or for the timeout, and returns how it ended. Never
   * throws for what the child does; a command that cannot start is a result too. When the calling
   * thread is interrupted, the child is killed, the interrupt flag is set again and the result's
   * ending is {@link ProcessResult.Ending#INTERRUPTED}.
   *
   * @param timeout how long the child may run; positive
   * @return the result
   * @throws IllegalArgumentException when the timeout is not positive
   */
  public ProcessResult run(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    String name = name();
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(mergeStderr);
    if (directory != null) {
      pb.directory(directory.toFile());
    }
    if (environment != null) {
      pb.environment().clear();
      pb.environment().putAll(environment);
    }
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      LOG.debug("{} could not be started", name, e);
      return new ProcessResult(ProcessResult.Ending.NOT_STARTED, -1, "",
          name + " could not be started: " + Optional.ofNullable(e.getMessage()).orElse("unknown")
              + "\n");
    }
    LOG.debug("started {} (pid {})", name, p.pid());
    Drain out = Drain.start(p.getInputStream(), "stdout of " + name);
    Drain err = mergeStderr ? null : Drain.start(p.getErrorStream(), "stderr of " + name);
    feed(p.getOutputStream(), stdin, "stdin of " + name);
    try {
      if (!p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        killTree(p);
        LOG.debug("{} ran past {} and was killed", name, timeout);
        return new ProcessResult(ProcessResult.Ending.TIMED_OUT, -1, out.text(),
            text(err) + name + " was killed after running past its timeout of "
                + describe(timeout) + "\n");
      }
      int status = p.exitValue();
      return new ProcessResult(ProcessResult.Ending.EXITED, status, out.text(), text(err));
    } catch (InterruptedException e) {
      killTree(p);
      Thread.currentThread().interrupt();
      return new ProcessResult(ProcessResult.Ending.INTERRUPTED, -1, out.snapshot(),
          (err == null ? "" : err.snapshot()) + name + " was killed: interrupted\n");
    }
  }

  private static String text(Drain err) throws InterruptedException {
    return err == null ? "" : err.text();
  }

  private static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** Kills the descendants first: once the parent is gone they are no longer its descendants. */
  private static void killTree(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(DRAIN_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Writes the child's standard input and closes it; a child that closes it early is fine. */
  private static void feed(OutputStream stdin, String text, String threadName) {
    Thread writer = new Thread(() -> {
      try (stdin) {
        stdin.write(text.getBytes(StandardCharsets.UTF_8));
      } catch (IOException childClosedItsInput) {
        // Not an error of ours: the child decides what it reads.
      }
    }, threadName);
    writer.setDaemon(true);
    writer.start();
  }

  @Override
  public String toString() {
    return "ProcessRunner[" + name() + "]";
  }

  /** Reads one stream to its end on its own daemon thread. */
  private static final class Drain {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final Thread thread;

    private Drain(InputStream in, String threadName) {
      this.thread = new Thread(() -> pump(in), threadName);
      thread.setDaemon(true);
    }

    static Drain start(InputStream in, String threadName) {
      Drain d = new Drain(in, threadName);
      d.thread.start();
      return d;
    }

    private void pump(InputStream in) {
      byte[] chunk = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(chunk)) >= 0) {
          synchronized (buffer) {
            buffer.write(chunk, 0, n);
          }
        }
      } catch (IOException streamClosed) {
        // The child is gone; keep what was read.
      }
    }

    /** Everything read, after waiting a short grace for the stream's end. */
    String text() throws InterruptedException {
      thread.join(DRAIN_GRACE_MILLIS);
      return snapshot();
    }

    /** What was read so far. */
    String snapshot() {
      synchronized (buffer) {
        return buffer.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
