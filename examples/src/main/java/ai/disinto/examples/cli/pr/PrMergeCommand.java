package ai.disinto.examples.cli.pr;

import ai.disinto.forge.pulls.MergeResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto pr merge PR [COMMIT_MSG] [--vars]}. Mirrors {@code pr_merge}: exits 0 merged, 1
 * failed, 2 blocked (405); with {@code --vars} prints {@code _PR_MERGE_ERROR} (empty when merged).
 * The message is redacted before it is sent, since it ends up in git history.
 */
@Command(name = "merge", description = "Merge a PR (pr_merge).")
public final class PrMergeCommand extends PrSubcommand {
  @Parameters(index = "0", paramLabel = "PR", description = "The PR number.")
  long pr;

  @Parameters(index = "1", arity = "0..1", paramLabel = "COMMIT_MSG",
      description = "The merge commit's message body.")
  String message;

  @Option(names = "--vars", description = "Print the output variables as NAME=value lines.")
  boolean vars;

  /** Creates the command; picocli calls it. */
  public PrMergeCommand() {}

  @Override
  public Integer call() {
    MergeResult r = prs(client()).merge(pr, message);
    if (vars) {
      printVar("_PR_MERGE_ERROR", PrResults.mergeError(r));
    }
    return PrResults.exitCode(r);
  }
}
