package ai.disinto.examples.cli.ci;

import ai.disinto.ci.woodpecker.WoodpeckerClient;
import ai.disinto.ci.woodpecker.WoodpeckerException;
import ai.disinto.ci.woodpecker.WoodpeckerResponse;
import ai.disinto.ci.woodpecker.WoodpeckerTransportException;
import ai.disinto.core.net.InvalidUrlException;
import ai.disinto.examples.cli.CliCommand;
import ai.disinto.examples.cli.CliException;
import ai.disinto.examples.cli.forge.ForgeCli;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto woodpecker api PATH [-X METHOD] [-d JSON] [--max-time SECONDS]}: one request of
 * {@code WOODPECKER_SERVER/api + PATH} with {@code WOODPECKER_TOKEN}. Mirrors {@code
 * woodpecker_api} in lib/env.sh (curl {@code -sfL}): the body goes to stdout untouched; a status of
 * 400 or more exits 22 with no body; a transport failure exits with curl's code; an invalid {@code
 * WOODPECKER_SERVER} exits 1 with the original's ERROR line before any request. The options are
 * the curl arguments callers pass through.
 */
@Command(
    name = "api",
    description = "GET WOODPECKER_SERVER/api + PATH and print the answer's body (woodpecker_api).")
public final class WoodpeckerApiCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "PATH", description = "Path below /api, e.g. /repos/3/pipelines.")
  String path;

  @Option(names = {"--request", "-X"}, paramLabel = "METHOD", description = "The HTTP method (GET).")
  String method = "GET";

  @Option(names = {"--data", "-d"}, paramLabel = "JSON", description = "The request body.")
  String data;

  @Option(names = "--max-time", paramLabel = "SECONDS", description = "Give up after this long.")
  Long maxTime;

  /** Creates the command; picocli calls it. */
  public WoodpeckerApiCommand() {}

  @Override
  public Integer call() {
    WoodpeckerClient client;
    try {
      WoodpeckerClient.Builder b = WoodpeckerClient.builder().env(factoryEnv()).clock(clock())
          .sleeper(sleeper());
      if (maxTime != null) {
        b.callTimeout(Duration.ofSeconds(maxTime)).readTimeout(Duration.ofSeconds(maxTime));
      }
      client = b.build();
    } catch (InvalidUrlException e) {
      throw new CliException(
          1, "ERROR: WOODPECKER_SERVER validation failed - possible URL injection attempt", e);
    }
    String verb = data != null && method.equals("GET") ? "POST" : method;
    WoodpeckerResponse response;
    try {
      response = client.api(verb, path, data);
    } catch (WoodpeckerTransportException e) {
      throw new CliException(ForgeCli.curlTransportCode(e.kind()),
          "disinto: woodpecker api: " + e.getMessage(), e);
    } catch (WoodpeckerException e) {
      throw new CliException(1, "disinto: woodpecker api: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      // curl's "URL using bad/illegal format".
      throw new CliException(3, "disinto: woodpecker api: " + e.getMessage(), e);
    }
    if (response.status() >= 400) {
      throw new CliException(ForgeCli.CURL_HTTP_ERROR, "disinto: woodpecker api: "
          + response.method() + " " + response.path() + ": HTTP " + response.status());
    }
    out().print(response.body());
    out().flush();
    return 0;
  }
}
