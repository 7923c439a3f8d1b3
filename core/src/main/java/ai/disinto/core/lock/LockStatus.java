package ai.disinto.core.lock;

import java.util.Objects;

/**
 * The state of a project's stack lock, as {@code stack_lock_check} in {@code lib/stack-lock.sh}
 * prints it.
 */
public sealed interface LockStatus {
  /**
   * The original's stdout form of this status.
   *
   * @return {@code free}, {@code held:<holder>} or {@code stale:<holder>}
   */
  String render();

  /** No lock file. */
  record Free() implements LockStatus {
    @Override
    public String render() {
      return "free";
    }
  }

  /**
   * A lock whose heartbeat is recent enough.
   *
   * @param holder the holder named in the file; {@code unknown} when it names none
   */
  record Held(String holder) implements LockStatus {
    /** Checks the holder is present. */
    public Held {
      Objects.requireNonNull(holder, "holder");
    }

    @Override
    public String render() {
      return "held:" + holder;
    }
  }

  /**
   * A lock whose heartbeat is missing, unreadable or too old; the next acquirer breaks it.
   *
   * @param holder the holder named in the file; {@code unknown} when it names none
   */
  record Stale(String holder) implements LockStatus {
    /** Checks the holder is present. */
    public Stale {
      Objects.requireNonNull(holder, "holder");
    }

    @Override
    public String render() {
      return "stale:" + holder;
    }
  }
}
