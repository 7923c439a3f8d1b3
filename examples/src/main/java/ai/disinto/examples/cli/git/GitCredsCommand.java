package ai.disinto.examples.cli.git;

import ai.disinto.core.config.FactoryEnv;
import ai.disinto.examples.cli.CliCommand;
import ai.disinto.examples.cli.CliException;
import ai.disinto.examples.cli.Main;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.git.creds.GitCredentials;
import ai.disinto.git.creds.GitCredentialsException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto git-creds configure|repair}: the drop-ins for {@code configure_git_creds
 * [HOME_DIR] [RUN_AS_CMD]} and {@code repair_baked_cred_urls DIR…} of lib/git-creds.sh.
 *
 * <p>{@code configure} reads {@code FORGE_URL}, {@code FORGE_PASS} and {@code FORGE_TOKEN}; it
 * does nothing when the password or URL is empty, and exits 0 when the helper is set up. As in
 * the original, a token that does not name a user gives {@code dev-bot} (with a warning). The
 * helper answers only for the forge's host and holds no secret; the secret is in an owner-only
 * file beside it. With {@code RUN_AS_CMD} (such as {@code gosu agent}) the files are given to its
 * last word's user. Exit 1 with a reason when the URL is invalid or a file cannot be written.
 *
 * <p>{@code repair} prints {@code Repaired baked credentials in <repo> (remote origin -> <url>)}
 * on standard output for each clone it cleans (the original's default {@code echo}); with {@code
 * _GIT_CREDS_LOG_FN=log} the lines are log lines only. Exit 0, or 1 when a config cannot be
 * rewritten (the original's {@code set -e} abort).
 */
@Command(
    name = "git-creds",
    description = "Git credential helper for the forge (lib/git-creds.sh).",
    subcommands = {GitCredsCommand.Configure.class, GitCredsCommand.Repair.class})
public final class GitCredsCommand extends CliCommand {
  /** Creates the command; picocli calls it. */
  public GitCredsCommand() {}

  @Override
  public Integer call() {
    throw new CliException(Main.EXIT_USAGE,
        "disinto git-creds: missing subcommand (configure | repair)");
  }

  static GitCredentials service(FactoryEnv env, ai.disinto.examples.cli.CliContext ctx) {
    String url = env.get("FORGE_URL").orElse("http://localhost:3000");
    ForgeClient forge = ForgeClient.builder().baseUrl(url).clock(ctx.clock())
        .sleeper(ctx.sleeper()).timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5),
            Duration.ofSeconds(30))
        .retryPolicy(RetryPolicy.defaults()).shortLived(true).build();
    return new GitCredentials(forge);
  }

  /** {@code disinto git-creds configure [HOME_DIR] [RUN_AS_CMD]}. */
  @Command(name = "configure", description = "Write the credential helper for FORGE_URL into"
      + " HOME_DIR (default $HOME, else /home/agent) (configure_git_creds).")
  public static final class Configure extends CliCommand {
    @Parameters(index = "0", paramLabel = "HOME_DIR", arity = "0..1") String homeDir;
    @Parameters(index = "1", paramLabel = "RUN_AS_CMD", arity = "0..1") String runAs;

    /** Creates the command; picocli calls it. */
    public Configure() {}

    @Override
    public Integer call() {
      FactoryEnv env = factoryEnv();
      String home = homeDir != null && !homeDir.isEmpty() ? homeDir
          : env.get("HOME").orElse("/home/agent");
      Optional<String> owner = Optional.ofNullable(runAs).map(String::trim)
          .filter(s -> !s.isEmpty()).map(s -> s.substring(s.lastIndexOf(' ') + 1));
      GitCredentials.Settings settings = new GitCredentials.Settings(env.getOrEmpty("FORGE_URL"),
          env.getOrEmpty("FORGE_PASS"), env.getOrEmpty("FORGE_TOKEN"),
          GitCommands.path(ctx(), home), owner, GitCredentials.Identity.FALLBACK_TO_DEV_BOT);
      if (settings.forgePass().isEmpty() || settings.forgeUrl().isEmpty()) {
        return 0;
      }
      try {
        service(env, ctx()).configure(settings);
        return 0;
      } catch (GitCredentialsException e) {
        throw new CliException(1, "disinto git-creds configure: " + e.getMessage(), e);
      }
    }
  }

  /** {@code disinto git-creds repair DIR…}. */
  @Command(name = "repair", description = "Strip credentials from the origin URL of each clone"
      + " in DIR (repair_baked_cred_urls).")
  public static final class Repair extends CliCommand {
    @Parameters(paramLabel = "DIR", arity = "0..*") String[] dirs;

    /** Creates the command; picocli calls it. */
    public Repair() {}

    @Override
    public Integer call() {
      List<Path> paths = new ArrayList<>();
      for (String d : dirs == null ? new String[0] : dirs) {
        paths.add(GitCommands.path(ctx(), d));
      }
      FactoryEnv env = factoryEnv();
      boolean echo = !"log".equals(env.getOrEmpty("_GIT_CREDS_LOG_FN"));
      try {
        List<GitCredentials.RepairedRemote> repaired = service(env, ctx())
            .repairBakedCredentialUrls(paths);
        if (echo) {
          for (GitCredentials.RepairedRemote r : repaired) {
            out().println("Repaired baked credentials in " + r.repo() + " (remote origin -> "
                + r.cleanUrl() + ")");
          }
          out().flush();
        }
        return 0;
      } catch (GitCredentialsException e) {
        throw new CliException(1, "disinto git-creds repair: " + e.getMessage(), e);
      }
    }
  }
}
