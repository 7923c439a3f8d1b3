package ai.disinto.git.worktree;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Which repository the {@link WorktreeManager} manages and where its worktrees live.
 *
 * @param repoRoot the main checkout ({@code PROJECT_REPO_ROOT}); never modified by the manager
 * @param remote the remote of base refs and recovery ({@code FORGE_REMOTE}, default {@code
 *     origin})
 * @param primaryBranch the default base branch ({@code PRIMARY_BRANCH}; worktree.sh falls back to
 *     {@code main})
 * @param scanRoot the folder the stale sweep looks in, and the only folder under which the manager
 *     deletes anything ({@code /tmp} in the original)
 * @param staleGlobs the names the stale sweep considers, in order
 */
public record WorktreeSettings(Path repoRoot, String remote, String primaryBranch, Path scanRoot,
    List<String> staleGlobs) {

  /** The names of agent worktrees the original sweeps. */
  public static final List<String> DEFAULT_STALE_GLOBS =
      List.of("*-worktree-*", "action-*-[0-9]*", "disinto-*");

  /**
   * Checks and normalises the parts.
   *
   * @param repoRoot the main checkout
   * @param remote the remote name
   * @param primaryBranch the primary branch
   * @param scanRoot the worktree root
   * @param staleGlobs the sweep's names
   * @throws IllegalArgumentException when the remote or branch is empty or looks like an option
   */
  public WorktreeSettings {
    repoRoot = Objects.requireNonNull(repoRoot, "repoRoot").toAbsolutePath().normalize();
    scanRoot = Objects.requireNonNull(scanRoot, "scanRoot").toAbsolutePath().normalize();
    WorktreeManager.requireName("remote", remote);
    WorktreeManager.requireName("primary branch", primaryBranch);
    staleGlobs = List.copyOf(staleGlobs);
  }

  /**
   * The original's settings for a repository: remote {@code origin}, primary branch {@code main},
   * scan root {@code /tmp} and the default globs.
   *
   * @param repoRoot the main checkout
   * @return the settings
   */
  public static WorktreeSettings of(Path repoRoot) {
    return new WorktreeSettings(repoRoot, "origin", "main", Path.of("/tmp"), DEFAULT_STALE_GLOBS);
  }

  /**
   * The same settings with another remote.
   *
   * @param name the remote
   * @return a changed copy
   */
  public WorktreeSettings withRemote(String name) {
    return new WorktreeSettings(repoRoot, name, primaryBranch, scanRoot, staleGlobs);
  }

  /**
   * The same settings with another primary branch.
   *
   * @param branch the branch
   * @return a changed copy
   */
  public WorktreeSettings withPrimaryBranch(String branch) {
    return new WorktreeSettings(repoRoot, remote, branch, scanRoot, staleGlobs);
  }

  /**
   * The same settings with another scan root.
   *
   * @param root the folder worktrees live in
   * @return a changed copy
   */
  public WorktreeSettings withScanRoot(Path root) {
    return new WorktreeSettings(repoRoot, remote, primaryBranch, root, staleGlobs);
  }
}
