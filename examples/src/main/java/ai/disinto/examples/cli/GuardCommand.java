package ai.disinto.examples.cli;

import ai.disinto.core.guard.ActiveGuard;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto guard NAME}: exit 0 when the agent's state file
 * {@code $FACTORY_ROOT/state/.NAME-active} exists; otherwise exit 1 after printing what
 * {@code check_active} in {@code lib/guard.sh} prints: the SKIP line on standard error and the log
 * line {@code <agent> not active — skipping} in the log (standard error, or {@code LOGFILE}; never
 * standard output, per the CLI contract). {@code FACTORY_ROOT} defaults to
 * the working directory; the log's agent is {@code LOG_AGENT}.
 */
@Command(
    name = "guard",
    description = "Exit 0 when agent NAME is enabled (state/.NAME-active exists), else 1 with the SKIP message.")
public final class GuardCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "The agent: dev, reviewer, planner, …")
  String name;

  @Override
  public Integer call() {
    ActiveGuard.ActiveCheck check;
    try {
      check = new ActiveGuard(factoryRoot()).check(name);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (check.active()) {
      return 0;
    }
    err().println(check.skipMessage());
    err().flush();
    log(check.logMessage());
    return 1;
  }
}
