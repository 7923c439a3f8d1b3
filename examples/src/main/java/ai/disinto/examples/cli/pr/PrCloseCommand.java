package ai.disinto.examples.cli.pr;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto pr close PR}. Mirrors {@code pr_close}: exits 0 when the forge answered 200, 201
 * or 204, else 1 (the log line names the status and the forge's message).
 */
@Command(name = "close", description = "Close a PR without merging (pr_close).")
public final class PrCloseCommand extends PrSubcommand {
  @Parameters(index = "0", paramLabel = "PR", description = "The PR number.")
  long pr;

  /** Creates the command; picocli calls it. */
  public PrCloseCommand() {}

  @Override
  public Integer call() {
    return prs(client()).close(pr).done() ? 0 : 1;
  }
}
