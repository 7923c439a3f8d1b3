package ai.disinto.examples.cli.pr;

import ai.disinto.forge.pulls.CreateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto pr create BRANCH TITLE BODY [BASE] [API_URL]}. Mirrors {@code pr_create}: prints
 * the new (or already open) PR's number without a newline and exits 0; exits 1 when no PR could
 * be created. BASE defaults to {@code PRIMARY_BRANCH}, API_URL to {@code FORGE_API}. Title and
 * body are redacted before they are sent.
 */
@Command(name = "create", description = "Open a PR and print its number (pr_create).")
public final class PrCreateCommand extends PrSubcommand {
  @Parameters(index = "0", paramLabel = "BRANCH", description = "The head branch.")
  String branch;

  @Parameters(index = "1", paramLabel = "TITLE", description = "The PR title.")
  String title;

  @Parameters(index = "2", paramLabel = "BODY", description = "The PR description.")
  String body;

  @Parameters(index = "3", arity = "0..1", paramLabel = "BASE", description = "Target branch.")
  String base;

  @Parameters(index = "4", arity = "0..1", paramLabel = "API_URL",
      description = "Repository API URL (default FORGE_API).")
  String apiUrl;

  /** Creates the command; picocli calls it. */
  public PrCreateCommand() {}

  @Override
  public Integer call() {
    var forge = client(apiUrl);
    var prs = prs(forge);
    CreateResult r = prs.create(branch, title, body,
        orDefault(base, prs.config().primaryBranch()), forge);
    if (!r.ok()) {
      return 1;
    }
    printData(Long.toString(r.number().getAsLong()));
    return 0;
  }
}
