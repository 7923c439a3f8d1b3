package ai.disinto.testkit.forgejo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MockForgejoExtension.class)
class ReposBranchesContentsTest {
  private static final String R = "/repos/owner/proj";

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void adminCreatesRepoForAUserAnd409OnRepeat(MockForgejo m) {
    Fixture.seed(m);
    Http admin = Fixture.as(m, "disinto-admin");
    Map<String, Object> body = Map.of("name", ".profile", "private", true, "auto_init", false);
    Http.Res r = admin.post("/admin/users/dev-bot/repos", body);
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.obj()).containsEntry("full_name", "dev-bot/.profile").containsEntry("empty", true)
        .containsEntry("private", true);
    assertThat(admin.post("/admin/users/dev-bot/repos", body).status()).isEqualTo(409);
    assertThat(admin.post("/admin/users/ghost/repos", body).status()).isEqualTo(404);
    assertThat(admin.get("/repos/dev-bot/.profile/branches").list()).isEmpty();
  }

  @Test
  void autoInitCreatesTheDefaultBranch(MockForgejo m) {
    Fixture.seed(m);
    Http.Res r = Fixture.as(m, "dev-bot").post("/user/repos",
        Map.of("name", "mine", "auto_init", true, "default_branch", "trunk"));
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.obj()).containsEntry("empty", false).containsEntry("default_branch", "trunk");
    assertThat(Fixture.as(m, "dev-bot").get("/repos/dev-bot/mine/branches/trunk").status()).isEqualTo(200);
  }

  @Test
  void orgRepoCreationNeedsAnOrgAndAnOwner(MockForgejo m) {
    Fixture.seed(m);
    m.seed().org("acme", "owner");
    Map<String, Object> body = Map.of("name", "proj", "auto_init", true);
    assertThat(Fixture.as(m, "dev-bot").post("/orgs/acme/repos", body).status()).isEqualTo(403);
    assertThat(Fixture.as(m, "owner").post("/orgs/acme/repos", body).status()).isEqualTo(201);
    assertThat(Fixture.as(m, "owner").post("/orgs/dev-bot/repos", body).status()).isEqualTo(404);
    assertThat(Fixture.as(m, "owner").post("/orgs/acme/repos", body).status()).isEqualTo(409);
  }

  @Test
  void collaboratorPutIs204AndNeedsRepoAdmin(MockForgejo m) {
    Fixture.seed(m);
    assertThat(Fixture.as(m, "owner").put(R + "/collaborators/stranger", Map.of("permission", "write")).status())
        .isEqualTo(204);
    assertThat(Fixture.as(m, "owner").put(R + "/collaborators/stranger", Map.of("permission", "admin")).status())
        .isEqualTo(204);
    assertThat(Fixture.as(m, "owner").put(R + "/collaborators/ghost", Map.of("permission", "write")).status())
        .isEqualTo(422);
    assertThat(Fixture.as(m, "owner").put(R + "/collaborators/reader", Map.of("permission", "boss")).status())
        .isEqualTo(422);
    assertThat(Fixture.as(m, "dev-bot").put(R + "/collaborators/reader", Map.of("permission", "write")).status())
        .isEqualTo(403);
    assertThat(Fixture.as(m, "stranger").get(R).obj().get("permissions")).isEqualTo(
        Map.of("admin", true, "push", true, "pull", true));
  }

  @Test
  void branchCreateGetAndConflicts(MockForgejo m) {
    Fixture.seed(m);
    Http dev = Fixture.as(m, "dev-bot");
    Http.Res created = dev.post(R + "/branches", Map.of("new_branch_name", "vault/x", "old_ref_name", "main"));
    assertThat(created.status()).isEqualTo(201);
    Http.Res got = dev.get(R + "/branches/vault/x");
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.obj()).containsEntry("name", "vault/x");
    assertThat(dev.post(R + "/branches", Map.of("new_branch_name", "vault/x", "old_ref_name", "main")).status())
        .isEqualTo(409);
    assertThat(dev.post(R + "/branches", Map.of("new_branch_name", "y", "old_ref_name", "nope")).status())
        .isEqualTo(404);
  }

  @Test
  void githubStyleLegacyRoutesAnswerLikeForgejo(MockForgejo m) {
    Fixture.seed(m);
    Http admin = Fixture.as(m, "owner");
    assertThat(admin.get(R + "/git/branches/main").status()).isEqualTo(404);
    assertThat(admin.get(R + "/branches/main/protection").status()).isEqualTo(404);
    assertThat(admin.post(R + "/branches/main/protection", Map.of("enable_push", false)).status()).isEqualTo(405);
    assertThat(admin.put(R + "/branches/main/protection", Map.of("enable_push", false)).status()).isEqualTo(405);
    assertThat(admin.delete(R + "/branches/main/protection").status()).isEqualTo(404);
    assertThat(admin.post(R + "/git/refs", Map.of("ref", "refs/heads/x", "sha", "abc")).status()).isEqualTo(405);
  }

  @Test
  void branchProtectionLifecycle(MockForgejo m) {
    Fixture.seed(m);
    Http owner = Fixture.as(m, "owner");
    Http.Res created = owner.post(R + "/branch_protections", Map.of("rule_name", "main",
        "enable_push", false, "required_approvals", 1, "enable_merge_whitelist", true,
        "merge_whitelist_usernames", List.of("review-bot")));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.obj()).containsEntry("rule_name", "main").containsEntry("required_approvals", 1.0);
    assertThat(owner.post(R + "/branch_protections", Map.of("rule_name", "main")).status()).isEqualTo(403);
    Http.Res patched = owner.patch(R + "/branch_protections/main", Map.of("required_approvals", 2));
    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.obj()).containsEntry("required_approvals", 2.0)
        .containsEntry("merge_whitelist_usernames", List.of("review-bot"));
    assertThat(owner.get(R + "/branches/main").obj()).containsEntry("protected", true);
    assertThat(owner.delete(R + "/branch_protections/main").status()).isEqualTo(204);
    assertThat(owner.get(R + "/branch_protections/main").status()).isEqualTo(404);
  }

  @Test
  void branchProtectionsNeedRepoAdminAndKnownUsers(MockForgejo m) {
    Fixture.seed(m);
    assertThat(Fixture.as(m, "dev-bot").post(R + "/branch_protections", Map.of("rule_name", "main")).status())
        .isEqualTo(403);
    assertThat(Fixture.as(m, "owner").post(R + "/branch_protections", Map.of("rule_name", "main",
        "merge_whitelist_usernames", List.of("ghost"))).status()).isEqualTo(422);
    assertThat(Fixture.as(m, "owner").post(R + "/branch_protections", Map.of()).status()).isEqualTo(400);
  }

  @Test
  void gitRefsAnswerAnArrayEvenForAnExactMatch(MockForgejo m) {
    Fixture.seed(m);
    Http.Res r = Fixture.as(m, "dev-bot").get(R + "/git/refs/heads/main");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.pluck("ref")).containsExactly("refs/heads/main");
    assertThat(Fixture.as(m, "dev-bot").get(R + "/git/refs/heads/nope").status()).isEqualTo(404);
  }

  @Test
  void contentsCreateReadAndUpdateWithSha(MockForgejo m) {
    Fixture.seed(m);
    Http dev = Fixture.as(m, "dev-bot");
    String path = "/contents/vault/actions/a.toml";
    assertThat(dev.get(R + path + "?ref=main").status()).isEqualTo(404);
    Http.Res created = dev.post(R + path, Map.of("message", "vault: add a", "branch", "main",
        "content", b64("id = \"a\"\n"), "committer", Map.of("name", "vault-bot", "email", "v@x")));
    assertThat(created.status()).isEqualTo(201);
    Http.Res read = dev.get(R + path + "?ref=main");
    assertThat(read.obj()).containsEntry("encoding", "base64").containsEntry("content", b64("id = \"a\"\n"));
    String sha = (String) read.obj().get("sha");
    assertThat(dev.post(R + path, Map.of("content", b64("x"))).status()).isEqualTo(422);
    assertThat(dev.put(R + path, Map.of("content", b64("y"))).status()).isEqualTo(422);
    Http.Res updated = dev.put(R + path, Map.of("content", b64("y"), "sha", sha, "branch", "main"));
    assertThat(updated.status()).isEqualTo(200);
    assertThat(Json.asObject(updated.obj().get("content"))).containsEntry("content", b64("y"));
  }

  @Test
  void contentsIntoAnEmptyRepoCreateTheDefaultBranch(MockForgejo m) {
    Fixture.seed(m);
    m.seed().repo("dev-bot/.profile", r -> r.autoInit(false));
    Http dev = Fixture.as(m, "dev-bot");
    assertThat(dev.post("/repos/dev-bot/.profile/contents/formula.toml", Map.of("content", b64("x = 1\n")))
        .status()).isEqualTo(201);
    assertThat(dev.get("/repos/dev-bot/.profile").obj()).containsEntry("empty", false);
    assertThat(dev.get("/repos/dev-bot/.profile/contents").pluck("name")).contains("formula.toml");
  }

  @Test
  void combinedStatusTakesTheWorstLatestStatePerContext(MockForgejo m) {
    Fixture.seed(m);
    String sha = m.seed().file(Fixture.REPO, "main", "x", "1");
    Http dev = Fixture.as(m, "dev-bot");
    assertThat(dev.get(R + "/commits/" + sha + "/status").obj()).containsEntry("state", "")
        .containsEntry("total_count", 0.0);
    assertThat(dev.post(R + "/statuses/" + sha, Map.of("state", "pending", "context", "ci",
        "target_url", "http://ci/1")).status()).isEqualTo(201);
    dev.post(R + "/statuses/" + sha, Map.of("state", "success", "context", "ci", "target_url", "http://ci/1"));
    dev.post(R + "/statuses/" + sha, Map.of("state", "failure", "context", "lint"));
    Map<String, Object> combined = dev.get(R + "/commits/main/status").obj();
    assertThat(combined).containsEntry("state", "failure").containsEntry("sha", sha);
    assertThat(Json.asList(combined.get("statuses"))).hasSize(2);
    assertThat(dev.post(R + "/statuses/" + sha, Map.of("state", "bogus")).status()).isEqualTo(422);
    assertThat(Fixture.as(m, "reader").post(R + "/statuses/" + sha, Map.of("state", "success")).status())
        .isEqualTo(403);
  }
}
