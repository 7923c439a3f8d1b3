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
  private final ProgressLine progress;
  private boolean fileFailed;

  private CliLog(Path logFile, PrintStream err, ProgressLine progress) {
    this.logFile = logFile;
    this.err = err;
    this.progress = progress;
  }

  /** The log of an invocation with the given context. */
  static CliLog of(CliContext ctx) {
    return of(ctx, new ProgressLine(ctx.err(), false, ctx.clock()));
  }

  /** The log of an invocation whose lines on standard error are written above its status line. */
  static CliLog of(CliContext ctx, ProgressLine progress) {
    String name = ctx.env().getOrDefault("LOGFILE", "");
    return new CliLog(name.isEmpty() ? null : ctx.workingDir().resolve(name), ctx.err(), progress);
  }

  /** Writes one line to standard error, above the status line when one shows. */
  void toStderr(String line) {
    progress.above(() -> {
      err.println(line);
      err.flush();
    });
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
        toStderr("disinto: LOGFILE cannot be written: " + logFile + "; logging to standard error");
      }
    }
    toStderr(line);
  }
}
