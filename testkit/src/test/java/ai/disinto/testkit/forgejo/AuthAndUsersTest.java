package ai.disinto.testkit.forgejo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MockForgejoExtension.class)
class AuthAndUsersTest {

  @Test
  void versionIsPublicAndNamesForgejo11(MockForgejo m) {
    Http.Res r = Http.anonymous(m).get("/version");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.obj()).containsEntry("version", "11.0.1+gitea-1.22.0");
  }

  @Test
  void signInRequiredModeRefusesAnonymousCalls(MockForgejo m) {
    m.setRequireSignIn(true);
    assertThat(Http.anonymous(m).get("/version").status()).isEqualTo(401);
  }

  @Test
  void tokenAuthIdentifiesTheUser(MockForgejo m) {
    Fixture.seed(m);
    Http.Res r = Fixture.as(m, "dev-bot").get("/user");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.obj()).containsEntry("login", "dev-bot");
  }

  @Test
  void bearerTokenWorksLikeTokenScheme(MockForgejo m) {
    Fixture.seed(m);
    assertThat(Http.bearer(m, "tok-dev-bot").get("/user").obj()).containsEntry("login", "dev-bot");
  }

  @Test
  void getUserWithoutCredentialsIs401(MockForgejo m) {
    assertThat(Http.anonymous(m).get("/user").status()).isEqualTo(401);
  }

  @Test
  void unknownTokenIsRejectedWith401(MockForgejo m) {
    Fixture.seed(m);
    assertThat(Http.token(m, "no-such-token").get("/repos/owner/proj").status()).isEqualTo(401);
  }

  @Test
  void basicAuthChecksThePassword(MockForgejo m) {
    Fixture.seed(m);
    assertThat(Http.basic(m, "dev-bot", "dev-bot-password").get("/user").status()).isEqualTo(200);
    assertThat(Http.basic(m, "dev-bot", "wrong").get("/user").status()).isEqualTo(401);
    assertThat(Http.basic(m, "nobody", "x").get("/user").status()).isEqualTo(401);
  }

  @Test
  void basicAuthOfUserWhoMustChangePasswordIsForbidden(MockForgejo m) {
    m.seed().user("fresh", u -> u.password("fresh-pass-1").mustChangePassword(true));
    assertThat(Http.basic(m, "fresh", "fresh-pass-1").get("/user").status()).isEqualTo(403);
  }

  @Test
  void anonymousWritesNeedAToken(MockForgejo m) {
    Fixture.seed(m);
    Http.Res r = Http.anonymous(m).post("/repos/owner/proj/labels", Map.of("name", "x", "color", "#fff"));
    assertThat(r.status()).isEqualTo(401);
  }

  @Test
  void getUserAnswersUsersAndOrgsAnd404ForUnknown(MockForgejo m) {
    Fixture.seed(m);
    m.seed().org("acme", "owner");
    Http anon = Http.anonymous(m);
    assertThat(anon.get("/users/dev-bot").obj()).containsEntry("login", "dev-bot");
    assertThat(anon.get("/users/acme").obj()).containsEntry("login", "acme").doesNotContainKey("is_org");
    assertThat(anon.get("/users/ghost").status()).isEqualTo(404);
  }

  @Test
  void privateUsersAreHiddenFromOthers(MockForgejo m) {
    Fixture.seed(m);
    m.seed().user("hidden", u -> u.visibility("private"));
    assertThat(Http.anonymous(m).get("/users/hidden").status()).isEqualTo(404);
    assertThat(Fixture.as(m, "disinto-admin").get("/users/hidden").status()).isEqualTo(200);
  }

  @Test
  void tokenRoutesAcceptBasicAuthOnly(MockForgejo m) {
    Fixture.seed(m);
    Http.Res r = Fixture.as(m, "dev-bot").post("/users/dev-bot/tokens",
        Map.of("name", "t", "scopes", List.of("all")));
    assertThat(r.status()).isEqualTo(401);
  }

  @Test
  void createdTokenShowsSha1OnceAndWorks(MockForgejo m) {
    Fixture.seed(m);
    Http basic = Http.basic(m, "dev-bot", "dev-bot-password");
    Http.Res created = basic.post("/users/dev-bot/tokens", Map.of("name", "ci", "scopes", List.of("all")));
    assertThat(created.status()).isEqualTo(201);
    String sha1 = (String) created.obj().get("sha1");
    assertThat(sha1).hasSize(40);
    assertThat(created.obj()).containsEntry("token_last_eight", sha1.substring(32));
    assertThat(Http.token(m, sha1).get("/user").obj()).containsEntry("login", "dev-bot");
    Http.Res listed = basic.get("/users/dev-bot/tokens");
    assertThat(listed.pluck("sha1")).containsOnly("");
    assertThat(listed.pluck("name")).contains("ci");
  }

  @Test
  void tokenNamesAreUniquePerUser(MockForgejo m) {
    Fixture.seed(m);
    Http basic = Http.basic(m, "dev-bot", "dev-bot-password");
    basic.post("/users/dev-bot/tokens", Map.of("name", "ci", "scopes", List.of("all")));
    assertThat(basic.post("/users/dev-bot/tokens", Map.of("name", "ci", "scopes", List.of("all"))).status())
        .isEqualTo(400);
  }

  @Test
  void tokenWithoutScopeIsRejected(MockForgejo m) {
    Fixture.seed(m);
    assertThat(Http.basic(m, "dev-bot", "dev-bot-password")
        .post("/users/dev-bot/tokens", Map.of("name", "ci")).status()).isEqualTo(400);
  }

  @Test
  void tokenCreationWithWrongPasswordIs401AndMustChangeIs403(MockForgejo m) {
    Fixture.seed(m);
    m.seed().user("fresh", u -> u.password("fresh-pass-1").mustChangePassword(true));
    Map<String, Object> body = Map.of("name", "t", "scopes", List.of("all"));
    assertThat(Http.basic(m, "dev-bot", "bad").post("/users/dev-bot/tokens", body).status()).isEqualTo(401);
    assertThat(Http.basic(m, "fresh", "fresh-pass-1").post("/users/fresh/tokens", body).status()).isEqualTo(403);
  }

  @Test
  void onlySelfOrSiteAdminSeeTokens(MockForgejo m) {
    Fixture.seed(m);
    assertThat(Http.basic(m, "reader", "reader-password").get("/users/dev-bot/tokens").status()).isEqualTo(403);
    assertThat(Http.basic(m, "disinto-admin", "disinto-admin-password").get("/users/dev-bot/tokens").status())
        .isEqualTo(200);
  }

  @Test
  void deletingATokenRevokesItImmediately(MockForgejo m) {
    Fixture.seed(m);
    Http basic = Http.basic(m, "dev-bot", "dev-bot-password");
    Map<String, Object> t = basic.post("/users/dev-bot/tokens", Map.of("name", "tmp", "scopes", List.of("all"))).obj();
    long id = ((Number) t.get("id")).longValue();
    assertThat(basic.delete("/users/dev-bot/tokens/" + id).status()).isEqualTo(204);
    assertThat(Http.token(m, (String) t.get("sha1")).get("/user").status()).isEqualTo(401);
    assertThat(basic.delete("/users/dev-bot/tokens/" + id).status()).isEqualTo(404);
  }

  @Test
  void adminRoutesNeedASiteAdmin(MockForgejo m) {
    Fixture.seed(m);
    Map<String, Object> body = Map.of("username", "new-bot", "email", "n@x", "password", "long-enough-1");
    assertThat(Fixture.as(m, "dev-bot").post("/admin/users", body).status()).isEqualTo(403);
    Http.Res r = Fixture.as(m, "disinto-admin").post("/admin/users", body);
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.obj()).containsEntry("login", "new-bot");
  }

  @Test
  void adminCreatedUserMustChangePasswordByDefault(MockForgejo m) {
    Fixture.seed(m);
    Fixture.as(m, "disinto-admin").post("/admin/users",
        Map.of("username", "bot", "email", "b@x", "password", "long-enough-1"));
    assertThat(m.admin().mustChangePassword("bot")).isTrue();
    assertThat(Http.basic(m, "bot", "long-enough-1").get("/user").status()).isEqualTo(403);
  }

  @Test
  void adminCreateRejectsDuplicatesAndShortPasswords(MockForgejo m) {
    Fixture.seed(m);
    Http admin = Fixture.as(m, "disinto-admin");
    assertThat(admin.post("/admin/users", Map.of("username", "dev-bot", "email", "z@x", "password", "long-enough-1"))
        .status()).isEqualTo(422);
    assertThat(admin.post("/admin/users", Map.of("username", "b2", "email", "b2@x", "password", "short"))
        .status()).isEqualTo(400);
  }

  @Test
  void adminEditSetsPasswordAndClearsTheFlag(MockForgejo m) {
    Fixture.seed(m);
    m.seed().user("fresh", u -> u.password("old-pass-1").mustChangePassword(true));
    Http.Res r = Fixture.as(m, "disinto-admin").patch("/admin/users/fresh",
        Map.of("password", "new-pass-12", "must_change_password", false, "login_name", "fresh", "source_id", 0));
    assertThat(r.status()).isEqualTo(200);
    assertThat(Http.basic(m, "fresh", "new-pass-12").get("/user").status()).isEqualTo(200);
  }

  @Test
  void orgCreationAndLookup(MockForgejo m) {
    Fixture.seed(m);
    Http admin = Fixture.as(m, "disinto-admin");
    Http.Res r = admin.post("/orgs", Map.of("username", "smoke-org", "visibility", "public"));
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.obj()).containsEntry("username", "smoke-org");
    assertThat(admin.get("/orgs/smoke-org").status()).isEqualTo(200);
    assertThat(admin.post("/orgs", Map.of("username", "smoke-org")).status()).isEqualTo(422);
    assertThat(admin.post("/orgs", Map.of("username", "dev-bot")).status()).isEqualTo(422);
    assertThat(admin.get("/orgs/dev-bot").status()).isEqualTo(404);
  }

  @Test
  void adminCliCreateSetsMustChangePasswordAndChangePasswordClearsIt(MockForgejo m) {
    MockAdminCli cli = m.admin();
    assertThat(cli.createUser("disinto-admin", "admin-pass-1", "a@x", true).ok()).isTrue();
    assertThat(cli.mustChangePassword("disinto-admin")).isTrue();
    MockAdminCli.Result dup = cli.createUser("disinto-admin", "x", "b@x", false);
    assertThat(dup.exitCode()).isEqualTo(1);
    assertThat(dup.output()).contains("user already exists");
    assertThat(cli.changePassword("disinto-admin", "admin-pass-2").ok()).isTrue();
    assertThat(Http.basic(m, "disinto-admin", "admin-pass-2").get("/user").obj()).containsEntry("is_admin", true);
  }

  @Test
  void adminCliListSucceedsOnceReady(MockForgejo m) {
    m.admin().becomeReadyAfter(2);
    assertThat(m.admin().listUsers().ok()).isFalse();
    assertThat(m.admin().listUsers().ok()).isFalse();
    MockAdminCli.Result ok = m.admin().listUsers();
    assertThat(ok.ok()).isTrue();
    assertThat(ok.output()).startsWith("ID\tUsername");
  }

  @Test
  void adminCliChangePasswordOfUnknownUserFails(MockForgejo m) {
    assertThat(m.admin().changePassword("ghost", "x").exitCode()).isEqualTo(1);
  }
}
