package ai.disinto.testkit.forgejo;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The fault rules of one {@link MockForgejo}. Thread-safe. Every rule keeps its own count of the
 * requests that matched it.
 */
public final class Faults {
  private final List<Fault> rules = new ArrayList<>();
  private final List<Integer> counts = new ArrayList<>();

  private int rateRequests;
  private long rateWindowNanos;
  private int rateRetryAfter;
  private final ArrayDeque<Long> recent = new ArrayDeque<>();
  private long rateLimited;

  Faults() {}

  /**
   * A rate limit on the API (not on {@code /_mock/} control requests): a request beyond {@code
   * requests} within the last {@code window} of wall-clock time is answered 429 with {@code
   * Retry-After: retryAfterSeconds}, without touching the mock's state; answered requests count
   * against the window, refused ones do not. {@link #clear()} lifts it.
   *
   * @param requests requests allowed per window, at least 1
   * @param window the sliding window
   * @param retryAfterSeconds the Retry-After sent with the 429
   * @return this, for chaining
   */
  public synchronized Faults rateLimit(int requests, Duration window, int retryAfterSeconds) {
    if (requests < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("requests must be >= 1 and window positive");
    }
    rateRequests = requests;
    rateWindowNanos = window.toNanos();
    rateRetryAfter = retryAfterSeconds;
    recent.clear();
    return this;
  }

  /**
   * How many requests the rate limit refused.
   *
   * @return the count since the limit was set
   */
  public synchronized long rateLimited() {
    return rateLimited;
  }

  /** The Retry-After of a refusal when this request is over the rate, else -1; counts it. */
  synchronized int overRate() {
    if (rateRequests == 0) {
      return -1;
    }
    long now = System.nanoTime();
    while (!recent.isEmpty() && now - recent.peekFirst() >= rateWindowNanos) {
      recent.removeFirst();
    }
    if (recent.size() >= rateRequests) {
      rateLimited++;
      return Math.max(0, rateRetryAfter);
    }
    recent.addLast(now);
    return -1;
  }

  /**
   * Adds a rule; its call count starts at zero.
   *
   * @param fault the rule
   * @return this, for chaining
   */
  public synchronized Faults add(Fault fault) {
    rules.add(fault);
    counts.add(0);
    return this;
  }

  /** Removes every rule. */
  public synchronized void clear() {
    rules.clear();
    counts.clear();
    rateRequests = 0;
    recent.clear();
    rateLimited = 0;
  }

  /**
   * The rules as they stand.
   *
   * @return an immutable copy
   */
  public synchronized List<Fault> rules() {
    return List.copyOf(rules);
  }

  /**
   * Counts the request against every matching rule and returns the rules that hit it, in the
   * order they were added.
   */
  synchronized List<Fault> hits(String method, String path) {
    List<Fault> hit = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      Fault f = rules.get(i);
      if (f.matches(method, path)) {
        int n = counts.get(i) + 1;
        counts.set(i, n);
        if (f.hitsCall(n)) {
          hit.add(f);
        }
      }
    }
    return hit;
  }
}
