package ai.disinto.examples.cli;

import ai.disinto.core.net.UrlValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto validate-url URL [HOSTS]}: exit 0 when the URL is acceptable, 1 when not, with
 * nothing printed. Mirrors {@code validate_url} in {@code lib/env.sh}; HOSTS is one
 * whitespace-separated argument, as the original's second argument.
 */
@Command(
    name = "validate-url",
    description = "Exit 0 when URL is an acceptable http(s) URL (and its host is one of HOSTS), else 1.")
public final class ValidateUrlCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "URL", description = "The URL to check.")
  String url;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "HOSTS",
      description = "Allowed hosts, separated by whitespace; empty means any host.")
  String hosts;

  @Override
  public Integer call() {
    return UrlValidator.isValid(url, UrlValidator.hostList(hosts)) ? 0 : 1;
  }
}
