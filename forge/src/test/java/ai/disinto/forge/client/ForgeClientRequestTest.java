package ai.disinto.forge.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.core.DisintoException;
import ai.disinto.core.net.InvalidUrlException;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.model.User;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Request-level behaviour of {@code forge_api}: URLs, headers, bodies, statuses, validation. */
class ForgeClientRequestTest {
  @RegisterExtension
  final WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private ForgeClient client(String token) {
    return ForgeClient.builder()
        .baseUrl(wm.baseUrl())
        .repo("o/r")
        .token(token)
        .retryPolicy(RetryPolicy.none())
        .build();
  }

  @Test
  void sendTargetsTheRepoApiWithTokenAndJsonContentTypeAndReturnsTheBodyVerbatim() {
    // forge.md acceptance 1
    String body = "{\"number\": 5,  \"title\":\"x\"}";
    wm.stubFor(get("/api/v1/repos/o/r/issues/5").willReturn(okJson(body)));

    ForgeResponse r = client("T").send("GET", "/issues/5", null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(body);
    List<LoggedRequest> requests = wm.findAll(anyRequestedFor(anyUrl()));
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).getUrl()).isEqualTo("/api/v1/repos/o/r/issues/5");
    assertThat(requests.get(0).getHeader("Authorization")).isEqualTo("token T");
    assertThat(requests.get(0).getHeader("Content-Type")).isEqualTo("application/json");
  }

  @Test
  void anEmptyTokenIsSentAsTheBareTokenScheme() {
    // curl sends "token " and the server trims the trailing blank (HTTP optional whitespace);
    // OkHttp trims it already, so the header arrives as the bare scheme either way.
    wm.stubFor(any(anyUrl()).willReturn(okJson("{}")));
    client("").send("GET", "/issues/1", null);
    assertThat(wm.findAll(anyRequestedFor(anyUrl())).get(0).getHeader("Authorization"))
        .isEqualTo("token");
  }

  @Test
  void aStringBodyIsSentVerbatimAndAnObjectBodyIsSerialized() {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(201).withBody("{}")));
    ForgeClient forge = client("T");

    forge.send("POST", "/issues/5/comments", "{\"body\":\"hi\"}");
    forge.send("PATCH", "/issues/5", Map.of("assignees", List.of("dev-bot")));

    wm.verify(postRequestedFor(urlEqualTo("/api/v1/repos/o/r/issues/5/comments"))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalTo("{\"body\":\"hi\"}")));
    wm.verify(patchRequestedFor(urlEqualTo("/api/v1/repos/o/r/issues/5"))
        .withRequestBody(equalToJson("{\"assignees\":[\"dev-bot\"]}")));
  }

  @Test
  void aPostWithoutBodySendsAnEmptyJsonRequest() {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(201)));
    client("T").send("POST", "/issues/5/labels", null);
    LoggedRequest req = wm.findAll(anyRequestedFor(anyUrl())).get(0);
    assertThat(req.getMethod().getName()).isEqualTo("POST");
    assertThat(req.getBodyAsString()).isEmpty();
    assertThat(req.getHeader("Content-Type")).isEqualTo("application/json");
  }

  @Test
  void queryStringsInThePathAreKept() {
    wm.stubFor(any(anyUrl()).willReturn(okJson("[]")));
    client("T").send("GET", "/pulls?state=open&limit=20", null);
    wm.verify(getRequestedFor(urlEqualTo("/api/v1/repos/o/r/pulls?state=open&limit=20")));
  }

  @Test
  void basicAuthSendsTheBasicSchemeAndNoAuthSendsNoHeader() {
    wm.stubFor(any(anyUrl()).willReturn(okJson("{}")));
    ForgeClient forge = client("T");

    forge.withAuth(ForgeAuth.basic("admin", "pw")).sendRoot("GET", "/user", null);
    forge.withAuth(ForgeAuth.none()).sendRoot("GET", "/version", null);

    List<LoggedRequest> requests = wm.findAll(anyRequestedFor(anyUrl()));
    assertThat(requests.get(0).getUrl()).isEqualTo("/api/v1/user");
    assertThat(requests.get(0).getHeader("Authorization")).isEqualTo("Basic YWRtaW46cHc=");
    assertThat(requests.get(1).getUrl()).isEqualTo("/api/v1/version");
    assertThat(requests.get(1).containsHeader("Authorization")).isFalse();
  }

  @Test
  void withTokenChangesOnlyTheCredentialsAndForRepoOnlyTheRepository() {
    wm.stubFor(any(anyUrl()).willReturn(okJson("{}")));
    ForgeClient ops = client("T").forRepo("o/r-ops").withToken("R");

    ops.send("GET", "/contents/vault", null);

    LoggedRequest req = wm.findAll(anyRequestedFor(anyUrl())).get(0);
    assertThat(req.getUrl()).isEqualTo("/api/v1/repos/o/r-ops/contents/vault");
    assertThat(req.getHeader("Authorization")).isEqualTo("token R");
  }

  @Test
  void theRootViewResolvesPathsBelowApiV1() {
    wm.stubFor(get("/api/v1/users/dev-bot").willReturn(okJson("{\"id\":7,\"login\":\"dev-bot\"}")));
    User u = client("T").root().get("/users/dev-bot", User.class);
    assertThat(u.login()).isEqualTo("dev-bot");
    assertThat(u.id()).isEqualTo(7);
  }

  @Test
  void sendReturnsAnErrorStatusWhileGetThrowsNotFoundWithTheForgeMessage() {
    // forge.md acceptance 4
    wm.stubFor(get("/api/v1/repos/o/r/issues/99").willReturn(aResponse().withStatus(404)
        .withBody("{\"message\":\"issue does not exist\",\"url\":\"x\"}")));
    ForgeClient forge = client("secret-token-123");

    assertThat(forge.send("GET", "/issues/99", null).status()).isEqualTo(404);
    assertThatThrownBy(() -> forge.get("/issues/99", Issue.class))
        .isInstanceOfSatisfying(ForgeNotFoundException.class, e -> {
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.method()).isEqualTo("GET");
          assertThat(e.path()).isEqualTo("/api/v1/repos/o/r/issues/99");
          assertThat(e.forgeMessage()).contains("issue does not exist");
          assertThat(e.getMessage()).contains("/api/v1/repos/o/r/issues/99")
              .contains("issue does not exist").doesNotContain("secret-token-123");
        });
  }

  @Test
  void otherErrorStatusesThrowForgeExceptionWithTheStatus() {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(422)
        .withBody("{\"message\":\"label name invalid\"}")));
    assertThatThrownBy(() -> client("T").call("POST", "/labels", Map.of("name", ""), Void.class))
        .isExactlyInstanceOf(ForgeException.class)
        .hasMessageContaining("POST /api/v1/repos/o/r/labels")
        .hasMessageContaining("422")
        .hasMessageContaining("label name invalid");
  }

  @Test
  void callBindsTheAnswerAndVoidIgnoresIt() {
    wm.stubFor(any(urlEqualTo("/api/v1/repos/o/r/issues/5")).willReturn(okJson(
        "{\"id\":50,\"number\":5,\"title\":\"t\",\"state\":\"open\",\"labels\":[],\"extra\":1}")));
    wm.stubFor(any(urlEqualTo("/api/v1/repos/o/r/issues/5/labels/3"))
        .willReturn(aResponse().withStatus(204)));
    ForgeClient forge = client("T");

    Issue issue = forge.call("PATCH", "/issues/5", Map.of("state", "closed"), Issue.class);
    Object nothing = forge.call("DELETE", "/issues/5/labels/3", null, Void.class);

    assertThat(issue.number()).isEqualTo(5);
    assertThat(issue.isOpen()).isTrue();
    assertThat(nothing).isNull();
  }

  @Test
  void malformedJsonGivesAProtocolExceptionNamingThePath() {
    wm.stubFor(get("/api/v1/repos/o/r/issues/5").willReturn(okJson("{\"number\": 5, \"title\"")));
    assertThatThrownBy(() -> client("T").get("/issues/5", Issue.class))
        .isInstanceOfSatisfying(ForgeProtocolException.class, e -> {
          assertThat(e.status()).isEqualTo(200);
          assertThat(e.path()).isEqualTo("/api/v1/repos/o/r/issues/5");
          assertThat(e.getMessage()).contains("GET /api/v1/repos/o/r/issues/5")
              .contains("malformed JSON");
        });
  }

  @Test
  void anHtmlBodyWhereJsonWasExpectedIsAProtocolException() {
    wm.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200)
        .withBody("<html>login</html>")));
    assertThatThrownBy(() -> client("T").get("/issues/5", Issue.class))
        .isInstanceOf(ForgeProtocolException.class);
  }

  @Test
  void redirectsAreReturnedNotFollowedAsCurlDoesWithoutL() {
    wm.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(302)
        .withHeader("Location", "http://elsewhere.example/")));
    ForgeResponse r = client("T").send("GET", "/issues/5", null);
    assertThat(r.status()).isEqualTo(302);
    assertThat(r.ok()).isFalse();
    assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
  }

  @Test
  void aNonHttpForgeApiIsRejectedBeforeAnyRequest() {
    // forge.md acceptance 2, core.md acceptance 35
    Map<String, String> env = Map.of("FORGE_URL", wm.baseUrl(), "FORGE_REPO", "o/r",
        "FORGE_API", "ftp://forge/api/v1/repos/o/r", "FORGE_TOKEN", "T");
    assertThatThrownBy(() -> ForgeClient.fromEnv(env))
        .isInstanceOf(InvalidUrlException.class)
        .hasMessageStartingWith("FORGE_API validation failed - possible URL injection attempt");
    assertThat(wm.findAll(anyRequestedFor(anyUrl()))).isEmpty();
  }

  @Test
  void aForgeApiWithCredentialsIsRejectedBeforeAnyRequest() {
    // forge.md acceptance 3
    Map<String, String> env = Map.of("FORGE_API", "http://u:p@forge/api/v1/repos/o/r");
    assertThatThrownBy(() -> ForgeClient.fromEnv(env))
        .isInstanceOf(InvalidUrlException.class)
        .hasMessageStartingWith("FORGE_API validation failed - possible URL injection attempt")
        .hasMessageNotContaining("u:p");
  }

  @Test
  void aForgeApiOverrideFromTheEnvironmentIsUsedForRepositoryPaths() {
    wm.stubFor(any(anyUrl()).willReturn(okJson("{}")));
    Map<String, String> env = Map.of("FORGE_URL", "http://unused.invalid:1", "FORGE_REPO", "a/b",
        "FORGE_API", wm.baseUrl() + "/api/v1/repos/x/y", "FORGE_TOKEN", "T");
    ForgeClient.builder().env(env).retryPolicy(RetryPolicy.none()).build()
        .send("GET", "/labels", null);
    wm.verify(getRequestedFor(urlEqualTo("/api/v1/repos/x/y/labels")));
  }

  @Test
  void theDerivedForgeApiIsNotAnOverrideAndTrailingSlashesAreDropped() {
    ForgeClient forge = ForgeClient.fromEnv(Map.of("FORGE_URL", "http://forge:3000/",
        "FORGE_REPO", "o/r", "FORGE_API", "http://forge:3000/api/v1/repos/o/r",
        "FORGE_TOKEN", "T"));
    assertThat(forge.apiRoot()).isEqualTo("http://forge:3000/api/v1");
    assertThat(forge.repoApi()).contains("http://forge:3000/api/v1/repos/o/r");
    assertThat(forge.forRepo("o/ops").repoApi()).contains("http://forge:3000/api/v1/repos/o/ops");
  }

  @Test
  void repositoryPathsNeedARepositoryWhileRootPathsDoNot() {
    wm.stubFor(any(anyUrl()).willReturn(okJson("{\"login\":\"me\"}")));
    ForgeClient forge = ForgeClient.builder().baseUrl(wm.baseUrl()).token("T").build();

    assertThatThrownBy(() -> forge.send("GET", "/issues", null))
        .isInstanceOf(DisintoException.class).hasMessageContaining("FORGE_REPO is empty");
    assertThat(forge.sendRoot("GET", "/user", null).ok()).isTrue();
    assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
  }

  @Test
  void aPathWithoutLeadingSlashIsRejected() {
    assertThatThrownBy(() -> client("T").send("GET", "issues", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client("T").forRepo("not-a-slug"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aForgeThatNeverAnswersFailsWithinTheCallTimeout() {
    // forge.md acceptance 13
    wm.stubFor(any(anyUrl()).willReturn(okJson("{}").withFixedDelay(5_000)));
    ForgeClient forge = ForgeClient.builder().baseUrl(wm.baseUrl()).repo("o/r").token("T")
        .timeouts(Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofMillis(400))
        .retryPolicy(RetryPolicy.none())
        .build();
    long t0 = System.nanoTime();

    assertThatThrownBy(() -> forge.send("GET", "/issues/5", null))
        .isInstanceOfSatisfying(ForgeTransportException.class, e -> {
          assertThat(e.status()).isZero();
          assertThat(e.getMessage()).contains("timed out");
        });
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void noTokenOrPasswordAppearsInToString() {
    ForgeClient forge = client("tok-abc");
    assertThat(forge.toString()).doesNotContain("tok-abc");
    assertThat(forge.withAuth(ForgeAuth.basic("u", "pw-xyz")).toString()).doesNotContain("pw-xyz");
    assertThat(ForgeAuth.token("tok-abc").toString()).doesNotContain("tok-abc");
    assertThat(ForgeAuth.basic("u", "pw-xyz").toString()).doesNotContain("pw-xyz").contains("u");
  }
}
