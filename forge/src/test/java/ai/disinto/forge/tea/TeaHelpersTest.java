package ai.disinto.forge.tea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.core.secrets.SecretScanner;
import ai.disinto.core.secrets.SecretsDetectedException;
import ai.disinto.forge.client.ForgeAmbiguousWriteException;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.ForgeNotFoundException;
import ai.disinto.forge.client.ForgeProtocolException;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.forge.client.model.Comment;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.model.Label;
import ai.disinto.log.CapturedLog;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import ai.disinto.testkit.forgejo.RecordedRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link TeaHelpers} against the mock Forgejo; spec/core.md tea-helpers cases 1-12. */
@ExtendWith(MockForgejoExtension.class)
class TeaHelpersTest {
  private static final String REPO = "o/r";
  private static final String PREFIX = "/repos/o/r";

  /** Repo o/r with labels bug, backlog, "in progress" (in that order) and a writer token. */
  private static final class World {
    final MockForgejo mock;
    final long bug;
    final long backlog;
    final long inProgress;
    final CapturedLog logs = CapturedLog.start();
    final ForgeClient client;
    final TeaHelpers tea;

    World(MockForgejo mock) {
      this.mock = mock;
      mock.seed().user("planner-bot", u -> u.token("tok-planner"));
      mock.seed().repo(REPO, r -> r.collaborator("planner-bot", "write"));
      bug = mock.seed().label(REPO, "bug", "#ee0701");
      backlog = mock.seed().label(REPO, "backlog", "#0075ca");
      inProgress = mock.seed().label(REPO, "in progress", "#1d76db");
      client = ForgeClient.builder().baseUrl(mock.baseUrl()).repo(REPO).token("tok-planner")
          .retryPolicy(RetryPolicy.none()).build();
      tea = new TeaHelpers(client, SecretScanner.defaults());
      mock.clearJournal();
    }

    List<String> requests() {
      return mock.journal().stream().map(World::line).toList();
    }

    static String line(RecordedRequest r) {
      String t = r.apiTarget();
      return r.method() + " " + (t.startsWith(PREFIX) ? t.substring(PREFIX.length()) : t)
          + (r.body().isEmpty() ? "" : " " + r.body());
    }

    String log() {
      return logs.text();
    }
  }

  @Test
  void fileIssueResolvesLabelsInOrderAndReturnsNumber(MockForgejo m) {
    // case 1
    World w = new World(m);

    TeaHelpers.FiledIssue filed =
        w.tea.fileIssue("T", "body text", List.of("bug", "in progress", "backlog"));

    assertThat(w.requests()).containsExactly(
        "GET /labels?limit=50&page=1",
        "POST /issues {\"title\":\"T\",\"body\":\"body text\",\"labels\":["
            + w.bug + "," + w.inProgress + "," + w.backlog + "]}");
    Issue stored = w.client.get("/issues/" + filed.number(), Issue.class);
    assertThat(stored.title()).isEqualTo("T");
    assertThat(stored.labels()).extracting(Label::name)
        .containsExactlyInAnyOrder("bug", "in progress", "backlog");
    assertThat(filed.htmlUrl()).endsWith("/issues/" + filed.number());
  }

  @Test
  void secretInBodyIsRefusedBeforeAnyRequest(MockForgejo m) {
    // case 2
    World w = new World(m);

    assertThatThrownBy(() -> w.tea.fileIssue("T", "TOKEN=abcdefghijklmnopqrstuvwxyz", List.of()))
        .isInstanceOf(SecretsDetectedException.class);
    assertThat(w.requests()).isEmpty();
    assertThat(w.log()).contains("BLOCKED — issue body contains potential secrets")
        .doesNotContain("abcdefghijklmnopqrstuvwxyz");
  }

  @Test
  void secretInTitleIsRefusedToo(MockForgejo m) {
    // case 3 (the original filed it)
    World w = new World(m);

    assertThatThrownBy(() -> w.tea.fileIssue("leak TOKEN=abcdefghijklmnopqrst", "ok", List.of()))
        .isInstanceOf(SecretsDetectedException.class);
    assertThat(w.requests()).isEmpty();
    assertThat(w.log()).contains("BLOCKED — issue title contains potential secrets");
  }

  @Test
  void unknownLabelIsReportedWithoutPosting(MockForgejo m) {
    // case 4
    World w = new World(m);

    assertThatThrownBy(() -> w.tea.fileIssue("T", "b", List.of("bug", "nope")))
        .isInstanceOfSatisfying(LabelNotFoundException.class,
            e -> assertThat(e.missing()).containsExactly("nope"));
    assertThat(w.requests()).noneMatch(r -> r.startsWith("POST"));
  }

  @Test
  void labelNamesMatchExactlyAndCaseSensitively(MockForgejo m) {
    World w = new World(m);

    assertThatThrownBy(() -> w.tea.fileIssue("T", "b", List.of("Bug")))
        .isInstanceOf(LabelNotFoundException.class);
  }

  @Test
  void serverErrorOnCreateSurfacesWithItsStatus(MockForgejo m) {
    // case 5
    World w = new World(m);
    m.faults().add(Fault.on("POST", PREFIX + "/issues").withStatus(500));

    assertThatThrownBy(() -> w.tea.fileIssue("T", "b", List.of()))
        .isInstanceOfSatisfying(ForgeException.class, e -> assertThat(e.status()).isEqualTo(500));
  }

  @Test
  void fileIssueWithoutLabelsSendsNoLabelsAndNoLookup(MockForgejo m) {
    // case 6
    World w = new World(m);

    w.tea.fileIssue("T", "b", List.of());

    assertThat(w.requests()).containsExactly("POST /issues {\"title\":\"T\",\"body\":\"b\"}");
  }

  @Test
  void createdAnswerWithoutNumberIsAProtocolError(MockForgejo m) {
    // case 7
    World w = new World(m);
    m.faults().add(Fault.on("POST", PREFIX + "/issues").withStatus(201)
        .withBody("{\"html_url\":\"http://x/o/r/issues/\"}"));

    assertThatThrownBy(() -> w.tea.fileIssue("T", "b", List.of()))
        .isInstanceOfSatisfying(ForgeProtocolException.class,
            e -> assertThat(e.status()).isEqualTo(201));
  }

  @Test
  void replaceLabelsPutsTheResolvedIds(MockForgejo m) {
    // case 8
    World w = new World(m);
    long n = m.seed().issue(REPO, i -> i.title("five").labels("in progress"));
    m.clearJournal();

    w.tea.replaceLabels(n, List.of("bug", "backlog"));

    assertThat(w.requests()).containsExactly(
        "GET /labels?limit=50&page=1",
        "PUT /issues/" + n + "/labels {\"labels\":[" + w.bug + "," + w.backlog + "]}");
    assertThat(w.client.get("/issues/" + n, Issue.class).labels()).extracting(Label::name)
        .containsExactlyInAnyOrder("bug", "backlog");
  }

  @Test
  void labelIdsAreLookedUpOncePerInstance(MockForgejo m) {
    World w = new World(m);
    long n = m.seed().issue(REPO, i -> i.title("five"));
    m.clearJournal();

    w.tea.replaceLabels(n, List.of("bug"));
    w.tea.replaceLabels(n, List.of("backlog"));

    assertThat(w.requests()).filteredOn(r -> r.startsWith("GET /labels")).hasSize(1);
  }

  @Test
  void commentPostsTheBody(MockForgejo m) {
    // case 9
    World w = new World(m);
    long n = m.seed().issue(REPO, i -> i.title("five"));
    m.clearJournal();

    w.tea.comment(n, "hello");

    assertThat(w.requests()).containsExactly(
        "POST /issues/" + n + "/comments {\"body\":\"hello\"}");
    assertThat(w.client.getAll("/issues/" + n + "/comments", Comment.class))
        .extracting(Comment::body).containsExactly("hello");
  }

  @Test
  void secretInCommentIsRefusedBeforeAnyRequest(MockForgejo m) {
    // case 10
    World w = new World(m);

    assertThatThrownBy(() -> w.tea.comment(5, "Bearer abcdefghijklmnopqrstuvwxyz"))
        .isInstanceOf(SecretsDetectedException.class);
    assertThat(w.requests()).isEmpty();
    assertThat(w.log()).contains("BLOCKED — comment body contains potential secrets");
  }

  @Test
  void emptyCommentIsRejectedBeforeAnyRequest(MockForgejo m) {
    // case 11
    World w = new World(m);

    assertThatThrownBy(() -> w.tea.comment(5, "")).isInstanceOf(IllegalArgumentException.class);
    assertThat(w.requests()).isEmpty();
  }

  @Test
  void closePatchesTheState(MockForgejo m) {
    // case 12
    World w = new World(m);
    long n = m.seed().issue(REPO, i -> i.title("five"));
    m.clearJournal();

    w.tea.close(n);

    assertThat(w.requests()).containsExactly("PATCH /issues/" + n + " {\"state\":\"closed\"}");
    assertThat(w.client.get("/issues/" + n, Issue.class).state()).isEqualTo("closed");
  }

  @Test
  void closeOfMissingIssueIsNotFound(MockForgejo m) {
    // case 12, second half
    World w = new World(m);

    assertThatThrownBy(() -> w.tea.close(99))
        .isInstanceOfSatisfying(ForgeNotFoundException.class,
            e -> assertThat(e.status()).isEqualTo(404));
  }

  /** Every request to the repository answers 500. */
  private static void failEverything(MockForgejo m) {
    m.faults().add(Fault.on("*", PREFIX + "/**").withStatus(500));
  }

  private static void assertServerError(Throwable e) {
    assertThat(e).isInstanceOfSatisfying(ForgeException.class, f -> {
      assertThat(f.status()).isEqualTo(500);
      assertThat(f.forgeMessage()).hasValue("injected fault");
    });
  }

  @Test
  void fileIssueAgainstAFailingForgeThrowsWithStatusAndMessage(MockForgejo m) {
    World w = new World(m);
    failEverything(m);

    assertThatThrownBy(() -> w.tea.fileIssue("T", "b", List.of()))
        .satisfies(TeaHelpersTest::assertServerError);
    assertThat(w.log()).doesNotContain("filed issue");
  }

  @Test
  void replaceLabelsAgainstAFailingForgeThrowsWithStatusAndMessage(MockForgejo m) {
    World w = new World(m);
    long n = m.seed().issue(REPO, i -> i.title("t"));
    failEverything(m);

    assertThatThrownBy(() -> w.tea.replaceLabels(n, List.of()))
        .satisfies(TeaHelpersTest::assertServerError);
    assertThat(w.log()).doesNotContain("relabelled");
  }

  @Test
  void commentAgainstAFailingForgeThrowsWithStatusAndMessage(MockForgejo m) {
    World w = new World(m);
    long n = m.seed().issue(REPO, i -> i.title("t"));
    failEverything(m);

    assertThatThrownBy(() -> w.tea.comment(n, "hello"))
        .satisfies(TeaHelpersTest::assertServerError);
    assertThat(w.log()).doesNotContain("commented");
  }

  @Test
  void closeAgainstAFailingForgeThrowsWithStatusAndMessage(MockForgejo m) {
    World w = new World(m);
    long n = m.seed().issue(REPO, i -> i.title("t"));
    failEverything(m);

    assertThatThrownBy(() -> w.tea.close(n)).satisfies(TeaHelpersTest::assertServerError);
    assertThat(w.log()).doesNotContain("closed issue");
  }

  private static long postsTo(MockForgejo m, String apiPath) {
    return m.journal().stream()
        .filter(r -> r.method().equals("POST") && r.apiPath().equals(apiPath)).count();
  }

  @Test
  void fileIssueWhoseAnswerIsLostFindsTheIssueAndFilesItOnce(MockForgejo m) {
    World w = new World(m);
    m.seed().issue(REPO, i -> i.title("older").body("b"));
    m.faults().add(Fault.on("POST", PREFIX + "/issues").dropAfterProcessing().times(1));

    TeaHelpers.FiledIssue filed = w.tea.fileIssue("T", "the body", List.of("bug"));

    assertThat(filed.number()).isEqualTo(2);
    assertThat(postsTo(m, PREFIX + "/issues")).isEqualTo(1);
    List<Issue> all = w.client.getAll("/issues?state=all&type=issues", Issue.class);
    assertThat(all).filteredOn(i -> i.title().equals("T")).singleElement()
        .satisfies(i -> assertThat(i.number()).isEqualTo(2));
  }

  @Test
  void fileIssueCutBeforeTheForgeSawItThrowsTheAmbiguityAndDoesNotResend(MockForgejo m) {
    World w = new World(m);
    m.faults().add(Fault.on("POST", PREFIX + "/issues").dropBeforeProcessing().times(1));

    assertThatThrownBy(() -> w.tea.fileIssue("T", "the body", List.of()))
        .isInstanceOf(ForgeAmbiguousWriteException.class);
    assertThat(postsTo(m, PREFIX + "/issues")).isEqualTo(1);
    assertThat(w.client.getAll("/issues?state=all&type=issues", Issue.class)).isEmpty();
  }

  @Test
  void commentWhoseAnswerIsLostIsFoundAndPostedOnce(MockForgejo m) {
    World w = new World(m);
    long n = m.seed().issue(REPO, i -> i.title("t"));
    m.faults().add(Fault.on("POST", PREFIX + "/issues/" + n + "/comments")
        .dropAfterProcessing().times(1));

    w.tea.comment(n, "once");

    assertThat(postsTo(m, PREFIX + "/issues/" + n + "/comments")).isEqualTo(1);
    assertThat(w.client.getAll("/issues/" + n + "/comments", Comment.class)).singleElement()
        .satisfies(c -> assertThat(c.body()).isEqualTo("once"));
  }

  @Test
  void commentCutBeforeTheForgeSawItThrowsTheAmbiguity(MockForgejo m) {
    World w = new World(m);
    long n = m.seed().issue(REPO, i -> i.title("t"));
    m.faults().add(Fault.on("POST", PREFIX + "/issues/" + n + "/comments")
        .dropBeforeProcessing().times(1));

    assertThatThrownBy(() -> w.tea.comment(n, "once"))
        .isInstanceOf(ForgeAmbiguousWriteException.class);
    assertThat(w.client.getAll("/issues/" + n + "/comments", Comment.class)).isEmpty();
  }
}
