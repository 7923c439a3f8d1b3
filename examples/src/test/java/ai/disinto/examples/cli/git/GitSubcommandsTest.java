package ai.disinto.examples.cli.git;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.core.process.ProcessResult;
import ai.disinto.core.process.ProcessRunner;
import ai.disinto.examples.cli.InProcess;
import ai.disinto.git.push.PushResult;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code disinto worktree|git-creds|push-to-forge|mirrors} in-process on real repositories. */
@ExtendWith(MockForgejoExtension.class)
class GitSubcommandsTest {
  @TempDir Path tmp;
  Path remote;
  Path repo;
  Path scan;
  Map<String, String> env;

  @BeforeEach
  void setUp() throws IOException {
    Path home = Files.createDirectories(tmp.resolve("home"));
    scan = Files.createDirectories(tmp.resolve("t"));
    Map<String, String> e = new HashMap<>();
    e.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    e.put("HOME", home.toString());
    e.put("GIT_CONFIG_NOSYSTEM", "1");
    e.put("GIT_AUTHOR_NAME", "T");
    e.put("GIT_AUTHOR_EMAIL", "t@example.invalid");
    e.put("GIT_COMMITTER_NAME", "T");
    e.put("GIT_COMMITTER_EMAIL", "t@example.invalid");
    e.put("FACTORY_ROOT", tmp.toString());
    e.put("LOG_AGENT", "dev");
    remote = tmp.resolve("remote.git");
    repo = tmp.resolve("repo");
    env = e;
    git(tmp, "init", "-q", "--bare", "-b", "main", remote.toString());
    git(tmp, "clone", "-q", remote.toString(), repo.toString());
    Files.writeString(repo.resolve("README"), "hi\n");
    git(repo, "add", "README");
    git(repo, "commit", "-q", "-m", "C1");
    git(repo, "tag", "v1");
    git(repo, "push", "-q", "origin", "main");
    e.put("PROJECT_REPO_ROOT", repo.toString());
    e.put("PRIMARY_BRANCH", "main");
    e.put("WORKTREE_SCAN_ROOT", scan.toString());
    e.put("CLAUDE_CONFIG_DIR", tmp.resolve("cc").toString());
  }

  String git(Path dir, String... args) {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
    cmd.addAll(List.of(args));
    ProcessResult r = ProcessRunner.command(cmd).environment(env).run(Duration.ofMinutes(1));
    assertThat(r.succeeded()).as("git %s: %s", args, r.stderr()).isTrue();
    return r.stdout().strip();
  }

  InProcess.Result run(String... args) {
    return InProcess.run(env, "", args);
  }

  @Test
  void worktreeCreateRecoverPreserveAndCleanup() throws IOException {
    Path wt = scan.resolve("p-worktree-5");

    InProcess.Result create = run("worktree", "create", wt.toString(), "fix/issue-5");
    assertThat(create.exitCode()).as(create.stderr()).isZero();
    assertThat(git(wt, "rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("fix/issue-5");

    git(wt, "push", "-q", "origin", "HEAD:refs/heads/fix/issue-5");
    InProcess.Result recover = run("worktree", "recover", wt.toString(), "fix/issue-5",
        "--vars");
    assertThat(recover.exitCode()).as(recover.stderr()).isZero();
    assertThat(recover.stdout()).isEqualTo("_WORKTREE_REUSED=true\n");

    InProcess.Result preserve = run("worktree", "preserve", wt.toString(), "crashed");
    assertThat(preserve.exitCode()).isZero();
    assertThat(preserve.stderr()).contains("dev: PRESERVED worktree for debugging: " + wt
        + " (reason: crashed)");

    InProcess.Result cleanup = run("worktree", "cleanup", wt.toString());
    assertThat(cleanup.exitCode()).isZero();
    assertThat(wt).doesNotExist();
  }

  @Test
  void worktreeCreateOfABranchCheckedOutElsewhereExitsOneWithGitsWords() {
    assertThat(run("worktree", "create", scan.resolve("a").toString(), "b1").exitCode())
        .isZero();

    InProcess.Result r = run("worktree", "create", scan.resolve("b").toString(), "b1");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).containsAnyOf("already checked out", "already used by worktree");
    assertThat(scan.resolve("b")).doesNotExist();
  }

  @Test
  void recoverWithoutTheRemoteBranchExitsOne() {
    InProcess.Result r = run("worktree", "recover", scan.resolve("x").toString(), "nope",
        "--vars");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).startsWith("_WORKTREE_REUSED=false\n");
  }

  @Test
  void cleanupStaleExitsZeroEvenWithNothingToClean() throws IOException {
    assertThat(run("worktree", "cleanup-stale", "24").exitCode()).isZero();

    Path wt = scan.resolve("a-worktree-1");
    assertThat(run("worktree", "create", wt.toString(), "b1").exitCode()).isZero();
    FileTime old = FileTime.fromMillis(0);
    Files.setLastModifiedTime(wt, old);
    Path admin = repo.resolve(".git/worktrees/a-worktree-1");
    for (String f : List.of("HEAD", "index", "logs/HEAD")) {
      Files.setLastModifiedTime(admin.resolve(f), old);
    }
    InProcess.Result r = run("worktree", "cleanup-stale");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stderr()).contains("cleaned 1 stale worktree(s)");
    assertThat(wt).doesNotExist();
  }

  @Test
  void gitCredsConfigureAndRepair(MockForgejo m) throws IOException {
    m.seed().user("dev-qwen", u -> u.password("pw-9").token("tok-q"));
    Path home = tmp.resolve("agent-home");
    env.put("FORGE_URL", m.baseUrl());
    env.put("FORGE_PASS", "pw-9");
    env.put("FORGE_TOKEN", "tok-q");

    InProcess.Result c = run("git-creds", "configure", home.toString());
    assertThat(c.exitCode()).as(c.stderr()).isZero();
    assertThat(home.resolve(".git-credentials-helper")).isExecutable();
    assertThat(Files.readString(home.resolve(".gitconfig"))).doesNotContain("pw-9");
    assertThat(c.stderr()).doesNotContain("pw-9");

    git(repo, "remote", "set-url", "origin", "http://dev-bot:pw-9@forgejo:3000/o/r.git");
    InProcess.Result r = run("git-creds", "repair", tmp.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("Repaired baked credentials in " + repo
        + " (remote origin -> http://forgejo:3000/o/r.git)\n");
    assertThat(git(repo, "config", "--list")).doesNotContain("pw-9");
  }

  @Test
  void gitCredsConfigureWithoutAPasswordDoesNothing() {
    InProcess.Result c = run("git-creds", "configure", tmp.resolve("h").toString());
    assertThat(c.exitCode()).isZero();
    assertThat(tmp.resolve("h")).doesNotExist();
  }

  @Test
  void pushToForgeOfAnEmptyRepositorySkips(MockForgejo m) {
    Path empty = tmp.resolve("empty");
    git(tmp, "init", "-q", empty.toString());
    env.put("FORGE_PASS", "pw");

    InProcess.Result r = run("push-to-forge", empty.toString(), m.baseUrl(), "o/r");

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).isEqualTo("Remote:  forgejo -> " + m.baseUrl() + "/o/r.git\n"
        + "Push:    skipped (local repo has no commits)\n");
  }

  @Test
  void pushToForgeWithoutAPasswordExitsOne(MockForgejo m) {
    InProcess.Result r = run("push-to-forge", repo.toString(), m.baseUrl(), "o/r");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("FORGE_PASS");
  }

  @Test
  void pushToForgeThatCannotConnectExitsOneWithTheBranchError() throws IOException {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    env.put("FORGE_PASS", "pw-secret-1");
    InProcess.Result r = run("push-to-forge", repo.toString(), "http://127.0.0.1:" + port, "o/r");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).startsWith("Remote:  forgejo -> http://127.0.0.1:" + port
        + "/o/r.git\nPushing: branches to forgejo\n");
    assertThat(r.stderr()).contains("Error: failed to push branches to Forgejo")
        .doesNotContain("pw-secret-1");
    assertThat(r.stdout()).doesNotContain("pw-secret-1");
  }

  String report(PushResult.Outcome o, int expectedCode) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = PushToForgeCommand.report(new PushResult(o, "http://f/o/r.git", List.of(), ""),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).as(o.name()).isEqualTo(expectedCode);
    return out.toString(StandardCharsets.UTF_8) + "|" + err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void pushOutcomesMapToTheOriginalsLinesAndExitCodes() {
    assertThat(report(PushResult.Outcome.PUSHED_VERIFIED, 0)).endsWith(
        "Verify:  repo is not empty (push confirmed)\n|");
    assertThat(report(PushResult.Outcome.PUSHED_UNVERIFIED, 0)).endsWith(
        "Pushing: tags to forgejo\n|");
    assertThat(report(PushResult.Outcome.TAGS_FAILED, 1)).endsWith(
        "|Error: failed to push tags to Forgejo\n");
    assertThat(report(PushResult.Outcome.STILL_EMPTY, 1)).endsWith(
        "|Warning: Forgejo repo still reports empty after push\n");
  }

  @Test
  void mirrorsPushPushesToEachConfiguredMirrorAndExitsZero() {
    Path a = tmp.resolve("a.git");
    git(tmp, "init", "-q", "--bare", a.toString());
    env.put("MIRROR_NAMES", "github codeberg bad-name");
    env.put("MIRROR_GITHUB", a.toString());
    env.put("MIRROR_CODEBERG", tmp.resolve("missing.git").toString());

    InProcess.Result r = run("mirrors", "push");

    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).contains("mirror: github ok", "mirror: codeberg failed",
        "skipping bad-name");
    assertThat(git(a, "rev-parse", "refs/heads/main")).isEqualTo(git(repo, "rev-parse", "main"));
    assertThat(git(a, "tag", "--list")).isEqualTo("v1");
  }

  @Test
  void mirrorsPushWithoutMirrorsDoesNothing() {
    InProcess.Result r = run("mirrors", "push");
    assertThat(r.exitCode()).isZero();
    assertThat(git(repo, "remote")).isEqualTo("origin");
  }
}
