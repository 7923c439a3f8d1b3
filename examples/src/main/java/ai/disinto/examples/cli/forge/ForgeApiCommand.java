package ai.disinto.examples.cli.forge;

import ai.disinto.examples.cli.CliCommand;
import ai.disinto.examples.cli.CliException;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.ForgeResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto forge api METHOD PATH [--data JSON]}: one request against {@code FORGE_API}.
 * Mirrors {@code forge_api} in lib/env.sh: the body goes to stdout untouched; a status of 400 or
 * more exits 22 with no body (curl {@code -f}); a transport failure exits with curl's code; an
 * invalid {@code FORGE_API} exits 1 with the original's ERROR line.
 */
@Command(
    name = "api",
    description = "Send METHOD to FORGE_API + PATH and print the answer's body (forge_api).")
public final class ForgeApiCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "METHOD", description = "GET, POST, PATCH, PUT, DELETE.")
  String method;

  @Parameters(index = "1", paramLabel = "PATH", description = "Repo-relative path, e.g. /issues/5.")
  String path;

  @Option(names = {"--data", "-d"}, paramLabel = "JSON", description = "The JSON request body.")
  String data;

  /** Creates the command; picocli calls it. */
  public ForgeApiCommand() {}

  @Override
  public Integer call() {
    ForgeResponse response;
    try {
      response = ForgeCli.client(factoryEnv(), ctx()).send(method, path, data);
    } catch (ForgeException e) {
      throw ForgeCli.failure("forge api", e);
    }
    // curl -f fails on 400 and above only: a redirect that was not followed is a success.
    if (response.status() >= 400) {
      throw new CliException(ForgeCli.CURL_HTTP_ERROR,
          "disinto: forge api: " + response.method() + " " + response.path() + ": HTTP "
              + response.status());
    }
    out().print(response.body());
    out().flush();
    return 0;
  }
}
