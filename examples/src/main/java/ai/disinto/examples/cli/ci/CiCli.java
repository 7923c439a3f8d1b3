package ai.disinto.examples.cli.ci;

import ai.disinto.ci.helpers.CiService;
import ai.disinto.ci.helpers.CiSettings;
import ai.disinto.ci.helpers.WoodpeckerCiGate;
import ai.disinto.ci.logs.CiLogReader;
import ai.disinto.ci.woodpecker.WoodpeckerClient;
import ai.disinto.core.config.FactoryEnv;
import ai.disinto.core.net.InvalidUrlException;
import ai.disinto.examples.cli.CliContext;
import ai.disinto.examples.cli.CliException;
import ai.disinto.forge.client.ForgeClient;
import java.time.Duration;

/** Builds the CI services of a CLI invocation from the factory configuration. */
public final class CiCli {
  private CiCli() {}

  /**
   * The CI service of the configuration.
   *
   * @param env the factory configuration ({@code WOODPECKER_*})
   * @param ctx the invocation, whose clock and sleeper time the clients' retries
   * @param forge the client of the project's repository
   * @param timeout bound of each Woodpecker call, or {@code null} for the client's defaults
   * @return the service
   * @throws CliException exit 1 with env.sh's ERROR line when {@code WOODPECKER_SERVER} is not a
   *     valid URL
   */
  public static CiService service(FactoryEnv env, CliContext ctx, ForgeClient forge,
      Duration timeout) {
    CiSettings settings = new CiSettings(env.woodpeckerRepoId());
    WoodpeckerClient wp;
    try {
      WoodpeckerClient.Builder b = WoodpeckerClient.builder().env(env).clock(ctx.clock())
          .sleeper(ctx.sleeper());
      if (timeout != null) {
        b.callTimeout(timeout).readTimeout(timeout);
      }
      wp = b.build();
    } catch (InvalidUrlException e) {
      throw new CliException(
          1, "ERROR: WOODPECKER_SERVER validation failed - possible URL injection attempt", e);
    }
    CiLogReader reader = new CiLogReader(
        CiLogReader.dataDir(env.getOrEmpty("WOODPECKER_DATA_DIR")), settings.repoId());
    return new CiService(settings, wp, forge, reader);
  }

  /**
   * Walk-to-merge's CI port for the {@code disinto pr} commands: Woodpecker first, the forge's
   * commit status as fallback, failed-step logs from the log store; no failure digest yet.
   *
   * @param env the factory configuration
   * @param ctx the invocation
   * @param forge the client of the PR's repository
   * @return the gate
   */
  public static WoodpeckerCiGate gate(FactoryEnv env, CliContext ctx, ForgeClient forge) {
    return new WoodpeckerCiGate(service(env, ctx, forge, null));
  }
}
