package ai.disinto.examples.cli.ci;

import ai.disinto.ci.helpers.CiService;
import ai.disinto.ci.helpers.CiSettings;
import ai.disinto.ci.logs.CiLogReader;
import ai.disinto.core.config.FactoryEnv;
import ai.disinto.examples.cli.CliCommand;
import ai.disinto.examples.cli.forge.ForgeCli;
import java.time.Duration;

/**
 * What the {@code disinto ci} subcommands share: the loaded configuration and the {@link
 * CiService} built from it ({@code WOODPECKER_SERVER}, {@code WOODPECKER_TOKEN}, {@code
 * WOODPECKER_REPO_ID}, {@code WOODPECKER_DATA_DIR}, {@code FORGE_*}).
 */
abstract class CiSubcommand extends CliCommand {
  /** The original's {@code --max-time} of the step-log reads of classify_pipeline_failure. */
  static final Duration CLASSIFY_TIMEOUT = Duration.ofSeconds(15);

  private FactoryEnv env;

  /** The configuration, loaded once per invocation. */
  final FactoryEnv factory() {
    if (env == null) {
      env = factoryEnv();
    }
    return env;
  }

  /** The CI settings of the configuration. */
  final CiSettings settings() {
    return new CiSettings(factory().woodpeckerRepoId());
  }

  /** The log reader of {@code WOODPECKER_DATA_DIR}, restricted to the configured repository. */
  final CiLogReader logReader() {
    return new CiLogReader(CiLogReader.dataDir(factory().getOrEmpty("WOODPECKER_DATA_DIR")),
        settings().repoId());
  }

  /** The service, with the forge client of {@code FORGE_API}. */
  final CiService service() {
    return service(null);
  }

  /** The service, its Woodpecker calls bounded by {@code timeout} when not null. */
  final CiService service(Duration timeout) {
    return CiCli.service(factory(), ctx(), ForgeCli.clientWithoutTokenCheck(factory(), ctx(), ""),
        timeout);
  }

  /** A number argument as the shell passes it on: not a number is a failed request. */
  static long number(String text, long fallback) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
