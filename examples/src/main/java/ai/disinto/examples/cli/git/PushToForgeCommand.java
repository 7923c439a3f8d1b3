package ai.disinto.examples.cli.git;

import ai.disinto.core.config.FactoryEnv;
import ai.disinto.examples.cli.CliCommand;
import ai.disinto.examples.cli.CliException;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.forge.client.model.User;
import ai.disinto.git.GitAuth;
import ai.disinto.git.creds.GitCredentials;
import ai.disinto.git.push.ForgePush;
import ai.disinto.git.push.PushResult;
import java.io.PrintStream;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto push-to-forge REPO_ROOT FORGE_URL REPO_SLUG}: the drop-in for {@code
 * push_to_forge} of lib/forge-push.sh.
 *
 * <p>Prints the original's lines on standard output ({@code Remote:  forgejo -> <url>}, {@code
 * Push:    skipped (local repo has no commits)}, {@code Pushing: branches to forgejo}, {@code
 * Pushing: tags to forgejo}, {@code Verify:  repo is not empty (push confirmed)}) and its errors on
 * standard error ({@code Error: failed to push branches to Forgejo}, {@code Error: failed to push
 * tags to Forgejo}, {@code Warning: Forgejo repo still reports empty after push}, each after a
 * line naming the refused refs or the failure). Exit 0 when pushed (or nothing to push), 1
 * otherwise; an unreachable API leaves the push unverified with exit 0, as the original.
 *
 * <p>The push authenticates with the bot's password {@code FORGE_PASS} (the git transport
 * rejects tokens) as the user {@code FORGE_TOKEN} belongs to ({@code dev-bot} when it names
 * none), so no credential helper is needed; without {@code FORGE_PASS} it exits 1 before pushing.
 */
@Command(name = "push-to-forge", description = "Push every local branch and tag of REPO_ROOT to"
    + " FORGE_URL/REPO_SLUG.git and check the forge has it (push_to_forge).")
public final class PushToForgeCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "REPO_ROOT") String repoRoot;
  @Parameters(index = "1", paramLabel = "FORGE_URL") String forgeUrl;
  @Parameters(index = "2", paramLabel = "REPO_SLUG") String slug;

  /** Creates the command; picocli calls it. */
  public PushToForgeCommand() {}

  @Override
  public Integer call() {
    FactoryEnv env = factoryEnv();
    String pass = env.getOrEmpty("FORGE_PASS");
    if (pass.isEmpty()) {
      throw new CliException(1, "disinto push-to-forge: FORGE_PASS is not set (the bot's"
          + " password authenticates the push)");
    }
    ForgeClient forge = ForgeClient.builder().baseUrl(forgeUrl.replaceAll("/+$", ""))
        .token(env.getOrEmpty("FORGE_TOKEN")).retryPolicy(RetryPolicy.none())
        .timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10))
        .clock(clock()).sleeper(sleeper()).shortLived(true).build();
    String user = botUser(forge, env);
    PushResult r;
    try {
      r = new ForgePush(forge, sleeper()).push(GitCommands.path(ctx(), repoRoot), forgeUrl, slug,
          new GitAuth(user, pass));
    } catch (IllegalArgumentException e) {
      throw new CliException(1, "disinto push-to-forge: " + e.getMessage(), e);
    }
    return report(r, out(), err());
  }

  private static String botUser(ForgeClient forge, FactoryEnv env) {
    String fixed = env.getOrEmpty("FORGE_BOT_USER");
    if (!fixed.isEmpty()) {
      return fixed;
    }
    if (!env.getOrEmpty("FORGE_TOKEN").isEmpty()) {
      try {
        User me = forge.root().get("/user", User.class);
        if (me != null && me.login() != null && !me.login().isBlank()) {
          return me.login();
        }
      } catch (ForgeException e) {
        // As configure_git_creds: the bot's default login.
      }
    }
    return GitCredentials.FALLBACK_USER;
  }

  static int report(PushResult r, PrintStream out, PrintStream err) {
    if (r.outcome() == PushResult.Outcome.REMOTE_FAILED) {
      err.println("Error: " + r.detail());
      err.flush();
      return 1;
    }
    out.println("Remote:  forgejo -> " + r.remoteUrl());
    try {
      switch (r.outcome()) {
        case SKIPPED_NO_COMMITS -> {
          out.println("Push:    skipped (local repo has no commits)");
          return 0;
        }
        case BRANCHES_FAILED -> {
          out.println("Pushing: branches to forgejo");
          out.println(r.detail());
          err.println("Error: failed to push branches to Forgejo");
          return 1;
        }
        case TAGS_FAILED -> {
          out.println("Pushing: branches to forgejo");
          out.println("Pushing: tags to forgejo");
          out.println(r.detail());
          err.println("Error: failed to push tags to Forgejo");
          return 1;
        }
        case STILL_EMPTY -> {
          out.println("Pushing: branches to forgejo");
          out.println("Pushing: tags to forgejo");
          err.println("Warning: Forgejo repo still reports empty after push");
          return 1;
        }
        case PUSHED_VERIFIED -> {
          out.println("Pushing: branches to forgejo");
          out.println("Pushing: tags to forgejo");
          out.println("Verify:  repo is not empty (push confirmed)");
          return 0;
        }
        default -> {
          out.println("Pushing: branches to forgejo");
          out.println("Pushing: tags to forgejo");
          return 0;
        }
      }
    } finally {
      out.flush();
      err.flush();
    }
  }
}
