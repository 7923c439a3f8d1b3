package ai.disinto.agent.formula;

import ai.disinto.agent.formula.CommitResult.Outcome;
import ai.disinto.core.process.ProcessResult;
import ai.disinto.git.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The git steps the ops and .profile repositories share, over the git module's CLI. */
final class RepoGit {
  private RepoGit() {}

  static boolean isClone(Path dir) {
    return Files.isDirectory(dir.resolve(".git"));
  }

  static ProcessResult run(GitCli git, Path dir, String... args) {
    return git.run(dir, GitCli.LOCAL_TIMEOUT, args);
  }

  static ProcessResult net(GitCli git, Path dir, String... args) {
    return git.run(dir, GitCli.NETWORK_TIMEOUT, args);
  }

  /**
   * Stages the paths (or everything), commits when something is staged, and pushes to the first
   * branch of {@code branches} the remote takes.
   */
  static CommitResult commitAndPush(GitCli git, Path repo, String message, List<String> paths,
      Optional<Map.Entry<String, String>> identity, List<String> commitOptions,
      List<String> branches) {
    if (!isClone(repo)) {
      return new CommitResult(Outcome.NO_REPOSITORY, "", "");
    }
    List<String> add = new ArrayList<>(List.of("add"));
    if (paths.isEmpty()) {
      add.add("-A");
    } else {
      add.add("--");
      add.addAll(paths);
    }
    ProcessResult added = run(git, repo, add.toArray(String[]::new));
    if (!added.succeeded()) {
      return new CommitResult(Outcome.COMMIT_FAILED, "", GitCli.describe(added));
    }
    ProcessResult diff = run(git, repo, "diff", "--cached", "--quiet");
    if (diff.succeeded()) {
      return new CommitResult(Outcome.NOTHING_TO_COMMIT, "", "");
    }
    List<String> commit = new ArrayList<>();
    identity.ifPresent(id -> {
      commit.addAll(List.of("-c", "user.name=" + id.getKey(), "-c", "user.email=" + id.getValue()));
    });
    commit.addAll(List.of("commit", "-q", "-m", message));
    commit.addAll(commitOptions);
    ProcessResult committed = run(git, repo, commit.toArray(String[]::new));
    if (!committed.succeeded()) {
      return new CommitResult(Outcome.COMMIT_FAILED, "", GitCli.describe(committed));
    }
    String last = "";
    for (String branch : branches) {
      ProcessResult pushed = net(git, repo, "push", "--quiet", "origin", branch);
      if (pushed.succeeded()) {
        return new CommitResult(Outcome.PUSHED, branch, "");
      }
      last = GitCli.describe(pushed);
    }
    return new CommitResult(Outcome.PUSH_FAILED, "", last);
  }

  static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
