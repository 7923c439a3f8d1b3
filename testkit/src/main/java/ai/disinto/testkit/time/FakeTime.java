package ai.disinto.testkit.time;

import ai.disinto.core.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock whose instant moves only when it is told to, or when the code under test waits on it as
 * its {@link Sleeper}: every {@link #sleep} returns at once, records the wait and advances the
 * clock by it. Pass the same object as the {@code Clock} and the {@code Sleeper} of the code under
 * test, and a loop that polls every 30 s for an hour runs in microseconds, always the same way.
 *
 * <p>Thread-safe. The zone is always UTC. One per test; never shared between tests.
 */
public final class FakeTime extends Clock implements Sleeper {
  /** Where {@link #FakeTime()} starts: {@code 2026-04-03T14:00:00Z}. */
  public static final Instant DEFAULT_START = Instant.parse("2026-04-03T14:00:00Z");

  private Instant now;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final List<Runnable> afterSleep = new CopyOnWriteArrayList<>();

  /** Fake time starting at {@link #DEFAULT_START}. */
  public FakeTime() {
    this(DEFAULT_START);
  }

  /**
   * Fake time starting at an instant.
   *
   * @param start the first instant
   */
  public FakeTime(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  /**
   * Fake time starting at an ISO-8601 instant.
   *
   * @param iso for example {@code 2026-04-06T06:30:09Z}
   * @return the fake time
   */
  public static FakeTime at(String iso) {
    return new FakeTime(Instant.parse(iso));
  }

  /**
   * Records the wait and advances the clock by it (a zero or negative wait records only), then
   * runs the actions registered with {@link #afterEachSleep}. Never blocks.
   *
   * @param duration the wait asked for
   */
  @Override
  public void sleep(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    sleeps.add(duration);
    if (!duration.isNegative()) {
      advance(duration);
    }
    afterSleep.forEach(Runnable::run);
  }

  /**
   * Registers an action to run after every sleep, once the clock has moved: for scripted actors
   * that take their turn while the code under test waits (a CI bot finishing a pipeline).
   *
   * @param action the action
   * @return this fake time
   */
  public FakeTime afterEachSleep(Runnable action) {
    afterSleep.add(Objects.requireNonNull(action, "action"));
    return this;
  }

  /**
   * Moves the clock forward without recording a sleep.
   *
   * @param duration how far; not negative
   * @throws IllegalArgumentException when the duration is negative
   */
  public synchronized void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("time does not go back: " + duration);
    }
    now = now.plus(duration);
  }

  /**
   * Sets the clock to an instant, forward or back, without recording a sleep.
   *
   * @param instant the new instant
   */
  public synchronized void set(Instant instant) {
    now = Objects.requireNonNull(instant, "instant");
  }

  /**
   * Every wait asked for so far, in order.
   *
   * @return an unmodifiable copy
   */
  public List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  /**
   * The total of the positive waits so far.
   *
   * @return the time slept
   */
  public Duration slept() {
    return sleeps.stream().filter(d -> !d.isNegative()).reduce(Duration.ZERO, Duration::plus);
  }

  /**
   * The current fake instant.
   *
   * @return the instant
   */
  @Override
  public synchronized Instant instant() {
    return now;
  }

  /**
   * The zone: always UTC.
   *
   * @return {@link ZoneOffset#UTC}
   */
  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /**
   * This fake time itself: its zone is always UTC, so that every view moves with the one clock.
   *
   * @param zone ignored
   * @return this fake time
   */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public String toString() {
    return "FakeTime[" + instant() + "]";
  }
}
