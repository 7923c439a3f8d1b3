package ai.disinto.forge.issues;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.forge.client.model.Comment;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Release, block, close and comments of {@link IssueLifecycle} against the mock Forgejo. */
@ExtendWith(MockForgejoExtension.class)
class TransitionsTest {

  @Test
  void releaseClearsAssigneeAndMovesBackToBacklog(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("in-progress").assignees("dev-bot"));
    m.clearJournal();

    w.lifecycle().release(n);

    // in-progress is removed before backlog is added, so the issue is never both; the one label
    // listing gives both ids.
    assertThat(w.requestsWithBodies()).containsExactly(
        "GET /labels?limit=50&page=1",
        "DELETE /issues/" + n + "/labels/" + w.inProgress,
        "POST /issues/" + n + "/labels {\"labels\":[" + w.backlog + "]}",
        "PATCH /issues/" + n + " {\"assignees\":[]}",
        "GET /branches/claims/issue-" + n);
    assertThat(w.read(n).assignee()).isNull();
    assertThat(w.labelNames(n)).containsExactly("backlog");
    assertThat(w.log()).contains("released issue #" + n);
  }

  @Test
  void releaseStopsWhenInProgressCannotBeRemovedSoTheIssueIsNeverBothInProgressAndBacklog(
      MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("in-progress").assignees("dev-bot"));
    m.faults().add(Fault.on("DELETE", "/repos/o/r/issues/*/labels/*").withStatus(422));
    m.clearJournal();

    WriteResult result = w.lifecycle().release(n);

    assertThat(result.failures()).extracting(StepFailure::step, StepFailure::httpStatus)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("remove-label in-progress", 422));
    assertThat(w.requests()).doesNotContain("POST /issues/" + n + "/labels");
    assertThat(w.labelNames(n)).containsExactly("in-progress");
    assertThat(w.read(n).assignees()).extracting(u -> u.login()).containsExactly("dev-bot");
  }

  @Test
  void releaseKeepsTheClaimRefWhenTheAssigneeCannotBeCleared(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("backlog"));
    IssueLifecycle lc = w.lifecycle();
    assertThat(lc.claim(n)).isInstanceOf(ClaimResult.Claimed.class);
    m.faults().add(Fault.on("PATCH", "/repos/o/r/issues/" + n).withStatus(500));

    WriteResult result = lc.release(n);

    assertThat(result.failures()).extracting(StepFailure::step).containsExactly("unassign");
    assertThat(new ClaimRefs(w.client()).read(n)).isPresent();
  }

  @Test
  void blockKeepsTheClaimRefWhileTheIssueIsStillInProgress(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("backlog"));
    IssueLifecycle lc = w.lifecycle();
    assertThat(lc.claim(n)).isInstanceOf(ClaimResult.Claimed.class);
    m.faults().add(Fault.on("DELETE", "/repos/o/r/issues/*/labels/*").withStatus(500));

    WriteResult result = lc.block(n, "ci_exhausted", null);

    assertThat(result.ok()).isFalse();
    assertThat(w.labelNames(n)).contains("in-progress");
    assertThat(new ClaimRefs(w.client()).read(n)).isPresent();
  }

  @Test
  void closeKeepsTheClaimRefOfAnIssueThatStayedOpen(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("backlog"));
    IssueLifecycle lc = w.lifecycle();
    assertThat(lc.claim(n)).isInstanceOf(ClaimResult.Claimed.class);
    m.faults().add(Fault.on("PATCH", "/repos/o/r/issues/" + n).onCalls(1, 1).withStatus(500));

    WriteResult result = lc.close(n);

    assertThat(result.failures()).extracting(StepFailure::step).containsExactly("close");
    assertThat(new ClaimRefs(w.client()).read(n)).isPresent();
  }

  /** A merged PR's "Fixes #N" closed the issue first: its claim ref is litter, not a claim. */
  @Test
  void closeDropsTheClaimRefOfAnIssueTheForgeClosedEvenWhenItsPatchFails(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("backlog"));
    IssueLifecycle lc = w.lifecycle();
    assertThat(lc.claim(n)).isInstanceOf(ClaimResult.Claimed.class);
    w.client().send("PATCH", "/issues/" + n, java.util.Map.of("state", "closed"));
    m.faults().add(Fault.on("PATCH", "/repos/o/r/issues/" + n).onCalls(1, 1).withStatus(500));

    WriteResult result = lc.close(n);

    assertThat(result.failures()).extracting(StepFailure::step).containsExactly("close");
    assertThat(new ClaimRefs(w.client()).read(n)).isEmpty();
  }

  @Test
  void blockPostsRedactedDiagnosticBeforeTouchingLabels(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("in-progress").assignees("dev-bot"));
    m.clearJournal();

    w.lifecycle().block(n, "ci_exhausted", "key=abcdef0123456789abcdef0123456789ab");

    assertThat(w.requests()).containsExactly(
        "POST /issues/" + n + "/comments",
        "POST /issues/" + n + "/labels",
        "DELETE /issues/" + n + "/labels/" + w.inProgress,
        "GET /branches/claims/issue-" + n);
    List<Comment> comments = w.comments(n);
    assertThat(comments).hasSize(1);
    String body = comments.get(0).body();
    assertThat(body.lines().findFirst()).hasValue("### Blocked — issue #" + n);
    assertThat(body)
        .contains("| Exit reason | `ci_exhausted` |")
        .contains("| Timestamp | `2026-04-03T14:05:09Z` |")
        .contains("<details><summary>Diagnostic output</summary>")
        .contains("key=[REDACTED]")
        .doesNotContain("abcdef0123456789abcdef0123456789ab")
        .endsWith("</details>");
    assertThat(w.read(n).assignee().login()).isEqualTo("dev-bot");
    assertThat(w.labelNames(n)).containsExactly("blocked");
    assertThat(w.log()).contains("blocked issue #" + n + ": ci_exhausted");
  }

  @Test
  void blockWithoutDiagnosticEndsWithTimestampRow(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("in-progress"));

    w.lifecycle().block(n, "no_push", null);

    String body = w.comments(n).get(0).body();
    assertThat(body).doesNotContain("<details>")
        .isEqualTo("### Blocked — issue #" + n + "\n\n| Field | Value |\n|---|---|\n"
            + "| Exit reason | `no_push` |\n| Timestamp | `2026-04-03T14:05:09Z` |");
  }

  @Test
  void blockRedactsTokensPlantedInReasonAndDiagnostic(MockForgejo m) {
    // issue 4: no comment reaches the forge unredacted
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("in-progress"));
    String reasonToken = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
    String diagToken = "Bearer abcdefghijklmnopqrstuvwxyz0123456789";

    w.lifecycle().block(n, "push failed with " + reasonToken,
        "curl -H 'Authorization: " + diagToken + "'\nTOKEN=supersecretvalue1234567890");

    String stored = w.comments(n).get(0).body();
    assertThat(stored)
        .doesNotContain(reasonToken)
        .doesNotContain("abcdefghijklmnopqrstuvwxyz0123456789")
        .doesNotContain("supersecretvalue1234567890")
        .contains("| Exit reason | `push failed with [REDACTED]` |");
    assertThat(stored.split("\\[REDACTED]", -1)).hasSizeGreaterThanOrEqualTo(4);
    assertThat(w.log()).doesNotContain(reasonToken);
    assertThat(m.journal()).noneMatch(r -> r.body().contains(reasonToken)
        || r.body().contains("supersecretvalue1234567890"));
  }

  @Test
  void blockKeepsBackticksInReasonInsideOneCodeSpanAndFencesDiagnosticSafely(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t"));

    w.lifecycle().block(n, "bad `x` | y", "before\n````\ninside\n````\nafter");

    String body = w.comments(n).get(0).body();
    assertThat(body).contains("| Exit reason | `` bad `x` \\| y `` |");
    assertThat(body).contains("\n`````\nbefore\n````\ninside\n````\nafter\n`````\n</details>");
  }

  @Test
  void blockUsesLowestIdWhenTwoLabelsShareTheName(MockForgejo m) {
    World w = new World(m);
    long duplicate = m.seed().label(World.REPO, "blocked", "#e11d48");
    long n = w.issue(i -> i.title("t").labels("in-progress"));
    IssueLifecycle lifecycle = w.lifecycle();

    assertThat(lifecycle.labelId(StandardLabel.BLOCKED)).hasValue(Math.min(w.blocked, duplicate));
    m.clearJournal();
    lifecycle.block(n, "ci_exhausted", null);

    assertThat(w.requestsWithBodies())
        .contains("POST /issues/" + n + "/labels {\"labels\":[" + w.blocked + "]}");
    assertThat(w.read(n).labels()).extracting(l -> l.id()).containsExactly(w.blocked);
  }

  @Test
  void closeSendsOnePatchAndLeavesLabels(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("in-progress").assignees("dev-bot"));
    m.clearJournal();

    w.lifecycle().close(n);

    assertThat(w.requestsWithBodies()).containsExactly(
        "PATCH /issues/" + n + " {\"assignees\":[],\"state\":\"closed\"}",
        "GET /branches/claims/issue-" + n);
    assertThat(w.read(n).state()).isEqualTo("closed");
    assertThat(w.read(n).assignee()).isNull();
    assertThat(w.labelNames(n)).containsExactly("in-progress");
  }

  @Test
  void postCommentRedactsAndReportsSuccess(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t"));

    WriteResult result = w.lifecycle().postComment(n, "stale: API_KEY=0123456789abcdefXYZ done");

    assertThat(result.ok()).isTrue();
    assertThat(w.comments(n).get(0).body()).isEqualTo("stale: API_KEY=[REDACTED] done");
  }

  @Test
  void postCommentReportsFailureInsteadOfThrowing(MockForgejo m) {
    World w = new World(m);

    WriteResult result = w.lifecycle().postComment(99, "hello");

    assertThat(result.failures()).singleElement().satisfies(f -> {
      assertThat(f.step()).isEqualTo("comment");
      assertThat(f.httpStatus()).isEqualTo(404);
    });
    assertThat(w.log()).contains("#99").contains("404");
  }

  @Test
  void ensureLabelCreatesMissingLabelOnceWithGivenColour(MockForgejo m) {
    World w = new World(m);
    IssueLifecycle lifecycle = w.lifecycle();
    m.clearJournal();

    var first = lifecycle.ensureLabel("needs-triage", "#e0e0e0");
    var second = lifecycle.ensureLabel("needs-triage", "#e0e0e0");

    assertThat(first).isPresent().isEqualTo(second);
    assertThat(w.requestsWithBodies()).containsExactly(
        "GET /labels?limit=50&page=1",
        "POST /labels {\"name\":\"needs-triage\",\"color\":\"#e0e0e0\"}");
  }

  @Test
  void labelLookupReadsEveryPage(MockForgejo m) {
    World w = new World(m);
    for (int k = 0; k < 60; k++) {
      m.seed().label(World.REPO, "area-" + k, "#cccccc");
    }
    long late = m.seed().label(World.REPO, "zz-last", "#cccccc");
    m.setMaxPageSize(30);
    m.clearJournal();

    var id = w.lifecycle().ensureLabel("zz-last", "#e0e0e0");

    assertThat(id).hasValue(late);
    assertThat(w.requests()).noneMatch(r -> r.startsWith("POST"));
    assertThat(w.requests()).hasSizeGreaterThan(1);
  }

  private static final String INJECTED = "injected fault";

  /** Every request to the repository answers 500. */
  private static void failEverything(MockForgejo m) {
    m.faults().add(Fault.on("*", World.PREFIX + "/**").withStatus(500));
  }

  @Test
  void releaseAgainstAFailingForgeReportsEveryStepAndLogsNoSuccess(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("in-progress").assignees("dev-bot"));
    failEverything(m);

    WriteResult result = w.lifecycle().release(n);

    assertThat(result.ok()).isFalse();
    assertThat(result.failures()).containsExactly(
        new StepFailure("remove-label in-progress", 500, INJECTED));
    assertThat(w.log()).doesNotContain("released issue #" + n);
  }

  @Test
  void blockAgainstAFailingForgeReportsEveryStepAndLogsNoSuccess(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("in-progress").assignees("dev-bot"));
    failEverything(m);

    WriteResult result = w.lifecycle().block(n, "ci_exhausted", null);

    assertThat(result.failures()).containsExactly(
        new StepFailure("comment", 500, INJECTED),
        new StepFailure("add-label blocked", 500, INJECTED),
        new StepFailure("remove-label in-progress", 500, INJECTED));
    assertThat(w.log()).doesNotContain("blocked issue #" + n);
  }

  @Test
  void closeAgainstAFailingForgeReportsEveryStepAndLogsNoSuccess(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").assignees("dev-bot"));
    failEverything(m);

    WriteResult result = w.lifecycle().close(n);

    assertThat(result.failures()).containsExactly(
        new StepFailure("close", 500, INJECTED));
    assertThat(w.log()).doesNotContain("closed issue #" + n);
    m.faults().clear();
    assertThat(w.read(n).state()).isEqualTo("open");
  }

  @Test
  void postCommentAgainstAFailingForgeReportsStatusAndMessage(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t"));
    failEverything(m);

    WriteResult result = w.lifecycle().postComment(n, "hello");

    assertThat(result.failures()).containsExactly(new StepFailure("comment", 500, INJECTED));
  }

  @Test
  void releaseBlockAndCloseGiveTheClaimRefBackSoAnotherAgentCanClaim(MockForgejo m) {
    World w = new World(m);
    long a = w.issue(i -> i.title("a").labels("backlog"));
    long b = w.issue(i -> i.title("b").labels("backlog"));
    long c = w.issue(i -> i.title("c").labels("backlog"));
    IssueLifecycle bot = w.lifecycle();
    IssueLifecycle qwen = w.lifecycle(w.client("tok-dev-qwen"));
    for (long n : List.of(a, b, c)) {
      assertThat(bot.claim(n).claimed()).isTrue();
    }

    assertThat(bot.release(a).ok()).isTrue();
    assertThat(bot.block(b, "ci_exhausted", null).ok()).isTrue();
    assertThat(bot.close(c).ok()).isTrue();

    ClaimRefs refs = new ClaimRefs(w.client());
    assertThat(refs.read(a)).isEmpty();
    assertThat(refs.read(b)).isEmpty();
    assertThat(refs.read(c)).isEmpty();
    assertThat(qwen.claim(a)).isEqualTo(new ClaimResult.Claimed("dev-qwen"));
    assertThat(w.client().get("/branches?limit=50", java.util.List.class))
        .extracting(x -> ((java.util.Map<?, ?>) x).get("name"))
        .containsExactlyInAnyOrder("main", "claims/issue-" + a);
  }
}
