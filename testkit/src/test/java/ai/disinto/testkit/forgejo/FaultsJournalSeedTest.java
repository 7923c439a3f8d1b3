package ai.disinto.testkit.forgejo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MockForgejoExtension.class)
class FaultsJournalSeedTest {

  @Test
  void burstOf5xxHitsOnlyTheChosenCalls(MockForgejo m) {
    Fixture.seed(m);
    m.faults().add(Fault.on("GET", "/repos/*/*/issues").withStatus(502).onCalls(2, 2));
    Http dev = Fixture.as(m, "dev-bot");
    assertThat(List.of(dev.get("/repos/owner/proj/issues").status(), dev.get("/repos/owner/proj/issues").status(),
        dev.get("/repos/owner/proj/issues").status(), dev.get("/repos/owner/proj/issues").status()))
        .containsExactly(200, 502, 502, 200);
  }

  @Test
  void injectedFaultDoesNotChangeState(MockForgejo m) {
    Fixture.seed(m);
    m.faults().add(Fault.on("POST", "/repos/owner/proj/labels").withStatus(500).times(1));
    Http dev = Fixture.as(m, "dev-bot");
    assertThat(dev.post("/repos/owner/proj/labels", Map.of("name", "x", "color", "#fff")).status()).isEqualTo(500);
    assertThat(dev.get("/repos/owner/proj/labels").list()).isEmpty();
  }

  @Test
  void rateLimitAnswers429WithRetryAfter(MockForgejo m) {
    Fixture.seed(m);
    m.faults().add(Fault.on("*", "/api/v1/**").withRateLimit(7).times(1));
    Http.Res r = Fixture.as(m, "dev-bot").get("/user");
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.header("Retry-After")).isEqualTo("7");
    assertThat(Fixture.as(m, "dev-bot").get("/user").status()).isEqualTo(200);
  }

  @Test
  void delayMakesAShortClientTimeoutFire(MockForgejo m) {
    m.faults().add(Fault.on("GET", "/version").withDelay(Duration.ofMillis(500)));
    assertThatThrownBy(() -> Http.anonymous(m).send("GET", "/version", null, Duration.ofMillis(50)))
        .hasCauseInstanceOf(HttpTimeoutException.class);
  }

  @Test
  void malformedBodyIsNoLongerJson(MockForgejo m) {
    Fixture.seed(m);
    m.faults().add(Fault.on("GET", "/user").withMalformedBody());
    Http.Res r = Fixture.as(m, "dev-bot").get("/user");
    assertThat(r.status()).isEqualTo(200);
    assertThatThrownBy(r::json).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void journalRecordsMethodPathQueryPrincipalBodyAndStatus(MockForgejo m) {
    Fixture.seed(m);
    Fixture.as(m, "dev-bot").post("/repos/owner/proj/issues?x=1", Map.of("title", "t"));
    Http.basic(m, "reader", "wrong").get("/user");
    Http.anonymous(m).get("/version");
    List<RecordedRequest> j = m.journal();
    assertThat(j).hasSize(3);
    RecordedRequest first = j.get(0);
    assertThat(first.method()).isEqualTo("POST");
    assertThat(first.apiPath()).isEqualTo("/repos/owner/proj/issues");
    assertThat(first.query()).isEqualTo("x=1");
    assertThat(first.principal()).isEqualTo("dev-bot");
    assertThat(first.authKind()).isEqualTo(RecordedRequest.AuthKind.TOKEN);
    assertThat(first.jsonBody()).isEqualTo(Map.of("title", "t"));
    assertThat(first.status()).isEqualTo(201);
    assertThat(j.get(1).authKind()).isEqualTo(RecordedRequest.AuthKind.BASIC);
    assertThat(j.get(1).principal()).isNull();
    assertThat(j.get(1).status()).isEqualTo(401);
    assertThat(j.get(2).authKind()).isEqualTo(RecordedRequest.AuthKind.NONE);
  }

  @Test
  void journalToStringLeavesTheBodyOut(MockForgejo m) {
    Fixture.seed(m);
    Fixture.as(m, "disinto-admin").post("/admin/users",
        Map.of("username", "x", "email", "x@x", "password", "secret-password-1"));
    assertThat(m.journal().get(0).toString()).doesNotContain("secret-password-1").contains("/admin/users");
  }

  @Test
  void controlEndpointsServeJournalFaultsSeedAndReset(MockForgejo m) {
    Http anon = Http.anonymous(m);
    Http.Res seeded = anon.post("/_mock/seed", Map.of(
        "users", List.of(Map.of("login", "dev-bot", "password", "pw-123456", "tokens", List.of("tok"))),
        "repos", List.of(Map.of("full_name", "dev-bot/p",
            "labels", List.of(Map.of("name", "backlog", "color", "#0075ca")),
            "issues", List.of(Map.of("title", "one", "labels", List.of("backlog"),
                "comments", List.of(Map.of("user", "dev-bot", "body", "hi")))),
            "pulls", List.of(Map.of("title", "two", "head", "feat", "user", "dev-bot"))))));
    assertThat(seeded.status()).isEqualTo(200);
    assertThat(seeded.obj()).isEqualTo(Map.of("repos", Map.of("dev-bot/p",
        Map.of("issues", List.of(1.0), "pulls", List.of(2.0)))));
    Http dev = Http.token(m, "tok");
    assertThat(dev.get("/repos/dev-bot/p/issues?labels=backlog").pluck("number")).containsExactly(1L);
    assertThat(anon.post("/_mock/faults", List.of(Map.of("method", "GET", "path", "/user", "status", 503,
        "times", 1))).status()).isEqualTo(201);
    assertThat(dev.get("/user").status()).isEqualTo(503);
    Http.Res journal = anon.get("/_mock/journal");
    assertThat(journal.pluck("path")).containsExactly("/api/v1/repos/dev-bot/p/issues?labels=backlog",
        "/api/v1/user");
    assertThat(journal.pluck("status")).containsExactly(200L, 503L);
    assertThat(anon.post("/_mock/reset", null).status()).isEqualTo(204);
    assertThat(dev.get("/user").status()).isEqualTo(401);
    assertThat(m.faults().rules()).isEmpty();
  }

  @Test
  void badSeedIsA400(MockForgejo m) {
    assertThat(Http.anonymous(m).post("/_mock/seed", "{\"users\": [{}]}").status()).isEqualTo(400);
  }

  @Test
  void resetForgetsUsersJournalAndSettings(MockForgejo m) {
    Fixture.seed(m);
    m.setMaxPageSize(5);
    Fixture.as(m, "dev-bot").get("/user");
    m.reset();
    assertThat(m.journal()).isEmpty();
    m.seed().user("u", "pw").repo("u/r");
    for (int k = 0; k < 40; k++) {
      m.seed().issue("u/r", i -> i.title("x"));
    }
    assertThat(Http.anonymous(m).get("/repos/u/r/issues?limit=40").list()).hasSize(40);
  }

  @Test
  void extensionGivesEachTestAFreshRunningMock(MockForgejo m) {
    assertThat(m.journal()).isEmpty();
    assertThat(m.baseUrl()).startsWith("http://127.0.0.1:");
    assertThat(m.apiUrl()).isEqualTo(m.baseUrl() + "/api/v1");
  }

  @Test
  void concurrentWritesKeepIssueNumbersUnique(MockForgejo m) throws Exception {
    Fixture.seed(m);
    List<Thread> threads = new java.util.ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread th = new Thread(() -> {
        for (int k = 0; k < 10; k++) {
          Fixture.as(m, "dev-bot").post("/repos/owner/proj/issues", Map.of("title", "x"));
        }
      });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }
    List<Object> numbers = Fixture.as(m, "dev-bot").get("/repos/owner/proj/issues?limit=50").pluck("number");
    assertThat(numbers).hasSize(40).doesNotHaveDuplicates();
  }
}
