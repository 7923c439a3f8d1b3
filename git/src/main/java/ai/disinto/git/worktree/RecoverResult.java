package ai.disinto.git.worktree;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link WorktreeManager#recover} did.
 *
 * @param worktree the worktree's path
 * @param reused true when the existing worktree (and its Claude session) was kept and brought up to
 *     date, false when it was made afresh; the original's {@code _WORKTREE_REUSED}
 * @param droppedCommits the local commits a reset to the remote branch discarded (empty when none);
 *     they stay reachable through {@code refs/disinto/backup/<branch>/<seconds>}
 */
public record RecoverResult(Path worktree, boolean reused, List<String> droppedCommits) {
  /**
   * Freezes the list.
   *
   * @param worktree the path
   * @param reused whether it was kept
   * @param droppedCommits discarded commits
   */
  public RecoverResult {
    droppedCommits = List.copyOf(droppedCommits);
  }
}
