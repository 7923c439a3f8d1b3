package ai.disinto.testkit.forgejo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MockForgejoExtension.class)
class PullsAndMergeTest {
  private static final String R = "/repos/owner/proj";
  private static final Map<String, Object> MERGE = Map.of("Do", "merge");

  private static long pr(MockForgejo m) {
    Fixture.seed(m);
    return m.seed().pull(Fixture.REPO, p -> p.title("Fix thing").author("dev-bot").head("fix/1"));
  }

  private static void protect(MockForgejo m, Map<String, Object> options) {
    m.seed().protection(Fixture.REPO, "main", options);
  }

  @Test
  void createPullAnswers201WithHeadAndBase(MockForgejo m) {
    Fixture.seed(m);
    m.seed().branch(Fixture.REPO, "feature", "main");
    m.seed().file(Fixture.REPO, "feature", "a.txt", "a\n");
    Http.Res r = Fixture.as(m, "dev-bot").post(R + "/pulls",
        Map.of("title", "t", "body", "b", "head", "feature", "base", "main"));
    assertThat(r.status()).isEqualTo(201);
    assertThat(Json.asObject(r.obj().get("head"))).containsEntry("ref", "feature");
    assertThat(Json.asObject(r.obj().get("base"))).containsEntry("ref", "main");
    assertThat(r.obj()).containsEntry("mergeable", true).containsEntry("merged", false);
  }

  @Test
  void createPullIs409ForADuplicateOpenPull(MockForgejo m) {
    pr(m);
    Http.Res r = Fixture.as(m, "dev-bot").post(R + "/pulls",
        Map.of("title", "again", "head", "fix/1", "base", "main"));
    assertThat(r.status()).isEqualTo(409);
  }

  @Test
  void createPullIs404ForMissingBranchAnd422ForHeadEqualsBase(MockForgejo m) {
    Fixture.seed(m);
    Http dev = Fixture.as(m, "dev-bot");
    assertThat(dev.post(R + "/pulls", Map.of("title", "t", "head", "nope", "base", "main")).status()).isEqualTo(404);
    assertThat(dev.post(R + "/pulls", Map.of("title", "t", "head", "main", "base", "main")).status()).isEqualTo(422);
  }

  @Test
  void pullListFindsOpenPullsNewestFirst(MockForgejo m) {
    Fixture.seed(m);
    m.seed().pull(Fixture.REPO, p -> p.head("a"));
    m.seed().pull(Fixture.REPO, p -> p.head("b"));
    m.seed().pull(Fixture.REPO, p -> p.head("c").closed());
    Http dev = Fixture.as(m, "dev-bot");
    Http.Res open = dev.get(R + "/pulls?state=open&limit=20");
    assertThat(open.pluck("number")).containsExactly(2L, 1L);
    assertThat(dev.get(R + "/pulls?state=all").list()).hasSize(3);
    assertThat(dev.get(R + "/pulls?state=closed").pluck("number")).containsExactly(3L);
  }

  @Test
  void pullByBaseAndHeadFindsThePullOfABranchWithSlashes(MockForgejo m) {
    long n = pr(m);
    Http.Res r = Fixture.as(m, "dev-bot").get(R + "/pulls/main/fix/1");
    assertThat(r.status()).isEqualTo(200);
    assertThat(((Number) r.obj().get("number")).longValue()).isEqualTo(n);
    assertThat(Json.asObject(r.obj().get("head"))).containsEntry("ref", "fix/1");
  }

  @Test
  void pullByBaseAndHeadAcceptsOwnerPrefixedHead(MockForgejo m) {
    long n = pr(m);
    Http.Res r = Fixture.as(m, "dev-bot").get(R + "/pulls/main/owner:fix/1");
    assertThat(((Number) r.obj().get("number")).longValue()).isEqualTo(n);
    assertThat(Fixture.as(m, "dev-bot").get(R + "/pulls/main/stranger:fix/1").status())
        .isEqualTo(404);
  }

  @Test
  void pullByBaseAndHeadAnswersTheNewestPullInAnyState(MockForgejo m) {
    Fixture.seed(m);
    long closed = m.seed().pull(Fixture.REPO, p -> p.head("fix/2").closed());
    Http dev = Fixture.as(m, "dev-bot");
    Http.Res onlyClosed = dev.get(R + "/pulls/main/fix/2");
    assertThat(((Number) onlyClosed.obj().get("number")).longValue()).isEqualTo(closed);
    assertThat(onlyClosed.obj()).containsEntry("state", "closed");
    long reopened = m.seed().pull(Fixture.REPO, p -> p.head("fix/2"));
    Http.Res newest = dev.get(R + "/pulls/main/fix/2");
    assertThat(((Number) newest.obj().get("number")).longValue()).isEqualTo(reopened);
    assertThat(newest.obj()).containsEntry("state", "open");
  }

  @Test
  void pullByBaseAndHeadIs404ForAnUnknownPairAndLeavesIndexRoutesAlone(MockForgejo m) {
    long n = pr(m);
    Http dev = Fixture.as(m, "dev-bot");
    assertThat(dev.get(R + "/pulls/main/fix/none").status()).isEqualTo(404);
    assertThat(dev.get(R + "/pulls/develop/fix/1").status()).isEqualTo(404);
    Http.Res files = dev.get(R + "/pulls/" + n + "/files");
    assertThat(files.status()).isEqualTo(200);
    assertThat(files.list()).isNotNull();
  }

  @Test
  void patchPullAnswers201AndClosesIt(MockForgejo m) {
    long n = pr(m);
    Http.Res r = Fixture.as(m, "dev-bot").patch(R + "/pulls/" + n, Map.of("state", "closed"));
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.obj()).containsEntry("state", "closed");
  }

  @Test
  void mergeSucceedsWith200EmptyBodyAndMarksThePullMerged(MockForgejo m) {
    long n = pr(m);
    Http dev = Fixture.as(m, "dev-bot");
    Http.Res r = dev.post(R + "/pulls/" + n + "/merge", Map.of("Do", "merge", "delete_branch_after_merge", true));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
    Map<String, Object> pull = dev.get(R + "/pulls/" + n).obj();
    assertThat(pull).containsEntry("state", "closed").containsEntry("merged", true);
    assertThat(pull.get("merged_at")).isNotNull();
    assertThat((String) pull.get("merge_commit_sha")).hasSize(40);
    assertThat(dev.get(R + "/branches/fix/1").status()).isEqualTo(404);
    assertThat(Json.asObject(Json.asObject(dev.get(R + "/branches/main").obj().get("commit"))))
        .containsEntry("id", pull.get("merge_commit_sha"));
  }

  @Test
  void mergeOfAMergedPullIs405AndPatchIs412(MockForgejo m) {
    long n = pr(m);
    Http dev = Fixture.as(m, "dev-bot");
    dev.post(R + "/pulls/" + n + "/merge", MERGE);
    assertThat(dev.post(R + "/pulls/" + n + "/merge", MERGE).status()).isEqualTo(405);
    assertThat(dev.patch(R + "/pulls/" + n, Map.of("state", "closed")).status()).isEqualTo(412);
  }

  @Test
  void mergeOfAClosedPullIs404(MockForgejo m) {
    long n = pr(m);
    Http dev = Fixture.as(m, "dev-bot");
    dev.patch(R + "/pulls/" + n, Map.of("state", "closed"));
    assertThat(dev.post(R + "/pulls/" + n + "/merge", MERGE).status()).isEqualTo(404);
  }

  @Test
  void mergeOfAWorkInProgressPullIs405(MockForgejo m) {
    Fixture.seed(m);
    long n = m.seed().pull(Fixture.REPO, p -> p.title("WIP: not yet").head("w"));
    assertThat(Fixture.as(m, "dev-bot").post(R + "/pulls/" + n + "/merge", MERGE).status()).isEqualTo(405);
  }

  @Test
  void mergeByAReaderOrOffTheWhitelistIs405(MockForgejo m) {
    long n = pr(m);
    assertThat(Fixture.as(m, "reader").post(R + "/pulls/" + n + "/merge", MERGE).status()).isEqualTo(405);
    protect(m, Map.of("enable_merge_whitelist", true, "merge_whitelist_usernames", List.of("review-bot")));
    assertThat(Fixture.as(m, "dev-bot").post(R + "/pulls/" + n + "/merge", MERGE).status()).isEqualTo(405);
    assertThat(Fixture.as(m, "review-bot").post(R + "/pulls/" + n + "/merge", MERGE).status()).isEqualTo(200);
  }

  @Test
  void mergeWithInvalidDoIs422(MockForgejo m) {
    long n = pr(m);
    assertThat(Fixture.as(m, "dev-bot").post(R + "/pulls/" + n + "/merge", Map.of("Do", "yolo")).status())
        .isEqualTo(422);
  }

  @Test
  void mergeNeedsTheRequiredApprovals(MockForgejo m) {
    long n = pr(m);
    protect(m, Map.of("required_approvals", 1));
    Http dev = Fixture.as(m, "dev-bot");
    Http.Res blocked = dev.post(R + "/pulls/" + n + "/merge", MERGE);
    assertThat(blocked.status()).isEqualTo(405);
    m.seed().review(Fixture.REPO, n, "review-bot", "APPROVED", "");
    assertThat(dev.post(R + "/pulls/" + n + "/merge", MERGE).status()).isEqualTo(200);
  }

  @Test
  void staleApprovalAfterPushDoesNotCount(MockForgejo m) {
    long n = pr(m);
    protect(m, Map.of("required_approvals", 1));
    m.seed().review(Fixture.REPO, n, "review-bot", "APPROVED", "");
    m.pushBranch(Fixture.REPO, "fix/1", null);
    Http dev = Fixture.as(m, "dev-bot");
    Http.Res reviews = dev.get(R + "/pulls/" + n + "/reviews");
    assertThat(reviews.pluck("stale")).containsExactly(true);
    assertThat(dev.post(R + "/pulls/" + n + "/merge", MERGE).status()).isEqualTo(405);
  }

  @Test
  void pushWithoutContentChangeKeepsReviewsFresh(MockForgejo m) {
    long n = pr(m);
    m.seed().review(Fixture.REPO, n, "review-bot", "APPROVED", "");
    String pushed = m.pushBranch(Fixture.REPO, "fix/1", null, false);
    Http dev = Fixture.as(m, "dev-bot");
    assertThat(dev.get(R + "/pulls/" + n + "/reviews").pluck("stale")).containsExactly(false);
    assertThat(Json.asObject(dev.get(R + "/pulls/" + n).obj().get("head")))
        .containsEntry("sha", pushed);
  }

  @Test
  void dismissedApprovalDoesNotCount(MockForgejo m) {
    long n = pr(m);
    protect(m, Map.of("required_approvals", 1));
    long review = m.seed().review(Fixture.REPO, n, "review-bot", "APPROVED", "");
    Http.Res d = Fixture.as(m, "owner").post(R + "/pulls/" + n + "/reviews/" + review + "/dismissals",
        Map.of("message", "outdated"));
    assertThat(d.status()).isEqualTo(200);
    assertThat(d.obj()).containsEntry("dismissed", true);
    assertThat(Fixture.as(m, "dev-bot").post(R + "/pulls/" + n + "/merge", MERGE).status()).isEqualTo(405);
  }

  @Test
  void rejectedReviewBlocksWhenTheRuleSaysSo(MockForgejo m) {
    long n = pr(m);
    protect(m, Map.of("block_on_rejected_reviews", true));
    m.seed().review(Fixture.REPO, n, "review-bot", "REQUEST_CHANGES", "no");
    assertThat(Fixture.as(m, "dev-bot").post(R + "/pulls/" + n + "/merge", MERGE).status()).isEqualTo(405);
  }

  @Test
  void checkingMergeabilityIs405AndConflictIs409(MockForgejo m) {
    long n = pr(m);
    Http dev = Fixture.as(m, "dev-bot");
    m.setMergeability(Fixture.REPO, n, Mergeability.CHECKING);
    Http.Res later = dev.post(R + "/pulls/" + n + "/merge", MERGE);
    assertThat(later.status()).isEqualTo(405);
    assertThat(later.body()).contains("Please try again later");
    m.setMergeability(Fixture.REPO, n, Mergeability.CONFLICT);
    assertThat(dev.post(R + "/pulls/" + n + "/merge", MERGE).status()).isEqualTo(409);
    assertThat(dev.get(R + "/pulls/" + n).obj()).containsEntry("mergeable", false);
  }

  @Test
  void pushResetsMergeabilityToTheConfiguredValue(MockForgejo m) {
    long n = pr(m);
    m.setMergeabilityAfterPush(Mergeability.CONFLICT);
    m.pushBranch(Fixture.REPO, "fix/1", null);
    assertThat(Fixture.as(m, "dev-bot").post(R + "/pulls/" + n + "/merge", MERGE).status()).isEqualTo(409);
  }

  @Test
  void staleHeadCommitIdIs409(MockForgejo m) {
    long n = pr(m);
    assertThat(Fixture.as(m, "dev-bot").post(R + "/pulls/" + n + "/merge",
        Map.of("Do", "merge", "head_commit_id", "deadbeef")).status()).isEqualTo(409);
  }

  @Test
  void mergeChecksRunInTheDocumentedOrder(MockForgejo m) {
    // WIP title, reader, conflict all at once: the WIP check answers first (405 not 409).
    Fixture.seed(m);
    long n = m.seed().pull(Fixture.REPO, p -> p.title("[WIP] x").head("w").mergeability(Mergeability.CONFLICT));
    Http.Res r = Fixture.as(m, "dev-bot").post(R + "/pulls/" + n + "/merge", MERGE);
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.body()).contains("Work in progress");
    // Missing approvals are reported before a conflict.
    long k = m.seed().pull(Fixture.REPO, p -> p.title("ok").head("k").mergeability(Mergeability.CONFLICT));
    protect(m, Map.of("required_approvals", 1));
    assertThat(Fixture.as(m, "dev-bot").post(R + "/pulls/" + k + "/merge", MERGE).status()).isEqualTo(405);
  }

  @Test
  void mergeIntoTheDefaultBranchClosesReferencedIssues(MockForgejo m) {
    Fixture.seed(m);
    long issue = m.seed().issue(Fixture.REPO, i -> i.title("bug"));
    long n = m.seed().pull(Fixture.REPO, p -> p.body("Fixes #" + issue).head("fix"));
    Http dev = Fixture.as(m, "dev-bot");
    dev.post(R + "/pulls/" + n + "/merge", MERGE);
    assertThat(dev.get(R + "/issues/" + issue).obj()).containsEntry("state", "closed");
  }

  @Test
  void authorMayNotApproveOwnPull(MockForgejo m) {
    long n = pr(m);
    Http.Res r = Fixture.as(m, "dev-bot").post(R + "/pulls/" + n + "/reviews",
        Map.of("event", "APPROVED", "body", "lgtm"));
    assertThat(r.status()).isEqualTo(422);
  }

  @Test
  void requestChangesAndCommentNeedABody(MockForgejo m) {
    long n = pr(m);
    Http rev = Fixture.as(m, "review-bot");
    assertThat(rev.post(R + "/pulls/" + n + "/reviews", Map.of("event", "REQUEST_CHANGES", "body", "")).status())
        .isEqualTo(422);
    assertThat(rev.post(R + "/pulls/" + n + "/reviews", Map.of("event", "COMMENT")).status()).isEqualTo(422);
  }

  @Test
  void reviewAnswers200AndDefaultsCommitToTheHead(MockForgejo m) {
    long n = pr(m);
    Http.Res r = Fixture.as(m, "review-bot").post(R + "/pulls/" + n + "/reviews",
        Map.of("event", "APPROVED", "body", "lgtm"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.obj()).containsEntry("state", "APPROVED").containsEntry("stale", false)
        .containsEntry("official", true).containsEntry("commit_id", m.seed().headSha(Fixture.REPO, n));
  }

  @Test
  void reviewsListAscendingAndHideOthersPendingReviews(MockForgejo m) {
    long n = pr(m);
    Fixture.as(m, "review-bot").post(R + "/pulls/" + n + "/reviews", Map.of("event", "COMMENT", "body", "a"));
    Fixture.as(m, "owner").post(R + "/pulls/" + n + "/reviews", Map.of("body", "draft"));
    Fixture.as(m, "review-bot").post(R + "/pulls/" + n + "/reviews", Map.of("event", "APPROVED", "body", ""));
    Http.Res seenByDev = Fixture.as(m, "dev-bot").get(R + "/pulls/" + n + "/reviews");
    assertThat(seenByDev.pluck("state")).containsExactly("COMMENT", "APPROVED");
    assertThat(Fixture.as(m, "owner").get(R + "/pulls/" + n + "/reviews").pluck("state"))
        .containsExactly("COMMENT", "PENDING", "APPROVED");
  }

  @Test
  void filesAndDiffDescribeTheHeadChanges(MockForgejo m) {
    Fixture.seed(m);
    long n = m.seed().pull(Fixture.REPO, p -> p.head("f").file("src/A.java", "class A {}\n"));
    Http dev = Fixture.as(m, "dev-bot");
    Http.Res files = dev.get(R + "/pulls/" + n + "/files");
    assertThat(files.pluck("filename")).containsExactly("src/A.java");
    assertThat(files.pluck("status")).containsExactly("added");
    Http.Res diff = dev.get(R + "/pulls/" + n + ".diff");
    assertThat(diff.status()).isEqualTo(200);
    assertThat(diff.header("Content-Type")).startsWith("text/plain");
    assertThat(diff.body()).contains("+++ b/src/A.java", "+class A {}");
  }

  @Test
  void seededChangedFilesArePaginatedWithATotal(MockForgejo m) {
    Fixture.seed(m);
    long n = m.seed().pull(Fixture.REPO, p -> {
      p.head("many");
      for (int k = 0; k < 120; k++) {
        p.changedFile("f" + k, "added", 1, 0);
      }
    });
    Http.Res page3 = Fixture.as(m, "dev-bot").get(R + "/pulls/" + n + "/files?limit=50&page=3");
    assertThat(page3.list()).hasSize(20);
    assertThat(page3.header("X-Total-Count")).isEqualTo("120");
  }

  @Test
  void autoMergeIsScheduledUntilStatusChecksPass(MockForgejo m) {
    long n = pr(m);
    protect(m, Map.of("enable_status_check", true, "status_check_contexts", List.of("ci")));
    Http dev = Fixture.as(m, "dev-bot");
    Http.Res r = dev.post(R + "/pulls/" + n + "/merge", Map.of("Do", "merge", "merge_when_checks_succeed", true));
    assertThat(r.status()).isEqualTo(201);
    assertThat(dev.get(R + "/pulls/" + n).obj()).containsEntry("merged", false);
    String head = m.seed().headSha(Fixture.REPO, n);
    dev.post(R + "/statuses/" + head, Map.of("state", "success", "context", "ci"));
    assertThat(dev.get(R + "/pulls/" + n).obj()).containsEntry("merged", true);
  }
}
