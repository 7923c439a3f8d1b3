package ai.disinto.examples.cli.ci;

import ai.disinto.ci.helpers.CiSettings;
import ai.disinto.examples.cli.CliCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto ci-logs PIPELINE [--step NAME | -s NAME]}: the last 200 log lines of a pipeline's
 * failed steps (or of one step) from Woodpecker's SQLite store under {@code WOODPECKER_DATA_DIR}
 * (default {@code /woodpecker-data}; an empty value counts as unset). Mirrors {@code python3
 * lib/ci-log-reader.py}: the same stdout and exit codes (0; 1 when the database is missing or
 * unreadable; 2 with argparse's usage for bad arguments). Unlike the original it reads Woodpecker
 * 3's BLOB log data (the original fails on it), and when {@code WOODPECKER_REPO_ID} is a
 * repository id it reads only that repository's pipeline of that number.
 */
@Command(
    name = "ci-logs",
    description = "Print the failed steps' CI logs from Woodpecker's SQLite store (ci-log-reader.py).",
    modelTransformer = RawArguments.class)
public final class CiLogsCommand extends CliCommand {
  @Parameters(arity = "0..*", paramLabel = "ARGS",
      description = "pipeline_number [--step STEP_NAME]")
  List<String> args = new ArrayList<>();

  /** Creates the command; picocli calls it. */
  public CiLogsCommand() {}

  @Override
  public Integer call() {
    OptionalLong repo = new CiSettings(env().get("WOODPECKER_REPO_ID")).repoId();
    return LogsOutput.run(args, env().get("WOODPECKER_DATA_DIR"), repo, out(), err());
  }
}
