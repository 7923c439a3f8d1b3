package ai.disinto.testkit.forgejo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MockForgejoExtension.class)
class IssuesAndLabelsTest {
  private static final String R = "/repos/owner/proj";

  @Test
  void labelsAreSortedByNameWithColourWithoutHash(MockForgejo m) {
    Fixture.seed(m);
    Http dev = Fixture.as(m, "dev-bot");
    assertThat(dev.post(R + "/labels", Map.of("name", "in-progress", "color", "#1D76DB")).status()).isEqualTo(201);
    dev.post(R + "/labels", Map.of("name", "backlog", "color", "0075ca"));
    Http.Res list = dev.get(R + "/labels");
    assertThat(list.pluck("name")).containsExactly("backlog", "in-progress");
    assertThat(list.pluck("color")).containsExactly("0075ca", "1d76db");
    assertThat(list.header("X-Total-Count")).isEqualTo("2");
  }

  @Test
  void labelCreationAllowsDuplicateNamesAndRejectsBadColours(MockForgejo m) {
    Fixture.seed(m);
    Http dev = Fixture.as(m, "dev-bot");
    long a = ((Number) dev.post(R + "/labels", Map.of("name", "x", "color", "#e0e0e0")).obj().get("id")).longValue();
    long b = ((Number) dev.post(R + "/labels", Map.of("name", "x", "color", "#e0e0e0")).obj().get("id")).longValue();
    assertThat(a).isNotEqualTo(b);
    assertThat(dev.post(R + "/labels", Map.of("name", "y", "color", "blue")).status()).isEqualTo(422);
  }

  @Test
  void labelCreationNeedsWriteAccess(MockForgejo m) {
    Fixture.seed(m);
    assertThat(Fixture.as(m, "reader").post(R + "/labels", Map.of("name", "x", "color", "#fff")).status())
        .isEqualTo(403);
  }

  @Test
  void issuesAndPullsShareOneIndexSequence(MockForgejo m) {
    Fixture.seed(m);
    long i1 = m.seed().issue(Fixture.REPO, i -> i.title("one"));
    long p2 = m.seed().pull(Fixture.REPO, p -> p.head("feat"));
    Http.Res created = Fixture.as(m, "dev-bot").post(R + "/issues", Map.of("title", "three"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(List.of(i1, p2, ((Number) created.obj().get("number")).longValue())).containsExactly(1L, 2L, 3L);
  }

  @Test
  void issueRouteServesPullsButPullRouteRejectsIssues(MockForgejo m) {
    Fixture.seed(m);
    long i = m.seed().issue(Fixture.REPO, s -> s.title("plain"));
    long p = m.seed().pull(Fixture.REPO, s -> s.head("feat"));
    Http dev = Fixture.as(m, "dev-bot");
    assertThat(dev.get(R + "/issues/" + p).obj().get("pull_request")).isNotNull();
    assertThat(dev.get(R + "/issues/" + i).obj().get("pull_request")).isNull();
    assertThat(dev.get(R + "/pulls/" + i).status()).isEqualTo(404);
    assertThat(dev.get(R + "/issues/99").status()).isEqualTo(404);
  }

  @Test
  void issueListIsNewestFirstUnlessSortOldest(MockForgejo m) {
    Fixture.seed(m);
    for (int k = 0; k < 3; k++) {
      int n = k;
      m.seed().issue(Fixture.REPO, i -> i.title("i" + n));
    }
    Http dev = Fixture.as(m, "dev-bot");
    assertThat(dev.get(R + "/issues").pluck("number")).containsExactly(3L, 2L, 1L);
    assertThat(dev.get(R + "/issues?sort=oldest").pluck("number")).containsExactly(1L, 2L, 3L);
  }

  @Test
  void issueListFiltersStateAndType(MockForgejo m) {
    Fixture.seed(m);
    m.seed().issue(Fixture.REPO, i -> i.title("open"));
    m.seed().issue(Fixture.REPO, i -> i.title("closed").closed());
    m.seed().pull(Fixture.REPO, p -> p.head("feat"));
    Http dev = Fixture.as(m, "dev-bot");
    assertThat(dev.get(R + "/issues").pluck("number")).containsExactly(3L, 1L);
    assertThat(dev.get(R + "/issues?type=issues").pluck("number")).containsExactly(1L);
    assertThat(dev.get(R + "/issues?state=closed").pluck("number")).containsExactly(2L);
    assertThat(dev.get(R + "/issues?state=all&type=pulls").pluck("number")).containsExactly(3L);
  }

  @Test
  void labelFilterNeedsAllLabelsAndDropsUnknownNames(MockForgejo m) {
    Fixture.seed(m);
    m.seed().issue(Fixture.REPO, i -> i.labels("backlog"));
    m.seed().issue(Fixture.REPO, i -> i.labels("backlog", "priority"));
    m.seed().issue(Fixture.REPO, i -> i.title("none"));
    Http dev = Fixture.as(m, "dev-bot");
    assertThat(dev.get(R + "/issues?labels=backlog").pluck("number")).containsExactly(2L, 1L);
    assertThat(dev.get(R + "/issues?labels=priority,backlog").pluck("number")).containsExactly(2L);
    assertThat(dev.get(R + "/issues?labels=backlog,nosuch").pluck("number")).containsExactly(2L, 1L);
    // No name resolves: no label filter at all.
    assertThat(dev.get(R + "/issues?labels=nosuch").pluck("number")).containsExactly(3L, 2L, 1L);
  }

  @Test
  void patchIssueAnswers201AndReplacesAssignees(MockForgejo m) {
    Fixture.seed(m);
    long n = m.seed().issue(Fixture.REPO, i -> i.assignees("review-bot"));
    Http.Res r = Fixture.as(m, "dev-bot").patch(R + "/issues/" + n, Map.of("assignees", List.of("dev-bot")));
    assertThat(r.status()).isEqualTo(201);
    assertThat(Json.asObject(r.obj().get("assignee"))).containsEntry("login", "dev-bot");
    assertThat(r.obj().get("assignees")).asList().hasSize(1);
  }

  @Test
  void patchIssueWithEmptyAssigneesUnassignsAndStateClosesIt(MockForgejo m) {
    Fixture.seed(m);
    long n = m.seed().issue(Fixture.REPO, i -> i.assignees("dev-bot"));
    Http.Res r = Fixture.as(m, "dev-bot").patch(R + "/issues/" + n,
        Map.of("assignees", List.of(), "state", "closed"));
    assertThat(r.obj()).containsEntry("assignee", null).containsEntry("state", "closed");
    assertThat(r.obj().get("closed_at")).isNotNull();
  }

  @Test
  void patchIssueByNeitherPosterNorWriterIsForbidden(MockForgejo m) {
    Fixture.seed(m);
    long n = m.seed().issue(Fixture.REPO, i -> i.author("owner"));
    assertThat(Fixture.as(m, "reader").patch(R + "/issues/" + n, Map.of("title", "x")).status()).isEqualTo(403);
  }

  @Test
  void assigneesFromAPosterWithoutWriteAreSilentlyIgnored(MockForgejo m) {
    Fixture.seed(m);
    long n = m.seed().issue(Fixture.REPO, i -> i.author("reader"));
    Http.Res r = Fixture.as(m, "reader").patch(R + "/issues/" + n,
        Map.of("assignees", List.of("dev-bot"), "title", "renamed"));
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.obj()).containsEntry("assignee", null).containsEntry("title", "renamed");
  }

  @Test
  void assigningAUserWithoutWriteAccessFails(MockForgejo m) {
    Fixture.seed(m);
    long n = m.seed().issue(Fixture.REPO, i -> i.title("x"));
    assertThat(Fixture.as(m, "dev-bot").patch(R + "/issues/" + n, Map.of("assignees", List.of("reader")))
        .status()).isEqualTo(422);
  }

  @Test
  void addLabelsByIdAnswersTheFullListAndIgnoresUnknownIds(MockForgejo m) {
    Fixture.seed(m);
    long backlog = m.seed().label(Fixture.REPO, "backlog", "#0075ca");
    long blocked = m.seed().label(Fixture.REPO, "blocked", "#e11d48");
    long n = m.seed().issue(Fixture.REPO, i -> i.labels("backlog"));
    Http.Res r = Fixture.as(m, "dev-bot").post(R + "/issues/" + n + "/labels",
        Map.of("labels", List.of(blocked, 999)));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.pluck("id")).containsExactly(backlog, blocked);
  }

  @Test
  void addLabelsRejectsMixedIdsAndNamesAndNeedsWrite(MockForgejo m) {
    Fixture.seed(m);
    long id = m.seed().label(Fixture.REPO, "backlog", "#0075ca");
    long n = m.seed().issue(Fixture.REPO, i -> i.title("x"));
    assertThat(Fixture.as(m, "dev-bot").post(R + "/issues/" + n + "/labels",
        Map.of("labels", List.of(id, "backlog"))).status()).isEqualTo(400);
    assertThat(Fixture.as(m, "reader").post(R + "/issues/" + n + "/labels",
        Map.of("labels", List.of(id))).status()).isEqualTo(403);
  }

  @Test
  void removeLabelIs204EvenWhenAbsentAnd422ForUnknownLabel(MockForgejo m) {
    Fixture.seed(m);
    long id = m.seed().label(Fixture.REPO, "backlog", "#0075ca");
    long n = m.seed().issue(Fixture.REPO, i -> i.labels("backlog"));
    Http dev = Fixture.as(m, "dev-bot");
    assertThat(dev.delete(R + "/issues/" + n + "/labels/" + id).status()).isEqualTo(204);
    assertThat(dev.delete(R + "/issues/" + n + "/labels/" + id).status()).isEqualTo(204);
    assertThat(dev.delete(R + "/issues/" + n + "/labels/999").status()).isEqualTo(422);
    assertThat(dev.delete(R + "/issues/99/labels/" + id).status()).isEqualTo(404);
    assertThat(dev.get(R + "/issues/" + n + "/labels").list()).isEmpty();
  }

  @Test
  void commentsIgnorePagingAndCountAll(MockForgejo m) {
    Fixture.seed(m);
    long n = m.seed().issue(Fixture.REPO, i -> i.title("chatty"));
    for (int k = 0; k < 60; k++) {
      m.seed().comment(Fixture.REPO, n, "dev-bot", "c" + k);
    }
    Http.Res r = Fixture.as(m, "dev-bot").get(R + "/issues/" + n + "/comments?limit=5&page=2");
    assertThat(r.list()).hasSize(60);
    assertThat(r.pluck("body").get(0)).isEqualTo("c0");
    assertThat(r.header("X-Total-Count")).isEqualTo("60");
  }

  @Test
  void postCommentAnswers201AndWorksOnPulls(MockForgejo m) {
    Fixture.seed(m);
    long p = m.seed().pull(Fixture.REPO, s -> s.head("feat"));
    Http.Res r = Fixture.as(m, "dev-bot").post(R + "/issues/" + p + "/comments", Map.of("body", "hello"));
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.obj()).containsEntry("body", "hello");
    assertThat(Fixture.as(m, "dev-bot").post(R + "/issues/77/comments", Map.of("body", "x")).status()).isEqualTo(404);
  }

  @Test
  void lockedIssueRefusesCommentsFromNonWriters(MockForgejo m) {
    Fixture.seed(m);
    long n = m.seed().issue(Fixture.REPO, i -> i.locked());
    assertThat(Fixture.as(m, "reader").post(R + "/issues/" + n + "/comments", Map.of("body", "x")).status())
        .isEqualTo(403);
    assertThat(Fixture.as(m, "dev-bot").post(R + "/issues/" + n + "/comments", Map.of("body", "x")).status())
        .isEqualTo(201);
  }

  @Test
  void timelineRecordsLabelEvents(MockForgejo m) {
    Fixture.seed(m);
    long id = m.seed().label(Fixture.REPO, "in-progress", "#1d76db");
    long n = m.seed().issue(Fixture.REPO, i -> i.title("x"));
    Fixture.as(m, "dev-bot").post(R + "/issues/" + n + "/labels", Map.of("labels", List.of(id)));
    Fixture.as(m, "dev-bot").post(R + "/issues/" + n + "/comments", Map.of("body", "working"));
    Http.Res t = Fixture.as(m, "dev-bot").get(R + "/issues/" + n + "/timeline");
    assertThat(t.pluck("type")).containsExactly("label", "comment");
    assertThat(Json.asObject(Json.asObject(t.list().get(0)).get("label"))).containsEntry("name", "in-progress");
  }

  @Test
  void privateRepoIssuesAreInvisibleToStrangers(MockForgejo m) {
    Fixture.seed(m);
    m.seed().repo("owner/secret", r -> r.privateRepo(true));
    m.seed().issue("owner/secret", i -> i.title("x"));
    assertThat(Fixture.as(m, "stranger").get("/repos/owner/secret/issues/1").status()).isEqualTo(404);
    assertThat(Http.anonymous(m).get("/repos/owner/secret").status()).isEqualTo(404);
    assertThat(Fixture.as(m, "owner").get("/repos/owner/secret/issues/1").status()).isEqualTo(200);
  }
}
