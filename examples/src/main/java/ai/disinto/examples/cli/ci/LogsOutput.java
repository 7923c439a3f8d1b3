package ai.disinto.examples.cli.ci;

import ai.disinto.ci.logs.CiLogException;
import ai.disinto.ci.logs.CiLogReader;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@code python3 lib/ci-log-reader.py} prints and returns, shared by {@code disinto ci-logs}
 * and {@code disinto ci logs}: argparse's argument rules (usage and exit 2), the reader's lines
 * with one final newline on stdout, the reader's messages on stderr.
 */
final class LogsOutput {
  static final String USAGE = "usage: disinto ci-logs [-h] [--step STEP_NAME] pipeline_number";
  private static final String PROG = "disinto ci-logs";

  private LogsOutput() {}

  /** Parses the arguments as argparse would, then reads and prints; returns the exit code. */
  static int run(List<String> args, String dataDirValue, OptionalLong repoId, PrintStream out,
      PrintStream err) {
    String number = null;
    String step = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--step") || a.equals("-s")) {
        if (i + 1 >= args.size()) {
          return usage(err, "argument --step/-s: expected one argument");
        }
        step = args.get(++i);
      } else if (a.startsWith("--step=")) {
        step = a.substring("--step=".length());
      } else if (a.startsWith("-s") && a.length() > 2) {
        step = a.substring(2);
      } else if (a.startsWith("-") && !isNumber(a)) {
        return usage(err, "unrecognized arguments: " + a);
      } else if (number == null) {
        number = a;
      } else {
        return usage(err, "unrecognized arguments: " + a);
      }
    }
    if (number == null) {
      return usage(err, "the following arguments are required: pipeline_number");
    }
    long pipeline;
    try {
      pipeline = Long.parseLong(number.strip());
    } catch (NumberFormatException e) {
      return usage(err, "argument pipeline_number: invalid int value: '" + number + "'");
    }
    CiLogReader reader = new CiLogReader(CiLogReader.dataDir(dataDirValue), repoId);
    return print(reader, pipeline, Optional.ofNullable(step).filter(s -> !s.isEmpty()), out, err);
  }

  /** Reads and prints; returns the exit code (1 when the store cannot be read, else 0). */
  static int print(CiLogReader reader, long pipeline, Optional<String> step, PrintStream out,
      PrintStream err) {
    CiLogReader.LogResult r;
    try {
      r = reader.read(pipeline, step);
    } catch (CiLogException e) {
      err.println("ERROR: " + e.getMessage());
      if (e.kind() == CiLogException.Kind.DB_NOT_FOUND) {
        err.println("Set WOODPECKER_DATA_DIR or mount volume to " + CiLogReader.DEFAULT_DATA_DIR);
      }
      err.flush();
      return 1;
    }
    if (r.isEmpty()) {
      err.println(step.isPresent()
          ? "No logs found for pipeline #" + pipeline + ", step '" + step.get() + "'"
          : "No failed steps found in pipeline #" + pipeline);
      err.flush();
      return 0;
    }
    out.print(r.text() + "\n");
    out.flush();
    return 0;
  }

  private static boolean isNumber(String a) {
    try {
      Long.parseLong(a);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static int usage(PrintStream err, String message) {
    err.println(USAGE);
    err.println(PROG + ": error: " + message);
    err.flush();
    return 2;
  }
}
