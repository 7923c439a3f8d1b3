package ai.disinto.examples.cli.pr;

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
}
