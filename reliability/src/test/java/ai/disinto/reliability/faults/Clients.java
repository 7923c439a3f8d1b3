package ai.disinto.reliability.faults;

import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeClientBuilder;
import ai.disinto.forge.client.HostLimits;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.time.FakeTime;
import java.time.Duration;
import okhttp3.OkHttpClient;

/** The clients of the matrix: production retry policy, short timeouts, fake time. */
final class Clients {
  /**
   * One pool for every client of the matrix, emptied before each case: a new pool per client
   * would pile up idle connections until the mock's server closes some of them under a client
   * that is about to reuse one.
   */
  static final OkHttpClient POOL = new OkHttpClient();

  /**
   * Whether {@link #forge} builds short-lived clients ({@code ForgeClientBuilder.shortLived}: the
   * plain-socket wire a CLI call uses) instead of clients on the shared OkHttp pool; set by the
   * matrix that runs the CLI's operations on that wire, for its own run only.
   */
  static volatile boolean plainWire;

  private Clients() {}

  static void freshConnections() {
    POOL.connectionPool().evictAll();
  }

  static ForgeClient forge(String baseUrl, String repo, String token, FakeTime time) {
    ForgeClientBuilder b = ForgeClient.builder().baseUrl(baseUrl).repo(repo).token(token)
        .retryPolicy(RetryPolicy.defaults()).clock(time).sleeper(time)
        .hostLimits(HostLimits.of(8, Duration.ZERO))
        .timeouts(Duration.ofSeconds(2), FaultKind.READ_TIMEOUT, Duration.ofSeconds(10));
    return (plainWire ? b.shortLived(true) : b.httpClient(POOL)).build();
  }

  /** A client for checking the state afterwards: no faults apply by then, no retries needed. */
  static ForgeClient referee(MockForgejo m, String repo, String token) {
    return ForgeClient.builder().baseUrl(m.baseUrl()).repo(repo).token(token)
        .httpClient(POOL).retryPolicy(RetryPolicy.none()).hostLimits(HostLimits.of(8, Duration.ZERO))
        .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(20)).build();
  }
}
