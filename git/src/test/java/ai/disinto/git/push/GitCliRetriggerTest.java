package ai.disinto.git.push;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.core.process.ProcessResult;
import ai.disinto.core.process.ProcessRunner;
import ai.disinto.forge.pulls.RetriggerResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retrigger sequence on real repositories: a bare remote and a clone with a PR branch. */
class GitCliRetriggerTest {
  @TempDir Path tmp;

  private static final Map<String, String> ENV = Map.of(
      "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
      "HOME", System.getProperty("java.io.tmpdir"),
      "GIT_AUTHOR_NAME", "t", "GIT_AUTHOR_EMAIL", "t@x",
      "GIT_COMMITTER_NAME", "t", "GIT_COMMITTER_EMAIL", "t@x",
      "GIT_CONFIG_NOSYSTEM", "1");

  private String git(Path dir, String... args) {
    ProcessResult o = ProcessRunner.command("git", args).directory(dir).environment(ENV)
        .mergeStderr().run(GitCliRetrigger.STEP_TIMEOUT);
    assertThat(o.succeeded()).as(String.join(" ", args) + ": " + o.stdout()).isTrue();
    return o.stdout().trim();
  }

  private Path cloneWithBranch() throws IOException {
    Path remote = tmp.resolve("remote.git");
    Files.createDirectories(remote);
    git(remote, "init", "--bare", "-b", "main");
    Path seed = tmp.resolve("seed");
    Files.createDirectories(seed);
    git(seed, "init", "-b", "main");
    Files.writeString(seed.resolve("a.txt"), "a\n");
    git(seed, "add", "a.txt");
    git(seed, "commit", "-m", "init");
    git(seed, "remote", "add", "origin", remote.toString());
    git(seed, "push", "origin", "main");
    Path wt = tmp.resolve("wt");
    git(tmp, "clone", remote.toString(), wt.toString());
    git(wt, "checkout", "-b", "fix/1");
    Files.writeString(wt.resolve("b.txt"), "b\n");
    git(wt, "add", "b.txt");
    git(wt, "commit", "-m", "fix");
    git(wt, "push", "origin", "fix/1");
    return wt;
  }

  @Test
  void pushesAnEmptyCommitRebasedOnThePrimaryBranch() throws IOException {
    Path wt = cloneWithBranch();

    RetriggerResult r = new GitCliRetrigger(ENV).retrigger(wt, "origin", "main");

    assertThat(r.exitStatus()).as(r.output()).isZero();
    assertThat(git(wt, "log", "-1", "--format=%s", "origin/fix/1"))
        .isEqualTo("ci: retrigger after infra failure");
  }

  @Test
  void failedRebaseIsAbortedAndReported() throws IOException {
    Path wt = cloneWithBranch();
    Path other = tmp.resolve("other");
    git(tmp, "clone", tmp.resolve("remote.git").toString(), other.toString());
    Files.writeString(other.resolve("b.txt"), "conflicting\n");
    git(other, "add", "b.txt");
    git(other, "commit", "-m", "conflict");
    git(other, "push", "origin", "main");

    RetriggerResult r = new GitCliRetrigger(ENV).retrigger(wt, "origin", "main");

    assertThat(r.exitStatus()).isNotZero();
    assertThat(r.output()).containsIgnoringCase("conflict");
    assertThat(Files.exists(wt.resolve(".git/rebase-merge"))).isFalse();
    assertThat(Files.exists(wt.resolve(".git/rebase-apply"))).isFalse();
    assertThat(git(wt, "status", "--porcelain")).isEmpty();
    assertThat(List.of(git(wt, "rev-parse", "--abbrev-ref", "HEAD"))).containsExactly("fix/1");
  }

  @Test
  void aStepThatCannotStartIsReportedWithTheReason() {
    RetriggerResult r = new GitCliRetrigger(ENV).retrigger(tmp.resolve("missing"), "origin",
        "main");

    assertThat(r.exitStatus()).isEqualTo(GitCliRetrigger.DID_NOT_EXIT);
    assertThat(r.output()).isNotBlank();
  }

  @Test
  void aPushTheForgeTookWithoutAnsweringIsFoundAndTheNextRetriggerIsNotRefusedAsStale()
      throws IOException {
    Path wt = cloneWithBranch();
    // The forge took a push whose answer was lost: the remote has the commit, the
    // remote-tracking ref does not know it.
    git(wt, "commit", "--allow-empty", "-m", "ci: retrigger after infra failure");
    git(wt, "push", tmp.resolve("remote.git").toString(), "HEAD:refs/heads/fix/1");

    RetriggerResult r = new GitCliRetrigger(ENV).retrigger(wt, "origin", "main");

    assertThat(r.exitStatus()).as(r.output()).isZero();
    assertThat(git(tmp.resolve("remote.git"), "rev-parse", "refs/heads/fix/1"))
        .isEqualTo(git(wt, "rev-parse", "HEAD"));
  }

  @Test
  void aFailedStepIsNamed() throws IOException {
    Path wt = cloneWithBranch();
    git(wt, "remote", "set-url", "origin", tmp.resolve("gone.git").toString());

    RetriggerResult r = new GitCliRetrigger(ENV).retrigger(wt, "origin", "main");

    assertThat(r.exitStatus()).isNotZero();
    assertThat(r.step()).isEqualTo("fetch");
    assertThat(new GitCliRetrigger(ENV).retrigger(tmp.resolve("missing"), "origin", "main")
        .step()).isEqualTo("commit");
  }
}
