package ai.disinto.forge.issues;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.forge.client.model.Branch;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every write of the lifecycle whose answer is lost after the forge did it (the mock processes
 * the request, then drops the connection): the object exists once, and the result says so.
 */
@ExtendWith(MockForgejoExtension.class)
class LostAnswerTest {

  private static void dropAnswerOnce(MockForgejo m, String method, String path) {
    m.faults().add(Fault.on(method, World.PREFIX + path).dropAfterProcessing().times(1));
  }

  private static List<String> branches(World w) {
    return w.client().getAll("/branches", Branch.class).stream().map(Branch::name).toList();
  }

  private static long posts(MockForgejo m, String pathEnd) {
    return m.journal().stream()
        .filter(r -> r.method().equals("POST") && r.apiPath().endsWith(pathEnd)).count();
  }

  @Test
  void claimWhoseMarkerCommitAnswerIsLostFindsItAndClaims(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("backlog"));
    dropAnswerOnce(m, "POST", "/contents/**");

    ClaimResult result = w.lifecycle().claim(n);

    assertThat(result).isEqualTo(new ClaimResult.Claimed("dev-bot"));
    assertThat(posts(m, "/contents/.disinto/claims/issue-" + n)).isEqualTo(1);
    assertThat(branches(w)).containsExactlyInAnyOrder("main", "claims/issue-" + n);
  }

  @Test
  void claimWhoseClaimRefAnswerIsLostFindsItsOwnRefAndClaims(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("backlog"));
    dropAnswerOnce(m, "POST", "/branches");

    ClaimResult result = w.lifecycle().claim(n);

    assertThat(result).isEqualTo(new ClaimResult.Claimed("dev-bot"));
    assertThat(posts(m, "/branches")).isEqualTo(1);
    assertThat(new ClaimRefs(w.client()).read(n).orElseThrow().login()).isEqualTo("dev-bot");
  }

  @Test
  void claimWhoseAssignmentAnswerIsLostReadsItBackAndClaims(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("backlog"));
    dropAnswerOnce(m, "PATCH", "/issues/" + n);

    ClaimResult result = w.lifecycle().claim(n);

    assertThat(result).isEqualTo(new ClaimResult.Claimed("dev-bot"));
    assertThat(w.read(n).assignee().login()).isEqualTo("dev-bot");
    assertThat(w.labelNames(n)).containsExactly("in-progress");
  }

  @Test
  void claimWhoseLabelAnswerIsLostChecksTheIssueAndClaims(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("backlog"));
    dropAnswerOnce(m, "POST", "/issues/" + n + "/labels");

    ClaimResult result = w.lifecycle().claim(n);

    assertThat(result).isEqualTo(new ClaimResult.Claimed("dev-bot"));
    assertThat(posts(m, "/issues/" + n + "/labels")).isEqualTo(1);
    assertThat(w.labelNames(n)).containsExactly("in-progress");
  }

  @Test
  void blockCommentWhoseAnswerIsLostIsFoundAndPostedOnce(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("in-progress").assignees("dev-bot"));
    dropAnswerOnce(m, "POST", "/issues/" + n + "/comments");

    WriteResult result = w.lifecycle().block(n, "ci_exhausted", "tail");

    assertThat(result.ok()).as(result.toString()).isTrue();
    assertThat(w.comments(n)).hasSize(1);
    assertThat(w.labelNames(n)).containsExactly("blocked");
  }

  @Test
  void releaseWhoseBacklogLabelAnswerIsLostChecksTheIssue(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("in-progress").assignees("dev-bot"));
    dropAnswerOnce(m, "POST", "/issues/" + n + "/labels");

    WriteResult result = w.lifecycle().release(n);

    assertThat(result.ok()).as(result.toString()).isTrue();
    assertThat(posts(m, "/issues/" + n + "/labels")).isEqualTo(1);
    assertThat(w.labelNames(n)).containsExactly("backlog");
  }

  @Test
  void postCommentWhoseAnswerIsLostIsFoundAndPostedOnce(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t"));
    dropAnswerOnce(m, "POST", "/issues/" + n + "/comments");

    WriteResult result = w.lifecycle().postComment(n, "stale issue");

    assertThat(result.ok()).isTrue();
    assertThat(w.comments(n)).singleElement()
        .satisfies(c -> assertThat(c.body()).isEqualTo("stale issue"));
  }

  @Test
  void refusalWhoseAnswerIsLostIsFoundAndPostedOnce(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t"));
    dropAnswerOnce(m, "POST", "/issues/" + n + "/comments");

    RefusalResult result = w.lifecycle().postRefusal(n, "🚧", "Unmet dependency", "x");

    assertThat(result.outcome()).isEqualTo(RefusalResult.Outcome.POSTED);
    assertThat(w.comments(n)).hasSize(1);
    assertThat(posts(m, "/comments")).isEqualTo(1);
  }

  @Test
  void refusalCutBeforeTheForgeSawItIsReportedUnconfirmedAndNotResent(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t"));
    m.faults().add(Fault.on("POST", World.PREFIX + "/issues/" + n + "/comments")
        .dropBeforeProcessing().times(1));

    RefusalResult result = w.lifecycle().postRefusal(n, "🚧", "Unmet dependency", "x");

    assertThat(result.outcome()).isEqualTo(RefusalResult.Outcome.UNCONFIRMED);
    assertThat(result.failure()).get().satisfies(f -> assertThat(f.httpStatus()).isZero());
    assertThat(w.comments(n)).isEmpty();
    assertThat(posts(m, "/comments")).isEqualTo(1);
    assertThat(w.log()).contains("may or may not have been posted");
  }

  @Test
  void closeWhosePatchAnswersAreLostReadsTheIssueAndReportsSuccess(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").assignees("dev-bot"));
    m.faults().add(Fault.on("PATCH", World.PREFIX + "/issues/" + n).dropAfterProcessing()
        .times(2));

    WriteResult result = w.lifecycle().close(n);

    assertThat(result.ok()).as(result.toString()).isTrue();
    assertThat(w.read(n).state()).isEqualTo("closed");
    assertThat(w.read(n).assignees()).isEmpty();
    assertThat(w.log()).contains("closed issue #" + n);
  }

  @Test
  void closeWhosePatchWasCutBeforeTheForgeSawItReportsTheFailure(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t"));
    m.faults().add(Fault.on("PATCH", World.PREFIX + "/issues/" + n).dropBeforeProcessing()
        .onCalls(1, 1));

    WriteResult result = w.lifecycle().close(n);

    assertThat(result.failures()).singleElement()
        .satisfies(f -> assertThat(f.step()).isEqualTo("close"));
    assertThat(w.read(n).state()).isEqualTo("open");
    assertThat(w.log()).doesNotContain("closed issue #" + n);
  }
}
