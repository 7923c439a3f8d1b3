package ai.disinto.examples.cli.pr;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto pr is-merged PR}. Mirrors {@code pr_is_merged}: exits 0 when merged, else 1 (also
 * when the PR cannot be read, as the original).
 */
@Command(name = "is-merged", description = "Exit 0 when a PR is merged (pr_is_merged).")
public final class PrIsMergedCommand extends PrSubcommand {
  @Parameters(index = "0", paramLabel = "PR", description = "The PR number.")
  long pr;

  /** Creates the command; picocli calls it. */
  public PrIsMergedCommand() {}

  @Override
  public Integer call() {
    return prs(client()).isMerged(pr).merged() ? 0 : 1;
  }
}
