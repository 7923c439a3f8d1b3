package ai.disinto.examples.cli;

import ai.disinto.testkit.time.FakeTime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs {@link Main#execute} in this JVM with captured streams and fake time: every wait of the
 * command (polls, retries, lock waits) advances a fake clock instead of sleeping, and is recorded.
 */
public final class InProcess {
  /**
   * The outcome of one run.
   *
   * @param exitCode the exit code
   * @param stdout what was printed on standard output
   * @param stderr what was printed on standard error
   * @param sleeps every wait the command asked for, in order
   */
  public record Result(int exitCode, String stdout, String stderr, List<Duration> sleeps) {}

  public static Result run(Map<String, String> env, String stdin, String... args) {
    return run(false, env, stdin, args);
  }

  /** Runs as {@link #run(Map, String, String...)} does, with standard error taken for a terminal. */
  public static Result runOnTerminal(Map<String, String> env, String stdin, String... args) {
    return run(true, env, stdin, args);
  }

  /** Runs as {@link #run(Map, String, String...)} does, bypassing {@link FastPath}. */
  public static Result runViaPicocli(Map<String, String> env, String stdin, String... args) {
    return run(false, false, env, stdin, args);
  }

  private static Result run(boolean terminal, Map<String, String> env, String stdin,
      String... args) {
    return run(terminal, true, env, stdin, args);
  }

  private static Result run(boolean terminal, boolean fastPath, Map<String, String> env,
      String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    FakeTime time = new FakeTime();
    CliContext ctx = new CliContext(
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        env,
        Path.of("").toAbsolutePath(),
        time,
        time);
    int code = fastPath ? Main.execute(ctx, terminal, args) : Main.executeViaPicocli(ctx, args);
    return new Result(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8), time.sleeps());
  }

  public static Result run(String... args) {
    return run(Map.of(), "", args);
  }

  private InProcess() {}
}
