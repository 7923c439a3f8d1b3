package ai.disinto.forge.client;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.forge.client.model.Branch;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.model.Label;
import org.junit.jupiter.api.Test;

/** Paths built from encoded segments: names with {@code /}, spaces, {@code #} and {@code ?}. */
class ForgePathTest extends OnMockForgejo {
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

    Branch b = clientWithoutRetries().get(ForgePath.of("branches", "fix/issue-2"), Branch.class);

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

    var found = clientWithoutRetries().getAll(ForgePath.of("issues").query("labels", odd)
        .query("type", "issues"), Issue.class);

    assertThat(found).extracting(Issue::title).containsExactly("odd");
    assertThat(clientWithoutRetries().getAll(ForgePath.of("labels"), Label.class)).extracting(Label::name)
        .contains(odd);
  }

  @Test
  void aRepositoryViewEncodesOwnerAndNameAsSegments() {
    assertThat(clientWithoutRetries().forRepo("o/ops").repoApi()).contains(forge.baseUrl() + "/api/v1/repos/o/ops");
  }
}
