package ai.disinto.forge.client;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.forge.client.model.Issue;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import ai.disinto.testkit.forgejo.RecordedRequest;
import ai.disinto.testkit.time.FakeTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The per-host limits shared by the clients of one process. */
@ExtendWith(MockForgejoExtension.class)
class HostLimitsTest {

  private static ForgeClient client(MockForgejo m, HostLimits limits, FakeTime time,
      RetryPolicy policy) {
    return ForgeClient.builder().baseUrl(m.baseUrl()).repo("o/r").token("tok")
        .hostLimits(limits).clock(time).sleeper(time).retryPolicy(policy).build();
  }

  private static void world(MockForgejo m) {
    m.seed().user("dev-bot", u -> u.token("tok"));
    m.seed().repo("o/r", r -> r.collaborator("dev-bot", "write"));
  }

  @Test
  void aPostRefusedWith429IsSentAgainAfterItsRetryAfterAndFiledOnce(MockForgejo m) {
    world(m);
    FakeTime time = new FakeTime();
    m.faults().add(Fault.on("POST", "/repos/o/r/issues").withRateLimit(3).times(1));

    Issue filed = client(m, HostLimits.of(4, Duration.ZERO), time, RetryPolicy.defaults())
        .call("POST", "/issues", Map.of("title", "once"), Issue.class);

    assertThat(filed.title()).isEqualTo("once");
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3));
    assertThat(m.journal()).filteredOn(r -> r.method().equals("POST"))
        .extracting(RecordedRequest::status).containsExactly(429, 201);
  }

  @Test
  void aRetryAfterOneClientGotHoldsBackTheFirstRequestOfAnother(MockForgejo m) {
    world(m);
    FakeTime time = new FakeTime();
    HostLimits limits = HostLimits.of(4, Duration.ZERO);
    m.faults().add(Fault.on("GET", "/version").withRateLimit(30).times(1));
    ForgeClient first = client(m, limits, time, RetryPolicy.none());
    ForgeClient second = client(m, limits, time, RetryPolicy.defaults());

    assertThat(first.sendRoot("GET", "/version", null).status()).isEqualTo(429);
    second.sendRoot("GET", "/version", null);

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(30));
    assertThat(limits.heldBackRequests()).isEqualTo(1);
  }

  @Test
  void aClientThatNeverRetriesIsNotHeldBack(MockForgejo m) {
    world(m);
    FakeTime time = new FakeTime();
    HostLimits limits = HostLimits.of(4, Duration.ZERO);
    m.faults().add(Fault.on("GET", "/version").withRateLimit(30).times(1));
    ForgeClient c = client(m, limits, time, RetryPolicy.none());

    c.sendRoot("GET", "/version", null);
    c.sendRoot("GET", "/version", null);

    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void theMinimumIntervalSpacesTheStartsOfRequestsToOneHost(MockForgejo m) {
    world(m);
    FakeTime time = new FakeTime();
    HostLimits limits = HostLimits.of(4, Duration.ofMillis(250));
    ForgeClient c = client(m, limits, time, RetryPolicy.none());

    for (int i = 0; i < 4; i++) {
      c.sendRoot("GET", "/version", null);
    }

    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(250),
        Duration.ofMillis(250));
  }

  @Test
  void noMoreRequestsThanTheCapAreInFlightToOneHost(MockForgejo m) throws Exception {
    world(m);
    m.faults().add(Fault.on("GET", "/version").withDelay(Duration.ofMillis(100)));
    HostLimits limits = HostLimits.of(2, Duration.ZERO);
    List<ForgeClient> clients = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      clients.add(ForgeClient.builder().baseUrl(m.baseUrl()).token("tok").hostLimits(limits)
          .retryPolicy(RetryPolicy.none()).build());
    }
    ExecutorService pool = Executors.newFixedThreadPool(6);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Integer>> fs = new ArrayList<>();
      for (ForgeClient c : clients) {
        fs.add(pool.submit(() -> {
          go.await();
          return c.sendRoot("GET", "/version", null).status();
        }));
      }
      go.countDown();
      for (Future<Integer> f : fs) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(limits.throttledRequests()).as("with a cap of 2, four of six waited")
        .isGreaterThanOrEqualTo(4);
  }
}
