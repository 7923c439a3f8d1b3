package ai.disinto.forge.pulls;

import ai.disinto.core.DisintoException;
import ai.disinto.core.Sleeper;
import java.time.Duration;
import java.util.Objects;

/** The waiting and argument checks the polls and the walk share. */
final class Waits {
  private Waits() {}

  /** Sleeps; an interrupt restores the flag and ends the wait with an exception naming it. */
  static void sleep(Sleeper sleeper, Duration d, String what) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DisintoException("interrupted while " + what, e);
    }
  }

  static void checkPolling(Duration timeout, Duration interval) {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(interval, "interval");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative: " + timeout);
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive: " + interval);
    }
  }

  /** Whole seconds, as the original's log lines count them. */
  static String seconds(Duration d) {
    return Long.toString(d.toSeconds());
  }
}
