package ai.disinto.examples.cli.setup;

import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;

/** Lets {@code disinto hire} take its flags as the original parses them (its own messages). */
final class RawArguments implements IModelTransformer {
  RawArguments() {}

  @Override
  public CommandSpec transform(CommandSpec spec) {
    spec.parser().unmatchedOptionsArePositionalParams(true);
    return spec;
  }
}
