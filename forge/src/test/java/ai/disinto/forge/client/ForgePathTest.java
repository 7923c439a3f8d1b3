package ai.disinto.forge.client;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.forge.client.model.Branch;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.model.Label;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Paths built from encoded segments: names with {@code /}, spaces, {@code #} and {@code ?}. */
@ExtendWith(MockForgejoExtension.class)
class ForgePathTest {
  private static final String REPO = "o/r";
  private static final String TOKEN = "tok-dev-0123456789";
  private MockForgejo forge;

  @BeforeEach
  void seed(MockForgejo forge) {
    this.forge = forge;
    forge.seed().user("o", "pw-o").user("dev-bot", u -> u.password("pw-dev").token(TOKEN));
    forge.seed().repo(REPO, r -> r.collaborator("dev-bot", "write"));
  }

  private ForgeClient client() {
    return ForgeClient.builder().baseUrl(forge.baseUrl()).repo(REPO).token(TOKEN)
        .retryPolicy(RetryPolicy.none()).build();
  }

  @Test
  void aSlashInASegmentIsEncodedSoTheBranchStaysOneSegment() {
    assertThat(ForgePath.of("branches", "fix/issue-2"))
        .hasToString("/branches/fix%2Fissue-2");
  }

  @Test
  void spacesHashesAndQuestionMarksAreEncodedInSegmentsAndQueries() {
    assertThat(ForgePath.of("labels", "needs #review? now").query("q", "a&b=c #d?"))
        .hasToString("/labels/needs%20%23review%3F%20now?q=a%26b%3Dc%20%23d%3F");
    assertThat(ForgePath.of("issues", 42, "comments")).hasToString("/issues/42/comments");
    assertThat(ForgePath.of("contents").segments("docs/a guide.md"))
        .hasToString("/contents/docs/a%20guide.md");
  }

  @Test
  void aBranchNamedWithASlashIsFoundOnTheForge() {
    forge.seed().branch(REPO, "fix/issue-2", "main");

    Branch b = client().get(ForgePath.of("branches", "fix/issue-2"), Branch.class);

    assertThat(b.name()).isEqualTo("fix/issue-2");
    assertThat(forge.journal()).singleElement()
        .satisfies(r -> assertThat(r.path()).isEqualTo("/api/v1/repos/o/r/branches/fix/issue-2"));
  }

  @Test
  void anOddLabelNameInAQueryReachesTheForgeWhole() {
    String odd = "needs #review? & more";
    forge.seed().label(REPO, odd, "#ff0000");
    forge.seed().label(REPO, "plain", "#00ff00");
    forge.seed().issue(REPO, i -> i.title("odd").labels(odd).author("dev-bot"));
    forge.seed().issue(REPO, i -> i.title("plain").labels("plain").author("dev-bot"));

    var found = client().getAll(ForgePath.of("issues").query("labels", odd)
        .query("type", "issues"), Issue.class);

    assertThat(found).extracting(Issue::title).containsExactly("odd");
    assertThat(client().getAll(ForgePath.of("labels"), Label.class)).extracting(Label::name)
        .contains(odd);
  }

  @Test
  void aRepositoryViewEncodesOwnerAndNameAsSegments() {
    assertThat(client().forRepo("o/ops").repoApi()).contains(forge.baseUrl() + "/api/v1/repos/o/ops");
  }
}
