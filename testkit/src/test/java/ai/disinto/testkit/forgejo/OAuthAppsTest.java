package ai.disinto.testkit.forgejo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MockForgejoExtension.class)
class OAuthAppsTest {
  static final Map<String, Object> APP = Map.of("name", "woodpecker-ci",
      "redirect_uris", List.of("http://localhost:8000/authorize"), "confidential_client", true);

  @Test
  void anApplicationShowsItsSecretOnlyWhenMadeOrUpdated(MockForgejo m) {
    Fixture.seed(m);
    Http admin = Fixture.as(m, "disinto-admin");
    Http.Res created = admin.post("/user/applications/oauth2", APP);
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.obj()).containsKeys("id", "client_id", "client_secret", "redirect_uris",
        "confidential_client", "created").containsEntry("name", "woodpecker-ci");
    String secret = (String) created.obj().get("client_secret");
    assertThat(secret).isNotEmpty();

    Http.Res list = admin.get("/user/applications/oauth2");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.pluck("client_secret")).containsExactly("");
    long id = (Long) list.pluck("id").get(0);

    Http.Res patched = admin.patch("/user/applications/oauth2/" + id, APP);
    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.obj().get("client_secret")).isNotEqualTo(secret);
    assertThat(patched.obj().get("client_id")).isEqualTo(created.obj().get("client_id"));
  }

  @Test
  void applicationsArePerUser(MockForgejo m) {
    Fixture.seed(m);
    Fixture.as(m, "disinto-admin").post("/user/applications/oauth2", APP);
    assertThat(Fixture.as(m, "dev-bot").get("/user/applications/oauth2").list()).isEmpty();
    assertThat(Fixture.as(m, "dev-bot").get("/user/applications/oauth2/1").status())
        .isEqualTo(404);
    assertThat(Http.anonymous(m).get("/user/applications/oauth2").status()).isEqualTo(401);
    assertThat(Fixture.as(m, "dev-bot").post("/user/applications/oauth2", Map.of("name", ""))
        .status()).isEqualTo(400);
  }

  @Test
  void anEmptyTokenHeaderIsNoCredentialsAtAll(MockForgejo m) {
    Fixture.seed(m);
    assertThat(Http.token(m, "").get("/version").status()).isEqualTo(200);
    assertThat(Http.token(m, "").get("/repos/owner/proj").status()).isEqualTo(200);
    assertThat(Http.token(m, "").get("/user").status()).isEqualTo(401);
  }
}
