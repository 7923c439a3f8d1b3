package ai.disinto.examples.cli;

import ai.disinto.log.LogTarget;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Where the log lines of one invocation go: appended to {@code LOGFILE} (relative to the working
 * directory) line by line when that is set, as the agents' own {@code log} does with
 * {@code >> "$LOGFILE"}, and to standard error otherwise; never to standard output.
 *
 * <p>When {@code LOGFILE} cannot be written, one line on standard error says so and every line from
 * then on goes to standard error, so that nothing logged is lost and no stack trace is shown.
 */
final class CliLog implements Consumer<String> {
  private final Path logFile;
  private final PrintStream err;
  private boolean fileFailed;

  private CliLog(Path logFile, PrintStream err) {
    this.logFile = logFile;
    this.err = err;
  }

  /** The log of an invocation with the given context. */
  static CliLog of(CliContext ctx) {
    String name = ctx.env().getOrDefault("LOGFILE", "");
    return new CliLog(name.isEmpty() ? null : ctx.workingDir().resolve(name), ctx.err());
  }

  /** The target the invocation binds: agent {@code LOG_AGENT}, the context's clock, this log. */
  LogTarget target(CliContext ctx) {
    return LogTarget.of(ctx.env().get("LOG_AGENT"), ctx.clock(), this);
  }

  /** Writes one finished line. */
  @Override
  public synchronized void accept(String line) {
    if (logFile != null && !fileFailed) {
      try {
        Files.writeString(logFile, line + "\n", StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        return;
      } catch (IOException | SecurityException e) {
        fileFailed = true;
        err.println("disinto: LOGFILE cannot be written: " + logFile + "; logging to standard error");
      }
    }
    err.println(line);
    err.flush();
  }
}
