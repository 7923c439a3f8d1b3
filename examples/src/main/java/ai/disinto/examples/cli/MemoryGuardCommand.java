package ai.disinto.examples.cli;

import ai.disinto.core.sys.MemoryGuard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto memory-guard [MB]}: exit 0 when at least MB megabytes (default 2000) are
 * available; otherwise exit 1 after logging {@code SKIP: only <avail>MB available (need <MB>MB)}
 * to the log (standard error, or {@code LOGFILE}; the original's {@code log} writes to standard
 * output, which the CLI contract forbids). When the host has
 * no {@code /proc/meminfo}, memory counts as enough (a warning goes to the log on standard error).
 */
@Command(
    name = "memory-guard",
    description = "Exit 0 when at least MB megabytes of memory are available, else 1 with the SKIP message.")
public final class MemoryGuardCommand extends CliCommand {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "MB",
      defaultValue = "" + MemoryGuard.DEFAULT_MIN_MB,
      description = "The minimum in megabytes (default ${DEFAULT-VALUE}).")
  long minMb;

  @Override
  public Integer call() {
    MemoryGuard.MemoryCheck check = MemoryGuard.check(minMb);
    if (check.sufficient()) {
      return 0;
    }
    log(check.message());
    return 1;
  }
}
