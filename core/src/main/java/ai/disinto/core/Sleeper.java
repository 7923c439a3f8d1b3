package ai.disinto.core;

import java.time.Duration;

/**
 * Waits: between retries, between polls, while a lock is held elsewhere. Every library method that
 * waits takes one, so that tests pass a sleeper that advances a fake clock instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Waits for {@code duration}.
   *
   * @param duration how long to wait; zero or negative returns at once
   * @throws InterruptedException when the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * The sleeper that really blocks the calling thread.
   *
   * @return a sleeper backed by {@link java.util.concurrent.TimeUnit#sleep}
   */
  static Sleeper system() {
    return SystemSleeper.INSTANCE;
  }
}
