package ai.disinto.forge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.forge.client.model.Issue;
import ai.disinto.testkit.forgejo.Fault;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Failures are named for what happened, in the library's words, never in curl's. */
class ForgeClientFailureNamesTest extends OnMockForgejo {
  @Test
  void aMissingTokenIsNamedBeforeTheFirstRequest() {
    Map<String, String> env = Map.of("FORGE_URL", forge.baseUrl(), "FORGE_REPO", REPO);

    assertThatThrownBy(() -> ForgeClient.fromEnv(env))
        .isInstanceOf(ForgeTokenMissingException.class)
        .hasMessage("FORGE_TOKEN is not set");
    assertThatThrownBy(() -> ForgeClient.fromEnv(
        Map.of("FORGE_URL", forge.baseUrl(), "FORGE_REPO", REPO, "FORGE_TOKEN", "")))
        .isInstanceOf(ForgeTokenMissingException.class);
    assertThat(forge.journal()).isEmpty();
  }

  @Test
  void aTokenFromTheEnvironmentIsUsed() {
    ForgeClient c = ForgeClient.fromEnv(
        Map.of("FORGE_URL", forge.baseUrl(), "FORGE_REPO", REPO, "FORGE_TOKEN", TOKEN));

    assertThat(c.getAll("/issues", Issue.class)).isEmpty();
    assertThat(forge.journal()).singleElement()
        .satisfies(r -> assertThat(r.principal()).isEqualTo("dev-bot"));
  }

  @Test
  void aMalformedBodyIsNamedSoNotByItsStatus() {
    long n = forge.seed().issue(REPO, i -> i.title("t").author("dev-bot"));
    forge.faults().add(Fault.on("GET", "/repos/o/r/issues/*").withMalformedBody());
    ForgeClient c = clientWithoutRetries();

    assertThatThrownBy(() -> c.get(ForgePath.of("issues", n), Issue.class))
        .isInstanceOf(ForgeProtocolException.class)
        .hasMessageStartingWith("malformed JSON from GET /api/v1/repos/o/r/issues/" + n + ": ")
        .hasMessageNotContaining("HTTP 200");
  }

  @Test
  void aReadTimeoutIsNamedATimeout() {
    forge.faults().add(Fault.on("GET", "/repos/o/r/issues").withDelay(Duration.ofMillis(500)));
    ForgeClient c = builder().retryPolicy(RetryPolicy.none())
        .timeouts(Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(5)).build();

    assertThatThrownBy(() -> c.send("GET", "/issues", null))
        .isInstanceOfSatisfying(ForgeTransportException.class, e -> {
          assertThat(e.kind()).isEqualTo(ForgeTransportException.Kind.TIMEOUT);
          assertThat(e).isNotInstanceOf(ForgeAmbiguousWriteException.class);
          assertThat(e.getMessage()).startsWith("GET /api/v1/repos/o/r/issues: timed out");
        });
  }

  @Test
  void aPostThatTimesOutAfterReachingTheForgeIsAmbiguous() {
    forge.faults().add(Fault.on("POST", "/repos/o/r/issues").withDelay(Duration.ofMillis(500)));
    ForgeClient c = builder()
        .timeouts(Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(5)).build();

    assertThatThrownBy(() -> c.send("POST", "/issues", Map.of("title", "slow")))
        .isInstanceOfSatisfying(ForgeAmbiguousWriteException.class,
            e -> assertThat(e.kind()).isEqualTo(ForgeTransportException.Kind.TIMEOUT));
  }
}
