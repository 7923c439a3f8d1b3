package ai.disinto.testkit.forgejo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code protected_file_patterns} as Forgejo enforces it: nobody changes a covered file on the
 * branch directly (push or contents API), even from the push whitelist, and a pull request that
 * changes one merges only by a repository admin's {@code force_merge}.
 */
@ExtendWith(MockForgejoExtension.class)
class ProtectedFilesTest {
  private static final String R = "/repos/" + Fixture.REPO;
  private static final Map<String, Object> VAULT_RULE = Map.of("enable_push", true,
      "enable_push_whitelist", true, "push_whitelist_usernames", List.of("dev-bot", "owner"),
      "protected_file_patterns", "vault/**");

  @TempDir
  Path tmp;

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void whitelistedPushOfAnUnprotectedFileLandsButAProtectedFileIsRejected(MockForgejo m) {
    Fixture.seed(m);
    m.seed().protection(Fixture.REPO, "main", VAULT_RULE);
    GitCli g = new GitCli(tmp);
    g.ok(tmp, "clone", m.cloneUrl("owner", "proj", "dev-bot", "dev-bot-password"), "work");
    Path work = tmp.resolve("work");
    GitCli.write(work.resolve("knowledge/k.md"), "k\n");
    g.ok(work, "add", "-A");
    g.ok(work, "commit", "-q", "-m", "knowledge");
    g.ok(work, "push", "-q", "origin", "HEAD:main");
    String landed = g.ok(work, "rev-parse", "HEAD");
    assertThat(m.branchHead(Fixture.REPO, "main")).contains(landed);

    GitCli.write(work.resolve("Vault/pending/a.toml"), "id = \"a\"\n");
    g.ok(work, "add", "-A");
    g.ok(work, "commit", "-q", "-m", "vault item");
    GitCli.Run push = g.run(work, "push", "origin", "HEAD:main");
    assertThat(push.exit()).isNotZero();
    assertThat(push.err()).contains("protected from changing file Vault/pending/a.toml");
    assertThat(m.branchHead(Fixture.REPO, "main")).contains(landed);
  }

  @Test
  void contentsApiRefusesAProtectedPathWith403(MockForgejo m) {
    Fixture.seed(m);
    m.seed().protection(Fixture.REPO, "main", VAULT_RULE);
    Http dev = Fixture.as(m, "dev-bot");
    Http.Res refused = dev.post(R + "/contents/vault/pending/a.toml",
        Map.of("branch", "main", "content", b64("x")));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body()).contains("path is protected");
    assertThat(dev.post(R + "/contents/evidence/e.md", Map.of("branch", "main",
        "content", b64("e"))).status()).isEqualTo(201);
  }

  @Test
  void pullChangingAProtectedFileMergesOnlyByAnAdminsForceMerge(MockForgejo m) {
    Fixture.seed(m);
    m.seed().protection(Fixture.REPO, "main", Map.of("protected_file_patterns", "vault/**",
        "enable_merge_whitelist", true, "merge_whitelist_usernames", List.of("dev-bot", "owner")));
    long n = m.seed().pull(Fixture.REPO, p -> p.head("vault/a").author("review-bot")
        .file("vault/pending/a.toml", "id = \"a\"\n"));
    Http.Res blocked = Fixture.as(m, "dev-bot").post(R + "/pulls/" + n + "/merge",
        Map.of("Do", "merge", "force_merge", true));
    assertThat(blocked.status()).isEqualTo(405);
    assertThat(blocked.body()).contains("Changed protected files");
    assertThat(Fixture.as(m, "owner").post(R + "/pulls/" + n + "/merge", Map.of("Do", "merge"))
        .status()).isEqualTo(405);
    assertThat(Fixture.as(m, "owner").post(R + "/pulls/" + n + "/merge",
        Map.of("Do", "merge", "force_merge", true)).status()).isEqualTo(200);
  }

  @Test
  void pullOutsideTheProtectedFilesMergesNormally(MockForgejo m) {
    Fixture.seed(m);
    m.seed().protection(Fixture.REPO, "main", Map.of("protected_file_patterns", "vault/**"));
    long n = m.seed().pull(Fixture.REPO, p -> p.head("k").file("knowledge/vaulting.md", "v\n"));
    assertThat(Fixture.as(m, "dev-bot").post(R + "/pulls/" + n + "/merge", Map.of("Do", "merge"))
        .status()).isEqualTo(200);
  }
}
