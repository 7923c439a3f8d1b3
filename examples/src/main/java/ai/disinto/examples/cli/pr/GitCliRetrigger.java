package ai.disinto.examples.cli.pr;

import ai.disinto.core.process.ProcessResult;
import ai.disinto.core.process.ProcessRunner;
import ai.disinto.forge.pulls.BranchRetrigger;
import ai.disinto.forge.pulls.RetriggerResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CI retrigger of {@code disinto pr walk} until the git module exists: the original's four
 * git steps with the {@code git} command in the worktree, stopping at the first failure, with
 * {@code git rebase --abort} after a failed rebase so the worktree is not left mid-rebase.
 */
final class GitCliRetrigger implements BranchRetrigger {
  /** Generous for a fetch, rebase or push over a slow link; a hung git is killed after it. */
  static final Duration STEP_TIMEOUT = Duration.ofMinutes(10);

  private final Map<String, String> env;

  GitCliRetrigger(Map<String, String> env) {
    this.env = new HashMap<>(env);
    this.env.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
  }

  @Override
  public RetriggerResult retrigger(Path worktree, String remote, String primaryBranch) {
    StringBuilder output = new StringBuilder();
    List<List<String>> steps = List.of(
        List.of("git", "commit", "--allow-empty", "-m", "ci: retrigger after infra failure",
            "--no-verify"),
        List.of("git", "fetch", remote, primaryBranch),
        List.of("git", "rebase", remote + "/" + primaryBranch),
        List.of("git", "push", "--force-with-lease", remote, "HEAD"));
    for (List<String> step : steps) {
      ProcessResult o = git(step, worktree);
      output.append(o.stdout());
      if (!o.succeeded()) {
        if (step.get(1).equals("rebase")) {
          output.append(git(List.of("git", "rebase", "--abort"), worktree).stdout());
        }
        return new RetriggerResult(ChildExit.code(o), output.toString());
      }
    }
    return new RetriggerResult(0, output.toString());
  }

  /** One git step with both streams in order, as the walk's log shows them. */
  private ProcessResult git(List<String> step, Path worktree) {
    return ProcessRunner.command(step).directory(worktree).environment(env).mergeStderr()
        .run(STEP_TIMEOUT);
  }
}
