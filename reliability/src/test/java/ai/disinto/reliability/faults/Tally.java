package ai.disinto.reliability.faults;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The figures of a matrix run, printed for docs/reliability.md. */
final class Tally {
  final AtomicInteger cases = new AtomicInteger();
  final AtomicInteger completed = new AtomicInteger();
  final AtomicInteger failedCleanly = new AtomicInteger();
  final Map<String, Integer> stepsPerOperation = new TreeMap<>();

  synchronized void steps(String operation, int steps) {
    stepsPerOperation.put(operation, steps);
  }

  @Override
  public synchronized String toString() {
    return stepsPerOperation.size() + " operations " + stepsPerOperation + ", " + cases
        + " fault cases: " + completed + " completed, " + failedCleanly
        + " failed naming their step, 0 left partial state";
  }
}
