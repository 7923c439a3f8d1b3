package ai.disinto.testkit.forgejo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Merges through the API make real commits in the bare repository, in each style. */
@ExtendWith(MockForgejoExtension.class)
class GitMergeStylesTest {
  private static final String R = "/repos/" + Fixture.REPO;

  /** A PR from fix/1 (two commits) while main moved on with another file. */
  private static long divergedPr(MockForgejo m) {
    Fixture.seed(m);
    m.seed().file(Fixture.REPO, "fix/1", "a.txt", "a\n");
    m.seed().file(Fixture.REPO, "fix/1", "b.txt", "b\n");
    m.seed().file(Fixture.REPO, "main", "main.txt", "main\n");
    return m.seed().pull(Fixture.REPO, p -> p.title("Fix it").author("dev-bot").head("fix/1"));
  }

  private static Http.Res merge(MockForgejo m, long n, String style) {
    return Fixture.as(m, "owner").post(R + "/pulls/" + n + "/merge", Map.of("Do", style));
  }

  private static RevCommit commit(MockForgejo m, String ref) throws IOException {
    try (Repository repo = open(m); RevWalk walk = new RevWalk(repo)) {
      return walk.parseCommit(repo.resolve(ref));
    }
  }

  private static Repository open(MockForgejo m) throws IOException {
    return new FileRepositoryBuilder().setGitDir(m.bareRepository("owner", "proj").toFile())
        .setMustExist(true).build();
  }

  private static List<String> files(MockForgejo m, String ref) throws IOException {
    List<String> out = new ArrayList<>();
    try (Repository repo = open(m); RevWalk walk = new RevWalk(repo);
        TreeWalk tw = new TreeWalk(repo)) {
      tw.addTree(walk.parseCommit(repo.resolve(ref)).getTree());
      tw.setRecursive(true);
      while (tw.next()) {
        out.add(tw.getPathString());
      }
    }
    return out;
  }

  private static String mergeSha(MockForgejo m, long n) {
    return (String) Fixture.as(m, "owner").get(R + "/pulls/" + n).obj().get("merge_commit_sha");
  }

  @Test
  void mergeMakesATwoParentCommit(MockForgejo m) throws IOException {
    long n = divergedPr(m);
    String head = m.seed().headSha(Fixture.REPO, n);
    String oldMain = m.branchHead(Fixture.REPO, "main").orElseThrow();
    assertThat(merge(m, n, "merge").status()).isEqualTo(200);
    RevCommit c = commit(m, "refs/heads/main");
    assertThat(c.name()).isEqualTo(mergeSha(m, n));
    assertThat(c.getParents()).extracting(ObjectId::name).containsExactly(oldMain, head);
    assertThat(c.getFullMessage()).startsWith("Merge pull request 'Fix it' (#1) from fix/1 into main");
    assertThat(c.getAuthorIdent().getName()).isEqualTo("owner");
    assertThat(files(m, "refs/heads/main")).containsExactly("README.md", "a.txt", "b.txt", "main.txt");
  }

  @Test
  void squashMakesOneCommitOnTheBase(MockForgejo m) throws IOException {
    long n = divergedPr(m);
    String oldMain = m.branchHead(Fixture.REPO, "main").orElseThrow();
    assertThat(merge(m, n, "squash").status()).isEqualTo(200);
    RevCommit c = commit(m, "refs/heads/main");
    assertThat(c.getParents()).extracting(ObjectId::name).containsExactly(oldMain);
    assertThat(c.getShortMessage()).isEqualTo("Fix it (#1)");
    assertThat(c.getAuthorIdent().getName()).isEqualTo("dev-bot");
    assertThat(files(m, "refs/heads/main")).containsExactly("README.md", "a.txt", "b.txt", "main.txt");
    assertThat(mergeSha(m, n)).isEqualTo(c.name());
  }

  @Test
  void rebaseReplaysTheCommitsLinearly(MockForgejo m) throws IOException {
    long n = divergedPr(m);
    String oldMain = m.branchHead(Fixture.REPO, "main").orElseThrow();
    assertThat(merge(m, n, "rebase").status()).isEqualTo(200);
    RevCommit top = commit(m, "refs/heads/main");
    RevCommit below = commit(m, top.getParent(0).name());
    assertThat(top.getParentCount()).isEqualTo(1);
    assertThat(below.getParentCount()).isEqualTo(1);
    assertThat(below.getParent(0).name()).isEqualTo(oldMain);
    assertThat(top.getShortMessage()).isEqualTo("push to fix/1");
    assertThat(files(m, "refs/heads/main")).containsExactly("README.md", "a.txt", "b.txt", "main.txt");
    assertThat(files(m, below.name())).containsExactly("README.md", "a.txt", "main.txt");
    assertThat(mergeSha(m, n)).isEqualTo(top.name());
  }

  @Test
  void fastForwardOnlyMovesTheBaseToTheHead(MockForgejo m) throws IOException {
    Fixture.seed(m);
    long n = m.seed().pull(Fixture.REPO, p -> p.title("Fix").author("dev-bot").head("fix/1")
        .file("x.txt", "x\n"));
    String head = m.seed().headSha(Fixture.REPO, n);
    assertThat(merge(m, n, "fast-forward-only").status()).isEqualTo(200);
    assertThat(m.branchHead(Fixture.REPO, "main")).contains(head);
    assertThat(mergeSha(m, n)).isEqualTo(head);
  }

  @Test
  void fastForwardOnlyOfDivergedBranchesIs409(MockForgejo m) {
    long n = divergedPr(m);
    String oldMain = m.branchHead(Fixture.REPO, "main").orElseThrow();
    assertThat(merge(m, n, "fast-forward-only").status()).isEqualTo(409);
    assertThat(m.branchHead(Fixture.REPO, "main")).contains(oldMain);
    assertThat(Fixture.as(m, "owner").get(R + "/pulls/" + n).obj()).containsEntry("merged", false);
  }

  @Test
  void realConflictIs409AndChangesNothing(MockForgejo m) throws IOException {
    Fixture.seed(m);
    m.seed().file(Fixture.REPO, "fix/1", "README.md", "theirs\n");
    m.seed().file(Fixture.REPO, "main", "README.md", "ours\n");
    long n = m.seed().pull(Fixture.REPO, p -> p.title("Clash").author("dev-bot").head("fix/1"));
    String oldMain = m.branchHead(Fixture.REPO, "main").orElseThrow();
    String oldHead = m.branchHead(Fixture.REPO, "fix/1").orElseThrow();
    List<String> objectsBefore = objects(m);
    for (String style : List.of("merge", "squash", "rebase", "rebase-merge")) {
      Http.Res res = merge(m, n, style);
      assertThat(res.status()).as(style).isEqualTo(409);
    }
    assertThat(m.branchHead(Fixture.REPO, "main")).contains(oldMain);
    assertThat(m.branchHead(Fixture.REPO, "fix/1")).contains(oldHead);
    assertThat(objects(m)).isEqualTo(objectsBefore);
    Map<String, Object> pr = Fixture.as(m, "owner").get(R + "/pulls/" + n).obj();
    assertThat(pr).containsEntry("merged", false).containsEntry("state", "open");
  }

  @Test
  void deleteBranchAfterMergeRemovesTheHeadRef(MockForgejo m) {
    long n = divergedPr(m);
    Http.Res res = Fixture.as(m, "owner").post(R + "/pulls/" + n + "/merge",
        Map.of("Do", "merge", "delete_branch_after_merge", true));
    assertThat(res.status()).isEqualTo(200);
    assertThat(m.branchHead(Fixture.REPO, "fix/1")).isEmpty();
    assertThat(Fixture.as(m, "owner").get(R + "/branches/fix%2F1").status()).isEqualTo(404);
  }

  @Test
  void seededBranchesAndApiWritesAreRealCommits(MockForgejo m) throws IOException {
    Fixture.seed(m);
    String pushed = m.pushBranch(Fixture.REPO, "feature", null);
    Http.Res put = Fixture.as(m, "dev-bot").post(R + "/contents/docs/new.md",
        Map.of("content", Render.base64("new\n"), "branch", "feature", "message", "Add docs"));
    assertThat(put.status()).isEqualTo(201);
    String sha = (String) Json.asObject(put.obj().get("commit")).get("sha");
    RevCommit c = commit(m, "refs/heads/feature");
    assertThat(c.name()).isEqualTo(sha);
    assertThat(c.getParent(0).name()).isEqualTo(pushed);
    assertThat(c.getShortMessage()).isEqualTo("Add docs");
    try (Repository repo = open(m)) {
      assertThat(new String(repo.open(TreeWalk.forPath(repo, "docs/new.md", c.getTree())
          .getObjectId(0)).getBytes(), StandardCharsets.UTF_8)).isEqualTo("new\n");
    }
    // Every branch the API lists exists in the bare repository.
    for (Object name : Fixture.as(m, "dev-bot").get(R + "/branches").pluck("name")) {
      assertThat(commit(m, "refs/heads/" + name)).isNotNull();
    }
  }

  @Test
  void bareRepositoriesGoAwayWithTheirRepositoryAndTheMock(MockForgejo m) {
    Fixture.seed(m);
    Path dir = m.bareRepository("owner", "proj");
    assertThat(dir.resolve("HEAD")).exists();
    assertThat(Fixture.as(m, "owner").delete(R).status()).isEqualTo(204);
    assertThat(dir).doesNotExist();
    m.seed().repo("owner/again");
    Path again = m.bareRepository("owner", "again");
    m.reset();
    assertThat(again).doesNotExist();
    m.seed().repo("x/y");
    Path last = m.bareRepository("x", "y");
    m.close();
    assertThat(last).doesNotExist();
  }

  private static List<String> objects(MockForgejo m) throws IOException {
    try (Stream<Path> s = Files.walk(m.bareRepository("owner", "proj").resolve("objects"))) {
      return s.map(Path::toString).sorted().toList();
    }
  }
}
