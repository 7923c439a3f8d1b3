package ai.disinto.forge.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import ai.disinto.testkit.time.FakeTime;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retries, backoff and Retry-After, all on an injected clock: nothing here sleeps for real. */
class ForgeClientRetryTest {
  @RegisterExtension
  final WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final FakeTime time = new FakeTime();

  private ForgeClient client(RetryPolicy policy) {
    return ForgeClient.builder()
        .baseUrl(wm.baseUrl())
        .repo("o/r")
        .token("T")
        .retryPolicy(policy)
        .sleeper(time)
        .clock(time)
        .build();
  }

  private static final RetryPolicy NO_JITTER = RetryPolicy.defaults().withJitter(0);

  /** Answers {@code first} for the first {@code times} requests, then 200. */
  private void failThenSucceed(int times, ResponseDefinitionBuilder first) {
    String state = STARTED;
    for (int i = 1; i <= times; i++) {
      String next = "after-" + i;
      wm.stubFor(any(anyUrl()).inScenario("faults").whenScenarioStateIs(state)
          .willReturn(first).willSetStateTo(next));
      state = next;
    }
    wm.stubFor(any(anyUrl()).inScenario("faults").whenScenarioStateIs(state)
        .willReturn(okJson("{\"ok\":true}")));
  }

  private int requestCount() {
    return wm.findAll(anyRequestedFor(anyUrl())).size();
  }

  @Test
  void aGetSucceedsAfterThreeInjected503sWithExponentialWaits() {
    failThenSucceed(3, aResponse().withStatus(503));

    ForgeResponse r = client(NO_JITTER).send("GET", "/issues/5", null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"ok\":true}");
    assertThat(requestCount()).isEqualTo(4);
    assertThat(time.sleeps()).containsExactly(
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void a429WithRetryAfterSecondsWaitsExactlyThatLongOnTheInjectedClock() {
    failThenSucceed(1, aResponse().withStatus(429).withHeader("Retry-After", "2"));

    ForgeResponse r = client(RetryPolicy.defaults()).send("GET", "/issues", null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void aRetryAfterHttpDateIsWaitedUntil() {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        time.instant().plusSeconds(7).atOffset(ZoneOffset.UTC));
    failThenSucceed(1, aResponse().withStatus(503).withHeader("Retry-After", date));

    client(RetryPolicy.defaults()).send("GET", "/issues", null);

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void aPostIsNotRetriedOnA503() {
    failThenSucceed(1, aResponse().withStatus(503));

    ForgeResponse r = client(RetryPolicy.defaults()).send("POST", "/issues/5/comments", "{}");

    assertThat(r.status()).isEqualTo(503);
    assertThat(requestCount()).isEqualTo(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void aPostIsRetriedWhenTheCallerDeclaresItIdempotent() {
    failThenSucceed(1, aResponse().withStatus(502));

    ForgeResponse r = client(NO_JITTER).withIdempotentWrites()
        .send("POST", "/issues/5/labels", "{\"labels\":[3]}");

    assertThat(r.status()).isEqualTo(200);
    assertThat(requestCount()).isEqualTo(2);
  }

  @Test
  void aPostIsNotRetriedAfterAConnectionFailure() {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> client(RetryPolicy.defaults()).send("POST", "/labels", "{}"))
        .isInstanceOf(ForgeTransportException.class);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void connectionFailuresOfAGetAreRetriedThenReportedAsTransportFailure() {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> client(NO_JITTER.withMaxRetries(2)).send("GET", "/issues", null))
        .isInstanceOfSatisfying(ForgeTransportException.class, e -> {
          assertThat(e.status()).isZero();
          assertThat(e.getMessage()).contains("after 2 retries").doesNotContain("T\"");
        });
    assertThat(time.sleeps()).hasSize(2);
  }

  @Test
  void retriesStopAtTheConfiguredCountAndReturnTheLastAnswer() {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));

    ForgeResponse r = client(NO_JITTER.withMaxRetries(2)).send("GET", "/issues", null);

    assertThat(r.status()).isEqualTo(500);
    assertThat(requestCount()).isEqualTo(3);
    assertThat(time.sleeps()).hasSize(2);
  }

  @Test
  void retriesStopWhenTheNextWaitWouldExceedTheTimeBudget() {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "120")));

    ForgeResponse r = client(RetryPolicy.defaults().withMaxElapsed(Duration.ofSeconds(60)))
        .send("GET", "/issues", null);

    assertThat(r.status()).isEqualTo(503);
    assertThat(requestCount()).isEqualTo(1);
    assertThat(time.sleeps()).isEmpty();
  }

  /** A 503 asking for one second (so time has passed), then 429s with {@code value}. */
  private void a503ThenRateLimited(String value) {
    failThenSucceed(1, aResponse().withStatus(503).withHeader("Retry-After", "1"));
    wm.stubFor(any(anyUrl()).inScenario("faults").whenScenarioStateIs("after-1")
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", value)));
  }

  @Test
  void aRetryAfterOfTheLargestLongStopsRetryingInsteadOfOverflowing() {
    a503ThenRateLimited("9223372036854775807");

    ForgeResponse r = client(NO_JITTER).send("GET", "/issues", null);

    assertThat(r.status()).isEqualTo(429);
    assertThat(requestCount()).isEqualTo(2);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void aGetAnswered429WithAHugeRetryAfterThrowsAForgeException() {
    a503ThenRateLimited("9223372036854775807");

    assertThatThrownBy(() -> client(NO_JITTER).get("/issues/5", Object.class))
        .isInstanceOfSatisfying(ForgeException.class, e -> assertThat(e.status()).isEqualTo(429));
  }

  @Test
  void aRetryAfterLongerThanTheBudgetLeftStopsRetryingAfterEarlierWaits() {
    // One second waited first, then a Retry-After of the full budget: more than what is left.
    a503ThenRateLimited("60");

    ForgeResponse r = client(NO_JITTER.withMaxElapsed(Duration.ofSeconds(60)))
        .send("GET", "/issues", null);

    assertThat(r.status()).isEqualTo(429);
    assertThat(requestCount()).isEqualTo(2);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void a503WithAHugeRetryAfterIsReturnedAsThe503NotAsOkHttpsNumberFormatException() {
    // OkHttp reads a 503's Retry-After as an int before the client sees the answer.
    wm.stubFor(any(anyUrl()).willReturn(
        aResponse().withStatus(503).withHeader("Retry-After", "9223372036854775807")));

    assertThatThrownBy(() -> client(RetryPolicy.defaults()).get("/issues/5", Object.class))
        .isInstanceOfSatisfying(ForgeException.class, e -> assertThat(e.status()).isEqualTo(503));
    assertThat(requestCount()).isEqualTo(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void aRetryAfterWithMoreDigitsThanALongHoldsStopsRetrying() {
    wm.stubFor(any(anyUrl()).willReturn(
        aResponse().withStatus(503).withHeader("Retry-After", "99999999999999999999")));

    ForgeResponse r = client(RetryPolicy.defaults()).send("GET", "/issues", null);

    assertThat(r.status()).isEqualTo(503);
    assertThat(requestCount()).isEqualTo(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void computedWaitsAreCappedByMaxBackoff() {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)));
    RetryPolicy policy = NO_JITTER.withMaxRetries(4)
        .withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(3));

    client(policy).send("GET", "/issues", null);

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(3), Duration.ofSeconds(3));
  }

  @Test
  void clientErrorsOtherThan429AreNotRetried() {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
    assertThat(client(RetryPolicy.defaults()).send("GET", "/issues/9", null).status())
        .isEqualTo(404);
    assertThat(requestCount()).isEqualTo(1);
  }

  @Test
  void noRetryPolicyNeverRepeatsARequest() {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)));
    client(RetryPolicy.none()).send("GET", "/issues", null);
    assertThat(requestCount()).isEqualTo(1);
  }

  @Test
  void jitterSpreadsAWaitWithinTheConfiguredFraction() {
    RetryPolicy p = RetryPolicy.defaults().withJitter(0.2);
    List<Duration> waits = List.of(p.backoff(2, 0.0), p.backoff(2, 0.5), p.backoff(2, 0.999));
    assertThat(waits.get(0)).isEqualTo(Duration.ofMillis(800));
    assertThat(waits.get(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(waits.get(2)).isBetween(Duration.ofMillis(1190), Duration.ofMillis(1200));
  }

  @Test
  void retryAfterAcceptsSecondsDatesAndIgnoresJunk() {
    assertThat(RetryAfter.parse("2", time)).contains(Duration.ofSeconds(2));
    assertThat(RetryAfter.parse("Fri, 03 Apr 2026 14:00:30 GMT", time))
        .contains(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Fri, 03 Apr 2026 13:00:00 GMT", time)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("soon", time)).isEmpty();
    assertThat(RetryAfter.parse("99999999999999999999", time)).contains(RetryAfter.LONGEST);
    assertThat(RetryAfter.parse(null, time)).isEmpty();
  }
}
