package ai.disinto.examples.cli.ci;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code disinto woodpecker}: groups the Woodpecker subcommands; alone it is a usage error. */
@Command(
    name = "woodpecker",
    description = "Talk to the Woodpecker CI API as lib/env.sh's woodpecker_api does.",
    subcommands = {WoodpeckerApiCommand.class})
public final class WoodpeckerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Creates the command; picocli calls it. */
  public WoodpeckerCommand() {}

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
