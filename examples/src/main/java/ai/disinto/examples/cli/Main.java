package ai.disinto.examples.cli;

import java.io.PrintWriter;
import java.util.stream.Collectors;
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
    CliContext ctx = CliContext.system();
    String logFile = ctx.env().get("LOGFILE");
    if (logFile != null && !logFile.isEmpty()) {
      // Agents append their log lines to LOGFILE; the library logs through SLF4J (slf4j-simple here).
      System.setProperty("org.slf4j.simpleLogger.logFile", logFile);
    }
    System.exit(execute(ctx, args));
  }

  /**
   * Runs the command line in this JVM and returns the exit code.
   *
   * @param ctx the streams, environment and working directory to run with
   * @param args the arguments after {@code disinto}
   * @return the exit code
   */
  public static int execute(CliContext ctx, String... args) {
    CommandLine cl = commandLine(ctx);
    return cl.execute(args);
  }

  static CommandLine commandLine(CliContext ctx) {
    CommandLine cl = new CommandLine(new DisintoCommand(ctx));
    cl.setOut(new PrintWriter(ctx.out(), true));
    cl.setErr(new PrintWriter(ctx.err(), true));
    cl.setParameterExceptionHandler(usageError());
    cl.setExecutionExceptionHandler(failure(ctx));
    cl.setExitCodeExceptionMapper(t -> t instanceof CliException c ? c.exitCode() : 1);
    DisintoCommand.addHelpOptions(cl);
    cl.setExecutionStrategy(parseResult -> {
      rejectUnmatched(parseResult);
      return new CommandLine.RunLast().execute(parseResult);
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
