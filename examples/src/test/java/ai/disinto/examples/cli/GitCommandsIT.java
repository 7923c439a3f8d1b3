package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.core.process.ProcessResult;
import ai.disinto.core.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code disinto worktree …} and {@code disinto mirrors push} as real processes. */
class GitCommandsIT {
  @TempDir Path tmp;

  private Map<String, String> gitEnv() {
    return Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
        "HOME", tmp.toString(), "GIT_CONFIG_NOSYSTEM", "1", "GIT_AUTHOR_NAME", "T",
        "GIT_AUTHOR_EMAIL", "t@example.invalid", "GIT_COMMITTER_NAME", "T",
        "GIT_COMMITTER_EMAIL", "t@example.invalid");
  }

  private String git(Path dir, String... args) {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
    cmd.addAll(List.of(args));
    ProcessResult r = ProcessRunner.command(cmd).environment(gitEnv()).run(Duration.ofMinutes(1));
    assertThat(r.succeeded()).as("git %s: %s", args, r.stderr()).isTrue();
    return r.stdout().strip();
  }

  private DisintoProcess disinto(Path repo, Path scan) {
    DisintoProcess p = new DisintoProcess();
    gitEnv().forEach(p::env);
    return p.env("PROJECT_REPO_ROOT", repo.toString()).env("PRIMARY_BRANCH", "main")
        .env("WORKTREE_SCAN_ROOT", scan.toString()).env("FACTORY_ROOT", tmp.toString())
        .env("CLAUDE_CONFIG_DIR", tmp.resolve("cc").toString());
  }

  @Test
  void aWorktreeCycleAndAMirrorPush() throws Exception {
    Path remote = tmp.resolve("remote.git");
    Path repo = tmp.resolve("repo");
    Path scan = Files.createDirectories(tmp.resolve("t"));
    git(tmp, "init", "-q", "--bare", "-b", "main", remote.toString());
    git(tmp, "clone", "-q", remote.toString(), repo.toString());
    Files.writeString(repo.resolve("README"), "hi\n");
    git(repo, "add", "README");
    git(repo, "commit", "-q", "-m", "C1");
    git(repo, "push", "-q", "origin", "main");
    Path wt = scan.resolve("p-worktree-3");

    DisintoProcess.Result create = disinto(repo, scan).run("worktree", "create", wt.toString(),
        "fix/issue-3");
    assertThat(create.exitCode()).as(create.stderr()).isZero();
    assertThat(git(repo, "worktree", "list")).contains(wt.toString());

    DisintoProcess.Result again = disinto(repo, scan).run("worktree", "create",
        scan.resolve("other").toString(), "fix/issue-3");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.stdout()).containsAnyOf("already checked out", "already used by worktree");

    git(repo, "push", "-q", "origin", "main:refs/heads/fix/issue-4");
    DisintoProcess.Result recover = disinto(repo, scan).run("worktree", "recover", wt.toString(),
        "fix/issue-4", "--vars");
    assertThat(recover.exitCode()).as(recover.stderr()).isZero();
    assertThat(recover.stdout()).isEqualTo("_WORKTREE_REUSED=false\n");

    assertThat(disinto(repo, scan).run("worktree", "cleanup", wt.toString()).exitCode()).isZero();
    assertThat(wt).doesNotExist();
    assertThat(disinto(repo, scan).run("worktree", "cleanup-stale").exitCode()).isZero();
    assertThat(disinto(repo, scan).run("worktree").exitCode()).isEqualTo(64);

    Path mirror = tmp.resolve("mirror.git");
    git(tmp, "init", "-q", "--bare", mirror.toString());
    DisintoProcess.Result push = disinto(repo, scan).env("MIRROR_NAMES", "github")
        .env("MIRROR_GITHUB", mirror.toString()).run("mirrors", "push");
    assertThat(push.exitCode()).isZero();
    assertThat(push.stderr()).contains("mirror: github ok");
    assertThat(git(mirror, "rev-parse", "main")).isEqualTo(git(repo, "rev-parse", "main"));
  }
}
