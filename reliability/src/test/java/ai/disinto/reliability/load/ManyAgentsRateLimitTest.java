package ai.disinto.reliability.load;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.HostLimits;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.forge.client.model.Comment;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.testkit.forgejo.MockForgejo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Sixteen agents, each with its own client, file issues and comment on them against one forge
 * that answers 429 above 100 requests a second. The clients share their host's limits (as all
 * clients of one process do): the factory slows down, and nothing is lost or done twice.
 */
class ManyAgentsRateLimitTest {
  static final int AGENTS = 16;
  static final int ISSUES_EACH = 4;

  @Test
  void sixteenAgentsAgainstARateLimitedForgeLoseNothingAndDuplicateNothing() throws Exception {
    try (MockForgejo m = MockForgejo.builder().threads(16).start()) {
      m.seed().user("dev-bot", u -> u.token("tok-agent-5ecret"));
      m.seed().repo("o/r", r -> r.collaborator("dev-bot", "write"));
      m.faults().rateLimit(25, Duration.ofMillis(250), 1);
      HostLimits limits = HostLimits.of(HostLimits.DEFAULT_MAX_CONCURRENT, Duration.ZERO);
      ExecutorService pool = Executors.newFixedThreadPool(AGENTS);
      CountDownLatch go = new CountDownLatch(1);
      long start = System.nanoTime();
      List<Future<List<Long>>> agents = new ArrayList<>();
      try {
        for (int a = 0; a < AGENTS; a++) {
          int agent = a;
          agents.add(pool.submit(() -> {
            ForgeClient c = ForgeClient.builder().baseUrl(m.baseUrl()).repo("o/r")
                .token("tok-agent-5ecret").hostLimits(limits).retryPolicy(RetryPolicy.defaults())
                .build();
            go.await();
            List<Long> filed = new ArrayList<>();
            for (int i = 0; i < ISSUES_EACH; i++) {
              Issue issue = c.call("POST", "/issues",
                  Map.of("title", "agent " + agent + " issue " + i), Issue.class);
              c.call("POST", "/issues/" + issue.number() + "/comments",
                  Map.of("body", "agent " + agent + " was here on " + i), Comment.class);
              filed.add(issue.number());
            }
            return filed;
          }));
        }
        go.countDown();
        for (Future<List<Long>> f : agents) {
          assertThat(f.get(120, TimeUnit.SECONDS)).hasSize(ISSUES_EACH);
        }
      } finally {
        pool.shutdownNow();
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      long refused = m.faults().rateLimited();
      m.faults().clear();
      ai.disinto.reliability.secrets.SecretsWatch.checkJournal(m);

      ForgeClient referee = ForgeClient.builder().baseUrl(m.baseUrl()).repo("o/r")
          .token("tok-agent-5ecret").hostLimits(HostLimits.of(4, Duration.ZERO)).build();
      List<Issue> issues = referee.getAll("/issues?state=all&type=issues", Issue.class);
      Set<String> titles = new HashSet<>();
      for (Issue i : issues) {
        assertThat(titles.add(i.title())).as("filed twice: %s", i.title()).isTrue();
        List<Comment> comments = referee.getAll("/issues/" + i.number() + "/comments",
            Comment.class);
        assertThat(comments).as("comments of #%d", i.number()).hasSize(1);
      }
      assertThat(issues).hasSize(AGENTS * ISSUES_EACH);
      assertThat(refused).as("the forge did refuse some requests: the test exercised the limit")
          .isPositive();
      System.out.printf("16 agents, %d issues and %d comments against a forge limited to 100"
          + " requests/s: %d refused with 429, %d requests held back for another client's"
          + " Retry-After, %d throttled, took %d ms; 0 lost, 0 duplicated%n",
          issues.size(), issues.size(), refused, limits.heldBackRequests(),
          limits.throttledRequests(), took.toMillis());
    }
  }
}
