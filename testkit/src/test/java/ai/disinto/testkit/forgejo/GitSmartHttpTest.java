package ai.disinto.testkit.forgejo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The real git CLI against the mock's smart HTTP endpoints. */
@ExtendWith(MockForgejoExtension.class)
class GitSmartHttpTest {
  private static final String R = "/repos/" + Fixture.REPO;

  @TempDir
  Path tmp;

  private GitCli git() {
    return new GitCli(tmp);
  }

  private Path cloneAs(MockForgejo m, String user, String dir) {
    git().ok(tmp, "clone", m.cloneUrl("owner", "proj", user, user + "-password"), dir);
    return tmp.resolve(dir);
  }

  private static String commitFile(GitCli g, Path work, String file, String text, String msg) {
    GitCli.write(work.resolve(file), text);
    g.ok(work, "add", file);
    g.ok(work, "commit", "-q", "-m", msg);
    return g.ok(work, "rev-parse", "HEAD");
  }

  @Test
  void cloneCommitAndPushNewBranchShowsInApi(MockForgejo m) throws Exception {
    Fixture.seed(m);
    Path work = cloneAs(m, "dev-bot", "work");
    assertThat(Files.readString(work.resolve("README.md"))).startsWith("# proj");
    assertThat(git().ok(work, "rev-parse", "HEAD"))
        .isEqualTo(m.branchHead(Fixture.REPO, "main").orElseThrow());

    GitCli g = git();
    g.ok(work, "checkout", "-q", "-b", "feature/x");
    String sha = commitFile(g, work, "src/hello.txt", "hello\n", "Add hello");
    g.ok(work, "push", "-q", "origin", "feature/x");

    Http.Res branch = Fixture.as(m, "dev-bot").get(R + "/branches/feature/x");
    assertThat(branch.status()).isEqualTo(200);
    Map<String, Object> commit = Json.asObject(branch.obj().get("commit"));
    assertThat(commit).containsEntry("id", sha).containsEntry("message", "Add hello\n");
    assertThat(Json.asObject(commit.get("author"))).containsEntry("name", "Git Test")
        .containsEntry("email", "git-test@example.invalid").containsEntry("username", "");
    Http.Res file = Fixture.as(m, "dev-bot").get(R + "/contents/src/hello.txt?ref=feature/x");
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.obj()).containsEntry("content", Render.base64("hello\n"))
        .containsEntry("last_commit_sha", sha);
    assertThat(m.journal()).anySatisfy(r -> {
      assertThat(r.path()).isEqualTo("/owner/proj.git/git-receive-pack");
      assertThat(r.principal()).isEqualTo("dev-bot");
      assertThat(r.status()).isEqualTo(200);
    });
  }

  @Test
  void fetchSeesTheMergeCommitOfTheApi(MockForgejo m) {
    Fixture.seed(m);
    GitCli g = git();
    Path work = cloneAs(m, "dev-bot", "work");
    g.ok(work, "checkout", "-q", "-b", "fix/7");
    String head = commitFile(g, work, "fix.txt", "fixed\n", "Fix #7");
    g.ok(work, "push", "-q", "origin", "fix/7");
    Http dev = Fixture.as(m, "dev-bot");
    Http.Res pr = dev.post(R + "/pulls", Map.of("head", "fix/7", "base", "main", "title", "Fix"));
    assertThat(pr.status()).isEqualTo(201);
    assertThat(Json.asObject(pr.obj().get("head"))).containsEntry("sha", head);
    long n = ((Number) pr.obj().get("number")).longValue();
    assertThat(Fixture.as(m, "owner").post(R + "/pulls/" + n + "/merge",
        Map.of("Do", "merge", "delete_branch_after_merge", true)).status()).isEqualTo(200);
    String merge = (String) dev.get(R + "/pulls/" + n).obj().get("merge_commit_sha");

    g.ok(work, "fetch", "-q", "--prune", "origin");
    assertThat(g.ok(work, "rev-parse", "origin/main")).isEqualTo(merge);
    assertThat(g.ok(work, "rev-list", "--parents", "-n", "1", "origin/main").split(" "))
        .hasSize(3).contains(head);
    assertThat(g.ok(work, "branch", "-r")).doesNotContain("origin/fix/7");
    assertThat(g.ok(work, "show", "origin/main:fix.txt")).isEqualTo("fixed");
  }

  @Test
  void withoutCredentialsPushGets401WithAChallenge(MockForgejo m) {
    Fixture.seed(m);
    GitCli g = git();
    g.ok(tmp, "clone", "-q", m.cloneUrl("owner", "proj"), "anon");
    Path work = tmp.resolve("anon");
    commitFile(g, work, "a.txt", "a\n", "a");
    GitCli.Run push = g.run(work, "push", "origin", "HEAD:refs/heads/anon");
    assertThat(push.exit()).isNotZero();
    assertThat(push.err()).contains("could not read Username");
    assertThat(m.branchHead(Fixture.REPO, "anon")).isEmpty();

    Http.Res raw = Http.anonymous(m).get("/owner/proj.git/info/refs?service=git-receive-pack");
    assertThat(raw.status()).isEqualTo(401);
    assertThat(raw.header("WWW-Authenticate")).isEqualTo("Basic realm=\".\"");
  }

  @Test
  void privateRepositoryNeedsCredentialsToClone(MockForgejo m) {
    Fixture.seed(m);
    m.seed().repo("owner/secret", r -> r.privateRepo(true).collaborator("reader", "read"));
    GitCli.Run anon = git().run(tmp, "clone", m.cloneUrl("owner", "secret"), "anon");
    assertThat(anon.exit()).isNotZero();
    assertThat(anon.err()).contains("could not read Username");
    GitCli.Run wrong = git().run(tmp, "clone", m.cloneUrl("owner", "secret", "reader", "nope"), "w");
    assertThat(wrong.exit()).isNotZero();
    assertThat(wrong.err()).contains("Authentication failed");
    GitCli.Run stranger = git().run(tmp, "clone",
        m.cloneUrl("owner", "secret", "stranger", "stranger-password"), "s");
    assertThat(stranger.exit()).isNotZero();
    assertThat(stranger.err()).contains("not found");
    git().ok(tmp, "clone", "-q", m.cloneUrl("owner", "secret", "reader", "reader-password"), "ok");
    assertThat(tmp.resolve("ok/README.md")).exists();
  }

  @Test
  void readOnlyCollaboratorGets403OnPush(MockForgejo m) {
    Fixture.seed(m);
    GitCli g = git();
    Path work = cloneAs(m, "reader", "work");
    commitFile(g, work, "r.txt", "r\n", "reader change");
    GitCli.Run push = g.run(work, "push", "origin", "HEAD:refs/heads/reader-branch");
    assertThat(push.exit()).isNotZero();
    assertThat(push.err()).contains("403");
    assertThat(m.branchHead(Fixture.REPO, "reader-branch")).isEmpty();
    Http.Res raw = Http.basic(m, "reader", "reader-password")
        .get("/owner/proj.git/info/refs?service=git-receive-pack");
    assertThat(raw.status()).isEqualTo(403);
  }

  @Test
  void protectedBranchPushIsRejectedAndOtherRefsStillMove(MockForgejo m) {
    Fixture.seed(m);
    m.seed().protection(Fixture.REPO, "main", Map.of());
    String before = m.branchHead(Fixture.REPO, "main").orElseThrow();
    GitCli g = git();
    Path work = cloneAs(m, "dev-bot", "work");
    String sha = commitFile(g, work, "p.txt", "p\n", "direct to main");
    GitCli.Run push = g.run(work, "push", "origin", "HEAD:main", "HEAD:refs/heads/side");
    assertThat(push.exit()).isNotZero();
    assertThat(push.err()).contains("[remote rejected] HEAD -> main")
        .contains("Not allowed to push to protected branch main");
    assertThat(m.branchHead(Fixture.REPO, "main")).contains(before);
    assertThat(m.branchHead(Fixture.REPO, "side")).contains(sha);
  }

  @Test
  void protectedBranchWithPushEnabledRefusesForcePushAndDeletion(MockForgejo m) {
    Fixture.seed(m);
    m.seed().protection(Fixture.REPO, "release/*", Map.of("enable_push", true));
    GitCli g = git();
    Path work = cloneAs(m, "dev-bot", "work");
    g.ok(work, "checkout", "-q", "-b", "release/1");
    String first = commitFile(g, work, "r.txt", "1\n", "one");
    g.ok(work, "push", "-q", "origin", "release/1");
    assertThat(m.branchHead(Fixture.REPO, "release/1")).contains(first);
    g.ok(work, "commit", "-q", "--amend", "-m", "rewritten");
    GitCli.Run force = g.run(work, "push", "--force", "origin", "release/1");
    assertThat(force.exit()).isNotZero();
    assertThat(force.err()).contains("protected from force push");
    GitCli.Run delete = g.run(work, "push", "origin", ":release/1");
    assertThat(delete.exit()).isNotZero();
    assertThat(delete.err()).contains("protected from deletion");
    assertThat(m.branchHead(Fixture.REPO, "release/1")).contains(first);
  }

  @Test
  void tokenInPlaceOfPasswordReadsButCannotPush(MockForgejo m) {
    Fixture.seed(m);
    GitCli g = git();
    String url = m.cloneUrl("owner", "proj", "dev-bot", "tok-dev-bot");
    g.ok(tmp, "clone", "-q", url, "work");
    Path work = tmp.resolve("work");
    commitFile(g, work, "t.txt", "t\n", "with token");
    GitCli.Run push = g.run(work, "push", "origin", "HEAD:refs/heads/token-push");
    assertThat(push.exit()).isNotZero();
    assertThat(push.err()).contains("Authentication failed");
    assertThat(m.branchHead(Fixture.REPO, "token-push")).isEmpty();
    // The same user with the password pushes.
    g.ok(work, "push", "-q", m.cloneUrl("owner", "proj", "dev-bot", "dev-bot-password"),
        "HEAD:refs/heads/token-push");
    assertThat(m.branchHead(Fixture.REPO, "token-push")).isPresent();
  }

  @Test
  void pushToAPullRequestHeadMovesThePullRequest(MockForgejo m) {
    Fixture.seed(m);
    long n = m.seed().pull(Fixture.REPO, p -> p.title("Fix").author("dev-bot").head("fix/1"));
    m.seed().review(Fixture.REPO, n, "review-bot", "APPROVED", "");
    GitCli g = git();
    Path work = cloneAs(m, "dev-bot", "work");
    g.ok(work, "checkout", "-q", "fix/1");
    String sha = commitFile(g, work, "more.txt", "more\n", "address review");
    g.ok(work, "push", "-q", "origin", "fix/1");
    Http dev = Fixture.as(m, "dev-bot");
    assertThat(Json.asObject(dev.get(R + "/pulls/" + n).obj().get("head")))
        .containsEntry("sha", sha);
    assertThat(dev.get(R + "/pulls/" + n + "/reviews").pluck("stale")).containsExactly(true);
    assertThat(dev.get(R + "/pulls/" + n + "/files").pluck("filename"))
        .containsExactly("fix-1.txt", "more.txt");
    assertThat(dev.get(R + "/commits/fix%2F1/status").obj()).containsEntry("sha", sha);
  }

  @Test
  void emptyRepositoryClonesAndTakesAFirstPush(MockForgejo m) {
    Fixture.seed(m);
    m.seed().repo("owner/empty", r -> r.autoInit(false));
    GitCli g = git();
    g.ok(tmp, "clone", "-q", m.cloneUrl("owner", "empty", "owner", "owner-password"), "e");
    Path work = tmp.resolve("e");
    String sha = commitFile(g, work, "first.txt", "1\n", "first");
    g.ok(work, "push", "-q", "origin", "HEAD:main");
    Http.Res repo = Fixture.as(m, "owner").get("/repos/owner/empty");
    assertThat(repo.obj()).containsEntry("empty", false);
    assertThat(Fixture.as(m, "owner").get("/repos/owner/empty/branches").pluck("name"))
        .isEqualTo(List.of("main"));
    assertThat(m.branchHead("owner/empty", "main")).contains(sha);
  }

  @Test
  void faultsHitGitRequestsToo(MockForgejo m) {
    Fixture.seed(m);
    m.faults().add(Fault.on("POST", "/owner/proj.git/git-receive-pack").withStatus(500));
    GitCli g = git();
    Path work = cloneAs(m, "dev-bot", "work");
    commitFile(g, work, "f.txt", "f\n", "f");
    GitCli.Run push = g.run(work, "push", "origin", "HEAD:refs/heads/faulted");
    assertThat(push.exit()).isNotZero();
    assertThat(push.err()).contains("500");
    assertThat(m.branchHead(Fixture.REPO, "faulted")).isEmpty();
    m.faults().clear();
    g.ok(work, "push", "-q", "origin", "HEAD:refs/heads/faulted");
    assertThat(m.branchHead(Fixture.REPO, "faulted")).isPresent();
  }

  @Test
  void bareRepositoryOnDiskIsWhatTheGitCliSeesAndKeepsTakingPushes(MockForgejo m) {
    Fixture.seed(m);
    long n = m.seed().pull(Fixture.REPO, p -> p.title("Fix").author("dev-bot").head("fix/1"));
    String old = m.pushBranch(Fixture.REPO, "moved", null);
    m.pushBranch(Fixture.REPO, "moved", null);
    assertThat(Fixture.as(m, "owner").post(R + "/pulls/" + n + "/merge", Map.of("Do", "squash"))
        .status()).isEqualTo(200);
    GitCli g = git();
    Path dir = m.bareRepository("owner", "proj");
    String gitDir = "--git-dir=" + dir;
    g.ok(tmp, gitDir, "fsck", "--strict", "--no-dangling");
    assertThat(g.ok(tmp, gitDir, "rev-parse", "main"))
        .isEqualTo(m.branchHead(Fixture.REPO, "main").orElseThrow());
    assertThat(g.ok(tmp, gitDir, "symbolic-ref", "HEAD")).isEqualTo("refs/heads/main");
    // An unreachable commit the API may still name is on disk too.
    assertThat(g.ok(tmp, gitDir, "cat-file", "-t", old)).isEqualTo("commit");

    Path work = cloneAs(m, "dev-bot", "work");
    String sha = commitFile(g, work, "disk.txt", "disk\n", "after the move to disk");
    g.ok(work, "push", "-q", "origin", "HEAD:refs/heads/on-disk");
    assertThat(g.ok(tmp, gitDir, "rev-parse", "on-disk")).isEqualTo(sha);
    assertThat(Json.asObject(Fixture.as(m, "dev-bot").get(R + "/branches/on-disk").obj()
        .get("commit"))).containsEntry("id", sha);
  }
}
