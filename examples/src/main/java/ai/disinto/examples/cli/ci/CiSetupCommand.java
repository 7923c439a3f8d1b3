package ai.disinto.examples.cli.ci;

import ai.disinto.ci.setup.ActivationResult;
import ai.disinto.ci.setup.CiSetup;
import ai.disinto.ci.setup.CiSetupSettings;
import ai.disinto.ci.setup.CronPrompt;
import ai.disinto.ci.setup.CronResult;
import ai.disinto.ci.setup.Crontab;
import ai.disinto.ci.setup.TokenOutcome;
import ai.disinto.ci.setup.TokenResult;
import ai.disinto.core.config.FactoryEnv;
import ai.disinto.examples.cli.CliCommand;
import ai.disinto.examples.cli.CliException;
import ai.disinto.forge.setup.EnvFile;
import ai.disinto.forge.setup.SetupSecret;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code disinto ci setup cron|oauth|token|activate ...}: the functions of lib/ci-setup.sh as
 * bin/disinto wraps them ({@code install_cron}, {@code create_woodpecker_oauth}, {@code
 * generate_woodpecker_token}, {@code activate_woodpecker_repo}), each first checking {@code
 * FORGE_URL}, {@code FORGE_TOKEN} and {@code FACTORY_ROOT} (exit 1 with {@code Error: ci-setup.sh
 * requires these globals to be set: NAMES}). Alone it is a usage error.
 */
@Command(
    name = "setup",
    description = "The CI part of disinto init (lib/ci-setup.sh): cron, oauth, token, activate.",
    subcommands = {
      CiSetupCommand.Cron.class,
      CiSetupCommand.OAuth.class,
      CiSetupCommand.Token.class,
      CiSetupCommand.Activate.class,
    })
public final class CiSetupCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Creates the command; picocli calls it. */
  public CiSetupCommand() {}

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /** What the four share: the checked context and the setup built from it. */
  abstract static class Step extends CliCommand {
    FactoryEnv loaded;

    final FactoryEnv config() {
      if (loaded == null) {
        loaded = factoryEnv();
      }
      return loaded;
    }

    final CiSetup setup(String forgeUrl, CronPrompt prompt) {
      Map<String, String> m = config().asMap();
      CiSetupSettings s;
      try {
        s = CiSetupSettings.of(m.getOrDefault("FORGE_URL", ""), m.getOrDefault("FORGE_TOKEN", ""),
            env().getOrDefault("FACTORY_ROOT", m.getOrDefault("FACTORY_ROOT", "")),
            m.getOrDefault("WOODPECKER_SERVER", ""));
      } catch (IllegalStateException e) {
        throw new CliException(1, "Error: " + e.getMessage());
      }
      if (forgeUrl != null && !forgeUrl.isEmpty()) {
        s = new CiSetupSettings(forgeUrl, s.forgeToken(), factoryRoot(), s.woodpeckerServer(),
            s.woodpeckerHost(), s.adminUser(), s.oauthAppName());
      } else {
        s = new CiSetupSettings(s.forgeUrl(), s.forgeToken(), factoryRoot(), s.woodpeckerServer(),
            s.woodpeckerHost(), s.adminUser(), s.oauthAppName());
      }
      return new CiSetup(s, EnvFile.inFactory(factoryRoot()), Crontab.system(env()), prompt,
          sleeper());
    }
  }

  /**
   * {@code disinto ci setup cron NAME TOML [AUTO_YES] [BARE]} ({@code _install_cron_impl}):
   * {@code BARE} other than {@code false} means bare-metal; {@code AUTO_YES} {@code false} asks
   * on a terminal. Exit 1 when crontab is missing or the install failed.
   */
  @Command(name = "cron", description = "Install the pollers' crontab entries (bare-metal only).")
  public static final class Cron extends Step {
    @Parameters(index = "0", paramLabel = "NAME", description = "The project name.")
    String name;

    @Parameters(index = "1", paramLabel = "TOML", description = "The project TOML.")
    String toml;

    @Parameters(index = "2", arity = "0..1", paramLabel = "AUTO_YES",
        description = "true to install without asking (default false).")
    String autoYes = "false";

    @Parameters(index = "3", arity = "0..1", paramLabel = "BARE",
        description = "false (default) in compose mode.")
    String bare = "false";

    /** Creates the command; picocli calls it. */
    public Cron() {}

    @Override
    public Integer call() {
      CronPrompt prompt = new CronPrompt() {
        @Override
        public boolean interactive() {
          return System.console() != null && ctx().in() == System.in;
        }

        @Override
        public Optional<String> ask(String question) {
          err().print(question);
          err().flush();
          try {
            return Optional.ofNullable(new BufferedReader(new InputStreamReader(ctx().in(),
                StandardCharsets.UTF_8)).readLine());
          } catch (IOException e) {
            return Optional.empty();
          }
        }
      };
      CronResult r = setup(null, prompt).installCron(name,
          ctx().workingDir().resolve(Path.of(toml)), !"false".equals(autoYes),
          !"false".equals(bare));
      return r == CronResult.CRONTAB_MISSING || r == CronResult.FAILED ? 1 : 0;
    }
  }

  /**
   * {@code disinto ci setup oauth FORGE_URL [REPO_SLUG]} ({@code _create_woodpecker_oauth_impl}):
   * always exit 0, as the original returns 0 after its warnings.
   */
  @Command(name = "oauth", description = "Create or find the Woodpecker OAuth2 app on Forgejo.")
  public static final class OAuth extends Step {
    @Parameters(index = "0", paramLabel = "FORGE_URL", description = "The forge URL.")
    String forgeUrl;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REPO_SLUG", description = "Unused.")
    String slug;

    /** Creates the command; picocli calls it. */
    public OAuth() {}

    @Override
    public Integer call() {
      setup(forgeUrl, CronPrompt.none()).createWoodpeckerOAuth();
      return 0;
    }
  }

  /**
   * {@code disinto ci setup token FORGE_URL} ({@code _generate_woodpecker_token_impl}): the admin
   * password comes from {@code _FORGE_ADMIN_PASS}, else {@code FORGE_ADMIN_PASS} (which forge
   * setup stores). Exit 0 when a token is set, 1 when none could be made.
   */
  @Command(name = "token", description = "Get a Woodpecker API token through the OAuth login.")
  public static final class Token extends Step {
    @Parameters(index = "0", paramLabel = "FORGE_URL", description = "The forge URL.")
    String forgeUrl;

    /** Creates the command; picocli calls it. */
    public Token() {}

    @Override
    public Integer call() {
      CiSetup ci = setup(forgeUrl, CronPrompt.none());
      String pass = env().getOrDefault("_FORGE_ADMIN_PASS", "");
      if (pass.isEmpty()) {
        pass = config().getOrEmpty("FORGE_ADMIN_PASS");
      }
      TokenResult r = ci.generateWoodpeckerToken(pass.isEmpty() ? Optional.empty()
          : Optional.of(new SetupSecret(pass)));
      return r.outcome() == TokenOutcome.FAILED ? 1 : 0;
    }
  }

  /**
   * {@code disinto ci setup activate FORGE_REPO [--vars]} ({@code
   * _activate_woodpecker_repo_impl}): always exit 0; with {@code --vars} prints {@code
   * _WP_REPO_ID} (empty when no repository id was found or made).
   */
  @Command(name = "activate", description = "Activate the repo in Woodpecker (5-minute timeout).")
  public static final class Activate extends Step {
    @Parameters(index = "0", paramLabel = "FORGE_REPO", description = "owner/name.")
    String repo;

    @Option(names = "--vars", description = "Print _WP_REPO_ID as a NAME=value line.")
    boolean vars;

    /** Creates the command; picocli calls it. */
    public Activate() {}

    @Override
    public Integer call() {
      String token = config().getOrEmpty("WOODPECKER_TOKEN");
      ActivationResult r = setup(null, CronPrompt.none()).activateRepo(repo,
          token.isEmpty() ? Optional.empty() : Optional.of(new SetupSecret(token)));
      if (vars) {
        printVar("_WP_REPO_ID", r.repoId().isPresent() ? Long.toString(r.repoId().getAsLong())
            : "");
      }
      return 0;
    }
  }
}
