package ai.disinto.examples.cli.setup;

import ai.disinto.core.config.FactoryEnv;
import ai.disinto.examples.cli.CliCommand;
import ai.disinto.examples.cli.CliException;
import ai.disinto.forge.client.ForgeAuth;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.setup.BranchProtection;
import ai.disinto.forge.setup.HireAgent;
import ai.disinto.forge.setup.HireAgentException;
import ai.disinto.forge.setup.HireRequest;
import ai.disinto.forge.setup.HireUsageException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto hire <agent-name> <role> [--formula <path>] [--local-model <url>] [--model
 * <name>] [--poll-interval <seconds>]}: the drop-in for {@code disinto_hire_an_agent} of
 * lib/hire-agent.sh.
 *
 * <p>Needs {@code FORGE_TOKEN} ({@code Error: FORGE_TOKEN not set}, exit 1, as the original) and
 * admin credentials: {@code FORGE_ADMIN_TOKEN}, else {@code HUMAN_TOKEN}, else {@code
 * FORGE_ADMIN_PASS} for basic login as {@code disinto-admin} (never the password {@code admin}).
 * {@code .profile} is pushed as {@code disinto-admin} with {@code FORGE_ADMIN_PASS}, else through
 * git's credential helper. Writes {@code FORGE_{ROLE}_TOKEN} and {@code FORGE_{ROLE}_PASS} into
 * {@code FACTORY_ROOT/.env}. Exit 0 when hired, 1 with {@code Error: …} (and the usage line for
 * wrong arguments) otherwise. Progress lines go to standard error.
 */
@Command(name = "hire", description = "Hire an agent: user, token, .profile repo, protection,"
    + " state marker, local-model config (disinto_hire_an_agent).",
    modelTransformer = RawArguments.class)
public final class HireCommand extends CliCommand {
  @Parameters(arity = "0..*", paramLabel = "ARG", description = "<agent-name> <role> [--formula"
      + " <path>] [--local-model <url>] [--model <name>] [--poll-interval <seconds>]")
  List<String> args = new ArrayList<>();

  /** Creates the command; picocli calls it. */
  public HireCommand() {}

  @Override
  public Integer call() {
    HireRequest request;
    try {
      request = HireAgent.parseArgs(args);
    } catch (HireUsageException e) {
      throw new CliException(1, "Error: " + e.getMessage() + "\n" + HireUsageException.USAGE, e);
    }
    FactoryEnv env = factoryEnv();
    if (env.get("FORGE_TOKEN").isEmpty()) {
      throw new CliException(1, "Error: FORGE_TOKEN not set");
    }
    String url = env.get("FORGE_URL").orElse("http://localhost:3000");
    ForgeAuth auth = SetupCli.adminToken(env).map(ForgeAuth::token)
        .or(() -> env.get("FORGE_ADMIN_PASS").map(p -> ForgeAuth.basic(SetupCli.ADMIN, p)))
        .orElseThrow(() -> new CliException(1, "Error: failed to obtain admin API access"
            + " (set FORGE_ADMIN_TOKEN, HUMAN_TOKEN or FORGE_ADMIN_PASS)"));
    var admin = SetupCli.client(url, auth, ctx());
    HireAgent hire = new HireAgent(admin, new BranchProtection(admin, sleeper()),
        new HireAgent.Settings(factoryRoot(), url, env.getOrEmpty("PROJECT_NAME"),
            env.get("FORGE_REPO"), SetupCli.adminGit(env, ctx()), new SecureRandom(),
            Optional.empty(), HireCommand::answers));
    try {
      hire.hire(request);
      return 0;
    } catch (HireAgentException | ForgeException | UncheckedIOException e) {
      throw new CliException(1, "Error: " + e.getMessage(), e);
    }
  }

  /** The model probe: {@code /health} must answer 2xx, the completions route any status. */
  static boolean answers(URI url) {
    OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();
    try (Response r = http.newCall(new Request.Builder().url(url.toString()).build()).execute()) {
      return !url.getPath().endsWith("/health") || r.isSuccessful();
    } catch (java.io.IOException | IllegalArgumentException e) {
      return false;
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }
}
