package ai.disinto.forge.pulls;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.forge.client.model.Comment;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every text the PR service sends passes the secret scanner: the forge never sees a token. */
class RedactionTest extends PullsTest {
  private static final String GITHUB_TOKEN = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
  private static final String FORGE_TOKEN = "FORGE_TOKEN=" + "0123456789abcdef0123456789abcdef01234567";

  @Test
  void theMergeMessageIsRedactedBeforeItReachesGitHistory() {
    w.prs().merge(pr, "release notes " + GITHUB_TOKEN + " and " + FORGE_TOKEN);

    String sent = (String) ((Map<?, ?>) w.requests("POST", "/pulls/" + pr + "/merge").get(0)
        .jsonBody()).get("MergeMessageField");
    assertThat(sent).doesNotContain(GITHUB_TOKEN).doesNotContain("0123456789abcdef0123")
        .startsWith("release notes [REDACTED]");
  }

  @Test
  void aCommentIsRedactedBeforeItIsPosted() {
    w.prs().comment(pr, "log says " + FORGE_TOKEN);

    assertThat(w.client(PullsWorld.DEV_TOKEN).getAll("/issues/" + pr + "/comments", Comment.class))
        .singleElement().satisfies(c -> assertThat(c.body())
            .doesNotContain("0123456789abcdef0123").contains("[REDACTED]"));
  }

  @Test
  void titleAndBodyAreRedactedBeforeThePrIsOpened() {
    w.forge.seed().branch(PullsWorld.REPO, "fix/issue-8", "main");
    w.forge.pushBranch(PullsWorld.REPO, "fix/issue-8", null);

    w.prs().create("fix/issue-8", "t " + GITHUB_TOKEN, "b " + FORGE_TOKEN);

    Map<?, ?> sent = (Map<?, ?>) w.requests("POST", "/pulls").get(0).jsonBody();
    assertThat((String) sent.get("title")).isEqualTo("t [REDACTED]");
    assertThat((String) sent.get("body")).doesNotContain("0123456789abcdef0123");
  }
}
