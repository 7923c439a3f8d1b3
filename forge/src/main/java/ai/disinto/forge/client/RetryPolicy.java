package ai.disinto.forge.client;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how long a {@link ForgeClient} waits before repeating a failed request.
 *
 * <p>A request is repeated only when it is safe to repeat (GET, HEAD, PUT, DELETE, OPTIONS, or any
 * method on a client made with {@link ForgeClient#withIdempotentWrites()}) and it failed in a way
 * that may pass on a second try: no response (connection refused or reset, timeout), a 5xx, or a
 * 429. The n-th retry waits {@code initialBackoff * multiplier^(n-1)}, at most {@code maxBackoff},
 * spread by {@code ±jitter}; a {@code Retry-After} header (seconds or an HTTP date) on a 429 or
 * 5xx is waited instead. Retrying stops after {@code maxRetries} retries or when the next wait
 * would end more than {@code maxElapsed} after the first attempt began. The original
 * {@code forge_api} never retries.
 *
 * @param maxRetries how many times a request may be repeated; 0 disables retries
 * @param initialBackoff the wait before the first retry
 * @param maxBackoff the longest computed wait (a {@code Retry-After} may ask for more)
 * @param multiplier the growth of the wait from one retry to the next, at least 1
 * @param jitter the random spread of a computed wait, 0 (none) to 1 (0 to twice the wait)
 * @param maxElapsed the time budget from the first attempt to the end of the last wait
 */
public record RetryPolicy(
    int maxRetries,
    Duration initialBackoff,
    Duration maxBackoff,
    double multiplier,
    double jitter,
    Duration maxElapsed) {

  /** Checks the values. */
  public RetryPolicy {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries < 0: " + maxRetries);
    }
    requireNotNegative(initialBackoff, "initialBackoff");
    requireNotNegative(maxBackoff, "maxBackoff");
    requireNotNegative(maxElapsed, "maxElapsed");
    if (!(multiplier >= 1.0)) {
      throw new IllegalArgumentException("multiplier < 1: " + multiplier);
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter outside 0..1: " + jitter);
    }
  }

  private static void requireNotNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " is negative");
    }
  }

  /**
   * The default: up to 4 retries, waits of 0.5 s, 1 s, 2 s, 4 s (at most 10 s) spread by ±20 %,
   * within 60 s in all.
   *
   * @return the default policy
   */
  public static RetryPolicy defaults() {
    return new RetryPolicy(
        4, Duration.ofMillis(500), Duration.ofSeconds(10), 2.0, 0.2, Duration.ofSeconds(60));
  }

  /**
   * A policy that never retries, like the original {@code forge_api}.
   *
   * @return the policy with {@code maxRetries = 0}
   */
  public static RetryPolicy none() {
    return defaults().withMaxRetries(0);
  }

  /**
   * Copies this policy with another retry count.
   *
   * @param n how many times a request may be repeated
   * @return the new policy
   */
  public RetryPolicy withMaxRetries(int n) {
    return new RetryPolicy(n, initialBackoff, maxBackoff, multiplier, jitter, maxElapsed);
  }

  /**
   * Copies this policy with other computed waits.
   *
   * @param initial the wait before the first retry
   * @param max the longest computed wait
   * @return the new policy
   */
  public RetryPolicy withBackoff(Duration initial, Duration max) {
    return new RetryPolicy(maxRetries, initial, max, multiplier, jitter, maxElapsed);
  }

  /**
   * Copies this policy with another growth factor.
   *
   * @param m the multiplier, at least 1
   * @return the new policy
   */
  public RetryPolicy withMultiplier(double m) {
    return new RetryPolicy(maxRetries, initialBackoff, maxBackoff, m, jitter, maxElapsed);
  }

  /**
   * Copies this policy with another random spread.
   *
   * @param j the jitter, 0 to 1
   * @return the new policy
   */
  public RetryPolicy withJitter(double j) {
    return new RetryPolicy(maxRetries, initialBackoff, maxBackoff, multiplier, j, maxElapsed);
  }

  /**
   * Copies this policy with another time budget.
   *
   * @param budget the time from the first attempt to the end of the last wait
   * @return the new policy
   */
  public RetryPolicy withMaxElapsed(Duration budget) {
    return new RetryPolicy(maxRetries, initialBackoff, maxBackoff, multiplier, jitter, budget);
  }

  /**
   * The computed wait before retry number {@code retry}.
   *
   * @param retry 1 for the first retry
   * @param random a number in {@code [0, 1)} that places the wait within the jitter
   * @return the wait
   */
  Duration backoff(int retry, double random) {
    double base = initialBackoff.toNanos() * Math.pow(multiplier, Math.max(0, retry - 1));
    base = Math.min(base, maxBackoff.toNanos());
    double spread = base * (1.0 - jitter + 2.0 * jitter * random);
    return Duration.ofNanos((long) Math.min(spread, maxBackoff.toNanos()));
  }
}
