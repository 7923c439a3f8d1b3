package ai.disinto.forge.issues;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link IssueLifecycle#postRefusal} on the mock. */
@ExtendWith(MockForgejoExtension.class)
class RefusalTest {

  @Test
  void refusalAlreadyPostedAsFortiethCommentIsNotRepeated(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t"));
    for (int k = 1; k < 40; k++) {
      m.seed().comment(World.REPO, n, "dev-qwen", "comment " + k);
    }
    m.seed().comment(World.REPO, n, "dev-bot",
        "🚧 **Dev-agent: Unmet dependency**\n\nold\n\n---\n*Automated assessment by dev-agent · x*");
    m.clearJournal();

    RefusalResult result = w.lifecycle().postRefusal(n, "🚧", "Unmet dependency", "x");

    assertThat(result).extracting(RefusalResult::outcome).isEqualTo(RefusalResult.Outcome.DUPLICATE_SKIPPED);
    assertThat(w.requests()).noneMatch(r -> r.startsWith("POST"));
    assertThat(w.comments(n)).hasSize(40);
  }

  @Test
  void refusalIsPostedWithHeaderBodyAndDatedFooter(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t"));

    RefusalResult result = w.lifecycle().postRefusal(n, "🚧", "Unmet dependency", "x");

    assertThat(result).extracting(RefusalResult::outcome).isEqualTo(RefusalResult.Outcome.POSTED);
    assertThat(w.comments(n)).singleElement().satisfies(c -> assertThat(c.body()).isEqualTo(
        "🚧 **Dev-agent: Unmet dependency**\n\nx\n\n---\n"
            + "*Automated assessment by dev-agent · 2026-04-03 14:05 UTC*"));
  }

  @Test
  void quotedHeaderFromHumanDoesNotSuppressRefusal(MockForgejo m) {
    // PORT SHOULD IMPROVE: dedup on the header line, not a substring
    World w = new World(m);
    long n = w.issue(i -> i.title("t"));
    m.seed().comment(World.REPO, n, "dev-qwen",
        "> 🚧 **Dev-agent: Unmet dependency**\n\nwhy did the bot say this?");
    m.seed().comment(World.REPO, n, "dev-qwen",
        "The bot wrote **Dev-agent: Unmet dependency** yesterday.");

    RefusalResult result = w.lifecycle().postRefusal(n, "🚧", "Unmet dependency", "x");

    assertThat(result).extracting(RefusalResult::outcome).isEqualTo(RefusalResult.Outcome.POSTED);
  }

  @Test
  void differentRefusalTitleIsPosted(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t"));
    m.seed().comment(World.REPO, n, "dev-bot", "🚧 **Dev-agent: Unmet dependency**\n\nx");

    assertThat(w.lifecycle().postRefusal(n, "📏", "Too large for single session", "y"))
        .extracting(RefusalResult::outcome).isEqualTo(RefusalResult.Outcome.POSTED);
  }

  @Test
  void refusalIsPostedWhenCommentsCannotBeRead(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t"));
    m.faults().add(Fault.on("GET", World.PREFIX + "/issues/*/comments").withStatus(500));

    assertThat(w.lifecycle().postRefusal(n, "✅", "Already implemented", "z"))
        .extracting(RefusalResult::outcome).isEqualTo(RefusalResult.Outcome.POSTED);
  }

  @Test
  void failedRefusalPostIsReportedAndLogged(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t"));
    m.faults().add(Fault.on("POST", World.PREFIX + "/issues/*/comments").withStatus(500));

    assertThat(w.lifecycle().postRefusal(n, "✅", "Already implemented", "z"))
        .satisfies(r -> {
          assertThat(r.outcome()).isEqualTo(RefusalResult.Outcome.POST_FAILED);
          assertThat(r.failure()).hasValue(new StepFailure("comment", 500, "injected fault"));
        });
    assertThat(w.log()).contains("WARNING").contains("#" + n);
  }

  @Test
  void refusalBodyIsRedacted(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t"));

    w.lifecycle().postRefusal(n, "🚧", "Unmet dependency", "PASSWORD=hunter2hunter2hunter2");

    assertThat(w.comments(n).get(0).body()).contains("PASSWORD=[REDACTED]")
        .doesNotContain("hunter2hunter2hunter2");
  }
}
