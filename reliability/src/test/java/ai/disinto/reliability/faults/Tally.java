package ai.disinto.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The figures of a matrix run, printed for docs/reliability.md. */
final class Tally {
  final AtomicInteger cases = new AtomicInteger();
  final AtomicInteger completed = new AtomicInteger();
  final AtomicInteger failedCleanly = new AtomicInteger();
  /** Cases whose check found half-made state or a wrong outcome (each also fails its test). */
  final AtomicInteger leftPartial = new AtomicInteger();
  final Map<String, Integer> stepsPerOperation = new TreeMap<>();

  synchronized void steps(String operation, int steps) {
    stepsPerOperation.put(operation, steps);
  }

  /**
   * Asserts what every matrix must end with: some cases ran, each ended one of the three counted
   * ways, and none left partial state.
   */
  synchronized void assertEveryCaseEndedCleanly() {
    assertThat(cases.get()).isPositive()
        .isEqualTo(completed.get() + failedCleanly.get() + leftPartial.get());
    assertThat(leftPartial.get()).as("cases that left partial state").isZero();
  }

  @Override
  public synchronized String toString() {
    return stepsPerOperation.size() + " operations " + stepsPerOperation + ", " + cases
        + " fault cases: " + completed + " completed, " + failedCleanly
        + " failed naming their step, " + leftPartial + " left partial state";
  }
}
