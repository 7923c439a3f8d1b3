package ai.disinto.forge.issues;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.model.Label;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link IssueLifecycle#claim} against the mock Forgejo; spec/forge.md issue-lifecycle cases. */
@ExtendWith(MockForgejoExtension.class)
class ClaimTest {

  @Test
  void claimAssignsRereadsThenSwapsBacklogForInProgress(MockForgejo m) {
    // case 1
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("backlog"));
    m.clearJournal();

    ClaimResult result = w.lifecycle().claim(n);

    assertThat(result).isEqualTo(new ClaimResult.Claimed("dev-bot"));
    assertThat(w.requestsWithBodies()).containsExactly(
        "GET /user",
        "GET /issues/" + n,
        "PATCH /issues/" + n + " {\"assignees\":[\"dev-bot\"]}",
        "GET /issues/" + n,
        "GET /labels?limit=50&page=1",
        "POST /issues/" + n + "/labels {\"labels\":[" + w.inProgress + "]}",
        "DELETE /issues/" + n + "/labels/" + w.backlog);
    assertThat(w.read(n).assignee().login()).isEqualTo("dev-bot");
    assertThat(w.labelNames(n)).containsExactly("in-progress");
    assertThat(w.log()).contains("claimed issue #" + n);
  }

  @Test
  void claimSkipsIssueAssignedToAnotherAgent(MockForgejo m) {
    // case 2
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("backlog").assignees("dev-qwen"));
    m.clearJournal();

    ClaimResult result = w.lifecycle().claim(n);

    assertThat(result).isEqualTo(new ClaimResult.AlreadyAssigned("dev-qwen"));
    assertThat(w.requests()).containsExactly("GET /user", "GET /issues/" + n);
    assertThat(w.labelNames(n)).containsExactly("backlog");
    assertThat(w.log()).contains("dev-qwen");
  }

  @Test
  void claimOfIssueAlreadyMineStillPatches(MockForgejo m) {
    // case 3
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("in-progress").assignees("dev-bot"));
    m.clearJournal();

    ClaimResult result = w.lifecycle().claim(n);

    assertThat(result).isEqualTo(new ClaimResult.Claimed("dev-bot"));
    assertThat(w.requestsWithBodies())
        .contains("PATCH /issues/" + n + " {\"assignees\":[\"dev-bot\"]}");
    assertThat(w.labelNames(n)).containsExactly("in-progress");
  }

  @Test
  void claimFailsAtWhoamiWithoutFurtherRequests(MockForgejo m) {
    // case 4
    World w = new World(m);
    long n = w.issue(i -> i.title("t"));
    m.clearJournal();

    ClaimResult result = w.lifecycle(w.client("not-a-token")).claim(n);

    assertThat(result).isEqualTo(new ClaimResult.Failed("whoami", 401));
    assertThat(w.requests()).containsExactly("GET /user");
  }

  @Test
  void claimTreatsWhoamiWithoutLoginAsFailure(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t"));
    m.faults().add(Fault.on("GET", "/user").withStatus(200).withBody("{\"id\":3}"));
    m.clearJournal();

    ClaimResult result = w.lifecycle().claim(n);

    assertThat(result).isEqualTo(new ClaimResult.Failed("whoami", 200));
    assertThat(w.requests()).containsExactly("GET /user");
  }

  @Test
  void claimOfAnIssueReadAsJsonNullFailsAtTheReadStepWithoutWriting(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("backlog"));
    m.faults().add(Fault.on("GET", World.PREFIX + "/issues/" + n).withStatus(200).withBody("null"));
    m.clearJournal();

    ClaimResult result = w.lifecycle().claim(n);

    assertThat(result).isEqualTo(new ClaimResult.Failed("read", 200));
    assertThat(w.requests()).containsExactly("GET /user", "GET /issues/" + n);
  }

  @Test
  void claimCreatesMissingInProgressLabelWithOriginalColourAndCachesIt(MockForgejo m) {
    // case 5
    World w = new World(m, false);
    long a = w.issue(i -> i.title("a").labels("backlog"));
    long b = w.issue(i -> i.title("b").labels("backlog"));
    IssueLifecycle lifecycle = w.lifecycle();
    m.clearJournal();

    lifecycle.claim(a);
    List<String> first = w.requestsWithBodies();
    m.clearJournal();
    lifecycle.claim(b);
    List<String> second = w.requests();

    long created = w.read(a).labels().stream().filter(l -> l.name().equals("in-progress"))
        .mapToLong(Label::id).findFirst().orElseThrow();
    assertThat(first).contains(
        "POST /labels {\"name\":\"in-progress\",\"color\":\"#1d76db\"}",
        "POST /issues/" + a + "/labels {\"labels\":[" + created + "]}");
    assertThat(w.client().get("/labels/" + created, Label.class).color()).isEqualTo("1d76db");
    assertThat(second).noneMatch(r -> r.contains("/labels?") || r.startsWith("POST /labels"));
    assertThat(w.labelNames(b)).containsExactly("in-progress");
  }

  @Test
  void secondClaimBySameInstanceAsksNeitherIdentityNorLabels(MockForgejo m) {
    // request economy (issue 4)
    World w = new World(m);
    long a = w.issue(i -> i.title("a").labels("backlog"));
    long b = w.issue(i -> i.title("b").labels("backlog"));
    IssueLifecycle lifecycle = w.lifecycle();
    lifecycle.claim(a);
    m.clearJournal();

    ClaimResult result = lifecycle.claim(b);

    assertThat(result).isEqualTo(new ClaimResult.Claimed("dev-bot"));
    assertThat(w.requests()).containsExactly(
        "GET /issues/" + b,
        "PATCH /issues/" + b,
        "GET /issues/" + b,
        "POST /issues/" + b + "/labels",
        "DELETE /issues/" + b + "/labels/" + w.backlog);
  }

  @Test
  void claimReportsRejectedPatchWithItsStatusAndTouchesNoLabel(MockForgejo m) {
    // case 6: outsider is neither poster nor writer, Forgejo answers 403
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("backlog"));
    m.clearJournal();

    ClaimResult result = w.lifecycle(w.client("tok-outsider")).claim(n);

    assertThat(result).isEqualTo(new ClaimResult.Failed("patch", 403));
    assertThat(w.requests()).noneMatch(r -> r.contains("/labels"));
    assertThat(w.labelNames(n)).containsExactly("backlog");
    assertThat(w.log()).contains("403");
  }

  @Test
  void claimReportsAssignmentSilentlyDroppedForPosterWithoutWriteAccess(MockForgejo m) {
    // upstream #856: 201 but no assignee
    World w = new World(m);
    long n = w.issue(i -> i.title("t").author("outsider").labels("backlog"));
    m.clearJournal();

    ClaimResult result = w.lifecycle(w.client("tok-outsider")).claim(n);

    assertThat(result).isEqualTo(new ClaimResult.Failed("patch", 201));
    assertThat(w.requests()).noneMatch(r -> r.contains("/labels"));
  }

  @Test
  void claimReportsLostRaceWhenAnotherBotWins(MockForgejo m) {
    // case 7: the re-read after our PATCH shows dev-qwen
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("backlog"));
    m.faults().add(Fault.on("GET", World.PREFIX + "/issues/" + n).onCalls(2, 1).withStatus(200)
        .withBody("{\"number\":" + n + ",\"state\":\"open\",\"assignee\":{\"login\":\"dev-qwen\"},"
            + "\"assignees\":[{\"login\":\"dev-qwen\"}],\"labels\":[]}"));
    m.clearJournal();

    ClaimResult result = w.lifecycle().claim(n);

    assertThat(result).isEqualTo(new ClaimResult.AlreadyAssigned("dev-qwen"));
    assertThat(w.requests()).containsExactly(
        "GET /user", "GET /issues/" + n, "PATCH /issues/" + n, "GET /issues/" + n);
    assertThat(w.labelNames(n)).containsExactly("backlog");
  }

  @Test
  void claimRemovesStaleBlockedLabel(MockForgejo m) {
    // upstream #1047
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("backlog", "blocked"));
    m.clearJournal();

    w.lifecycle().claim(n);

    assertThat(w.requests()).contains("DELETE /issues/" + n + "/labels/" + w.blocked);
    assertThat(w.labelNames(n)).containsExactly("in-progress");
  }

  @Test
  void claimRetriesOnceWithFreshIdWhenCachedLabelWasDeleted(MockForgejo m) {
    World w = new World(m);
    long a = w.issue(i -> i.title("a"));
    long b = w.issue(i -> i.title("b"));
    IssueLifecycle lifecycle = w.lifecycle();
    lifecycle.claim(a);
    ForgeClient admin = w.client();
    admin.send("DELETE", "/labels/" + w.inProgress, null).orThrow();
    long replacement = m.seed().label(World.REPO, "in-progress", "#1d76db");
    m.clearJournal();

    ClaimResult result = lifecycle.claim(b);

    assertThat(result.claimed()).isTrue();
    assertThat(w.requestsWithBodies()).containsSubsequence(
        "POST /issues/" + b + "/labels {\"labels\":[" + w.inProgress + "]}",
        "GET /labels?limit=50&page=1",
        "POST /issues/" + b + "/labels {\"labels\":[" + replacement + "]}");
    assertThat(w.read(b).labels()).extracting(Label::id).containsExactly(replacement);
  }

  @Test
  void claimFailsAtReadWhenIssueIsMissing(MockForgejo m) {
    World w = new World(m);
    m.clearJournal();

    ClaimResult result = w.lifecycle().claim(99);

    assertThat(result).isEqualTo(new ClaimResult.Failed("read", 404));
    assertThat(w.requests()).containsExactly("GET /user", "GET /issues/99");
  }

  @Test
  void claimReturnsFailedWhenForgeIsUnreachable(MockForgejo m) {
    World w = new World(m);
    ForgeClient dead = ForgeClient.builder().baseUrl("http://127.0.0.1:1").repo(World.REPO)
        .token("tok-dev-bot").retryPolicy(ai.disinto.forge.client.RetryPolicy.none()).build();

    ClaimResult result = w.lifecycle(dead).claim(7);

    assertThat(result).isEqualTo(new ClaimResult.Failed("whoami", 0));
    assertThat(result.claimed()).isFalse();
  }
}
