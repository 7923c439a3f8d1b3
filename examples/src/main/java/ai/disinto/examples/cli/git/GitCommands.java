package ai.disinto.examples.cli.git;

import ai.disinto.core.config.FactoryEnv;
import ai.disinto.examples.cli.CliContext;
import ai.disinto.git.GitCli;
import ai.disinto.git.worktree.ActiveSessions;
import ai.disinto.git.worktree.ClaudeProjectCache;
import ai.disinto.git.worktree.WorktreeManager;
import ai.disinto.git.worktree.WorktreeSettings;
import java.nio.file.Path;

/** What the git subcommands share: the git CLI and the worktree manager of the configuration. */
final class GitCommands {
  private GitCommands() {}

  /** The git CLI with the invocation's environment. */
  static GitCli git(CliContext ctx) {
    return GitCli.withEnvironment(ctx.env());
  }

  /** A path of the command line or the configuration, relative to the working directory. */
  static Path path(CliContext ctx, String p) {
    return ctx.workingDir().resolve(p).toAbsolutePath().normalize();
  }

  /**
   * The manager of {@code PROJECT_REPO_ROOT} (the working directory when unset), remote {@code
   * FORGE_REMOTE} (default {@code origin}), {@code PRIMARY_BRANCH} (default {@code main}, as
   * worktree.sh), the Claude cache under {@code CLAUDE_CONFIG_DIR} or {@code $HOME/.claude}, the
   * sweep's root {@code WORKTREE_SCAN_ROOT} (default {@code /tmp}) and tmux's panes as sessions.
   */
  static WorktreeManager worktrees(CliContext ctx, FactoryEnv env) {
    Path repo = env.get("PROJECT_REPO_ROOT").map(p -> path(ctx, p)).orElse(ctx.workingDir());
    String remote = env.get("FORGE_REMOTE").orElse("origin");
    String primary = env.get("PRIMARY_BRANCH").orElse("main");
    Path scan = env.get("WORKTREE_SCAN_ROOT").map(p -> path(ctx, p)).orElse(Path.of("/tmp"));
    Path home = env.get("HOME").map(Path::of).orElse(Path.of(System.getProperty("user.home")));
    Path claude = env.get("CLAUDE_CONFIG_DIR").map(p -> path(ctx, p))
        .orElse(home.resolve(".claude"));
    WorktreeSettings settings = WorktreeSettings.of(repo).withRemote(remote)
        .withPrimaryBranch(primary).withScanRoot(scan);
    return new WorktreeManager(settings, git(ctx), new ClaudeProjectCache(claude),
        ActiveSessions.tmuxPanes(), ctx.clock(), home);
  }
}
