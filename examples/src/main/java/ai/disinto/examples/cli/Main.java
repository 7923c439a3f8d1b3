package ai.disinto.examples.cli;

import ai.disinto.log.FactoryLogging;
import ai.disinto.log.FactoryLoggingServiceProvider;
import ai.disinto.log.LogTarget;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.slf4j.event.Level;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Entry point of the {@code disinto} jar. The only place that calls {@link System#exit}.
 *
 * <p>Exit codes: what the subcommand returns; 64 for a wrong usage (with a usage line on standard
 * error); a {@link CliException}'s own code; 1 for any other failure, with a one-line reason and no
 * stack trace unless {@code --debug} is given.
 *
 * <p>Each invocation binds its log target ({@code LOG_AGENT}, the context's clock, {@code LOGFILE}
 * or standard error) for the SLF4J backend of {@code disinto-log}, so the library's log lines come
 * out in the factory's line format where the agents' own lines go.
 */
public final class Main {
  /** The exit code of a wrong usage (BSD sysexits {@code EX_USAGE}). */
  public static final int EXIT_USAGE = 64;

  private Main() {}

  /**
   * Runs the command line and exits the JVM with its code.
   *
   * @param args the arguments after {@code disinto}
   */
  public static void main(String[] args) {
    nameLoggingBackend();
    Warmup.forCommand(System.getenv("FORGE_URL"), args);
    CliContext ctx = CliContext.system();
    System.exit(execute(ctx, ProgressLine.stderrIsTerminal(ctx.env().get("TERM")), args));
  }

  /**
   * Names this jar's SLF4J backend, unless the JVM was given one: without the name SLF4J looks it
   * up through {@code ServiceLoader}, which reads the service files of the whole class path,
   * about a tenth of a short call's time. SLF4J's note that it loads a named provider is kept off
   * standard error, where a script reads the command's own messages.
   */
  static void nameLoggingBackend() {
    if (System.getProperty("slf4j.provider") == null) {
      System.setProperty("slf4j.provider", FactoryLoggingServiceProvider.class.getName());
      if (System.getProperty("slf4j.internal.verbosity") == null) {
        System.setProperty("slf4j.internal.verbosity", "WARN");
      }
    }
  }

  /**
   * Runs the command line in this JVM and returns the exit code.
   *
   * @param ctx the streams, environment and working directory to run with
   * @param args the arguments after {@code disinto}
   * @return the exit code
   */
  public static int execute(CliContext ctx, String... args) {
    return execute(ctx, false, args);
  }

  /**
   * Runs the command line in this JVM, drawing the status line of long waits on standard error
   * when {@code stderrIsTerminal} says it is a terminal.
   *
   * @param ctx the streams, environment and working directory to run with
   * @param stderrIsTerminal whether {@code ctx.err()} is a terminal
   * @param args the arguments after {@code disinto}
   * @return the exit code
   */
  static int execute(CliContext ctx, boolean stderrIsTerminal, String... args) {
    return execute(ctx, stderrIsTerminal, true, args);
  }

  /** Runs as {@link #execute(CliContext, String...)} does, always through picocli (for tests). */
  static int executeViaPicocli(CliContext ctx, String... args) {
    return execute(ctx, false, false, args);
  }

  private static int execute(CliContext ctx, boolean stderrIsTerminal, boolean fastPath,
      String... args) {
    ProgressLine progress = new ProgressLine(ctx.err(), stderrIsTerminal, ctx.clock());
    CliLog log = CliLog.of(ctx, progress);
    // The library's SLF4J lines of this invocation (and of the threads it starts) go to its log.
    // With --debug, the library's DEBUG lines and the stack traces of logged throwables show too.
    boolean debug = Arrays.asList(args).contains("--debug");
    LogTarget target = log.target(ctx).withThreshold(debug ? Level.DEBUG : Level.INFO);
    try (FactoryLogging.Binding bound = FactoryLogging.bind(target)) {
      Integer fast = fastPath ? fastPath(ctx, log, progress, args) : null;
      return fast != null ? fast : commandLine(ctx, log, progress, args).execute(args);
    } finally {
      progress.close();
    }
  }

  /** The {@link FastPath}, failing as picocli's failure handler would (without --debug). */
  private static Integer fastPath(CliContext ctx, CliLog log, ProgressLine progress,
      String... args) {
    try {
      return FastPath.run(new DisintoCommand(ctx, log, progress), args);
    } catch (Exception ex) {
      String message = ex.getMessage();
      if (message != null && !message.isEmpty()) {
        ctx.err().println(ex instanceof CliException ? message : "disinto: " + message);
      } else if (!(ex instanceof CliException)) {
        ctx.err().println("disinto: " + ex.getClass().getSimpleName());
      }
      ctx.err().flush();
      return ex instanceof CliException c ? c.exitCode() : 1;
    }
  }

  private static CommandLine commandLine(CliContext ctx, CliLog log, ProgressLine progress,
      String... args) {
    CommandLine cl = new CommandLine(new DisintoCommand(ctx, log, progress));
    DisintoCommand.register(cl, args);
    cl.setOut(new PrintWriter(ctx.out(), true));
    cl.setErr(new PrintWriter(ctx.err(), true));
    cl.setParameterExceptionHandler(usageError());
    cl.setExecutionExceptionHandler(failure(ctx));
    cl.setExitCodeExceptionMapper(t -> t instanceof CliException c ? c.exitCode() : 1);
    DisintoCommand.addHelpOptions(cl);
    cl.setExecutionStrategy(parseResult -> {
      rejectUnmatched(parseResult);
      try {
        return new CommandLine.RunLast().execute(parseResult);
      } finally {
        progress.close(); // before a failure's reason is printed
      }
    });
    return cl;
  }

  /**
   * picocli lets {@code --help} win over arguments it could not match ({@code disinto ops setup
   * --help} would print the root help and exit 0); an unknown subcommand is a usage error
   * whatever else the line holds.
   */
  private static void rejectUnmatched(ParseResult parseResult) {
    for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
      if (!p.unmatched().isEmpty()) {
        throw new UnmatchedArgumentException(p.commandSpec().commandLine(),
            "Unmatched argument" + (p.unmatched().size() > 1 ? "s: " : ": ")
                + p.unmatched().stream().map(a -> "'" + a + "'").collect(Collectors.joining(", ")));
      }
    }
  }

  private static IParameterExceptionHandler usageError() {
    return (ex, args) -> {
      CommandLine cmd = ex.getCommandLine();
      PrintWriter err = cmd.getErr();
      err.println("disinto: " + ex.getMessage());
      err.print("Usage: " + cmd.getHelp().synopsis(7));
      err.flush();
      return EXIT_USAGE;
    };
  }

  private static IExecutionExceptionHandler failure(CliContext ctx) {
    return (ex, cmd, parseResult) -> {
      PrintWriter err = cmd.getErr();
      String message = ex.getMessage();
      if (message != null && !message.isEmpty()) {
        err.println(ex instanceof CliException ? message : "disinto: " + message);
      } else if (!(ex instanceof CliException)) {
        err.println("disinto: " + ex.getClass().getSimpleName());
      }
      if (debug(parseResult)) {
        ex.printStackTrace(err);
      }
      err.flush();
      return ex instanceof CliException c ? c.exitCode() : 1;
    };
  }

  private static boolean debug(ParseResult parseResult) {
    return parseResult.commandSpec().root().userObject() instanceof DisintoCommand d && d.debug;
  }
}
