package ai.disinto.examples.cli.pr;

import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto pr find BRANCH [API_URL] [--base BASE]}. Mirrors {@code pr_find_by_branch}:
 * prints the number of the open PR from BRANCH without a newline and exits 0, or exits 1. Without
 * {@code --base} the PR may target any branch, as in the original (one request when it targets
 * {@code PRIMARY_BRANCH}, else a look through the open PRs); with {@code --base} only a PR into
 * BASE counts (one request).
 */
@Command(name = "find", description = "Print the open PR of a branch (pr_find_by_branch).")
public final class PrFindCommand extends PrSubcommand {
  @Parameters(index = "0", paramLabel = "BRANCH", description = "The head branch.")
  String branch;

  @Parameters(index = "1", arity = "0..1", paramLabel = "API_URL",
      description = "Repository API URL (default FORGE_API).")
  String apiUrl;

  @Option(names = "--base", paramLabel = "BASE",
      description = "Only a PR into this branch counts (default: any target branch).")
  String base;

  /** Creates the command; picocli calls it. */
  public PrFindCommand() {}

  @Override
  public Integer call() {
    var forge = client(apiUrl);
    var prs = prs(forge);
    OptionalLong n = base == null || base.isEmpty()
        ? prs.findOpenByBranch(branch, forge)
        : prs.findOpenByBranch(branch, base, forge);
    if (n.isEmpty()) {
      return 1;
    }
    printData(Long.toString(n.getAsLong()));
    return 0;
  }
}
