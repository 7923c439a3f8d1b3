package ai.disinto.examples.cli.ci;

import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Lets a command take arguments that look like options ({@code --foo}) as positional ones, for
 * the commands that parse their arguments the way the original does (argparse's messages and exit
 * code 2, {@code ci_get_logs}'s {@code Unknown option}).
 */
final class RawArguments implements IModelTransformer {
  RawArguments() {}

  @Override
  public CommandSpec transform(CommandSpec spec) {
    spec.parser().unmatchedOptionsArePositionalParams(true);
    return spec;
  }
}
