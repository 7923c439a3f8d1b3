package ai.disinto.forge.pulls;

import ai.disinto.core.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records every wait instead of sleeping; optionally runs an action after the n-th wait. */
final class RecordingSleeper implements Sleeper {
  final List<Duration> sleeps = new ArrayList<>();
  private final List<Runnable> afterEach = new ArrayList<>();

  /** Runs {@code action} right after wait number {@code n} (1-based). */
  RecordingSleeper after(int n, Runnable action) {
    while (afterEach.size() < n) {
      afterEach.add(() -> { });
    }
    afterEach.set(n - 1, action);
    return this;
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    if (sleeps.size() <= afterEach.size()) {
      afterEach.get(sleeps.size() - 1).run();
    }
  }
}
