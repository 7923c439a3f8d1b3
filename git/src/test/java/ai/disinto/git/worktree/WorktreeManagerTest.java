package ai.disinto.git.worktree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.git.GitRig;
import ai.disinto.log.CapturedLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorktreeManagerTest {
  @TempDir Path tmp;
  GitRig rig;
  Path scan;
  Path claudeDir;
  Instant now = Instant.parse("2026-04-10T12:00:00Z");
  List<Path> active = List.of();
  WorktreeManager manager;

  @BeforeEach
  void setUp() throws IOException {
    rig = GitRig.create(tmp);
    scan = Files.createDirectories(rig.root.resolve("t"));
    claudeDir = rig.root.resolve("cc");
    manager = new WorktreeManager(WorktreeSettings.of(rig.repo).withScanRoot(scan), rig.git,
        new ClaudeProjectCache(claudeDir), () -> active, Clock.fixed(now, ZoneOffset.UTC),
        rig.home);
  }

  private String c1() {
    return rig.ok(rig.repo, "rev-parse", "origin/main");
  }

  @Test
  void createMakesALinkedWorktreeOnANewBranchTrackingTheBase() throws IOException {
    Path wt = manager.create(scan.resolve("p-worktree-5"), "fix/issue-5", Optional.empty());

    assertThat(wt).isEqualTo(scan.resolve("p-worktree-5"));
    assertThat(Files.readString(wt.resolve(".git")).strip())
        .isEqualTo("gitdir: " + rig.repo.resolve(".git/worktrees/p-worktree-5"));
    assertThat(Files.readString(rig.repo.resolve(".git/worktrees/p-worktree-5/HEAD")).strip())
        .isEqualTo("ref: refs/heads/fix/issue-5");
    assertThat(rig.ok(wt, "rev-parse", "HEAD")).isEqualTo(c1());
    assertThat(rig.ok(wt, "rev-parse", "--abbrev-ref", "fix/issue-5@{upstream}"))
        .isEqualTo("origin/main");
    assertThat(rig.ok(rig.repo, "worktree", "list")).contains(wt.toString());
    assertThat(rig.ok(wt, "status", "--porcelain")).isEmpty();
  }

  @Test
  void aWorktreeOfTheLibraryCommitsPushesAndLeavesNothingAfterCleanup() throws IOException {
    Path wt = manager.create(scan.resolve("p-worktree-6"), "fix/issue-6", Optional.empty());
    String sha = rig.commitFile(wt, "fix.txt", "fixed\n", "fix it");
    rig.ok(wt, "push", "origin", "HEAD:refs/heads/fix/issue-6");

    assertThat(rig.ok(rig.remote, "rev-parse", "refs/heads/fix/issue-6")).isEqualTo(sha);
    assertThat(rig.ok(rig.repo, "status", "--porcelain")).isEmpty();

    assertThat(manager.cleanup(wt)).isTrue();
    rig.ok(rig.repo, "worktree", "prune");
    assertThat(wt).doesNotExist();
    assertThat(rig.repo.resolve(".git/worktrees/p-worktree-6")).doesNotExist();
    assertThat(rig.ok(rig.repo, "worktree", "list", "--porcelain")).doesNotContain(wt.toString());
  }

  @Test
  void createOverADirtyStaleWorktreeGivesAFreshOne() throws IOException {
    Path wt = manager.create(scan.resolve("p-worktree-5"), "fix/issue-5", Optional.empty());
    Files.writeString(wt.resolve("README"), "changed\n");
    Files.writeString(wt.resolve("junk.txt"), "junk\n");

    manager.create(wt, "fix/issue-5", Optional.empty());

    assertThat(Files.readString(wt.resolve("README"))).isEqualTo("hello\n");
    assertThat(wt.resolve("junk.txt")).doesNotExist();
    assertThat(rig.ok(wt, "status", "--porcelain")).isEmpty();
  }

  @Test
  void createRefusesABranchCheckedOutInAnotherWorktree() {
    manager.create(scan.resolve("other"), "fix/issue-5", Optional.empty());
    Path target = scan.resolve("p-worktree-5");

    assertThatThrownBy(() -> manager.create(target, "fix/issue-5", Optional.empty()))
        .isInstanceOfSatisfying(WorktreeException.class, e -> assertThat(e.gitOutput())
            .containsAnyOf("already checked out", "already used by worktree"))
        .hasMessageContaining(target.toString());
    assertThat(target).doesNotExist();
  }

  @Test
  void createWithAnUnknownBaseCreatesNothing() {
    Path target = scan.resolve("p-worktree-5");

    assertThatThrownBy(() -> manager.create(target, "fix/issue-5", Optional.of("origin/nope")))
        .isInstanceOfSatisfying(WorktreeException.class, e -> assertThat(e.gitOutput())
            .containsAnyOf("not a valid object name", "invalid reference"));
    assertThat(target).doesNotExist();
    assertThat(rig.run(rig.repo, "rev-parse", "--verify", "refs/heads/fix/issue-5").succeeded())
        .isFalse();
  }

  @Test
  void createRefusesToReplaceAClone() throws IOException {
    Path clone = scan.resolve("disinto-scratch");
    rig.ok(rig.root, "clone", "-q", rig.remote.toString(), clone.toString());
    Files.writeString(clone.resolve("work.txt"), "precious\n");

    assertThatThrownBy(() -> manager.create(clone, "fix/issue-5", Optional.empty()))
        .isInstanceOf(WorktreeException.class).hasMessageContaining("repository of its own");
    assertThat(clone.resolve("work.txt")).exists();
  }

  @Test
  void aSubmoduleFailureIsLoggedNotFatal() throws IOException {
    Files.writeString(rig.repo.resolve(".gitmodules"),
        "[submodule \"lib\"]\n\tpath = lib\n\turl = " + rig.root.resolve("nowhere.git") + "\n");
    rig.ok(rig.repo, "add", ".gitmodules");
    String sha = rig.commitFile(rig.repo, "x.txt", "x\n", "submodule");
    // A gitlink entry for "lib" pointing at a commit nobody has.
    rig.ok(rig.repo, "update-index", "--add", "--cacheinfo", "160000," + sha + ",lib");
    rig.ok(rig.repo, "commit", "-q", "-m", "gitlink");
    rig.ok(rig.repo, "push", "-q", "origin", "main");
    rig.ok(rig.repo, "fetch", "-q", "origin");

    try (CapturedLog log = CapturedLog.start()) {
      Path wt = manager.create(scan.resolve("p-worktree-5"), "fix/issue-5", Optional.empty());
      assertThat(wt.resolve("README")).exists();
      assertThat(log.messages()).anyMatch(m -> m.startsWith("submodule update failed in " + wt));
    }
  }

  @Test
  void recoverFastForwardsAWorktreeOnTheRightBranch() throws IOException {
    Path wt = manager.create(scan.resolve("p-worktree-7"), "fix/issue-7", Optional.empty());
    rig.commitFile(wt, "a.txt", "c2\n", "C2");
    rig.ok(wt, "push", "-q", "origin", "HEAD:refs/heads/fix/issue-7");
    Path other = rig.otherClone("other");
    rig.ok(other, "checkout", "-q", "fix/issue-7");
    String c3 = rig.commitFile(other, "b.txt", "c3\n", "C3");
    rig.ok(other, "push", "-q", "origin", "fix/issue-7");
    String admin = Files.readString(wt.resolve(".git"));

    RecoverResult r = manager.recover(wt, "fix/issue-7", Optional.empty());

    assertThat(r.reused()).isTrue();
    assertThat(r.droppedCommits()).isEmpty();
    assertThat(rig.ok(wt, "rev-parse", "HEAD")).isEqualTo(c3);
    assertThat(Files.readString(wt.resolve(".git"))).isEqualTo(admin);
  }

  @Test
  void recoverOfADivergedBranchResetsAndNamesTheDroppedCommit() throws IOException {
    Path wt = manager.create(scan.resolve("p-worktree-7"), "fix/issue-7", Optional.empty());
    rig.ok(wt, "push", "-q", "origin", "HEAD:refs/heads/fix/issue-7");
    String local = rig.commitFile(wt, "local.txt", "L\n", "local work L");
    Path other = rig.otherClone("other");
    rig.ok(other, "checkout", "-q", "fix/issue-7");
    String remoteHead = rig.commitFile(other, "r.txt", "R\n", "remote R");
    rig.ok(other, "push", "-q", "origin", "fix/issue-7");

    try (CapturedLog log = CapturedLog.start()) {
      RecoverResult r = manager.recover(wt, "fix/issue-7", Optional.empty());

      assertThat(r.reused()).isTrue();
      assertThat(rig.ok(wt, "rev-parse", "HEAD")).isEqualTo(remoteHead);
      assertThat(r.droppedCommits()).singleElement().asString()
          .startsWith(local.substring(0, 7)).contains("local work L");
      assertThat(log.messages()).anyMatch(m -> m.contains("local work L")
          && m.contains("refs/disinto/backup/fix/issue-7/" + now.getEpochSecond()));
      assertThat(rig.ok(rig.repo, "rev-parse",
          "refs/disinto/backup/fix/issue-7/" + now.getEpochSecond())).isEqualTo(local);
    }
  }

  @Test
  void recoverOnTheWrongBranchRecreatesFromTheRemoteBranch() throws IOException {
    Path other = rig.otherClone("other");
    rig.ok(other, "checkout", "-q", "-b", "fix/issue-7");
    String sha = rig.commitFile(other, "f.txt", "f\n", "feature");
    rig.ok(other, "push", "-q", "origin", "fix/issue-7");
    Path wt = manager.create(scan.resolve("p-worktree-7"), "scratch", Optional.empty());

    RecoverResult r = manager.recover(wt, "fix/issue-7", Optional.empty());

    assertThat(r.reused()).isFalse();
    assertThat(rig.ok(wt, "rev-parse", "HEAD")).isEqualTo(sha);
    assertThat(rig.ok(wt, "rev-parse", "--abbrev-ref", "fix/issue-7@{upstream}"))
        .isEqualTo("origin/fix/issue-7");
  }

  @Test
  void recoverWithoutTheRemoteBranchFails() {
    Path wt = scan.resolve("p-worktree-9");
    assertThatThrownBy(() -> manager.recover(wt, "fix/issue-9", Optional.empty()))
        .isInstanceOfSatisfying(WorktreeException.class, e -> assertThat(e.gitOutput())
            .containsAnyOf("not a valid object name", "invalid reference"));
    assertThat(wt).doesNotExist();
  }

  @Test
  void recoverReplacesAPlainDirectory() throws IOException {
    Path other = rig.otherClone("other");
    rig.ok(other, "push", "-q", "origin", "main:refs/heads/fix/issue-7");
    Path wt = Files.createDirectories(scan.resolve("p-worktree-7"));
    Files.writeString(wt.resolve("stray.txt"), "x\n");

    RecoverResult r = manager.recover(wt, "fix/issue-7", Optional.empty());

    assertThat(r.reused()).isFalse();
    assertThat(wt.resolve("stray.txt")).doesNotExist();
    assertThat(wt.resolve(".git")).isRegularFile();
  }

  @Test
  void cleanupIsIdempotent() {
    assertThat(manager.cleanup(scan.resolve("missing"))).isTrue();
    Path wt = manager.create(scan.resolve("p-worktree-5"), "fix/issue-5", Optional.empty());
    assertThat(manager.cleanup(wt)).isTrue();
    assertThat(manager.cleanup(wt)).isTrue();

    assertThat(rig.ok(rig.repo, "worktree", "list")).doesNotContain(wt.toString());
    assertThat(rig.repo.resolve(".git/worktrees/p-worktree-5")).doesNotExist();
  }

  @Test
  void cleanupClearsBothClaudeCacheNamesAndNothingElse() throws IOException {
    Path wt = manager.create(scan.resolve("p-worktree-5"), "fix/issue-5", Optional.empty());
    List<String> names = ClaudeProjectCache.projectNames(wt);
    assertThat(names).containsExactly(wt.toString().replaceAll("[^A-Za-z0-9]", "-"),
        wt.toString().replace('/', '-').substring(1));
    Path projects = claudeDir.resolve("projects");
    for (String n : names) {
      Files.createDirectories(projects.resolve(n).resolve("session"));
    }
    Path sibling = Files.createDirectories(projects.resolve("-tmp-something-else"));

    manager.cleanup(wt);

    for (String n : names) {
      assertThat(projects.resolve(n)).doesNotExist();
    }
    assertThat(sibling).exists();
  }

  @Test
  void cacheNamesFollowClaudeCode() {
    assertThat(ClaudeProjectCache.projectNames(Path.of("/tmp/p-worktree-5")))
        .containsExactly("-tmp-p-worktree-5", "tmp-p-worktree-5");
    assertThat(ClaudeProjectCache.projectNames(Path.of("/tmp/a.b_c")))
        .containsExactly("-tmp-a-b-c", "tmp-a.b_c");
  }

  @Test
  void cleanupRefusesTheMainCheckoutTheRootAndPathsOutsideTheScanRoot() throws IOException {
    try (CapturedLog log = CapturedLog.start()) {
      assertThat(manager.cleanup(rig.repo)).isFalse();
      assertThat(manager.cleanup(Path.of("/"))).isFalse();
      assertThat(manager.cleanup(rig.home)).isFalse();
      assertThat(manager.cleanup(scan)).isFalse();
      assertThat(manager.cleanup(rig.root)).isFalse();

      assertThat(rig.repo.resolve("README")).exists();
      assertThat(rig.home).exists();
      assertThat(log.messages()).anyMatch(m -> m.startsWith("refusing to remove " + rig.repo));
    }
  }

  private Path aged(Path dir, Duration age) throws IOException {
    FileTime t = FileTime.from(now.minus(age));
    Optional<Path> admin = LinkedWorktree.adminDir(dir);
    if (admin.isPresent()) {
      for (Path p : List.of(admin.get().resolve("HEAD"), admin.get().resolve("index"),
          admin.get().resolve("logs/HEAD"))) {
        if (Files.exists(p)) {
          Files.setLastModifiedTime(p, t);
        }
      }
    }
    Files.setLastModifiedTime(dir, t);
    return dir;
  }

  @Test
  void staleSweepRemovesOnlyOldUnpreservedLinkedWorktrees() throws IOException {
    Path w1 = manager.create(scan.resolve("a-worktree-1"), "b1", Optional.empty());
    Path w2 = manager.create(scan.resolve("a-worktree-2"), "b2", Optional.empty());
    Files.writeString(w2.resolve(".worktree-preserved"), "legacy\n");
    Path w3 = manager.create(scan.resolve("a-worktree-3"), "b3", Optional.empty());
    Path w4 = Files.createDirectories(scan.resolve("a-worktree-4"));
    aged(w1, Duration.ofHours(30));
    aged(w2, Duration.ofHours(30));
    aged(w3, Duration.ofHours(1));
    aged(w4, Duration.ofHours(30));
    // A dangling admin entry whose directory vanished: the sweep's prune removes it.
    Path gone = manager.create(scan.resolve("gone"), "b5", Optional.empty());
    org.assertj.core.api.Assertions.assertThat(gone.toFile().renameTo(
        rig.root.resolve("moved").toFile())).isTrue();

    try (CapturedLog log = CapturedLog.start()) {
      int n = manager.cleanupStale(Duration.ofHours(24));

      assertThat(n).isEqualTo(1);
      assertThat(w1).doesNotExist();
      assertThat(List.of(w2, w3, w4)).allMatch(Files::exists);
      assertThat(log.messages()).containsExactly(
          "cleaned stale worktree: " + w1 + " (age: 30h)", "cleaned 1 stale worktree(s)");
      assertThat(rig.repo.resolve(".git/worktrees/gone")).doesNotExist();
    }
  }

  @Test
  void aWorktreeEditedDeepInsideIsNotStale() throws IOException {
    Path w1 = manager.create(scan.resolve("a-worktree-1"), "b1", Optional.empty());
    aged(w1, Duration.ofHours(30));
    Files.setLastModifiedTime(LinkedWorktree.adminDir(w1).orElseThrow().resolve("index"),
        FileTime.from(now.minus(Duration.ofMinutes(5))));

    assertThat(manager.cleanupStale(Duration.ofHours(24))).isZero();
    assertThat(w1).exists();
  }

  @Test
  void nothingToCleanIsNotAnError() {
    try (CapturedLog log = CapturedLog.start()) {
      assertThat(manager.cleanupStale(Duration.ofHours(24))).isZero();
      assertThat(log.messages()).noneMatch(m -> m.contains("cleaned"));
    }
  }

  @Test
  void aPlainCloneIsNeverSwept() throws IOException {
    Path clone = scan.resolve("disinto-scratch");
    rig.ok(rig.root, "clone", "-q", rig.remote.toString(), clone.toString());
    aged(clone, Duration.ofHours(48));

    assertThat(manager.cleanupStale(Duration.ofHours(24))).isZero();
    assertThat(clone).exists();
  }

  @Test
  void anActiveSessionProtectsItsWorktreeButNotANeighbourWithALongerName() throws IOException {
    Path w1 = aged(manager.create(scan.resolve("a-worktree-1"), "b1", Optional.empty()),
        Duration.ofHours(30));
    Path w10 = aged(manager.create(scan.resolve("a-worktree-10"), "b10", Optional.empty()),
        Duration.ofHours(30));
    active = List.of(w1.resolve("src"));

    assertThat(manager.cleanupStale(Duration.ofHours(24))).isEqualTo(1);
    assertThat(w1).exists();
    assertThat(w10).doesNotExist();
  }

  @Test
  void preserveWritesTheMarkerOutsideTheTreeAndTheSweepHonoursIt() throws IOException {
    try (CapturedLog log = CapturedLog.start()) {
      assertThat(manager.preserve(scan.resolve("missing"), "x")).isFalse();
      assertThat(log.messages()).isEmpty();

      Path wt = manager.create(scan.resolve("a-worktree-1"), "b1", Optional.empty());
      assertThat(manager.preserve(wt, "crashed (exit=2)")).isTrue();

      Path marker = rig.repo.resolve(".git/worktrees/a-worktree-1/disinto-preserved");
      assertThat(Files.readString(marker, StandardCharsets.UTF_8)).isEqualTo("crashed (exit=2)\n");
      assertThat(rig.ok(wt, "status", "--porcelain")).isEmpty();
      assertThat(log.messages()).containsExactly(
          "PRESERVED worktree for debugging: " + wt + " (reason: crashed (exit=2))");
      assertThat(manager.preservedReason(wt)).contains("crashed (exit=2)");

      aged(wt, Duration.ofHours(30));
      assertThat(manager.cleanupStale(Duration.ofHours(24))).isZero();
      assertThat(wt).exists();
    }
  }

  @Test
  void theMainCheckoutIsUntouchedByEveryOperation() throws IOException {
    Files.writeString(rig.repo.resolve("README"), "dirty main\n");
    String before = rig.ok(rig.repo, "status", "--porcelain");
    Path wt = manager.create(scan.resolve("p-worktree-5"), "fix/issue-5", Optional.empty());
    manager.recover(wt, "fix/issue-5", Optional.empty());
    manager.cleanup(wt);
    manager.cleanupStale(Duration.ofHours(1));

    assertThat(rig.ok(rig.repo, "status", "--porcelain")).isEqualTo(before);
    assertThat(rig.ok(rig.repo, "rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("main");
    try (Stream<Path> s = Files.list(rig.repo)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(".git",
          "README");
    }
  }
}
