package ai.disinto.examples.cli.git;

import ai.disinto.examples.cli.CliCommand;
import ai.disinto.examples.cli.CliException;
import ai.disinto.examples.cli.Main;
import ai.disinto.git.worktree.RecoverResult;
import ai.disinto.git.worktree.WorktreeException;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto worktree create|recover|cleanup|cleanup-stale|preserve}: the drop-ins for {@code
 * worktree_create}, {@code worktree_recover}, {@code worktree_cleanup}, {@code
 * worktree_cleanup_stale} and {@code worktree_preserve} of lib/worktree.sh, with the same
 * arguments.
 *
 * <p>{@code create} and {@code recover} exit 0 when the worktree is ready and 1 when git refused
 * (its output is printed on standard output, as the original's {@code 2>&1} shows it) or the path
 * may not be replaced; {@code recover --vars} prints {@code _WORKTREE_REUSED=true|false}. The
 * shell functions leave the caller inside the worktree; a script does {@code cd PATH} itself.
 * {@code cleanup} and {@code preserve} exit 0. {@code cleanup-stale} exits 0 however many it
 * removed (the original returned 1 when there was nothing to clean, which aborted {@code set -e}
 * callers). Log lines go to standard error or {@code LOGFILE}.
 */
@Command(
    name = "worktree",
    description = "Agent worktrees (lib/worktree.sh).",
    subcommands = {
      WorktreeCommand.Create.class, WorktreeCommand.Recover.class, WorktreeCommand.Cleanup.class,
      WorktreeCommand.CleanupStale.class, WorktreeCommand.Preserve.class
    })
public final class WorktreeCommand extends CliCommand {
  /** Creates the command; picocli calls it. */
  public WorktreeCommand() {}

  @Override
  public Integer call() {
    throw new CliException(Main.EXIT_USAGE, "disinto worktree: missing subcommand (create |"
        + " recover | cleanup | cleanup-stale | preserve)");
  }

  /** Prints git's refusal as the original shows it and ends with 1. */
  static int refused(java.io.PrintStream out, WorktreeException e) {
    if (!e.gitOutput().isEmpty()) {
      out.println(e.gitOutput());
      out.flush();
    }
    throw new CliException(1, "disinto worktree: " + e.getMessage());
  }

  /** {@code disinto worktree create PATH BRANCH [BASE_REF]}. */
  @Command(name = "create", description = "Make a fresh worktree at PATH on BRANCH, reset to"
      + " BASE_REF (default <FORGE_REMOTE>/<PRIMARY_BRANCH>) (worktree_create).")
  public static final class Create extends CliCommand {
    @Parameters(index = "0", paramLabel = "PATH") String path;
    @Parameters(index = "1", paramLabel = "BRANCH") String branch;
    @Parameters(index = "2", paramLabel = "BASE_REF", arity = "0..1") String base;

    /** Creates the command; picocli calls it. */
    public Create() {}

    @Override
    public Integer call() {
      try {
        GitCommands.worktrees(ctx(), factoryEnv()).create(GitCommands.path(ctx(), path), branch,
            Optional.ofNullable(base));
        return 0;
      } catch (WorktreeException e) {
        return refused(out(), e);
      }
    }
  }

  /** {@code disinto worktree recover PATH BRANCH [REMOTE] [--vars]}. */
  @Command(name = "recover", description = "Reuse the worktree at PATH when it is on BRANCH"
      + " (fast-forward or reset), else make it from REMOTE/BRANCH (worktree_recover).")
  public static final class Recover extends CliCommand {
    @Parameters(index = "0", paramLabel = "PATH") String path;
    @Parameters(index = "1", paramLabel = "BRANCH") String branch;
    @Parameters(index = "2", paramLabel = "REMOTE", arity = "0..1") String remote;
    @Option(names = "--vars", description = "Print _WORKTREE_REUSED=true|false.") boolean vars;

    /** Creates the command; picocli calls it. */
    public Recover() {}

    @Override
    public Integer call() {
      try {
        RecoverResult r = GitCommands.worktrees(ctx(), factoryEnv())
            .recover(GitCommands.path(ctx(), path), branch, Optional.ofNullable(remote));
        if (vars) {
          printVar("_WORKTREE_REUSED", Boolean.toString(r.reused()));
        }
        return 0;
      } catch (WorktreeException e) {
        if (vars) {
          printVar("_WORKTREE_REUSED", "false");
        }
        return refused(out(), e);
      }
    }
  }

  /** {@code disinto worktree cleanup PATH}. */
  @Command(name = "cleanup", description = "Remove the worktree at PATH and its Claude cache"
      + " (worktree_cleanup).")
  public static final class Cleanup extends CliCommand {
    @Parameters(index = "0", paramLabel = "PATH") String path;

    /** Creates the command; picocli calls it. */
    public Cleanup() {}

    @Override
    public Integer call() {
      GitCommands.worktrees(ctx(), factoryEnv()).cleanup(GitCommands.path(ctx(), path));
      return 0;
    }
  }

  /** {@code disinto worktree cleanup-stale [MAX_AGE_HOURS]}. */
  @Command(name = "cleanup-stale", description = "Remove agent worktrees older than"
      + " MAX_AGE_HOURS (default 24) that are neither preserved nor in use"
      + " (worktree_cleanup_stale).")
  public static final class CleanupStale extends CliCommand {
    @Parameters(index = "0", paramLabel = "MAX_AGE_HOURS", arity = "0..1") Integer hours;

    /** Creates the command; picocli calls it. */
    public CleanupStale() {}

    @Override
    public Integer call() {
      int h = hours == null ? 24 : hours;
      if (h < 0) {
        throw new CliException(Main.EXIT_USAGE, "disinto worktree cleanup-stale: MAX_AGE_HOURS"
            + " must not be negative");
      }
      GitCommands.worktrees(ctx(), factoryEnv()).cleanupStale(Duration.ofHours(h));
      return 0;
    }
  }

  /** {@code disinto worktree preserve PATH [REASON]}. */
  @Command(name = "preserve", description = "Keep the worktree at PATH from the stale sweep"
      + " (worktree_preserve).")
  public static final class Preserve extends CliCommand {
    @Parameters(index = "0", paramLabel = "PATH") String path;
    @Parameters(index = "1", paramLabel = "REASON", arity = "0..1") String reason;

    /** Creates the command; picocli calls it. */
    public Preserve() {}

    @Override
    public Integer call() {
      GitCommands.worktrees(ctx(), factoryEnv()).preserve(GitCommands.path(ctx(), path),
          reason == null ? "unspecified" : reason);
      return 0;
    }
  }
}
