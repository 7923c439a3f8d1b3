package ai.disinto.forge.beyond;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.core.secrets.SecretScanner;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.forge.client.model.PullRequest;
import ai.disinto.forge.pulls.PrGuard;
import ai.disinto.forge.pulls.PrTranscript;
import ai.disinto.forge.pulls.PullRequests;
import ai.disinto.testkit.forgejo.MockForgejo;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agent's session as a collapsed, redacted, size-capped section of the PR body. */
class PrTranscriptTest {
  private static final String SECRET = "ghp_" + "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final String TRANSCRIPT = String.join("\n",
      "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"Fix issue #3\"}}",
      "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"Reading"
          + " the parser.\"},{\"type\":\"tool_use\",\"name\":\"Bash\",\"input\":{\"command\":"
          + "\"export T=" + SECRET + " && make test\"}}]}}",
      "{\"type\":\"system\",\"subtype\":\"init\"}",
      "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"Done."
          + "\"}]}}");

  @Test
  void theSessionBecomesACollapsedRedactedSummary() {
    String body = PrTranscript.appendTo("Fixes #3", TRANSCRIPT, 4_000, SecretScanner.defaults());

    assertThat(body).startsWith("Fixes #3\n\n<details>\n<summary>Agent session (summary,"
        + " redacted)</summary>\n\n```\nuser: Fix issue #3\nassistant: Reading the parser.\n"
        + "tool Bash: {\"command\":\"export T=").endsWith("assistant: Done.\n```\n</details>\n")
        .doesNotContain(SECRET).doesNotContain("init");
  }

  @Test
  void theSummaryIsCutToItsBound() {
    String body = PrTranscript.appendTo("b", TRANSCRIPT, 60, SecretScanner.defaults());

    assertThat(body).contains("user: Fix issue #3\nassistant: Reading the parser.\n"
        + "… 2 more lines left out\n```");
  }

  @Test
  void offItAddsNothing() {
    assertThat(PrTranscript.appendTo("b", TRANSCRIPT, 0, SecretScanner.defaults()))
        .isEqualTo("b");
  }

  @Test
  void theGuardedOpenPutsTheTranscriptInThePrBody() {
    try (MockForgejo mock = MockForgejo.start()) {
      mock.seed().user("o", "pw-o").user("dev-bot", u -> u.password("pw").token("tok-dev-0123"));
      mock.seed().repo("o/r", r -> r.collaborator("dev-bot", "write"));
      long issue = mock.seed().issue("o/r", i -> i.title("t").assignees("dev-bot"));
      ForgeClient dev = ForgeClient.builder().baseUrl(mock.baseUrl()).repo("o/r")
          .token("tok-dev-0123").retryPolicy(RetryPolicy.none()).build();
      dev.call("POST", "/contents/a.txt", Map.of("message", "a", "content",
          Base64.getEncoder().encodeToString("a\n".getBytes()), "new_branch", "fix/issue-1"),
          Map.class);

      PrGuard.OpenResult r = PrGuard.of(PullRequests.builder(dev).build()).withTranscript(2_000)
          .open(issue, "fix/issue-1", "fix", "Fixes #" + issue, TRANSCRIPT);

      String body = dev.get("/pulls/" + r.number().getAsLong(), PullRequest.class).body();
      assertThat(body).startsWith("Fixes #" + issue + "\n\n<details>").contains("tool Bash")
          .doesNotContain(SECRET);
    }
  }
}
