package ai.disinto.testkit.forgejo;

import java.util.ArrayList;
import java.util.List;

/**
 * The fault rules of one {@link MockForgejo}. Thread-safe. Every rule keeps its own count of the
 * requests that matched it.
 */
public final class Faults {
  private final List<Fault> rules = new ArrayList<>();
  private final List<Integer> counts = new ArrayList<>();

  Faults() {}

  /**
   * Adds a rule; its call count starts at zero.
   *
   * @param fault the rule
   * @return this, for chaining
   */
  public synchronized Faults add(Fault fault) {
    rules.add(fault);
    counts.add(0);
    return this;
  }

  /** Removes every rule. */
  public synchronized void clear() {
    rules.clear();
    counts.clear();
  }

  /**
   * The rules as they stand.
   *
   * @return an immutable copy
   */
  public synchronized List<Fault> rules() {
    return List.copyOf(rules);
  }

  /**
   * Counts the request against every matching rule and returns the rules that hit it, in the
   * order they were added.
   */
  synchronized List<Fault> hits(String method, String path) {
    List<Fault> hit = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      Fault f = rules.get(i);
      if (f.matches(method, path)) {
        int n = counts.get(i) + 1;
        counts.set(i, n);
        if (f.hitsCall(n)) {
          hit.add(f);
        }
      }
    }
    return hit;
  }
}
