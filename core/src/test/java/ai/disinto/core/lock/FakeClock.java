package ai.disinto.core.lock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves only when told to. */
final class FakeClock extends Clock {
  private final AtomicReference<Instant> now;

  FakeClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  static FakeClock at(String iso) {
    return new FakeClock(Instant.parse(iso));
  }

  void advance(Duration d) {
    now.updateAndGet(t -> t.plus(d));
  }

  void set(Instant t) {
    now.set(t);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
