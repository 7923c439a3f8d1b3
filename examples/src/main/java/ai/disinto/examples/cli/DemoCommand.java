package ai.disinto.examples.cli;

import ai.disinto.examples.demo.DemoReport;
import ai.disinto.examples.demo.FactoryDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code disinto demo [--forge-url URL] [--repo OWNER/NAME] [--verbose]}: one whole factory cycle
 * on a mock Forgejo (see {@link FactoryDemo}). Step lines and the summary go to standard output;
 * with {@code --verbose} the lifecycles' log lines go to standard error. Exit 0 when every
 * backlog issue ended closed and every PR merged, 1 otherwise.
 */
@Command(
    name = "demo",
    description = "Work off a small backlog on a mock Forgejo: suggest, claim, PR, CI, review,"
        + " merge, close.")
public final class DemoCommand extends CliCommand {
  @Option(names = "--forge-url", paramLabel = "URL",
      description = "A running `disinto mock-forgejo` to use instead of an embedded one.")
  String forgeUrl;

  @Option(names = "--repo", paramLabel = "OWNER/NAME", defaultValue = FactoryDemo.DEFAULT_REPO,
      description = "The repository to create (default ${DEFAULT-VALUE}).")
  String repo;

  @Option(names = "--verbose", description = "Show the lifecycles' log lines on standard error.")
  boolean verbose;

  @Override
  public Integer call() {
    FactoryDemo.Builder demo = FactoryDemo.builder().forgeUrl(forgeUrl).out(out());
    try {
      demo.repo(repo);
    } catch (IllegalArgumentException e) {
      throw new CliException(Main.EXIT_USAGE, "disinto demo: " + e.getMessage());
    }
    if (verbose) {
      demo.log(err());
    }
    DemoReport report = demo.build().run();
    return report.complete() ? 0 : 1;
  }
}
