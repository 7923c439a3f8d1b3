package ai.disinto.log;

import java.time.Clock;
import java.util.Objects;

/**
 * Binds the {@link LogTarget} that receives the log lines of the current invocation.
 *
 * <p>A binding holds for the calling thread and for every thread it starts while bound (a
 * heartbeat thread, a walk's helper), so that in-process CLI runs in parallel threads each see
 * their own lines. Threads that existed before (a pool started earlier) keep the target they had.
 * Where nothing is bound, lines go to the process-wide default: standard error, agent {@value
 * LogLine#DEFAULT_AGENT}, the system clock, level {@code INFO} and above.
 */
public final class FactoryLogging {
  private static final LogTarget STDERR =
      LogTarget.printingTo(LogLine.DEFAULT_AGENT, Clock.systemUTC(), System.err);
  private static volatile LogTarget fallback = STDERR;
  private static final InheritableThreadLocal<LogTarget> BOUND = new InheritableThreadLocal<>();

  private FactoryLogging() {}

  /**
   * Binds a target for the calling thread (and the threads it starts) until the returned binding
   * is closed; closing restores what was bound before. Use it with try-with-resources.
   *
   * @param target the target
   * @return the binding
   */
  public static Binding bind(LogTarget target) {
    Objects.requireNonNull(target, "target");
    LogTarget previous = BOUND.get();
    BOUND.set(target);
    return new Binding(previous);
  }

  /**
   * The target that lines logged now on this thread go to.
   *
   * @return the bound target, or the process-wide default
   */
  public static LogTarget current() {
    LogTarget t = BOUND.get();
    return t != null ? t : fallback;
  }

  /**
   * Replaces the process-wide default target, used on threads where nothing is bound (a main
   * calls this once, for example to honour {@code --debug} on threads it does not start).
   *
   * @param target the new default; {@code null} restores standard error
   */
  public static void setDefault(LogTarget target) {
    fallback = target == null ? STDERR : target;
  }

  /** A binding made by {@link #bind}; closing it restores the previous target of the thread. */
  public static final class Binding implements AutoCloseable {
    private final LogTarget previous;
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    private Binding(LogTarget previous) {
      this.previous = previous;
    }

    /**
     * Restores the target bound before; does nothing when called again.
     *
     * @throws IllegalStateException when called from another thread than the one that bound
     */
    @Override
    public void close() {
      if (Thread.currentThread() != owner) {
        throw new IllegalStateException("a log binding must be closed on the thread that made it");
      }
      if (closed) {
        return;
      }
      closed = true;
      if (previous == null) {
        BOUND.remove();
      } else {
        BOUND.set(previous);
      }
    }
  }
}
