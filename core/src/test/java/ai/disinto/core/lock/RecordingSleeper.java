package ai.disinto.core.lock;

import ai.disinto.core.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sleeper that records each pause and advances a fake clock instead of waiting. */
final class RecordingSleeper implements Sleeper {
  private final FakeClock clock;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  RecordingSleeper(FakeClock clock) {
    this.clock = clock;
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    clock.advance(duration);
  }

  List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }
}
