package ai.disinto.examples.cli;

import ai.disinto.core.Sleeper;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What a subcommand may touch of the outside world: its standard streams, the environment it was
 * started with, its working directory, and time (a clock and a sleeper). Passing them in (instead
 * of reading {@code System.*}) lets tests run the whole command in-process, with waits that cost
 * no real time, as well as a separate process.
 *
 * @param in standard input
 * @param out standard output: data only, what scripts capture
 * @param err standard error: log lines and error messages
 * @param env the environment variables, as {@link System#getenv()} gives them
 * @param workingDir the directory relative paths are resolved against
 * @param clock the time source for timeouts and log stamps
 * @param sleeper what every wait (polls, retries, lock waits) goes through
 */
public record CliContext(
    InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Path workingDir,
    Clock clock, Sleeper sleeper) {

  /** Checks that no part is missing and freezes the environment. */
  public CliContext {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    env = Map.copyOf(env);
    Objects.requireNonNull(workingDir, "workingDir");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(sleeper, "sleeper");
  }

  /**
   * The context of the running process.
   *
   * <p>Standard output and error are written as UTF-8 whatever the locale, as the original's
   * scripts write their bytes: under a POSIX locale Java 17 would turn {@code —} into {@code ?}.
   *
   * @return a context over {@code System.in/out/err}, {@code System.getenv()}, {@code user.dir},
   *     the UTC system clock and real sleeping
   */
  public static CliContext system() {
    return new CliContext(
        System.in,
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8),
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8),
        System.getenv(),
        Path.of("").toAbsolutePath(),
        Clock.systemUTC(),
        Sleeper.system());
  }
}
