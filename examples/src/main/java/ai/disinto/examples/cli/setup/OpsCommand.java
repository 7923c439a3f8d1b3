package ai.disinto.examples.cli.setup;

import ai.disinto.core.config.FactoryEnv;
import ai.disinto.examples.cli.CliCommand;
import ai.disinto.examples.cli.CliException;
import ai.disinto.examples.cli.Main;
import ai.disinto.forge.client.ForgeAuth;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.setup.OpsSetup;
import ai.disinto.forge.setup.OpsSetupException;
import ai.disinto.forge.setup.OpsSetupResult;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto ops setup|migrate}: the drop-ins for {@code setup_ops_repo FORGE_URL OPS_SLUG
 * OPS_ROOT [PRIMARY_BRANCH] [ADMIN_TOKEN]} and {@code migrate_ops_repo [OPS_ROOT]
 * [PRIMARY_BRANCH]} of lib/ops-setup.sh.
 *
 * <p>{@code setup} uses the admin token (argument, else {@code FORGE_ADMIN_TOKEN}, else {@code
 * HUMAN_TOKEN}, else {@code FORGE_TOKEN}) for every forge call, and pushes the seed as {@code
 * disinto-admin} when {@code FORGE_ADMIN_PASS} is known (else through git's credential helper).
 * With {@code --vars} it prints {@code _ACTUAL_OPS_SLUG=…}. Exit 0, or 1 with {@code Error: …}
 * when the repository can neither be found nor created. {@code migrate} exits 0 also when it
 * skips, 1 when its commit fails. Progress lines go to standard error.
 */
@Command(name = "ops", description = "The ops repo: create, seed and migrate (lib/ops-setup.sh).",
    subcommands = {OpsCommand.Setup.class, OpsCommand.Migrate.class})
public final class OpsCommand extends CliCommand {
  /** Creates the command; picocli calls it. */
  public OpsCommand() {}

  @Override
  public Integer call() {
    throw new CliException(Main.EXIT_USAGE, "disinto ops: missing subcommand (setup | migrate)");
  }

  static OpsSetup service(FactoryEnv env, String url, String token,
      String branch, Path factoryRoot, ai.disinto.examples.cli.CliContext ctx) {
    return new OpsSetup(SetupCli.client(url, ForgeAuth.token(token), ctx),
        new OpsSetup.Settings(url, branch, Optional.of(factoryRoot.resolve("vault/policy.toml")),
            SetupCli.adminGit(env, ctx)));
  }

  /** {@code disinto ops setup FORGE_URL OPS_SLUG OPS_ROOT [PRIMARY_BRANCH] [ADMIN_TOKEN]}. */
  @Command(name = "setup", description = "Find or create the ops repo, set its collaborators,"
      + " clone and seed it (setup_ops_repo).")
  public static final class Setup extends CliCommand {
    @Parameters(index = "0", paramLabel = "FORGE_URL") String forgeUrl;
    @Parameters(index = "1", paramLabel = "OPS_SLUG") String slug;
    @Parameters(index = "2", paramLabel = "OPS_ROOT") String root;
    @Parameters(index = "3", arity = "0..1", paramLabel = "PRIMARY_BRANCH") String branch;
    @Parameters(index = "4", arity = "0..1", paramLabel = "ADMIN_TOKEN") String adminToken;
    @Option(names = "--vars", description = "Print _ACTUAL_OPS_SLUG.") boolean vars;

    /** Creates the command; picocli calls it. */
    public Setup() {}

    @Override
    public Integer call() {
      FactoryEnv env = factoryEnv();
      String token = adminToken != null && !adminToken.isEmpty() ? adminToken
          : SetupCli.adminToken(env).orElse(env.getOrEmpty("FORGE_TOKEN"));
      if (token.isEmpty()) {
        throw new CliException(1, "Error: no admin token (FORGE_ADMIN_TOKEN, HUMAN_TOKEN or"
            + " FORGE_TOKEN)");
      }
      String b = branch == null || branch.isEmpty() ? "main" : branch;
      try {
        OpsSetupResult r = service(env, forgeUrl, token, b, factoryRoot(), ctx())
            .setup(slug, ctx().workingDir().resolve(root));
        if (vars) {
          printVar("_ACTUAL_OPS_SLUG", r.actualSlug());
        }
        return 0;
      } catch (OpsSetupException | ForgeException | UncheckedIOException
          | IllegalArgumentException e) {
        throw new CliException(1, "Error: " + e.getMessage(), e);
      }
    }
  }

  /** {@code disinto ops migrate [OPS_ROOT] [PRIMARY_BRANCH]}. */
  @Command(name = "migrate", description = "Add the canonical folders and files missing from an"
      + " ops checkout, commit and push (migrate_ops_repo).")
  public static final class Migrate extends CliCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "OPS_ROOT") String root;
    @Parameters(index = "1", arity = "0..1", paramLabel = "PRIMARY_BRANCH") String branch;

    /** Creates the command; picocli calls it. */
    public Migrate() {}

    @Override
    public Integer call() {
      FactoryEnv env = factoryEnv();
      String b = branch == null || branch.isEmpty() ? "main" : branch;
      Path at = OpsSetup.migrationRoot(root, env.asMap()).map(p -> ctx().workingDir().resolve(p))
          .orElse(null);
      String url = env.get("FORGE_URL").orElse("http://localhost:3000");
      String token = SetupCli.adminToken(env).orElse(env.getOrEmpty("FORGE_TOKEN"));
      try {
        service(env, url, token.isEmpty() ? "-" : token, b, factoryRoot(), ctx()).migrate(at);
        return 0;
      } catch (OpsSetupException | UncheckedIOException e) {
        throw new CliException(1, "Error: " + e.getMessage(), e);
      }
    }
  }
}
