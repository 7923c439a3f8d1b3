package ai.disinto.agent.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.git.worktree.ActiveSessions;
import ai.disinto.git.worktree.ClaudeProjectCache;
import ai.disinto.git.worktree.WorktreeException;
import ai.disinto.git.worktree.WorktreeManager;
import ai.disinto.git.worktree.WorktreeSettings;
import ai.disinto.log.CapturedLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detached run worktree and the forge remote, on real repositories. */
class FormulaWorktreeTest {
  @TempDir Path tmp;
  FormulaRig rig;
  Path project;
  Path scan;
  WorktreeManager worktrees;

  @BeforeEach
  void setUp() throws Exception {
    rig = new FormulaRig(tmp);
    Path remote = tmp.resolve("forge.git");
    rig.ok(tmp, "init", "-q", "--bare", remote.toString());
    project = tmp.resolve("project");
    rig.ok(tmp, "clone", "-q", remote.toString(), project.toString());
    Files.writeString(project.resolve("README"), "one\n");
    rig.ok(project, "add", "README");
    rig.ok(project, "commit", "-q", "-m", "one");
    rig.ok(project, "push", "-q", "origin", "main");
    rig.ok(project, "remote", "add", "forge", remote.toString());
    rig.ok(project, "remote", "set-url", "--push", "forge", "http://forgejo:3000/o/r.git");
    scan = Files.createDirectories(tmp.resolve("t"));
    worktrees = new WorktreeManager(WorktreeSettings.of(project).withScanRoot(scan), rig.git,
        new ClaudeProjectCache(tmp.resolve("claude")), ActiveSessions.none(), Clock.systemUTC(),
        rig.home);
  }

  @Test
  void theWorktreeIsDetachedAtTheRemoteBranchAndRemovedOnClose() throws Exception {
    Path wt = scan.resolve("proj-planner-run");
    Files.createDirectories(wt.resolve("stale"));
    String head = rig.ok(project, "rev-parse", "HEAD");
    try (FormulaWorktree w = FormulaWorktree.create(worktrees, rig.git, "forge", "main", wt)) {
      assertThat(w.path()).isEqualTo(wt);
      assertThat(wt.resolve("stale")).doesNotExist();
      assertThat(rig.ok(wt, "rev-parse", "HEAD")).isEqualTo(head);
      assertThat(rig.ok(wt, "rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("HEAD");
    }
    assertThat(wt).doesNotExist();
    assertThat(rig.ok(project, "worktree", "list", "--porcelain")).doesNotContain(wt.toString());
  }

  @Test
  void theRunLockAndTheWorktreeAreBothReleased() throws Exception {
    Path lockFile = tmp.resolve("planner-run.lock");
    Path wt = scan.resolve("proj-planner-run");
    try (RunLock lock = RunLock.tryAcquire(lockFile).orElseThrow();
        FormulaWorktree w = FormulaWorktree.create(worktrees, rig.git, "origin", "main", wt)) {
      assertThat(lockFile).exists();
      assertThat(w.path()).exists();
    }
    assertThat(lockFile).doesNotExist();
    assertThat(wt).doesNotExist();
  }

  @Test
  void anUnknownBranchIsAnErrorAndLeavesNothing() {
    Path wt = scan.resolve("proj-planner-run");
    assertThatThrownBy(() -> FormulaWorktree.create(worktrees, rig.git, "origin", "nope", wt))
        .isInstanceOf(WorktreeException.class);
    assertThat(wt).doesNotExist();
  }

  @Test
  void theForgeRemoteIsTheOnePushingToTheForgeHost() {
    try (CapturedLog log = CapturedLog.start()) {
      assertThat(GitRemotes.resolveForgeRemote(rig.git, project, "http://forgejo:3000"))
          .isEqualTo("forge");
      assertThat(log.messages()).containsExactly("forge remote: forge");
    }
    assertThat(GitRemotes.resolveForgeRemote(rig.git, project, "https://codeberg.org/x"))
        .isEqualTo("origin");
    // A host that only appears as a substring (or regex) of another does not match.
    assertThat(GitRemotes.resolveForgeRemote(rig.git, project, "http://forge"))
        .isEqualTo("origin");
  }

  @Test
  void hostsAreReadFromUrlsAndScpForms() {
    assertThat(GitRemotes.host("http://Forgejo:3000/o/r")).contains("forgejo");
    assertThat(GitRemotes.host("git@codeberg.org:o/r.git")).contains("codeberg.org");
    assertThat(GitRemotes.host("/local/path")).isEmpty();
  }
}
