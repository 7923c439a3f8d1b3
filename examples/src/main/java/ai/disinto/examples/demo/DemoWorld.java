package ai.disinto.examples.demo;

import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.model.PullRequest;
import ai.disinto.testkit.time.FakeTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo's virtual time and the actors that live in it. Every wait of the lifecycles goes
 * through the sleeper of {@link #time()}: the clock jumps forward and the scripted CI and review
 * bots get their turn, acting on the forge over its real API. So a walk that polls every 30 s and 300 s runs in
 * milliseconds and always the same way.
 *
 * <p>The CI bot starts a pipeline (status {@code pending}) for every new head of an open PR and
 * finishes it {@link #CI_DURATION} later: {@code failure} for the first pipeline of a branch marked
 * flaky, {@code success} otherwise. The review bot approves a head {@link #REVIEW_DELAY} after its
 * CI passed, with the comment format the review agent writes.
 */
final class DemoWorld {
  static final Duration CI_DURATION = Duration.ofMinutes(2);
  static final Duration REVIEW_DELAY = Duration.ofMinutes(3);
  static final String CI_CONTEXT = "ci/woodpecker/pr/test";

  private final Instant start;
  private final FakeTime time;
  private final ForgeClient ci;
  private final ForgeClient reviewer;
  private final Set<String> flakyBranches;
  private final Map<String, Instant> running = new HashMap<>();
  private final Map<String, Instant> passed = new HashMap<>();
  private final Set<String> failed = new HashSet<>();
  private final Set<String> reviewed = new HashSet<>();
  private final Set<String> branchesBuilt = new HashSet<>();
  private long pipelines;

  /**
   * @param ci a client of the repository with the CI bot's token
   * @param reviewer a client of the repository with the review bot's token
   * @param flakyBranches branches whose first pipeline fails
   */
  DemoWorld(ForgeClient ci, ForgeClient reviewer, Set<String> flakyBranches) {
    this.start = Instant.parse("2026-04-03T09:00:00Z");
    this.time = new FakeTime(start);
    this.ci = ci;
    this.reviewer = reviewer;
    this.flakyBranches = Set.copyOf(flakyBranches);
    time.afterEachSleep(this::tick);
  }

  /**
   * The virtual clock, which is also the sleeper of everything the demo runs: each sleep moves it
   * and then gives the bots their turn.
   */
  FakeTime time() {
    return time;
  }

  /** Virtual time passed since the demo started. */
  Duration elapsed() {
    return Duration.between(start, time.instant());
  }

  private Instant instant() {
    return time.instant();
  }

  /** One turn of the bots: start and finish pipelines, then review what passed. */
  void tick() {
    List<PullRequest> open = ci.getAll("/pulls?state=open", PullRequest.class);
    for (PullRequest pr : open) {
      String sha = pr.head().sha();
      String branch = pr.head().ref();
      runCi(sha, branch);
      review(pr.number(), sha);
    }
  }

  private void runCi(String sha, String branch) {
    Instant started = running.get(sha);
    if (started == null && !passed.containsKey(sha) && !failed.contains(sha)) {
      pipelines++;
      running.put(sha, instant());
      postStatus(sha, "pending", "pipeline started");
      return;
    }
    if (started != null && !instant().isBefore(started.plus(CI_DURATION))) {
      running.remove(sha);
      boolean firstBuildOfBranch = branchesBuilt.add(branch);
      if (firstBuildOfBranch && flakyBranches.contains(branch)) {
        failed.add(sha);
        postStatus(sha, "failure", "tests failed");
      } else {
        passed.put(sha, instant());
        postStatus(sha, "success", "tests passed");
      }
    }
  }

  private void postStatus(String sha, String state, String description) {
    ci.call("POST", "/statuses/" + sha, Map.of(
        "state", state,
        "context", CI_CONTEXT,
        "description", description,
        "target_url", "http://woodpecker.invalid/repos/1/pipeline/" + pipelines), Void.class);
  }

  private void review(long pr, String sha) {
    Instant green = passed.get(sha);
    if (green == null || reviewed.contains(sha) || instant().isBefore(green.plus(REVIEW_DELAY))) {
      return;
    }
    reviewed.add(sha);
    String body = "## AI Review\n<!-- reviewed: " + sha + " -->\n\n"
        + "The change does what the issue asks and the tests cover it.\n\n"
        + "### Verdict\n**APPROVE** — ready to merge\n\n---\n"
        + "*Reviewed at `" + sha.substring(0, 7) + "`*";
    reviewer.call("POST", "/issues/" + pr + "/comments", Map.of("body", body), Void.class);
  }
}
