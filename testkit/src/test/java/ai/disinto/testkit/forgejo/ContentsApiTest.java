package ai.disinto.testkit.forgejo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.testkit.SharedReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contents API as Forgejo answers it ({@code CreateFileOptions}/{@code UpdateFileOptions},
 * {@code handleCreateOrUpdateFileError}): {@code new_branch} makes a branch with the file in one
 * call, {@code sha} must be the current blob, a missing branch is 404, a taken branch name, an
 * existing file or a stale sha 422, a protected branch 403 for anyone off its push whitelist
 * (admins included); and every status the mock answers is one the API description lists.
 */
@ExtendWith(MockForgejoExtension.class)
class ContentsApiTest {
  private static final String R = "/repos/owner/proj";
  private static final String FILE = R + "/contents/vault/actions/a.toml";

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void newBranchCreatesTheBranchWithTheFileAndLeavesTheBaseAlone(MockForgejo m) {
    Fixture.seed(m);
    Http dev = Fixture.as(m, "dev-bot");
    String mainHead = m.branchHead(Fixture.REPO, "main").orElseThrow();
    Http.Res r = dev.post(FILE, Map.of("branch", "main", "new_branch", "vault/a",
        "content", b64("id = \"a\"\n"), "message", "vault: add a"));
    assertThat(r.status()).isEqualTo(201);
    assertThat(Json.asObject(r.obj().get("content"))).containsEntry("path", "vault/actions/a.toml");
    assertThat(m.branchHead(Fixture.REPO, "main")).contains(mainHead);
    Http.Res branch = dev.get(R + "/branches/vault/a");
    assertThat(branch.status()).isEqualTo(200);
    assertThat(dev.get(FILE + "?ref=vault/a").obj()).containsEntry("content", b64("id = \"a\"\n"));
    assertThat(dev.get(FILE + "?ref=main").status()).isEqualTo(404);
  }

  @Test
  void newBranchThatExistsIs422AndChangesNothing(MockForgejo m) {
    Fixture.seed(m);
    m.seed().branch(Fixture.REPO, "vault/a", "main");
    String head = m.branchHead(Fixture.REPO, "vault/a").orElseThrow();
    Http.Res r = Fixture.as(m, "dev-bot").post(FILE, Map.of("branch", "main",
        "new_branch", "vault/a", "content", b64("x")));
    assertThat(r.status()).isEqualTo(422);
    assertThat(m.branchHead(Fixture.REPO, "vault/a")).contains(head);
  }

  @Test
  void aMissingBaseBranchIs404(MockForgejo m) {
    Fixture.seed(m);
    Http dev = Fixture.as(m, "dev-bot");
    assertThat(dev.post(FILE, Map.of("branch", "nope", "content", b64("x"))).status())
        .isEqualTo(404);
    assertThat(dev.post(FILE, Map.of("branch", "nope", "new_branch", "vault/a",
        "content", b64("x"))).status()).isEqualTo(404);
    assertThat(dev.get(R + "/branches/vault/a").status()).isEqualTo(404);
  }

  @Test
  void updateNeedsTheCurrentBlobShaAndAnExistingFile(MockForgejo m) {
    Fixture.seed(m);
    Http dev = Fixture.as(m, "dev-bot");
    assertThat(dev.put(FILE, Map.of("content", b64("y"), "sha", "0".repeat(40))).status())
        .isEqualTo(404);
    dev.post(FILE, Map.of("content", b64("x")));
    String sha = (String) dev.get(FILE).obj().get("sha");
    assertThat(dev.put(FILE, Map.of("content", b64("y"), "sha", "1".repeat(40))).status())
        .isEqualTo(422);
    assertThat(dev.get(FILE).obj()).containsEntry("content", b64("x"));
    assertThat(dev.put(FILE, Map.of("content", b64("y"), "sha", sha)).status()).isEqualTo(200);
    assertThat(dev.put(FILE, Map.of("content", b64("z"), "sha", sha)).status())
        .as("the sha of the replaced blob is stale").isEqualTo(422);
  }

  @Test
  void aProtectedBranchRefusesEveryoneOffItsPushWhitelistAdminsIncluded(MockForgejo m) {
    Fixture.seed(m);
    m.seed().protection(Fixture.REPO, "main", Map.of("enable_push", false));
    String head = m.branchHead(Fixture.REPO, "main").orElseThrow();
    Http.Res admin = Fixture.as(m, "disinto-admin").post(FILE, Map.of("content", b64("x")));
    assertThat(admin.status()).isEqualTo(403);
    assertThat(m.branchHead(Fixture.REPO, "main")).contains(head);
    assertThat(Fixture.as(m, "disinto-admin").post(FILE, Map.of("content", b64("x"),
        "new_branch", "vault/a")).status()).as("a new unprotected branch is fine").isEqualTo(201);
  }

  @Test
  void aPushWhitelistLetsItsUsersWriteContents(MockForgejo m) {
    Fixture.seed(m);
    m.seed().protection(Fixture.REPO, "main", Map.of("enable_push", true,
        "enable_push_whitelist", true, "push_whitelist_usernames", List.of("dev-bot")));
    assertThat(Fixture.as(m, "disinto-admin").post(FILE, Map.of("content", b64("x"))).status())
        .isEqualTo(403);
    assertThat(Fixture.as(m, "dev-bot").post(FILE, Map.of("content", b64("x"))).status())
        .isEqualTo(201);
  }

  @Test
  void everyStatusTheMockAnswersForContentsIsDocumented() throws IOException {
    Path file = SharedReference.require("forgejo-swagger-v1.json",
        "the published Forgejo API description");
    Map<String, Object> swagger = Json.asObject(
        Json.parse(Files.readString(file, StandardCharsets.UTF_8)));
    Map<String, Object> paths = Json.asObject(swagger.get("paths"));
    Map<String, Object> op = Json.asObject(paths.get("/repos/{owner}/{repo}/contents/{filepath}"));
    assertThat(Json.asObject(Json.asObject(op.get("post")).get("responses")).keySet())
        .contains("201", "403", "404", "422");
    assertThat(Json.asObject(Json.asObject(op.get("put")).get("responses")).keySet())
        .contains("200", "403", "404", "422");
    assertThat(Json.asObject(Json.asObject(op.get("get")).get("responses")).keySet())
        .contains("200", "404");
    Map<String, Object> defs = Json.asObject(swagger.get("definitions"));
    assertThat(Json.asObject(Json.asObject(defs.get("CreateFileOptions")).get("properties")))
        .containsKeys("branch", "new_branch", "content", "message", "committer");
    assertThat(Json.asObject(Json.asObject(defs.get("UpdateFileOptions")).get("properties")))
        .containsKeys("branch", "new_branch", "content", "message", "committer", "sha");
  }
}
