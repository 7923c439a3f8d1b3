package ai.disinto.examples.cli.batch;

import ai.disinto.examples.cli.CliCommand;
import ai.disinto.examples.cli.CliContext;
import ai.disinto.examples.cli.Main;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code disinto batch}: runs one {@code disinto} command per line of standard input in this one
 * JVM and answers each with a frame on standard output, so that a script pays the JVM's start once.
 *
 * <p>A line is split into words as a shell splits a simple command, without expansions (see
 * {@link BatchLine}): {@code secrets scan 'some text'}, {@code FORGE_API=http://x/api/v1/repos/o/r
 * issue claim 7}, {@code parse-deps <<< 'Depends on #3'}. Blank lines and lines that start with
 * {@code #} get no frame. Every other line gets exactly one, in order, written and flushed before
 * the next line is read (so a script can drive it as a coprocess):
 *
 * <pre>
 * EXIT OUT_BYTES ERR_BYTES\n
 * OUT_BYTES bytes: the command's standard output
 * ERR_BYTES bytes: the command's standard error (its log lines, unless LOGFILE is set)
 * </pre>
 *
 * <p>The header is three decimal numbers separated by single spaces. EXIT is what {@code disinto}
 * would have exited with for that line alone; a line that cannot be split (an unterminated quote)
 * and a nested {@code batch} answer 64 with the reason on the frame's standard error. Each command
 * runs with the batch's working directory and environment plus its own {@code NAME=value}
 * prefixes, and with empty standard input unless the line ends with a here-string. The batch
 * itself exits 0 at the end of its input.
 */
@Command(name = "batch",
    description = {
      "Run one disinto command per line of stdin in one JVM; answer each with a frame:",
      "'EXIT OUT_BYTES ERR_BYTES' on a line, then the command's stdout and stderr bytes."
    })
public final class BatchCommand extends CliCommand {
  /** Creates the command; picocli calls it. */
  public BatchCommand() {}

  @Override
  public Integer call() throws IOException {
    CliContext outer = ctx();
    BufferedReader lines = new BufferedReader(
        new InputStreamReader(outer.in(), StandardCharsets.UTF_8));
    OutputStream frames = outer.out();
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      BatchLine parsed;
      try {
        parsed = BatchLine.parse(line);
      } catch (BatchLine.SyntaxException e) {
        frame(frames, Main.EXIT_USAGE, new byte[0],
            ("disinto batch: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
        continue;
      }
      if (parsed.words().isEmpty() && parsed.env().isEmpty()) {
        continue;
      }
      run(outer, parsed, frames);
    }
    return 0;
  }

  private static void run(CliContext outer, BatchLine line, OutputStream frames)
      throws IOException {
    if (!line.words().isEmpty() && line.words().get(0).equals("batch")) {
      frame(frames, Main.EXIT_USAGE, new byte[0],
          "disinto batch: a batch cannot run another batch\n".getBytes(StandardCharsets.UTF_8));
      return;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Map<String, String> env = new HashMap<>(outer.env());
    env.putAll(line.env());
    InputStream in = new ByteArrayInputStream(line.stdin() == null ? new byte[0]
        : line.stdin().getBytes(StandardCharsets.UTF_8));
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      CliContext inner = new CliContext(in, o, e, env, outer.workingDir(), outer.clock(),
          outer.sleeper());
      exit = Main.execute(inner, line.words().toArray(String[]::new));
    }
    frame(frames, exit, out.toByteArray(), err.toByteArray());
  }

  private static void frame(OutputStream frames, int exit, byte[] out, byte[] err)
      throws IOException {
    frames.write((exit + " " + out.length + " " + err.length + "\n")
        .getBytes(StandardCharsets.US_ASCII));
    frames.write(out);
    frames.write(err);
    frames.flush();
  }
}
