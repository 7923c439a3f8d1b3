package ai.disinto.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.model.User;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedding example is the code of {@link EmbeddingExample}, and that code runs. */
@ExtendWith(MockForgejoExtension.class)
class ReadmeExampleTest {
  private static final String REPO = "demo/widgets";
  private static final Path MODULE = Path.of("").toAbsolutePath();

  @TempDir Path root;

  @Test
  void readmeShowsTheCompiledExampleLineForLine() throws IOException {
    String readme = Files.readString(MODULE.resolveSibling("README.md"), StandardCharsets.UTF_8);
    Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(block.find()).as("a ```java block in README.md").isTrue();

    String source = Files.readString(
        MODULE.resolve("src/test/java/ai/disinto/examples/readme/EmbeddingExample.java"));
    String region = source.substring(source.indexOf("// README:begin\n") + 16,
        source.indexOf("    // README:end"));
    String unindented = region.lines().map(l -> l.startsWith("    ") ? l.substring(4) : l)
        .reduce("", (a, l) -> a + l + "\n");

    assertThat(block.group(1)).isEqualTo(unindented);
  }

  @Test
  void withNothingReadyTheExampleClaimsNothing(MockForgejo m) throws IOException {
    seed(m);
    long blocker = m.seed().issue(REPO, i -> i.title("blocker"));
    m.seed().issue(REPO, i -> i.title("waits").labels("backlog").body("Depends on #" + blocker));

    assertThat(EmbeddingExample.workOneIssue(root, root)).isEmpty();
    assertThat(m.journal()).noneMatch(r -> !r.method().equals("GET"));
  }

  @Test
  void aReadyIssueIsClaimedAndAMissingBranchIsReportedWithTheForgesReason(MockForgejo m)
      throws IOException {
    seed(m);
    long n = m.seed().issue(REPO, i -> i.title("Parse the config").labels("backlog"));

    assertThatThrownBy(() -> EmbeddingExample.workOneIssue(root, root))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("no PR: ");

    Issue issue = ForgeClient.builder().baseUrl(m.baseUrl()).repo(REPO).token("tok-dev").build()
        .get("/issues/" + n, Issue.class);
    assertThat(issue.assignees()).extracting(User::login).containsExactly("dev-bot");
  }

  private void seed(MockForgejo m) throws IOException {
    m.seed().user("dev-bot", u -> u.token("tok-dev"));
    m.seed().repo(REPO, r -> r.collaborator("dev-bot", "write"));
    for (String label : List.of("backlog", "in-progress", "blocked")) {
      m.seed().label(REPO, label, "#0075ca");
    }
    Files.writeString(root.resolve(".env"), "FORGE_URL=" + m.baseUrl() + "\nFORGE_REPO=" + REPO
        + "\nFORGE_TOKEN=tok-dev\n");
  }
}
