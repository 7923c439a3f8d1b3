package ai.disinto.forge.pulls;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.testkit.forgejo.Fault;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every write of {@link PullRequests} against a forge that answers 500: the result carries the
 * status and the forge's message, and no log line claims the write happened.
 */
class WriteFailuresTest extends PullsTest {
  private static final String FORGE_MESSAGE = "injected fault";

  private void fail500(String method, String path) {
    w.forge.faults().add(Fault.on(method, "/repos/o/r" + path).withStatus(500));
  }

  @Test
  void aFailedCreateSaysStatusAndMessage() {
    w.forge.seed().branch(PullsWorld.REPO, "fix/issue-7", "main");
    fail500("POST", "/pulls");

    CreateResult r = w.prs().create("fix/issue-7", "t", "b");

    assertThat(r.outcome()).isEqualTo(CreateResult.Outcome.FAILED);
    assertThat(r.httpStatus()).isEqualTo(500);
    assertThat(r.message()).isEqualTo(FORGE_MESSAGE);
    assertThat(w.log()).noneMatch(l -> l.contains("created PR"))
        .contains("pr-lifecycle: PR creation failed (HTTP 500): " + FORGE_MESSAGE);
  }

  @Test
  void aFailedMergeSaysStatusAndMessage() {
    fail500("POST", "/pulls/" + pr + "/merge");

    MergeResult r = w.prs().merge(pr, null);

    assertThat(r.outcome()).isEqualTo(MergeOutcome.FAILED);
    assertThat(r.httpStatus()).isEqualTo(500);
    assertThat(r.forgeMessage()).isEqualTo(FORGE_MESSAGE);
    assertThat(r.error()).startsWith("failed (HTTP 500): {\"message\":\"injected fault\"");
    assertThat(w.prs().isMerged(pr).merged()).isFalse();
    assertThat(w.log()).noneMatch(l -> l.endsWith(" merged"));
  }

  @Test
  void aFailedCloseSaysStatusAndMessage() {
    fail500("PATCH", "/pulls/" + pr);

    PrWriteResult r = w.prs().close(pr);

    assertThat(r.done()).isFalse();
    assertThat(r.httpStatus()).isEqualTo(500);
    assertThat(r.message()).isEqualTo(FORGE_MESSAGE);
    assertThat(w.log()).noneMatch(l -> l.endsWith(" closed"))
        .contains("pr-lifecycle: pr_close FAILED: HTTP 500 for PR #" + pr + ": " + FORGE_MESSAGE);
  }

  @Test
  void aFailedCommentSaysStatusAndMessage() {
    fail500("POST", "/issues/" + pr + "/comments");

    PrWriteResult r = w.prs().comment(pr, "hello");

    assertThat(r.done()).isFalse();
    assertThat(r.httpStatus()).isEqualTo(500);
    assertThat(r.message()).isEqualTo(FORGE_MESSAGE);
    assertThat(w.log()).noneMatch(l -> l.contains("commented on"));
  }

  @Test
  void aFailedMergedReadSaysStatusAndMessage() {
    fail500("GET", "/pulls/" + pr);

    MergedCheck r = w.prs().isMerged(pr);

    assertThat(r.state()).isEqualTo(MergedCheck.State.UNREADABLE);
    assertThat(r.httpStatus()).isEqualTo(500);
    assertThat(r.message()).isEqualTo(FORGE_MESSAGE);
  }

  @Test
  void aCommentIsPostedOnThePrsConversation() {
    PrWriteResult r = w.prs().comment(pr, "hello");

    assertThat(r.done()).isTrue();
    assertThat(r.httpStatus()).isEqualTo(201);
    assertThat(w.requests("POST", "/issues/" + pr + "/comments")).singleElement()
        .satisfies(q -> assertThat(q.jsonBody()).isEqualTo(Map.of("body", "hello")));
    assertThat(w.log()).contains("pr-lifecycle: commented on PR #" + pr);
  }
}
