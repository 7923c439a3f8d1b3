package ai.disinto.examples.cli.forge;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code disinto forge}: groups the forge subcommands; alone it is a usage error. */
@Command(
    name = "forge",
    description = "Talk to the Forgejo API as lib/env.sh's forge_api and forge_api_all do; set it up"
        + " as lib/forge-setup.sh does.",
    subcommands = {ForgeApiCommand.class, ForgeApiAllCommand.class, ForgeSetupCommand.class})
public final class ForgeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Creates the command; picocli calls it. */
  public ForgeCommand() {}

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
