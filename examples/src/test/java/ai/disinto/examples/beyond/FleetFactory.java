package ai.disinto.examples.beyond;

import ai.disinto.ci.gate.ForgeStatusCiGate;
import ai.disinto.core.Sleeper;
import ai.disinto.core.deps.DependencyParser;
import ai.disinto.core.secrets.SecretScanner;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.model.Label;
import ai.disinto.forge.client.model.PullRequest;
import ai.disinto.forge.issues.ClaimResult;
import ai.disinto.forge.issues.IssueLifecycle;
import ai.disinto.forge.pulls.MergeWalk;
import ai.disinto.forge.pulls.PrGuard;
import ai.disinto.forge.pulls.PullRequests;
import ai.disinto.forge.pulls.PullsConfig;
import ai.disinto.forge.pulls.RetriggerResult;
import ai.disinto.forge.pulls.WalkResult;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;

/**
 * One factory process of the fleet simulation: a few agent threads against one forge, each
 * picking a ready issue (open, unclaimed, every dependency closed), claiming it (the forge's
 * atomic claim), committing its fix, opening a guarded PR, letting a scripted reviewer approve
 * and walking it to merge on the real (mock) CI. Nothing is shared with the other processes but
 * the forge. A working agent touches its issue while it waits (a heartbeat); a claim whose agent
 * stopped (assigned, {@code in-progress}, unchanged for the lease) is stale: any agent gives it
 * back to the backlog, and the agent that then merges the issue closes the dead agent's PR.
 *
 * <p>Prints one line per event on standard output: {@code CLAIM issue agent}, {@code PR issue
 * agent pr}, {@code MERGED issue agent pr}, {@code REFUSED issue agent reason}, {@code STALLED
 * issue agent}, {@code REAPED issue agent}, {@code DONE agent merged}, {@code REQUESTS n}.
 *
 * <p>Arguments: forge base URL, repo, agents ({@code login:token,...}), reviewer {@code
 * login:token}, lease seconds, stall-at (the claim count after which the first agent hangs
 * mid-issue, 0 for never).
 */
public final class FleetFactory {
  private static final String MARK = "<!-- reviewed: ";
  private final String baseUrl;
  private final String repo;
  private final String reviewerToken;
  private final Duration lease;
  private final int stallAt;
  private final OkHttpClient http;
  private final AtomicLong requests = new AtomicLong();
  private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

  private FleetFactory(String[] args) {
    this.baseUrl = args[0];
    this.repo = args[1];
    this.reviewerToken = args[3].split(":", 2)[1];
    this.lease = Duration.ofSeconds(Long.parseLong(args[4]));
    this.stallAt = Integer.parseInt(args[5]);
    this.http = new OkHttpClient.Builder().addInterceptor(chain -> {
      if (chain.request().url().encodedPath().startsWith("/api/")) {
        requests.incrementAndGet();
      }
      return chain.proceed(chain.request());
    }).build();
  }

  /**
   * Runs the agents until no open issue is left.
   *
   * @param args see the type's description
   * @throws InterruptedException when interrupted
   */
  public static void main(String[] args) throws InterruptedException {
    FleetFactory f = new FleetFactory(args);
    List<Thread> threads = new ArrayList<>();
    String[] agents = args[2].split(",");
    for (int i = 0; i < agents.length; i++) {
      String[] lt = agents[i].split(":", 2);
      boolean stalls = i == 0 && f.stallAt > 0;
      Thread t = new Thread(() -> f.agent(lt[0], lt[1], stalls), "agent-" + lt[0]);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    f.say("REQUESTS " + f.requests.get());
  }

  private synchronized void say(String line) {
    out.println(line);
    out.flush();
  }

  private void agent(String login, String token, boolean stalls) {
    ForgeClient dev = ForgeClient.builder().baseUrl(baseUrl).repo(repo).token(token)
        .httpClient(http).retryPolicy(RetryPolicy.defaults()).build();
    ForgeClient reviewer = dev.withToken(reviewerToken);
    // The claim's heartbeat: while the agent waits on CI and review it touches its issue (an
    // unchanged assignee), so that only the claim of an agent that stopped goes stale.
    long[] working = {0};
    Instant[] beat = {Instant.EPOCH};
    // Real time on purpose: the fleet is separate JVMs whose only shared clock is the wall
    // clock, and what is under test is the claim lease expiring across them. Pauses are capped
    // at 100 ms so no wait outlasts a poll by much.
    Sleeper shortSleeps = d -> {
      Thread.sleep(Math.min(d.toMillis(), 100));
      Instant now = Instant.now();
      if (working[0] > 0 && Duration.between(beat[0], now).compareTo(lease.dividedBy(4)) > 0) {
        beat[0] = now;
        try {
          dev.send("PATCH", "/issues/" + working[0], Map.of("assignees", List.of(login)));
        } catch (ForgeException e) {
          // The next beat tries again.
        }
      }
    };
    // A claim ref left without an assignee (an agent killed mid-claim) is stale after the lease.
    IssueLifecycle issues = new IssueLifecycle(dev, SecretScanner.defaults(), Clock.systemUTC(),
        lease);
    PullsConfig config = PullsConfig.defaults().withReviewBots(Set.of("review-bot"))
        .withCiPolling(Duration.ofSeconds(150), Duration.ofMillis(100))
        .withReviewPolling(Duration.ofSeconds(60), Duration.ofMillis(100));
    PullRequests prs = PullRequests.builder(dev).config(config).sleeper(shortSleeps).build();
    PrGuard guard = PrGuard.of(prs).withLogin(login);
    MergeWalk walk = MergeWalk.builder(prs, new ForgeStatusCiGate(dev, "1"),
        (prompt, session, wt) -> null, (wt, remote, primary) -> new RetriggerResult(0, ""))
        .build();
    Random random = new Random(login.hashCode());
    int claims = 0;
    int merged = 0;
    int failures = 0;
    while (true) {
      List<Issue> open;
      try {
        open = dev.getAll("/issues?state=open&type=issues", Issue.class);
        failures = 0;
      } catch (ForgeException e) {
        if (++failures > 50) {
          say("GAVEUP " + login + " " + e.getMessage());
          return;
        }
        pause(200);
        continue;
      }
      if (open.isEmpty()) {
        break;
      }
      Set<Long> openNumbers = new HashSet<>();
      open.forEach(i -> openNumbers.add(i.number()));
      List<Issue> ready = new ArrayList<>();
      for (Issue i : open) {
        boolean taken = i.assignee() != null || !i.assignees().isEmpty() || inProgress(i);
        if (taken) {
          reapIfStale(dev, issues, i, login);
        } else if (DependencyParser.parse(i.body() == null ? "" : i.body(), i.number()).stream()
            .noneMatch(openNumbers::contains)) {
          ready.add(i);
        }
      }
      if (ready.isEmpty()) {
        pause(100 + random.nextInt(100));
        continue;
      }
      long n = ready.get(random.nextInt(ready.size())).number();
      // A paged listing can miss an issue closed between its pages: the dependencies are read
      // one by one before the claim (closed stays closed, so this cannot go stale).
      try {
        if (!issues.checkDeps(n).ready()) {
          continue;
        }
      } catch (ForgeException e) {
        continue;
      }
      ClaimResult claim = issues.claim(n);
      if (!claim.claimed()) {
        continue;
      }
      claims++;
      working[0] = n;
      beat[0] = Instant.now();
      say("CLAIM " + n + " " + login);
      String branch = guard.branchFor("fix/issue-" + n);
      dev.call("POST", "/contents/fixes/issue-" + n + ".txt", Map.of(
          "message", "fix: issue #" + n, "new_branch", branch, "content",
          Base64.getEncoder().encodeToString(("fixed by " + login + "\n").getBytes(
              StandardCharsets.UTF_8))), Map.class);
      if (stalls && claims == stallAt) {
        say("STALLED " + n + " " + login);
        pause(Long.MAX_VALUE);
      }
      PrGuard.OpenResult pr = guard.open(n, branch, "fix: issue #" + n, "Fixes #" + n);
      if (!pr.ok()) {
        working[0] = 0;
        say("REFUSED " + n + " " + login + " " + pr.refusal().map(r -> r.reason().name())
            .orElse("CREATE_FAILED"));
        continue;
      }
      long p = pr.number().getAsLong();
      say("PR " + n + " " + login + " " + p);
      String sha = dev.get("/pulls/" + p, PullRequest.class).head().sha();
      reviewer.call("POST", "/issues/" + p + "/comments", Map.of("body", "## AI Review\n" + MARK
          + sha + " -->\n\nLooks right.\n\n### Verdict\n**APPROVE** — see above\n"), Map.class);
      WalkResult w = walk.walk(p, "", Path.of("."));
      working[0] = 0;
      if (w.merged()) {
        issues.close(n);
        merged++;
        say("MERGED " + n + " " + login + " " + p);
        // A dead agent's PR for the same issue is superseded now.
        for (PullRequest other : dev.getAll("/pulls?state=open", PullRequest.class)) {
          if (("fix: issue #" + n).equals(other.title())) {
            prs.close(other.number());
            say("SUPERSEDED " + n + " " + login + " " + other.number());
          }
        }
      } else {
        say("WALKED " + n + " " + login + " " + w.reason().wireName());
        issues.release(n);
      }
    }
    say("DONE " + login + " " + merged);
  }

  /** Gives back a claim whose agent stopped: no change (no heartbeat) for the lease. */
  private void reapIfStale(ForgeClient dev, IssueLifecycle issues, Issue i, String login) {
    // Taken (assigned or in-progress, also half-claimed by an agent killed mid-claim) and quiet.
    if (i.updatedAt() == null
        || Duration.between(i.updatedAt().toInstant(), Instant.now()).compareTo(lease) < 0) {
      return;
    }
    try {
      Issue again = dev.get("/issues/" + i.number(), Issue.class);
      if (!again.isOpen() || again.updatedAt() == null || !again.updatedAt().equals(i.updatedAt())) {
        return;
      }
      if (issues.release(i.number()).ok()) {
        say("REAPED " + i.number() + " " + login);
      }
    } catch (ForgeException e) {
      // Another agent may be reaping it too; the next round looks again.
    }
  }

  private static boolean inProgress(Issue i) {
    for (Label l : i.labels()) {
      if ("in-progress".equals(l.name())) {
        return true;
      }
    }
    return false;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
