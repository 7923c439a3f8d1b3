package ai.disinto.forge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ForgeResponse#forgeMessage()}: the one reader of Forgejo's error {@code message}. */
class ForgeResponseTest {
  private static ForgeResponse answer(int status, String body) {
    return new ForgeResponse("POST", "/api/v1/repos/o/r/pulls/5/merge", status, body);
  }

  @Test
  void headersAreReadInAnyCaseWithoutOkHttpTypes() {
    ForgeResponse r = new ForgeResponse("GET", "/p", 200, "[]",
        Map.of("x-total-count", List.of("7"), "Link", List.of("<u>; rel=\"next\"")));

    assertThat(r.header("X-Total-Count")).contains("7");
    assertThat(r.headers().get("link")).containsExactly("<u>; rel=\"next\"");
    assertThat(r.totalCount()).hasValue(7);
  }

  @Test
  void forgeMessageMasksSecretsTheForgeEchoes() {
    ForgeResponse r = answer(500,
        "{\"message\":\"bad token ghp_abcdefghijklmnopqrstuvwxyz0123456789\"}");

    assertThat(r.forgeMessage()).contains("bad token [REDACTED]");
    assertThatThrownBy(r::orThrow).satisfies(e -> assertThat(e.getMessage())
        .doesNotContain("ghp_abcdefghijklmnopqrstuvwxyz0123456789"));
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
