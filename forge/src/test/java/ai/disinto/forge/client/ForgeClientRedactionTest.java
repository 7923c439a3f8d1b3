package ai.disinto.forge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.disinto.forge.client.model.Issue;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import ai.disinto.testkit.time.FakeTime;
import ai.disinto.log.CapturedLog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.event.Level;

/**
 * A forge that echoes the client's credentials in an error body: the token, the password and
 * the basic-auth header never reach an exception's message, {@code toString()}, forge message or
 * body, a response's error body, or a log line.
 */
@ExtendWith(MockForgejoExtension.class)
class ForgeClientRedactionTest {
  private static final String REPO = "o/r";
  /** Short and plain, so that no secret pattern would catch it: only literal masking does. */
  private static final String TOKEN = "tok-dev-plain";
  private static final String PASSWORD = "pw-dev-plain";
  private static final String BASIC =
      Base64.getEncoder().encodeToString(("dev-bot:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

  private CapturedLog log;
  private MockForgejo forge;

  @BeforeEach
  void seed(MockForgejo forge) {
    this.forge = forge;
    forge.seed().user("o", "pw-o").user("dev-bot", u -> u.password(PASSWORD).token(TOKEN));
    forge.seed().repo(REPO, r -> r.collaborator("dev-bot", "write"));
    // After seeding: the mock's bare repositories (JGit) log at DEBUG on this thread too.
    log = CapturedLog.start("test", Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), Level.DEBUG);
  }

  @AfterEach
  void stopCapture() {
    log.close();
  }

  private ForgeClient client() {
    return ForgeClient.builder().baseUrl(forge.baseUrl()).repo(REPO).token(TOKEN)
        .retryPolicy(RetryPolicy.none()).build();
  }

  private static String echo(String... secrets) {
    return "{\"message\":\"rejected: " + String.join(" / ", secrets)
        + " (Authorization: token " + secrets[0] + ")\",\"url\":\"\"}";
  }

  private static void assertClean(ForgeException e, String... secrets) {
    List<String> texts = List.of(e.getMessage(), e.toString(), e.forgeMessage().orElse(""),
        e.body().orElse(""));
    for (String secret : secrets) {
      assertThat(texts).allSatisfy(t -> assertThat(t).doesNotContain(secret));
    }
    assertThat(e.getMessage()).contains("[REDACTED]");
  }

  @Test
  void aServerErrorEchoingTheTokenIsMaskedEverywhere() {
    forge.faults().add(Fault.on("GET", "/repos/o/r/issues/*").withStatus(500)
        .withBody(echo(TOKEN)));

    ForgeException e = catchThrowableOfType(ForgeException.class,
        () -> client().get(ForgePath.of("issues", 1), Issue.class));

    assertThat(e.status()).isEqualTo(500);
    assertClean(e, TOKEN);
    assertThat(e.forgeMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("rejected: "));
    assertThat(log.lines()).isNotEmpty().allSatisfy(l -> assertThat(l).doesNotContain(TOKEN));
    assertThat(log.lines()).anySatisfy(l -> assertThat(l).contains("token <redacted>"));
  }

  @Test
  void aValidationErrorEchoingTheTokenIsMaskedInTheResponseToo() {
    forge.faults().add(Fault.on("POST", "/repos/o/r/issues").withStatus(422)
        .withBody(echo(TOKEN)));

    ForgeResponse r = client().send("POST", "/issues", Map.of("title", "t"));

    assertThat(r.body()).doesNotContain(TOKEN).contains("[REDACTED]");
    assertThat(r.forgeMessage()).hasValueSatisfying(m -> assertThat(m).doesNotContain(TOKEN));
    assertClean(catchThrowableOfType(ForgeException.class, r::orThrow), TOKEN);
  }

  @Test
  void theRetryLinesAndTheFinalErrorOfARetriedCallStayClean() {
    forge.faults().add(Fault.on("GET", "/repos/o/r/issues").withStatus(503)
        .withBody(echo(TOKEN)));
    FakeTime time = new FakeTime();
    ForgeClient c = ForgeClient.builder().baseUrl(forge.baseUrl()).repo(REPO).token(TOKEN)
        .retryPolicy(RetryPolicy.defaults().withMaxRetries(2)).sleeper(time).clock(time)
        .build();

    assertClean(catchThrowableOfType(ForgeException.class,
        () -> c.getAll("/issues", Issue.class)), TOKEN);
    assertThat(log.lines()).hasSizeGreaterThan(3)
        .allSatisfy(l -> assertThat(l).doesNotContain(TOKEN));
  }

  @Test
  void basicAuthPasswordAndHeaderEchoedBackAreMasked() {
    forge.faults().add(Fault.on("POST", "/users/dev-bot/tokens").withStatus(422)
        .withBody(echo(PASSWORD, "Basic " + BASIC)));
    ForgeClient c = client().root().withAuth(ForgeAuth.basic("dev-bot", PASSWORD));

    ForgeException e = catchThrowableOfType(ForgeException.class,
        () -> c.call("POST", ForgePath.of("users", "dev-bot", "tokens"), Map.of("name", "n"),
            Map.class));

    assertClean(e, PASSWORD, BASIC);
    assertThat(c.toString()).doesNotContain(PASSWORD).doesNotContain(TOKEN);
    assertThat(log.lines()).isNotEmpty().allSatisfy(l -> assertThat(l)
        .doesNotContain(PASSWORD).doesNotContain(BASIC).contains("Basic <redacted>"));
  }

  @Test
  void aCommitIdInThePathStaysReadableWhileTheEchoIsMasked() {
    String sha = "0123456789abcdef0123456789abcdef01234567";
    forge.faults().add(Fault.on("GET", "/repos/o/r/commits/*/status").withStatus(500)
        .withBody(echo(TOKEN)));

    ForgeException e = catchThrowableOfType(ForgeException.class,
        () -> client().get(ForgePath.of("commits", sha, "status"), Map.class));

    assertThat(e.getMessage()).contains("/commits/" + sha + "/status: HTTP 500")
        .doesNotContain(TOKEN);
  }

  @Test
  void aSuccessfulBodyIsDataAndIsLeftAlone() {
    forge.faults().add(Fault.on("GET", "/repos/o/r/issues/*").withStatus(200)
        .withBody("{\"note\":\"" + TOKEN + "\"}"));

    assertThat(client().send("GET", "/issues/1", null).body()).contains(TOKEN);
  }
}
