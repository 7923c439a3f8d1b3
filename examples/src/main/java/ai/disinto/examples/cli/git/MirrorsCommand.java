package ai.disinto.examples.cli.git;

import ai.disinto.core.config.FactoryEnv;
import ai.disinto.examples.cli.CliCommand;
import ai.disinto.examples.cli.CliException;
import ai.disinto.examples.cli.Main;
import ai.disinto.git.mirrors.MirrorPusher;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;

/**
 * {@code disinto mirrors push}: the drop-in for {@code mirror_push} of lib/mirrors.sh. Reads
 * {@code MIRROR_NAMES}, {@code MIRROR_<NAME>}, {@code PROJECT_REPO_ROOT} and {@code
 * PRIMARY_BRANCH} (from the environment, {@code .env} or the project TOML) and pushes the primary
 * branch and every tag to each mirror, all at once. Always exits 0, as the original; the outcome of
 * each push is a log line ({@code mirror: <name> ok}, or a warning naming the failure). Unlike the
 * original, which left the pushes running in the background, the command waits until every push
 * has ended, each within {@code MIRROR_PUSH_TIMEOUT} seconds (default 600), so none outlives it.
 */
@Command(name = "mirrors", description = "Mirror pushes (lib/mirrors.sh).",
    subcommands = MirrorsCommand.Push.class)
public final class MirrorsCommand extends CliCommand {
  /** Creates the command; picocli calls it. */
  public MirrorsCommand() {}

  @Override
  public Integer call() {
    throw new CliException(Main.EXIT_USAGE, "disinto mirrors: missing subcommand (push)");
  }

  /** {@code disinto mirrors push}. */
  @Command(name = "push", description = "Push PRIMARY_BRANCH and all tags to every configured"
      + " mirror (mirror_push).")
  public static final class Push extends CliCommand {
    /** Creates the command; picocli calls it. */
    public Push() {}

    @Override
    public Integer call() {
      FactoryEnv env = factoryEnv();
      String root = env.getOrEmpty("PROJECT_REPO_ROOT");
      String branch = env.getOrEmpty("PRIMARY_BRANCH");
      if (root.isEmpty() || branch.isEmpty() || env.getOrEmpty("MIRROR_NAMES").isBlank()) {
        return 0;
      }
      Duration timeout = MirrorPusher.DEFAULT_TIMEOUT;
      String t = env.getOrEmpty("MIRROR_PUSH_TIMEOUT");
      if (t.matches("[1-9][0-9]{0,6}")) {
        timeout = Duration.ofSeconds(Long.parseLong(t));
      }
      Path repo = GitCommands.path(ctx(), root);
      new MirrorPusher(GitCommands.git(ctx()), timeout).pushAllAndWait(repo, branch,
          MirrorPusher.fromEnvironment(env.asMap()));
      return 0;
    }
  }
}
