package ai.disinto.examples.cli.forge;

import ai.disinto.examples.cli.CliCommand;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto forge api-all PATH [TOKEN]}: every page of a list endpoint as one JSON array.
 * Mirrors {@code forge_api_all} in lib/env.sh (the array printed in jq's layout, {@code []} when
 * empty, no trailing newline; a non-empty TOKEN replaces {@code FORGE_TOKEN}), except that a
 * failing page ends the command (exit 22 for an HTTP error) instead of printing a partial list.
 */
@Command(
    name = "api-all",
    description = "GET every page of a list endpoint and print one JSON array (forge_api_all).")
public final class ForgeApiAllCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "PATH", description = "Repo-relative list path.")
  String path;

  @Parameters(index = "1", arity = "0..1", paramLabel = "TOKEN",
      description = "Token to use instead of FORGE_TOKEN.")
  String token;

  /** Creates the command; picocli calls it. */
  public ForgeApiAllCommand() {}

  @Override
  public Integer call() {
    boolean ownToken = token != null && !token.isEmpty();
    ForgeClient forge = ForgeCli.clientWithoutTokenCheck(factoryEnv(), ctx(), "");
    if (!ownToken) {
      ForgeCli.requireToken(factoryEnv());
    } else {
      forge = forge.withToken(token);
    }
    String json;
    try {
      json = forge.getAllJson(path);
    } catch (ForgeException e) {
      throw ForgeCli.failure("forge api-all", e);
    }
    out().print(json);
    out().flush();
    return 0;
  }
}
