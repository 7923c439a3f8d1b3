package ai.disinto.examples.cli.pr;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.examples.cli.InProcess;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pr subcommands against a forge that answers 500 to their write: the original's exit code,
 * nothing on stdout but what the original printed, and a log line with the status instead of a
 * success line. And every text they send reaches the forge redacted.
 */
@ExtendWith(MockForgejoExtension.class)
class PrFailuresCliTest {
  private static final String REPO = "o/r";
  private static final String GITHUB_TOKEN = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
  private static final String FORGE_TOKEN = "FORGE_TOKEN=" + "0123456789abcdef0123456789abcdef01234567";

  @TempDir Path root;
  private MockForgejo forge;
  private Map<String, String> env;
  private long pr;

  @BeforeEach
  void world(MockForgejo forge) {
    this.forge = forge;
    forge.seed().user("dev-bot", u -> u.password("pw-dev").token("tok-dev"));
    forge.seed().repo(REPO, r -> r.collaborator("dev-bot", "write"));
    pr = forge.seed().pull(REPO, p -> p.head("fix/issue-9").author("dev-bot"));
    env = Map.of("FACTORY_ROOT", root.toString(), "FORGE_URL", forge.baseUrl(),
        "FORGE_REPO", REPO, "FORGE_TOKEN", "tok-dev", "PRIMARY_BRANCH", "main",
        "LOG_AGENT", "dev");
  }

  private void fail500(String method, String path) {
    forge.faults().add(Fault.on(method, "/repos/o/r" + path).withStatus(500));
  }

  private InProcess.Result run(String... args) {
    return InProcess.run(env, "", args);
  }

  @Test
  void aCreateThatGets500Exits1WithNothingOnStdout() {
    forge.seed().branch(REPO, "fix/issue-7", "main");
    fail500("POST", "/pulls");

    InProcess.Result r = run("pr", "create", "fix/issue-7", "t", "b");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).contains("dev: pr-lifecycle: PR creation failed (HTTP 500)")
        .doesNotContain("created PR");
  }

  @Test
  void aMergeThatGets500Exits1WithTheErrorVariable() {
    fail500("POST", "/pulls/" + pr + "/merge");

    InProcess.Result r = run("pr", "merge", Long.toString(pr), "--vars");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).startsWith("_PR_MERGE_ERROR=$'failed (HTTP 500): ");
    assertThat(r.stderr()).contains("pr-lifecycle: PR #" + pr + " merge failed: failed (HTTP 500)")
        .doesNotContain(" merged\n");
  }

  @Test
  void aMergeWithoutAnAnswerSaysHttp000AsTheOriginal() {
    forge.close();

    InProcess.Result r = run("pr", "merge", Long.toString(pr), "--vars");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).contains("failed (HTTP 000): ");
  }

  @Test
  void aCloseThatGets500Exits1() {
    fail500("PATCH", "/pulls/" + pr);

    InProcess.Result r = run("pr", "close", Long.toString(pr));

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("pr-lifecycle: pr_close FAILED: HTTP 500 for PR #" + pr)
        .doesNotContain(" closed\n");
  }

  @Test
  void anIsMergedThatGets500Exits1() {
    forge.seed().pull(REPO, p -> p.head("fix/issue-10").author("dev-bot"));
    fail500("GET", "/pulls/" + pr);

    assertThat(run("pr", "is-merged", Long.toString(pr)).exitCode()).isEqualTo(1);
  }

  @Test
  void theMergeMessageReachesTheForgeRedacted() {
    InProcess.Result r = run("pr", "merge", Long.toString(pr),
        "ship it " + GITHUB_TOKEN + " " + FORGE_TOKEN);

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    String sent = (String) ((Map<?, ?>) forge.journal().stream()
        .filter(q -> q.method().equals("POST") && q.apiPath().endsWith("/merge"))
        .findFirst().orElseThrow().jsonBody()).get("MergeMessageField");
    assertThat(sent).startsWith("ship it [REDACTED]").doesNotContain(GITHUB_TOKEN)
        .doesNotContain("0123456789abcdef0123");
  }

  @Test
  void titleAndBodyReachTheForgeRedacted() {
    forge.seed().branch(REPO, "fix/issue-7", "main");
    forge.pushBranch(REPO, "fix/issue-7", null);

    InProcess.Result r = run("pr", "create", "fix/issue-7", "t " + GITHUB_TOKEN,
        "b " + FORGE_TOKEN);

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    Map<?, ?> sent = (Map<?, ?>) forge.journal().stream()
        .filter(q -> q.method().equals("POST") && q.apiPath().endsWith("/pulls"))
        .findFirst().orElseThrow().jsonBody();
    assertThat((String) sent.get("title")).isEqualTo("t [REDACTED]");
    assertThat((String) sent.get("body")).doesNotContain("0123456789abcdef0123");
  }
}
