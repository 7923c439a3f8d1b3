package ai.disinto.forge.issues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.core.secrets.SecretScanner;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.model.Label;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import ai.disinto.testkit.time.FakeTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link IssueLifecycle#claim} against the mock Forgejo. */
@ExtendWith(MockForgejoExtension.class)
class ClaimTest {
  private static final String INJECTED = "injected fault";

  private static Optional<ClaimRefs.Holder> claimRef(World w, long n) {
    return new ClaimRefs(w.client()).read(n);
  }

  @Test
  void claimTakesTheClaimRefThenAssignsAndSwapsBacklogForInProgress(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("backlog"));
    m.clearJournal();

    ClaimResult result = w.lifecycle().claim(n);

    assertThat(result).isEqualTo(new ClaimResult.Claimed("dev-bot"));
    assertThat(w.requests()).containsExactly(
        "GET /user",
        "GET /issues/" + n,
        "GET /branches/claims/issue-" + n,
        "POST /contents/.disinto/claims/issue-" + n,
        "DELETE /branches/claims/pending/issue-" + n + "-dev-bot-UUID",
        "POST /branches",
        // the PATCH answer carries the stored assignees: no read-back; in-progress by name: no
        // label listing
        "PATCH /issues/" + n,
        "POST /issues/" + n + "/labels",
        "DELETE /issues/" + n + "/labels/" + w.backlog);
    assertThat(w.requestsWithBodies()).contains(
        "PATCH /issues/" + n + " {\"assignees\":[\"dev-bot\"]}",
        "POST /issues/" + n + "/labels {\"labels\":[\"in-progress\"]}");
    assertThat(w.read(n).assignee().login()).isEqualTo("dev-bot");
    assertThat(w.labelNames(n)).containsExactly("in-progress");
    assertThat(claimRef(w, n)).get().extracting(ClaimRefs.Holder::login).isEqualTo("dev-bot");
  }

  @Test
  void claimSkipsIssueAssignedToAnotherAgent(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("backlog").assignees("dev-qwen"));
    m.clearJournal();

    ClaimResult result = w.lifecycle().claim(n);

    assertThat(result).isEqualTo(new ClaimResult.AlreadyAssigned("dev-qwen"));
    assertThat(result.lost()).isTrue();
    assertThat(w.requests()).containsExactly("GET /user", "GET /issues/" + n);
    assertThat(w.labelNames(n)).containsExactly("backlog");
  }

  @Test
  void claimOfIssueAlreadyMineReusesMyClaimRefAndStillPatches(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("backlog"));
    IssueLifecycle lifecycle = w.lifecycle();
    lifecycle.claim(n);
    String sha = claimRef(w, n).orElseThrow().sha();
    m.clearJournal();

    ClaimResult result = lifecycle.claim(n);

    assertThat(result).isEqualTo(new ClaimResult.Claimed("dev-bot"));
    assertThat(w.requestsWithBodies())
        .contains("PATCH /issues/" + n + " {\"assignees\":[\"dev-bot\"]}")
        .noneMatch(r -> r.startsWith("POST /branches") || r.startsWith("POST /contents"));
    assertThat(claimRef(w, n).orElseThrow().sha()).isEqualTo(sha);
    assertThat(w.labelNames(n)).containsExactly("in-progress");
  }

  @Test
  void claimOfIssueAssignedToMeByTheShellTakesAClaimRef(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("in-progress").assignees("dev-bot"));

    ClaimResult result = w.lifecycle().claim(n);

    assertThat(result).isEqualTo(new ClaimResult.Claimed("dev-bot"));
    assertThat(claimRef(w, n)).get().extracting(ClaimRefs.Holder::login).isEqualTo("dev-bot");
  }

  @Test
  void claimFailsAtWhoamiWithoutFurtherRequests(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t"));
    m.clearJournal();

    ClaimResult result = w.lifecycle(w.client("not-a-token")).claim(n);

    assertThat(result).isInstanceOfSatisfying(ClaimResult.Failed.class, f -> {
      assertThat(f.step()).isEqualTo("whoami");
      assertThat(f.httpStatus()).isEqualTo(401);
      assertThat(f.message()).isEqualTo("invalid token");
    });
    assertThat(w.requests()).containsExactly("GET /user");
  }

  @Test
  void claimTreatsWhoamiWithoutLoginAsFailure(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t"));
    m.faults().add(Fault.on("GET", "/user").withStatus(200).withBody("{\"id\":3}"));
    m.clearJournal();

    ClaimResult result = w.lifecycle().claim(n);

    assertThat(result).isInstanceOfSatisfying(ClaimResult.Failed.class,
        f -> assertThat(f.step()).isEqualTo("whoami"));
    assertThat(w.requests()).containsExactly("GET /user");
  }

  @Test
  void claimOfAnIssueReadAsJsonNullFailsAtTheReadStepWithoutWriting(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("backlog"));
    m.faults().add(Fault.on("GET", World.PREFIX + "/issues/" + n).withStatus(200).withBody("null"));
    m.clearJournal();

    ClaimResult result = w.lifecycle().claim(n);

    assertThat(result).isInstanceOfSatisfying(ClaimResult.Failed.class, f -> {
      assertThat(f.step()).isEqualTo("read");
      assertThat(f.httpStatus()).isEqualTo(200);
    });
    assertThat(w.requests()).containsExactly("GET /user", "GET /issues/" + n);
  }

  @Test
  void claimOfNumberZeroOrNegativeIsRefusedBeforeAnyRequest(MockForgejo m) {
    World w = new World(m);
    IssueLifecycle lifecycle = w.lifecycle();
    m.clearJournal();

    assertThatThrownBy(() -> lifecycle.claim(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> lifecycle.claim(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(w.requests()).isEmpty();
  }

  @Test
  void claimCreatesMissingInProgressLabelWithOriginalColourAndCachesIt(MockForgejo m) {
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
    World w = new World(m);
    long a = w.issue(i -> i.title("a").labels("backlog"));
    long b = w.issue(i -> i.title("b").labels("backlog"));
    IssueLifecycle lifecycle = w.lifecycle();
    lifecycle.claim(a);
    m.clearJournal();

    ClaimResult result = lifecycle.claim(b);

    assertThat(result).isEqualTo(new ClaimResult.Claimed("dev-bot"));
    assertThat(w.requests()).noneMatch(r -> r.equals("GET /user") || r.contains("/labels?"));
  }

  @Test
  void claimWithoutWriteAccessFailsAtTheClaimRefWithItsStatusAndTouchesNothing(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("backlog"));
    m.clearJournal();

    ClaimResult result = w.lifecycle(w.client("tok-outsider")).claim(n);

    assertThat(result).isInstanceOfSatisfying(ClaimResult.Failed.class, f -> {
      assertThat(f.step()).isEqualTo("claim-ref");
      assertThat(f.httpStatus()).isEqualTo(403);
    });
    assertThat(w.requests()).noneMatch(r -> r.startsWith("PATCH") || r.contains("/labels"));
    assertThat(w.labelNames(n)).containsExactly("backlog");
  }

  @Test
  void claimUndoesTheClaimRefWhenTheForgeIgnoresTheAssignment(MockForgejo m) {
    // upstream #856: Forgejo answers 201 and drops the assignees
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("backlog"));
    m.faults().add(Fault.on("PATCH", World.PREFIX + "/issues/*").onCalls(1, 1).withStatus(201)
        .withBody("{}"));
    m.clearJournal();

    ClaimResult result = w.lifecycle().claim(n);

    assertThat(result).isInstanceOfSatisfying(ClaimResult.Failed.class, f -> {
      assertThat(f.step()).isEqualTo("patch");
      assertThat(f.httpStatus()).isEqualTo(201);
    });
    assertThat(w.requests()).noneMatch(r -> r.contains("/labels"));
    assertThat(claimRef(w, n)).isEmpty();
  }

  @Test
  void claimReportsLostRaceToAShellAgentThatAssignedItMeanwhile(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("backlog"));
    // The issue as stored after our PATCH: another agent's assignment won.
    m.faults().add(Fault.on("PATCH", World.PREFIX + "/issues/" + n).onCalls(1, 1).withStatus(201)
        .withBody("{\"number\":" + n + ",\"state\":\"open\",\"assignee\":{\"login\":\"dev-qwen\"},"
            + "\"assignees\":[{\"login\":\"dev-qwen\"}],\"labels\":[]}"));
    m.clearJournal();

    ClaimResult result = w.lifecycle().claim(n);

    assertThat(result).isEqualTo(new ClaimResult.AlreadyAssigned("dev-qwen"));
    assertThat(w.requests()).noneMatch(r -> r.contains("/labels"));
    assertThat(w.labelNames(n)).containsExactly("backlog");
    assertThat(claimRef(w, n)).isEmpty();
  }

  @Test
  void claimReportsLostRaceWhileAnotherAgentsFreshClaimRefStands(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("backlog"));
    ClaimRefs qwen = new ClaimRefs(w.client("tok-dev-qwen"));
    qwen.create(n, qwen.createMarker(n, "dev-qwen"));
    m.clearJournal();

    ClaimResult result = w.lifecycle().claim(n);

    assertThat(result).isEqualTo(new ClaimResult.LostRace("dev-qwen"));
    assertThat(w.requests()).noneMatch(r -> r.startsWith("PATCH") || r.contains("/labels")
        || r.startsWith("POST") || r.startsWith("DELETE"));
  }

  @Test
  void claimBreaksAStaleClaimRefAndTakesTheIssue() {
    FakeTime clock = new FakeTime(World.NOW);
    try (MockForgejo m = MockForgejo.builder().clock(clock).start()) {
      World w = new World(m);
      long n = w.issue(i -> i.title("t").labels("backlog"));
      ClaimRefs qwen = new ClaimRefs(w.client("tok-dev-qwen"));
      String stale = qwen.createMarker(n, "dev-qwen");
      qwen.create(n, stale);
      clock.advance(Duration.ofSeconds(61));
      IssueLifecycle lifecycle =
          new IssueLifecycle(w.client(), SecretScanner.defaults(), clock);
      m.clearJournal();

      ClaimResult result = lifecycle.claim(n);

      assertThat(result).isEqualTo(new ClaimResult.Claimed("dev-bot"));
      assertThat(w.requests()).containsSubsequence(
          "POST /branches", // the retire marker of the stale claim
          "GET /branches/claims/issue-" + n,
          "DELETE /branches/claims/issue-" + n,
          "DELETE /branches/claims/retired/issue-" + n + "-" + stale,
          "POST /branches", // our claim ref
          "PATCH /issues/" + n);
      assertThat(claimRef(w, n).orElseThrow().login()).isEqualTo("dev-bot");
      assertThat(w.labelNames(n)).containsExactly("in-progress");
    }
  }

  @Test
  void claimWithinTheGracePeriodLeavesAnUnassignedClaimRefAlone() {
    FakeTime clock = new FakeTime(World.NOW);
    try (MockForgejo m = MockForgejo.builder().clock(clock).start()) {
      World w = new World(m);
      long n = w.issue(i -> i.title("t").labels("backlog"));
      ClaimRefs qwen = new ClaimRefs(w.client("tok-dev-qwen"));
      qwen.create(n, qwen.createMarker(n, "dev-qwen"));
      clock.advance(Duration.ofSeconds(60));

      ClaimResult result =
          new IssueLifecycle(w.client(), SecretScanner.defaults(), clock).claim(n);

      assertThat(result).isEqualTo(new ClaimResult.LostRace("dev-qwen"));
      assertThat(claimRef(w, n).orElseThrow().login()).isEqualTo("dev-qwen");
    }
  }

  @Test
  void claimLosesWhenAnotherAgentIsAlreadyBreakingTheSameStaleClaim() {
    FakeTime clock = new FakeTime(World.NOW);
    try (MockForgejo m = MockForgejo.builder().clock(clock).start()) {
      World w = new World(m);
      long n = w.issue(i -> i.title("t").labels("backlog"));
      ClaimRefs qwen = new ClaimRefs(w.client("tok-dev-qwen"));
      String stale = qwen.createMarker(n, "dev-qwen");
      qwen.create(n, stale);
      // another breaker holds the retire marker of this claim
      w.client("tok-dev-qwen").send("POST", "/branches", Map.of("new_branch_name",
          ClaimRefs.retireBranch(n, stale), "old_ref_name", stale)).orThrow();
      clock.advance(Duration.ofMinutes(5));

      ClaimResult result =
          new IssueLifecycle(w.client(), SecretScanner.defaults(), clock).claim(n);

      assertThat(result).isEqualTo(new ClaimResult.LostRace(""));
      assertThat(claimRef(w, n).orElseThrow().sha()).isEqualTo(stale);
      assertThat(w.read(n).assignees()).isEmpty();
    }
  }

  @Test
  void removingAClaimRefThatWasReplacedLeavesTheNewClaimAlone(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t"));
    ClaimRefs refs = new ClaimRefs(w.client());
    String old = refs.createMarker(n, "dev-qwen");
    String current = refs.createMarker(n, "dev-bot");
    refs.create(n, current);

    ClaimRefs.Removal removal =
        refs.remove(n, new ClaimRefs.Holder("dev-qwen", old, Instant.EPOCH));

    assertThat(removal).isEqualTo(ClaimRefs.Removal.REMOVED);
    assertThat(claimRef(w, n).orElseThrow().sha()).isEqualTo(current);
    assertThat(w.client().send("GET", "/branches/" + ClaimRefs.retireBranch(n, old), null)
        .status()).isEqualTo(404);
  }

  @Test
  void claimFailsWithoutTouchingTheIssueWhenTheClaimRefCannotBeCreated(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("backlog"));
    m.faults().add(Fault.on("POST", World.PREFIX + "/branches").withStatus(500));
    m.clearJournal();

    ClaimResult result = w.lifecycle().claim(n);

    assertThat(result).isEqualTo(new ClaimResult.Failed("claim-ref", 500, INJECTED));
    assertThat(w.requests()).noneMatch(r -> r.startsWith("PATCH") || r.contains("/labels"));
    assertThat(w.labelNames(n)).containsExactly("backlog");
  }

  @Test
  void claimUndoesTheClaimRefWhenTheAssignmentFails(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("backlog"));
    m.faults().add(Fault.on("PATCH", World.PREFIX + "/issues/*").withStatus(500));

    ClaimResult result = w.lifecycle().claim(n);

    assertThat(result).isEqualTo(new ClaimResult.Failed("patch", 500, INJECTED));
    assertThat(claimRef(w, n)).isEmpty();
    assertThat(w.read(n).assignees()).isEmpty();
    assertThat(w.labelNames(n)).containsExactly("backlog");
  }

  @Test
  void claimUndoesAssignmentAndClaimRefWhenTheRereadFails(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("backlog"));
    // The PATCH is applied but its answer lost: the issue is read again, and that read fails.
    m.faults().add(Fault.on("PATCH", World.PREFIX + "/issues/" + n).dropAfterProcessing()
        .onCalls(1, 1));
    m.faults().add(Fault.on("GET", World.PREFIX + "/issues/" + n).onCalls(2, 1).withStatus(500));

    ClaimResult result = w.lifecycle().claim(n);

    assertThat(result).isEqualTo(new ClaimResult.Failed("reread", 500, INJECTED));
    assertThat(w.read(n).assignees()).isEmpty();
    assertThat(w.labelNames(n)).containsExactly("backlog");
    assertThat(claimRef(w, n)).isEmpty();
  }

  @Test
  void claimKeepsBacklogAndUndoesEverythingWhenAddingInProgressFails(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("backlog"));
    m.faults().add(Fault.on("POST", World.PREFIX + "/issues/*/labels").withStatus(500));
    m.clearJournal();

    ClaimResult result = w.lifecycle().claim(n);

    assertThat(result).isEqualTo(new ClaimResult.Failed("label", 500, INJECTED));
    assertThat(w.requests()).noneMatch(r -> r.startsWith("DELETE /issues/"));
    assertThat(w.read(n).assignees()).isEmpty();
    assertThat(w.labelNames(n)).containsExactly("backlog");
    assertThat(claimRef(w, n)).isEmpty();
  }

  @Test
  void claimPutsInProgressBackWhenRemovingBacklogFails(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("backlog"));
    m.faults().add(Fault.on("DELETE", World.PREFIX + "/issues/*/labels/" + w.backlog)
        .withStatus(500));

    ClaimResult result = w.lifecycle().claim(n);

    assertThat(result).isEqualTo(new ClaimResult.Failed("unlabel", 500, INJECTED));
    assertThat(w.read(n).assignees()).isEmpty();
    assertThat(w.labelNames(n)).containsExactly("backlog");
    assertThat(claimRef(w, n)).isEmpty();
  }

  @Test
  void claimWhoseRollbackFailsIsPartialAndNamesWhatIsLeft(MockForgejo m) {
    World w = new World(m);
    long n = w.issue(i -> i.title("t").labels("backlog"));
    m.faults().add(Fault.on("POST", World.PREFIX + "/issues/*/labels").withStatus(500));
    m.faults().add(Fault.on("PATCH", World.PREFIX + "/issues/*").onCalls(2, 0).withStatus(503));

    ClaimResult result = w.lifecycle().claim(n);

    assertThat(result).isEqualTo(new ClaimResult.Partial("label", 500, INJECTED,
        List.of("assignee dev-bot")));
    assertThat(result.claimed()).isFalse();
    assertThat(w.read(n).assignee().login()).isEqualTo("dev-bot");
    assertThat(claimRef(w, n)).isEmpty();
  }

  @Test
  void claimRemovesStaleBlockedLabel(MockForgejo m) {
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

    assertThat(result).isInstanceOfSatisfying(ClaimResult.Failed.class, f -> {
      assertThat(f.step()).isEqualTo("read");
      assertThat(f.httpStatus()).isEqualTo(404);
    });
    assertThat(w.requests()).containsExactly("GET /user", "GET /issues/99");
  }

  @Test
  void claimReturnsFailedWhenForgeIsUnreachable(MockForgejo m) {
    World w = new World(m);
    ForgeClient dead = ForgeClient.builder().baseUrl("http://127.0.0.1:1").repo(World.REPO)
        .token("tok-dev-bot").retryPolicy(ai.disinto.forge.client.RetryPolicy.none()).build();

    ClaimResult result = w.lifecycle(dead).claim(7);

    assertThat(result).isInstanceOfSatisfying(ClaimResult.Failed.class, f -> {
      assertThat(f.step()).isEqualTo("whoami");
      assertThat(f.httpStatus()).isZero();
    });
    assertThat(result.claimed()).isFalse();
  }
}
