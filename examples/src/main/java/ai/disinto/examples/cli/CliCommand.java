package ai.disinto.examples.cli;

import java.io.InputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
    return ((DisintoCommand) spec.root().userObject()).context();
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
