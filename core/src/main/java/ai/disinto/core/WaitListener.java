package ai.disinto.core;

/**
 * Hears about the waits of a long-running library call (CI polling, review polling, a held lock),
 * so that a caller can show what is being waited for and for how long. The library itself never
 * writes to a terminal: it only tells the listener, which may render a status line, feed a UI or
 * do nothing.
 *
 * <p>{@link #waiting} is called right before each pause of the wait, on the waiting thread;
 * {@link #waitEnded} once when the wait is over, however it ended (success, failure, timeout,
 * exception). Implementations should return quickly and must not throw.
 */
@FunctionalInterface
public interface WaitListener {
  /** The listener that ignores every event: what a library call uses when none is given. */
  WaitListener NONE = progress -> { };

  /**
   * A pause of the wait is about to start.
   *
   * @param progress what is waited for, how long it has been waited for and the limit
   */
  void waiting(WaitProgress progress);

  /** The wait is over; nothing is waited for until the next {@link #waiting} call. */
  default void waitEnded() { }
}
