package ai.disinto.forge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/** {@link ForgeResponse#forgeMessage()}: the one reader of Forgejo's error {@code message}. */
class ForgeResponseTest {
  private static ForgeResponse answer(int status, String body) {
    return new ForgeResponse("POST", "/api/v1/repos/o/r/pulls/5/merge", status, body,
        Headers.of());
  }

  @Test
  void forgeMessageReadsTheMessageOfAForgejoErrorBody() {
    ForgeResponse r = answer(405, "{\"message\":\"Please try again later\",\"url\":\"u\"}");

    assertThat(r.forgeMessage()).contains("Please try again later");
  }

  @Test
  void forgeMessageIsEmptyWhenTheBodyHasNoStringMessage() {
    assertThat(answer(405, "").forgeMessage()).isEmpty();
    assertThat(answer(405, "<html>busy</html>").forgeMessage()).isEmpty();
    assertThat(answer(405, "[{\"message\":\"x\"}]").forgeMessage()).isEmpty();
    assertThat(answer(405, "{\"message\":7}").forgeMessage()).isEmpty();
  }

  @Test
  void theThrownExceptionCarriesTheSameMessage() {
    ForgeResponse r = answer(422, "{\"url\":\"u\",\"message\":\"label exists\"}");

    assertThatThrownBy(r::orThrow).isInstanceOfSatisfying(ForgeException.class,
        e -> assertThat(e.forgeMessage()).isEqualTo(r.forgeMessage()).contains("label exists"));
  }
}
