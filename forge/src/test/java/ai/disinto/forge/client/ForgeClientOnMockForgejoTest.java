package ai.disinto.forge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.core.net.InvalidUrlException;
import ai.disinto.forge.client.model.ChangedFile;
import ai.disinto.forge.client.model.Comment;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.model.User;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.RecordedRequest;
import ai.disinto.testkit.time.FakeTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The ForgeClient acceptance cases of spec/forge.md (and core.md's forge_api cases) against the
 * stateful mock Forgejo over real HTTP, plus the fault cases of the forge client issue. Nothing
 * here sleeps: backoff and Retry-After waits go to a {@link FakeTime}.
 */
class ForgeClientOnMockForgejoTest extends OnMockForgejo {
  private long issue(String title) {
    return forge.seed().issue(REPO, i -> i.title(title).body("body of " + title).author("dev-bot"));
  }

  private List<String> targets() {
    return forge.journal().stream().map(RecordedRequest::apiTarget).toList();
  }

  @Test
  @DisplayName("forge.md 1: one GET with the token; the 200 body comes back verbatim")
  void sendGetsTheIssueWithTheTokenAndReturnsTheBodyVerbatim() {
    long n = issue("first");

    ForgeResponse response = client().send("GET", "/issues/" + n, null);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).contains("\"title\":\"first\"");
    assertThat(forge.journal()).singleElement().satisfies(r -> {
      assertThat(r.method()).isEqualTo("GET");
      assertThat(r.apiTarget()).isEqualTo("/repos/o/r/issues/" + n);
      assertThat(r.principal()).isEqualTo("dev-bot");
      assertThat(r.authKind()).isEqualTo(RecordedRequest.AuthKind.TOKEN);
    });
  }

  @Test
  @DisplayName("forge.md 2-3, core.md 35: a bad FORGE_API is refused before any request")
  void anInvalidApiBaseIsRefusedBeforeAnyRequest() {
    String userinfo = forge.baseUrl().replace("http://", "http://u:p@");
    Map<String, String> ftp = Map.of("FORGE_API", "ftp://forge/api/v1/repos/o/r", "FORGE_REPO", REPO);
    Map<String, String> creds = Map.of("FORGE_API", userinfo + "/api/v1/repos/o/r", "FORGE_REPO", REPO);

    for (Map<String, String> env : List.of(ftp, creds)) {
      assertThatThrownBy(() -> ForgeClient.fromEnv(env))
          .isInstanceOf(InvalidUrlException.class)
          .hasMessageStartingWith("FORGE_API validation failed - possible URL injection attempt")
          .message().doesNotContain("u:p");
    }
    assertThat(forge.journal()).isEmpty();
  }

  @Test
  @DisplayName("forge.md 4: a 404 is a status for send and a typed exception for get")
  void notFoundIsAStatusForSendAndAnExceptionForGet() {
    assertThat(client().send("GET", "/issues/999", null).status()).isEqualTo(404);
    assertThatThrownBy(() -> client().get("/issues/999", Issue.class))
        .isInstanceOf(ForgeNotFoundException.class)
        .satisfies(e -> {
          ForgeException fe = (ForgeException) e;
          assertThat(fe.status()).isEqualTo(404);
          assertThat(fe.method()).isEqualTo("GET");
          assertThat(fe.path()).contains("/repos/o/r/issues/999");
        })
        .message().doesNotContain(TOKEN);
  }

  @Test
  @DisplayName("forge.md 5: 120 files with X-Total-Count take exactly three pages")
  void getAllStopsAtTheTotalCount() {
    long pr = forge.seed().pull(REPO, p -> {
      p.head("fix/many").base("main").title("many files").author("dev-bot");
      for (int i = 0; i < 120; i++) {
        p.changedFile("f" + i + ".txt", "added", 1, 0);
      }
    });

    List<ChangedFile> files = client().getAll("/pulls/" + pr + "/files", ChangedFile.class);

    assertThat(files).hasSize(120);
    assertThat(files.get(0).filename()).isEqualTo("f0.txt");
    assertThat(files.get(119).filename()).isEqualTo("f119.txt");
    assertThat(targets()).containsExactly(
        "/repos/o/r/pulls/" + pr + "/files?limit=50&page=1",
        "/repos/o/r/pulls/" + pr + "/files?limit=50&page=2",
        "/repos/o/r/pulls/" + pr + "/files?limit=50&page=3");
  }

  @Test
  @DisplayName("forge.md 6: an existing query string is kept and paging appended")
  void getAllAppendsPagingToAnExistingQuery() {
    issue("a");

    assertThat(client().getAll("/issues?state=open&type=issues", Issue.class)).hasSize(1);

    assertThat(targets()).first().isEqualTo("/repos/o/r/issues?state=open&type=issues&limit=50&page=1");
  }

  @Test
  @DisplayName("forge.md 8: issue comments ignore paging; one request gets all 60")
  void getAllMakesOneRequestForCommentsThatIgnorePaging() {
    long n = issue("chatty");
    for (int i = 0; i < 60; i++) {
      forge.seed().comment(REPO, n, "dev-bot", "comment " + i);
    }

    List<Comment> comments = client().getAll("/issues/" + n + "/comments", Comment.class);

    assertThat(comments).hasSize(60);
    assertThat(comments.get(59).body()).isEqualTo("comment 59");
    assertThat(forge.journal()).hasSize(1);
  }

  @Test
  @DisplayName("forge.md 9: a server cap of 30 below our 50 does not truncate 45 items")
  void aServerPageCapBelowFiftyDoesNotTruncate() {
    forge.setMaxPageSize(30);
    for (int i = 0; i < 45; i++) {
      issue("i" + i);
    }

    List<Issue> issues = client().getAll("/issues?type=issues", Issue.class);

    assertThat(issues).hasSize(45);
    assertThat(issues).extracting(Issue::number).doesNotHaveDuplicates();
    assertThat(forge.journal()).hasSize(2);
  }

  @Test
  @DisplayName("forge.md 10, core.md 34: a token override reaches every page")
  void aTokenOverrideIsSentOnEveryPage() {
    forge.seed().user("review-bot", u -> u.password("pw-r").token("tok-review-987654"));
    for (int i = 0; i < 60; i++) {
      issue("i" + i);
    }

    client().forRepo(REPO).withToken("tok-review-987654").getAll("/issues?type=issues", Issue.class);

    assertThat(forge.journal()).hasSize(2)
        .allSatisfy(r -> assertThat(r.principal()).isEqualTo("review-bot"));
  }

  @Test
  @DisplayName("forge.md 11, core.md 31: a failing page throws instead of returning a partial list")
  void aFailingPageThrows() {
    for (int i = 0; i < 60; i++) {
      issue("i" + i);
    }
    forge.faults().add(Fault.on("GET", "/repos/o/r/issues").withStatus(500).onCalls(2, 10));

    assertThatThrownBy(() -> builder().retryPolicy(RetryPolicy.none()).build()
            .getAll("/issues?type=issues", Issue.class))
        .isInstanceOf(ForgeException.class)
        .satisfies(e -> assertThat(((ForgeException) e).status()).isEqualTo(500));
  }

  @Test
  @DisplayName("forge.md 12, core.md 32-33: a body that is not a JSON array names the path")
  void aMalformedPageIsAProtocolErrorNamingThePath() {
    forge.faults().add(Fault.on("GET", "/repos/o/r/issues").withMalformedBody().times(1));

    assertThatThrownBy(() -> client().getAll("/issues", Issue.class))
        .isInstanceOf(ForgeProtocolException.class)
        .hasMessageContaining("/repos/o/r/issues");
  }

  @Test
  @DisplayName("issue 3: three 503s then success: the GET succeeds after three retries")
  void threeServiceUnavailableThenSuccess() {
    long n = issue("flaky");
    forge.faults().add(Fault.on("GET", "/repos/o/r/issues/*").withStatus(503).times(3));

    Issue got = client().get("/issues/" + n, Issue.class);

    assertThat(got.title()).isEqualTo("flaky");
    assertThat(forge.journal()).extracting(RecordedRequest::status).containsExactly(503, 503, 503, 200);
    assertThat(time.sleeps()).hasSize(3);
  }

  @Test
  @DisplayName("issue 3: 429 with Retry-After: 2 waits two seconds on the injected clock")
  void rateLimitWaitsForRetryAfterOnTheInjectedClock() {
    long n = issue("limited");
    forge.faults().add(Fault.on("GET", "/repos/o/r/issues/*").withRateLimit(2).times(1));

    assertThat(client().get("/issues/" + n, Issue.class).number()).isEqualTo(n);

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2));
    assertThat(forge.journal()).extracting(RecordedRequest::status).containsExactly(429, 200);
  }

  @Test
  @DisplayName("issue 3: a POST is not retried")
  void aPostIsNotRetried() {
    long n = issue("comment me");
    forge.faults().add(Fault.on("POST", "/repos/o/r/issues/*/comments").withStatus(503).times(1));

    ForgeResponse response = client().send("POST", "/issues/" + n + "/comments", Map.of("body", "hi"));

    assertThat(response.status()).isEqualTo(503);
    assertThat(forge.journal()).hasSize(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  @DisplayName("issue 3: malformed JSON for a typed GET is a ForgeException naming the path")
  void malformedJsonForATypedGetNamesThePath() {
    long n = issue("garbled");
    forge.faults().add(Fault.on("GET", "/repos/o/r/issues/*").withMalformedBody().times(1));

    assertThatThrownBy(() -> client().get("/issues/" + n, Issue.class))
        .isInstanceOf(ForgeException.class)
        .hasMessageContaining("/repos/o/r/issues/" + n);
  }

  @Test
  @DisplayName("issue 3: 10,000 issues cost exactly ceil(10,000 / 50) = 200 requests")
  void tenThousandIssuesCostCeilOfCountOverPageSizeRequests() {
    for (int i = 0; i < 10_000; i++) {
      issue("bulk " + i);
    }
    List<Issue> issues = client().getAll("/issues?type=issues", Issue.class);

    assertThat(issues).hasSize(10_000);
    assertThat(issues).extracting(Issue::number).doesNotHaveDuplicates();
    assertThat(forge.journal()).hasSize(200);
  }

  @Test
  @DisplayName("root paths: /user answers the token's owner; a wrong token is a 401 exception")
  void rootPathsUseTheApiRootAndAuthFailuresAreTyped() {
    assertThat(client().root().get("/user", User.class).login()).isEqualTo("dev-bot");
    assertThatThrownBy(() -> client().withToken("wrong-token-value").root().get("/user", User.class))
        .isInstanceOf(ForgeException.class)
        .satisfies(e -> assertThat(((ForgeException) e).status()).isEqualTo(401))
        .message().doesNotContain("wrong-token-value");
  }
}
