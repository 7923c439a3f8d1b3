package ai.disinto.agent.formula;

import ai.disinto.core.process.ProcessResult;
import ai.disinto.git.GitCli;
import ai.disinto.git.worktree.WorktreeManager;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The isolated, detached worktree a formula agent runs in ({@code /tmp/<project>-<agent>-run}),
 * removed again by {@link #close()}.
 *
 * <p>Mirrors {@code formula_worktree_setup} of lib/formula-session.sh: fetch the primary branch
 * from the forge remote (a failure is not an error), remove whatever is at the path, add a
 * worktree detached at {@code <remote>/<branch>}. Differences: the process's working directory is
 * not changed; the worktree is released by try-with-resources instead of an EXIT trap that
 * replaced the run lock's (so the lock file is no longer left behind).
 */
public final class FormulaWorktree implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FormulaWorktree.class);

  private final WorktreeManager worktrees;
  private final Path path;
  private boolean closed;

  private FormulaWorktree(WorktreeManager worktrees, Path path) {
    this.worktrees = worktrees;
    this.path = path;
  }

  /**
   * Creates the worktree.
   *
   * @param worktrees the manager of the project checkout ({@code PROJECT_REPO_ROOT}); its scan
   *     root must hold the worktree path
   * @param git the git CLI, for the fetch
   * @param remote the forge remote ({@link GitRemotes#resolveForgeRemote}); resolve it first
   * @param branch the primary branch
   * @param worktree where the worktree goes
   * @return the worktree; close it when the run ends
   * @throws ai.disinto.git.worktree.WorktreeException when git cannot add it (the remote branch
   *     is unknown) or the path may not be replaced
   */
  public static FormulaWorktree create(WorktreeManager worktrees, GitCli git, String remote,
      String branch, Path worktree) {
    Objects.requireNonNull(worktrees, "worktrees");
    Path repo = worktrees.settings().repoRoot();
    ProcessResult fetch = git.run(repo, GitCli.NETWORK_TIMEOUT, "fetch", "--quiet", remote,
        branch);
    if (!fetch.succeeded()) {
      LOG.debug("fetch of {} from {} failed: {}", branch, remote, GitCli.describe(fetch));
    }
    Path p = worktrees.createDetached(worktree, remote + "/" + branch);
    return new FormulaWorktree(worktrees, p);
  }

  /**
   * The worktree's absolute path.
   *
   * @return the path
   */
  public Path path() {
    return path;
  }

  /** Removes the worktree (and its Claude cache). Idempotent; never throws. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!worktrees.cleanup(path)) {
      LOG.warn("could not remove the worktree {}", path);
    }
  }

  @Override
  public String toString() {
    return "FormulaWorktree[" + path + "]";
  }
}
