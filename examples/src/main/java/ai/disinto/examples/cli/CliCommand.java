package ai.disinto.examples.cli;

import ai.disinto.core.Sleeper;
import ai.disinto.core.config.EnvLoadOptions;
import ai.disinto.core.config.EnvLoader;
import ai.disinto.core.config.FactoryEnv;
import ai.disinto.log.LogLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every leaf subcommand: gives access to the {@link CliContext} of the invocation.
 *
 * <p>{@link #call()} returns the exit code. Throw {@link CliException} to end with a reason on
 * standard error; any other exception ends with exit code 1 and its message.
 */
public abstract class CliCommand implements Callable<Integer> {
  /** Injected by picocli: the command's own model, through which the root is reached. */
  @Spec protected CommandSpec spec;

  /**
   * The context of this invocation.
   *
   * @return streams, environment and working directory
   */
  protected final CliContext ctx() {
    return root().context();
  }

  /**
   * Standard output: data that scripts capture, nothing else.
   *
   * @return the output stream
   */
  protected final PrintStream out() {
    return ctx().out();
  }

  /**
   * Standard error: log lines and reasons.
   *
   * @return the error stream
   */
  protected final PrintStream err() {
    return ctx().err();
  }

  /**
   * The environment of the invocation.
   *
   * @return environment variables
   */
  protected final Map<String, String> env() {
    return ctx().env();
  }

  /**
   * The clock of this invocation: the system clock, or a test's fake one.
   *
   * @return the clock
   */
  protected final Clock clock() {
    return ctx().clock();
  }

  /**
   * What every wait of this invocation goes through: real sleeping, or a test's fake time; on a
   * terminal, in steps of a second that redraw the {@linkplain #progress() status line}.
   *
   * @return the sleeper
   */
  protected final Sleeper sleeper() {
    return progress().ticking(ctx().sleeper());
  }

  /**
   * The status line of this invocation's long waits: pass it as the {@code WaitListener} of a
   * waiting library call. It draws only when standard error is a terminal.
   *
   * @return the status line
   */
  protected final ProgressLine progress() {
    return root().progress();
  }

  /**
   * Writes one line to standard error, above the status line of a wait when one shows.
   *
   * @param line the line, without line break
   */
  protected final void errLine(String line) {
    root().log().toStderr(line);
  }

  /**
   * The factory root: {@code FACTORY_ROOT} (relative to the working directory), or the working
   * directory when that is unset or empty.
   *
   * @return the factory root
   */
  protected final Path factoryRoot() {
    String root = env().getOrDefault("FACTORY_ROOT", "");
    return root.isEmpty() ? ctx().workingDir() : ctx().workingDir().resolve(root);
  }

  /**
   * Loads the factory configuration the way every agent does at start: the environment, then
   * {@code FACTORY_ROOT/.env} (or {@code .env.enc}), then {@code PROJECT_TOML} when set.
   *
   * @return the configuration
   * @throws ai.disinto.core.config.EnvLoadException when a secrets file cannot be read
   * @throws ai.disinto.core.config.ProjectConfigException when the project TOML is malformed
   */
  protected final FactoryEnv factoryEnv() {
    return EnvLoader.load(EnvLoadOptions.of(factoryRoot(), env()));
  }

  /**
   * Writes one line to the factory log of this invocation, in the original's {@code log} format for
   * agent {@code LOG_AGENT}: appended to {@code LOGFILE} when that is set and written to standard
   * error otherwise, never to standard output (so {@code $(disinto …)} captures only data).
   *
   * @param message the message; never pass secrets
   */
  protected final void log(String message) {
    root().log().accept(LogLine.format(clock().instant(), env().get("LOG_AGENT"), message));
  }

  private DisintoCommand root() {
    return direct != null ? direct : (DisintoCommand) spec.root().userObject();
  }

  /** Set when the command runs without picocli (see {@link FastPath}). */
  private DisintoCommand direct;

  /** Runs this command under {@code root} without a picocli model (see {@link FastPath}). */
  final CliCommand under(DisintoCommand root) {
    this.direct = root;
    return this;
  }

  /**
   * Prints one output variable as a {@code NAME=value} line on standard output (for
   * {@code --vars}), quoted by {@link VarLines} so that {@code eval} restores it exactly.
   *
   * @param name the variable name, such as {@code _PR_CI_STATE}
   * @param value the value; may be empty
   */
  protected final void printVar(String name, String value) {
    VarLines.print(out(), name, value);
    out().flush();
  }

  /**
   * Reads the whole of standard input as UTF-8.
   *
   * @return the text on standard input
   * @throws IOException when reading fails
   */
  protected final String readStdin() throws IOException {
    InputStream in = ctx().in();
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  /**
   * The argument when given, else all of standard input, as the original functions do when called
   * with no argument.
   *
   * @param argument the positional argument, or {@code null}
   * @return the argument or standard input
   * @throws IOException when reading standard input fails
   */
  protected final String argumentOrStdin(String argument) throws IOException {
    return argument != null ? argument : readStdin();
  }
}
