package ai.disinto.core;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@link Sleeper#system()}: a class of its own rather than a lambda, so that a command line that
 * never waits does not spin up the JVM's lambda machinery just to hold one.
 */
enum SystemSleeper implements Sleeper {
  INSTANCE;

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (!duration.isNegative() && !duration.isZero()) {
      TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    }
  }
}
