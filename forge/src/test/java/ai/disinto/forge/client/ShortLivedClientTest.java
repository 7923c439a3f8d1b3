package ai.disinto.forge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.forge.client.model.Issue;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.RecordedRequest;
import ai.disinto.testkit.time.FakeTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A short-lived client ({@link ForgeClientBuilder#shortLived}) of a cleartext forge goes over the
 * plain wire with every layer of the OkHttp one: the same requests, credentials, retries and
 * exactly-once writes; the call's timeout bounds its retries too.
 */
class ShortLivedClientTest {
  private static final String REPO = "o/r";
  private static final String TOKEN = "tok-short-0123456789";
  private MockForgejo mock;
  private final FakeTime time = new FakeTime();

  @BeforeEach
  void start() {
    mock = MockForgejo.start();
    mock.seed().user("dev-bot", u -> u.password("pw-dev-0123").token(TOKEN));
    mock.seed().repo(REPO, r -> r.collaborator("dev-bot", "write"));
  }

  @AfterEach
  void stop() {
    mock.close();
  }

  private ForgeClientBuilder builder() {
    return ForgeClient.builder().baseUrl(mock.baseUrl()).repo(REPO).token(TOKEN).clock(time)
        .sleeper(time).hostLimits(HostLimits.of(4, Duration.ZERO));
  }

  @Test
  void aCleartextForgeIsReachedWithoutOkHttpAndAnswersAsOverOkHttp() {
    ForgeClient plain = builder().shortLived(true).build();
    ForgeClient okHttp = builder().build();
    assertThat(plain.httpClient()).as("no OkHttp client on the plain wire").isNull();
    assertThat(okHttp.httpClient()).isNotNull();

    long n = mock.seed().issue(REPO, i -> i.title("one").body("b"));
    Issue viaPlain = plain.get("/issues/" + n, Issue.class);
    Issue viaOkHttp = okHttp.get("/issues/" + n, Issue.class);
    assertThat(viaPlain).isEqualTo(viaOkHttp);
    ForgeResponse patched = plain.send("PATCH", "/issues/" + n, Map.of("title", "renamed"));
    assertThat(patched.status()).isEqualTo(201);
    assertThat(okHttp.get("/issues/" + n, Issue.class).title()).isEqualTo("renamed");

    List<RecordedRequest> journal = mock.journal();
    assertThat(journal).extracting(RecordedRequest::method)
        .containsExactly("GET", "GET", "PATCH", "GET");
    assertThat(journal).allSatisfy(q -> {
      assertThat(q.authKind()).isEqualTo(RecordedRequest.AuthKind.TOKEN);
      assertThat(q.principal()).isEqualTo("dev-bot");
    });
  }

  @Test
  void readsAreRetriedAndAWriteWhoseAnswerWasLostIsNotSentAgain() {
    ForgeClient plain = builder().shortLived(true).retryPolicy(RetryPolicy.defaults()).build();
    long n = mock.seed().issue(REPO, i -> i.title("one"));
    mock.faults().add(Fault.on("GET", "/repos/o/r/issues/" + n).withStatus(503).onCalls(1, 2));
    assertThat(plain.get("/issues/" + n, Issue.class).title()).isEqualTo("one");
    assertThat(time.sleeps()).hasSize(2);

    mock.faults().add(Fault.on("POST", "/repos/o/r/issues/" + n + "/comments")
        .dropAfterProcessing());
    assertThatThrownBy(() -> plain.send("POST", "/issues/" + n + "/comments",
        Map.of("body", "hello")))
        .isInstanceOf(ForgeAmbiguousWriteException.class)
        .hasMessageContaining("was not sent again")
        .hasMessageNotContaining(TOKEN);
    assertThat(mock.journal()).filteredOn(q -> q.method().equals("POST")).hasSize(1);
  }

  @Test
  void theCallTimeoutBoundsTheRetriesWaitsIncluded() {
    // Backoff of a minute against a call bounded at two seconds: no wait fits, so the 503 is
    // the answer after one attempt (the sleeper is fake, so only the deadline can stop it).
    RetryPolicy slow = RetryPolicy.defaults().withBackoff(Duration.ofMinutes(1),
        Duration.ofMinutes(1)).withMaxElapsed(Duration.ofHours(1)).withJitter(0);
    long n = mock.seed().issue(REPO, i -> i.title("one"));
    mock.faults().add(Fault.on("GET", "/repos/o/r/issues/" + n).withStatus(503));
    Duration two = Duration.ofSeconds(2);
    for (ForgeClient c : List.of(
        builder().shortLived(true).retryPolicy(slow).timeouts(two, two, two).build(),
        builder().retryPolicy(slow).timeouts(two, two, two).build())) {
      int before = mock.journal().size();
      assertThatThrownBy(() -> c.get("/issues/" + n, Issue.class))
          .isInstanceOf(ForgeException.class);
      assertThat(mock.journal().size() - before).as("attempts").isEqualTo(1);
    }
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void anAnswersHeadersCannotBeChangedByItsReader() {
    java.util.List<String> values = new java.util.ArrayList<>(List.of("a"));
    Map<String, java.util.List<String>> headers = new java.util.HashMap<>();
    headers.put("x-one", values);
    WireResponse r = new WireResponse(200, headers, null);
    values.add("b");
    assertThat(r.headers().get("x-one")).containsExactly("a");
    assertThatThrownBy(() -> r.headers().get("x-one").add("c"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aNegativeTimeoutIsRefusedByName() {
    assertThatThrownBy(() -> builder().timeouts(Duration.ofSeconds(1), Duration.ofSeconds(-1),
        Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("read timeout is negative");
  }

  @Test
  void anHttpsForgeKeepsOkHttpAndASharedOkHttpClientExcludesShortLived() {
    ForgeClient tls = ForgeClient.builder().baseUrl("https://forge.example").repo(REPO)
        .shortLived(true).build();
    assertThat(tls.httpClient()).isNotNull();
    assertThatThrownBy(() -> builder().shortLived(true).httpClient(new OkHttpClient()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exclude each other");
  }
}
