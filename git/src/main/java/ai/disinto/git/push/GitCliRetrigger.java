package ai.disinto.git.push;

import ai.disinto.core.process.ProcessResult;
import ai.disinto.core.process.ProcessRunner;
import ai.disinto.forge.pulls.BranchRetrigger;
import ai.disinto.forge.pulls.RetriggerResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link BranchRetrigger} on the {@code git} command: the retrigger sequence of {@code
 * pr_walk_to_merge} in the PR's worktree (an empty commit, fetch, rebase onto the primary branch,
 * push with lease), stopping at the first failure, with {@code git rebase --abort} after a failed
 * rebase so the worktree is not left mid-rebase (the original left it so). A failed result names
 * its step ({@link RetriggerResult#step()}).
 *
 * <p>A push that fails is checked against the remote ({@code git ls-remote}): when the remote has
 * HEAD, the push arrived and only its answer was lost, and the result is a success; when it has a
 * commit of the branch's own history (an earlier push whose answer was lost), the lease moves to
 * it and the push is sent once more. Otherwise every later retrigger would be refused as
 * {@code stale info}, the remote-tracking ref never having learnt the commit.
 *
 * <p>The {@code git} CLI rather than JGit, because the worktrees are linked worktrees of the
 * agent's clone, which JGit does not handle. Each step gets {@link #STEP_TIMEOUT}; a step that
 * does not exit by itself (killed at the timeout, interrupted, or not started) is reported with
 * exit code -1 and the reason as the last line of the output.
 *
 * <p>With {@code DISINTO_DRY_RUN=1} in its environment the push is {@code git push --dry-run};
 * with {@code DISINTO_CONFINE_PUSHES=1} ({@link PushNamespace#fromEnv}) a checked-out branch
 * outside the push namespace is refused (exit status 1, the reason as output) before anything
 * runs.
 */
public final class GitCliRetrigger implements BranchRetrigger {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(GitCliRetrigger.class);
  /** Generous for a fetch, rebase or push over a slow link; a hung git is killed after it. */
  public static final Duration STEP_TIMEOUT = Duration.ofMinutes(10);

  /** The exit code reported for a step that did not exit by itself. */
  public static final int DID_NOT_EXIT = -1;

  private final Map<String, String> env;

  /**
   * Creates the retrigger.
   *
   * @param env the environment of the git processes (credentials helper, {@code HOME}, author);
   *     {@code PATH} defaults to the usual system directories when absent
   */
  public GitCliRetrigger(Map<String, String> env) {
    this.env = new HashMap<>(Objects.requireNonNull(env, "env"));
    this.env.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
  }

  @Override
  public RetriggerResult retrigger(Path worktree, String remote, String primaryBranch) {
    StringBuilder output = new StringBuilder();
    Optional<PushNamespace> confined = PushNamespace.fromEnv(env);
    if (confined.isPresent()) {
      ProcessResult head = git(List.of("git", "rev-parse", "--abbrev-ref", "HEAD"), worktree);
      String branch = head.stdout().strip();
      if (!head.succeeded() || !confined.get().allows(branch)) {
        String why = confined.get().refusal(branch.isEmpty() ? "HEAD" : branch);
        LOG.warn("retrigger refused: {}", why);
        return new RetriggerResult(1, why + "\n", "namespace");
      }
    }
    boolean dryRun = ai.disinto.forge.client.ForgeClientBuilder.isDryRun(env);
    List<List<String>> steps = List.of(
        List.of("git", "commit", "--allow-empty", "-m", "ci: retrigger after infra failure",
            "--no-verify"),
        List.of("git", "fetch", remote, primaryBranch),
        List.of("git", "rebase", remote + "/" + primaryBranch),
        dryRun
            ? List.of("git", "push", "--dry-run", "--force-with-lease", remote, "HEAD")
            : List.of("git", "push", "--force-with-lease", remote, "HEAD"));
    List<String> names = List.of("commit", "fetch", "rebase", "push");
    for (int i = 0; i < steps.size(); i++) {
      List<String> step = steps.get(i);
      ProcessResult o = git(step, worktree);
      output.append(o.stdout());
      if (!o.succeeded() && step.get(1).equals("push") && o.exited() && !dryRun
          && landedOrOurs(worktree, remote, step, output)) {
        return new RetriggerResult(0, output.toString());
      }
      if (!o.succeeded()) {
        if (step.get(1).equals("rebase")) {
          output.append(git(List.of("git", "rebase", "--abort"), worktree).stdout());
        }
        if (!o.exited()) {
          output.append(o.stderr());
          return new RetriggerResult(DID_NOT_EXIT, output.toString(), names.get(i));
        }
        return new RetriggerResult(o.exitStatus(), output.toString(), names.get(i));
      }
    }
    return new RetriggerResult(0, output.toString());
  }

  /**
   * After a failed push, asks the remote for the branch. When it has HEAD, the push arrived and
   * only its answer was lost. When it has a commit the branch itself had (an earlier push of
   * ours whose answer was lost, so the remote-tracking ref never learnt it and the lease would
   * refuse every later push as stale), the lease is moved to it and the push sent once more. In
   * both cases the remote-tracking ref is set to what the remote has.
   */
  private boolean landedOrOurs(Path worktree, String remote, List<String> push,
      StringBuilder output) {
    ProcessResult branch = git(List.of("git", "symbolic-ref", "--short", "HEAD"), worktree);
    ProcessResult head = git(List.of("git", "rev-parse", "HEAD"), worktree);
    if (!branch.succeeded() || !head.succeeded()) {
      return false;
    }
    String name = branch.stdout().strip();
    ProcessResult listed = git(List.of("git", "ls-remote", remote, "refs/heads/" + name),
        worktree);
    String[] fields = listed.stdout().strip().split("\\s+");
    if (!listed.succeeded() || fields.length < 2 || !fields[0].matches("[0-9a-f]{40}")) {
      return false;
    }
    String there = fields[0];
    String tracking = "refs/remotes/" + remote + "/" + name;
    if (there.equals(head.stdout().strip())) {
      git(List.of("git", "update-ref", tracking, there), worktree);
      LOG.info("the push of {} arrived although its answer was lost", name);
      output.append("the push's answer was lost; ").append(remote).append(" has ").append(name)
          .append(" at HEAD\n");
      return true;
    }
    ProcessResult history = git(List.of("git", "log", "-g", "--format=%H", "refs/heads/" + name),
        worktree);
    ProcessResult known = git(List.of("git", "rev-parse", "--verify", "-q", tracking), worktree);
    if (!history.succeeded() || !history.stdout().lines().anyMatch(there::equals)
        || (known.succeeded() && known.stdout().strip().equals(there))) {
      return false;
    }
    LOG.info("{} has {} at {}, a commit of this branch pushed earlier: the lease moves to it",
        remote, name, there);
    git(List.of("git", "update-ref", tracking, there), worktree);
    ProcessResult again = git(push, worktree);
    output.append(again.stdout());
    return again.succeeded();
  }

  /** One git step with both streams in order, as the walk's log shows them. */
  private ProcessResult git(List<String> step, Path worktree) {
    return ProcessRunner.command(step).directory(worktree).environment(env).mergeStderr()
        .run(STEP_TIMEOUT);
  }
}
