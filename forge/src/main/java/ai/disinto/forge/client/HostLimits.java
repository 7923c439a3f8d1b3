package ai.disinto.forge.client;

import ai.disinto.core.Sleeper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-host request limits shared by every {@link ForgeClient} that uses one instance (by default
 * {@link #shared()}, one per process): at most {@code maxConcurrent} requests in flight to a host,
 * at least {@code minInterval} between the starts of two requests to it, and a {@code
 * Retry-After} that one client received (on a 429 or 503) held back the first attempts of every
 * other client of that host until it has passed. This is Renovate's host-rule model (concurrent
 * request limit and request throttle per host) for many agents of one factory sharing one forge.
 *
 * <p>The state of a host is kept per clock: clients on the system clock share it, a test's fake
 * clock gets its own. A wait for another client's {@code Retry-After} is at most the waiting
 * client's retry budget ({@link RetryPolicy#maxElapsed()}), and none for a client that never
 * retries: it would rather fail than wait. Thread-safe.
 */
public final class HostLimits {
  private static final Logger LOG = LoggerFactory.getLogger(HostLimits.class);
  /** The default in-flight limit per host. */
  public static final int DEFAULT_MAX_CONCURRENT = 16;
  private static final HostLimits SHARED = new HostLimits(DEFAULT_MAX_CONCURRENT, Duration.ZERO);

  private final int defaultMaxConcurrent;
  private final Duration defaultMinInterval;
  private final Map<String, int[]> concurrencyRules = new ConcurrentHashMap<>();
  private final Map<String, Duration> intervalRules = new ConcurrentHashMap<>();
  private final Map<Key, Gate> gates = new ConcurrentHashMap<>();
  private final AtomicLong throttled = new AtomicLong();
  private final AtomicLong heldBack = new AtomicLong();

  private HostLimits(int maxConcurrent, Duration minInterval) {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("maxConcurrent must be at least 1");
    }
    Objects.requireNonNull(minInterval, "minInterval");
    if (minInterval.isNegative()) {
      throw new IllegalArgumentException("minInterval must not be negative");
    }
    this.defaultMaxConcurrent = maxConcurrent;
    this.defaultMinInterval = minInterval;
  }

  /**
   * The limits of this process, used by every client built without {@link
   * ForgeClientBuilder#hostLimits}: {@value #DEFAULT_MAX_CONCURRENT} requests in flight per host,
   * no minimum interval, {@code Retry-After} shared.
   *
   * @return the process-wide instance
   */
  public static HostLimits shared() {
    return SHARED;
  }

  /**
   * A separate set of limits with these defaults for every host (for a group of clients that
   * must not share state with the rest of the process, such as a test).
   *
   * @param maxConcurrent requests in flight per host, at least 1
   * @param minInterval least time between the starts of two requests to one host
   * @return the new instance
   * @throws IllegalArgumentException when a value is out of range
   */
  public static HostLimits of(int maxConcurrent, Duration minInterval) {
    return new HostLimits(maxConcurrent, minInterval);
  }

  /**
   * Sets the limits of one host ({@code host:port}, as in the forge URL), replacing the defaults
   * for it; clients already holding the host's state keep its old in-flight limit.
   *
   * @param authority {@code host:port}
   * @param maxConcurrent requests in flight, at least 1
   * @param minInterval least time between the starts of two requests
   * @return this, for chaining
   * @throws IllegalArgumentException when a value is out of range
   */
  public HostLimits limit(String authority, int maxConcurrent, Duration minInterval) {
    if (maxConcurrent < 1 || minInterval.isNegative()) {
      throw new IllegalArgumentException("maxConcurrent must be >= 1, minInterval >= 0");
    }
    String key = authority.toLowerCase(Locale.ROOT);
    concurrencyRules.put(key, new int[] {maxConcurrent});
    intervalRules.put(key, minInterval);
    return this;
  }

  /**
   * How many request starts had to wait for the minimum interval or the in-flight limit.
   *
   * @return the count since this instance was made
   */
  public long throttledRequests() {
    return throttled.get();
  }

  /**
   * How many first attempts waited for a {@code Retry-After} another request had received.
   *
   * @return the count since this instance was made
   */
  public long heldBackRequests() {
    return heldBack.get();
  }

  /** The layer of one client, below the retry layer: it sees every attempt. */
  Wire wrap(Wire next, Clock clock, Sleeper sleeper, RetryPolicy policy) {
    Duration cap = policy.maxRetries() == 0 ? Duration.ZERO : policy.maxElapsed();
    return new Limited(next, clock, sleeper, cap);
  }

  /** Takes the host's permit and start slot around each attempt. */
  private final class Limited implements Wire {
    private final Wire next;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration cap;

    Limited(Wire next, Clock clock, Sleeper sleeper, Duration cap) {
      this.next = next;
      this.clock = clock;
      this.sleeper = sleeper;
      this.cap = cap;
    }

    @Override
    public WireResponse send(WireRequest request) throws IOException {
      Gate gate = gate(request.url(), clock);
      boolean firstAttempt = request.tag().retries == 0;
      gate.enter(clock, sleeper, firstAttempt ? cap : Duration.ZERO);
      try {
        WireResponse response = next.send(request);
        if (response.code() == 429 || response.code() == 503) {
          RetryAfter.parse(response.header("Retry-After"), clock)
              .ifPresent(d -> gate.holdUntil(clock.instant(), d));
        }
        return response;
      } finally {
        gate.permits.release();
      }
    }
  }

  private Gate gate(Url url, Clock clock) {
    String authority = (url.host() + ":" + url.port()).toLowerCase(Locale.ROOT);
    return gates.computeIfAbsent(new Key(authority, clock), k -> {
      int[] c = concurrencyRules.get(authority);
      Duration i = intervalRules.get(authority);
      return new Gate(authority, c != null ? c[0] : defaultMaxConcurrent,
          i != null ? i : defaultMinInterval);
    });
  }

  private record Key(String authority, Clock clock) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.authority.equals(authority) && k.clock == clock;
    }

    @Override
    public int hashCode() {
      return authority.hashCode() * 31 + System.identityHashCode(clock);
    }
  }

  /** One host's state on one clock. */
  private final class Gate {
    final String authority;
    final Semaphore permits;
    final Duration minInterval;
    Instant nextStart = Instant.MIN;
    Instant heldUntil = Instant.MIN;

    Gate(String authority, int maxConcurrent, Duration minInterval) {
      this.authority = authority;
      this.permits = new Semaphore(maxConcurrent, true);
      this.minInterval = minInterval;
    }

    /**
     * Takes a permit, then reserves the next start slot and waits for it once (no loop: a sleeper
     * that does not move the clock must not spin). The permit is released by the caller.
     */
    void enter(Clock clock, Sleeper sleeper, Duration heldBackCap) throws IOException {
      boolean waited = !permits.tryAcquire();
      if (waited) {
        try {
          permits.acquire();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new Interceptors.RetryInterrupted();
        }
      }
      Duration wait;
      boolean held = false;
      synchronized (this) {
        Instant now = clock.instant();
        Instant at = nextStart.isAfter(now) ? nextStart : now;
        if (heldUntil.isAfter(at) && !heldBackCap.isZero()) {
          Instant capped = now.plus(heldBackCap);
          at = heldUntil.isAfter(capped) ? capped : heldUntil;
          held = true;
        }
        nextStart = minInterval.isZero() ? nextStart : at.plus(minInterval);
        wait = Duration.between(now, at);
      }
      if (held) {
        heldBack.incrementAndGet();
      }
      if (waited || !wait.isZero()) {
        throttled.incrementAndGet();
      }
      if (!wait.isZero()) {
        LOG.debug("{}: waiting {} before the next request", authority, wait);
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException e) {
          permits.release();
          Thread.currentThread().interrupt();
          throw new Interceptors.RetryInterrupted();
        }
      }
    }

    synchronized void holdUntil(Instant now, Duration retryAfter) {
      Duration d = retryAfter.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : retryAfter;
      Instant until = now.plus(d);
      if (until.isAfter(heldUntil)) {
        heldUntil = until;
      }
    }
  }
}
