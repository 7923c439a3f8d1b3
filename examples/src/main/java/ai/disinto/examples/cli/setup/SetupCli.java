package ai.disinto.examples.cli.setup;

import ai.disinto.core.config.FactoryEnv;
import ai.disinto.examples.cli.CliContext;
import ai.disinto.examples.cli.CliException;
import ai.disinto.forge.client.ForgeAuth;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.forge.setup.GitAccess;
import java.time.Duration;
import java.util.Optional;

/** What the init subcommands share: the admin client and the admin's git login. */
final class SetupCli {
  static final String ADMIN = "disinto-admin";

  private SetupCli() {}

  /** The admin token: {@code FORGE_ADMIN_TOKEN}, else {@code HUMAN_TOKEN}. */
  static Optional<String> adminToken(FactoryEnv env) {
    return env.get("FORGE_ADMIN_TOKEN").or(() -> env.get("HUMAN_TOKEN"));
  }

  static ForgeClient client(String url, ForgeAuth auth, CliContext ctx) {
    try {
      return ForgeClient.builder().baseUrl(url).auth(auth).clock(ctx.clock())
          .sleeper(ctx.sleeper()).retryPolicy(RetryPolicy.defaults())
          .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(60))
          .shortLived(true).build();
    } catch (RuntimeException e) {
      throw new CliException(1, "ERROR: invalid FORGE_URL: " + e.getMessage(), e);
    }
  }

  /**
   * Git for the ops and {@code .profile} pushes: as the admin when {@code FORGE_ADMIN_PASS} is
   * known, else through the credential helper of the environment.
   */
  static GitAccess adminGit(FactoryEnv env, CliContext ctx) {
    GitAccess git = GitAccess.of(ctx.env());
    return env.get("FORGE_ADMIN_PASS").map(p -> git.withLogin(ADMIN, p)).orElse(git);
  }
}
