package ai.disinto.examples.cli.pr;

import ai.disinto.examples.cli.CliCommand;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code disinto pr}: groups the pr-lifecycle subcommands; alone it is a usage error. */
@Command(
    name = "pr",
    description = "Create, poll, merge and walk pull requests as lib/pr-lifecycle.sh does.",
    subcommands = {
      PrCreateCommand.class,
      PrFindCommand.class,
      PrPollCiCommand.class,
      PrPollReviewCommand.class,
      PrMergeCommand.class,
      PrIsMergedCommand.class,
      PrCloseCommand.class,
      PrWalkCommand.class,
      PrPhasePromptCommand.class,
    })
public final class PrCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Creates the command; picocli calls it. */
  public PrCommand() {}

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /**
   * {@code pr merge PR [COMMIT_MSG]}, built without a picocli model for the CLI's fast path (the
   * same class picocli runs, its fields set here).
   *
   * @param pr the PR number as picocli would have parsed it
   * @param message the commit message, or {@code null} when absent
   * @return the command
   */
  public static CliCommand mergeWithoutPicocli(long pr, String message) {
    PrMergeCommand c = new PrMergeCommand();
    c.pr = pr;
    c.message = message;
    return c;
  }

  /**
   * {@code pr create BRANCH TITLE BODY [BASE] [API_URL]}, built without a picocli model for the
   * CLI's fast path.
   *
   * @param positional the three to five positional arguments
   * @return the command
   * @throws IllegalArgumentException when there are fewer than three or more than five
   */
  public static CliCommand createWithoutPicocli(List<String> positional) {
    if (positional.size() < 3 || positional.size() > 5) {
      throw new IllegalArgumentException("pr create takes 3 to 5 arguments, not "
          + positional.size());
    }
    PrCreateCommand c = new PrCreateCommand();
    c.branch = positional.get(0);
    c.title = positional.get(1);
    c.body = positional.get(2);
    c.base = positional.size() > 3 ? positional.get(3) : null;
    c.apiUrl = positional.size() > 4 ? positional.get(4) : null;
    return c;
  }
}
