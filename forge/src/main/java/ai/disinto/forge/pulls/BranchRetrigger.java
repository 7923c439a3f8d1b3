package ai.disinto.forge.pulls;

import java.nio.file.Path;

/**
 * Pushes a PR branch again so that CI runs again after an infrastructure failure. The git module
 * implements it; tests pass a scripted one. A port, so that forge does not depend on git.
 *
 * <p>Mirrors the retrigger sequence inside {@code pr_walk_to_merge}: in the worktree, {@code git
 * commit --allow-empty -m "ci: retrigger after infra failure" --no-verify}, {@code git fetch
 * REMOTE PRIMARY}, {@code git rebase REMOTE/PRIMARY}, {@code git push --force-with-lease REMOTE
 * HEAD}, stopping at the first failure. Unlike the original, an implementation must run {@code
 * git rebase --abort} when the rebase fails, so the worktree is not left mid-rebase.
 */
@FunctionalInterface
public interface BranchRetrigger {

  /**
   * Runs the retrigger sequence.
   *
   * @param worktree the PR's worktree
   * @param remote the remote to fetch from and push to ({@code FORGE_REMOTE})
   * @param primaryBranch the branch to rebase onto ({@code PRIMARY_BRANCH})
   * @return the exit status of the first failing step (0 when all succeeded) and the combined
   *     output of the steps
   */
  RetriggerResult retrigger(Path worktree, String remote, String primaryBranch);
}
