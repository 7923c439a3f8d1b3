package ai.disinto.examples.cli;

import ai.disinto.core.Sleeper;
import ai.disinto.core.WaitListener;
import ai.disinto.core.WaitProgress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The status line of a long wait ({@code pr walk}, {@code pr poll-ci}, {@code pr poll-review},
 * {@code lock acquire}): what is waited for and how long it has been waited for, on standard error,
 * rewritten in place with {@code \r}. It is fed by the library's {@link WaitListener} events and,
 * between them, by a {@link #ticking ticking} sleeper that redraws it every second.
 *
 * <p>It shows only when standard error is a terminal. Otherwise every method does nothing and
 * {@link #ticking} hands the sleeper back unchanged, so a captured or redirected stderr, {@code
 * LOGFILE} and standard output never see it. Log lines written to standard error while it shows go
 * through {@link #above}, which clears the line, writes, and draws it again below them.
 */
public final class ProgressLine implements WaitListener, AutoCloseable {
  /** Longest status text; the rest of a long subject is cut. */
  static final int MAX_WIDTH = 120;
  private static final Duration TICK = Duration.ofSeconds(1);

  private final PrintStream err;
  private final boolean terminal;
  private final Clock clock;
  private String subject;
  private Duration waitedAtEvent = Duration.ZERO;
  private Duration limit = Duration.ZERO;
  private Instant eventAt;
  private int shownWidth;

  /**
   * Creates the status line of one invocation.
   *
   * @param err where it is drawn: standard error
   * @param terminal whether standard error is a terminal; when not, nothing is ever drawn
   * @param clock measures the time waited between the library's events
   */
  public ProgressLine(PrintStream err, boolean terminal, Clock clock) {
    this.err = Objects.requireNonNull(err, "err");
    this.terminal = terminal;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Whether this process's standard error is a terminal. Java 17 cannot ask {@code isatty(2)}:
   * on Linux the answer is where {@code /proc/self/fd/2} points; elsewhere, whether the JVM has a
   * console. {@code TERM=dumb} turns the status line off.
   *
   * @param term the value of {@code TERM}, or {@code null}
   * @return true when a status line can be drawn on standard error
   */
  public static boolean stderrIsTerminal(String term) {
    if ("dumb".equals(term)) {
      return false;
    }
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty")
          || target.equals("/dev/console");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  /**
   * Whether this line draws anything at all.
   *
   * @return true when standard error is a terminal
   */
  public boolean enabled() {
    return terminal;
  }

  @Override
  public synchronized void waiting(WaitProgress progress) {
    if (!terminal) {
      return;
    }
    subject = printable(progress.subject());
    waitedAtEvent = progress.waited();
    limit = progress.limit();
    eventAt = clock.instant();
    draw();
  }

  @Override
  public synchronized void waitEnded() {
    clear();
    subject = null;
  }

  /** Draws the line again with the time waited by now, if a wait is going on. */
  synchronized void tick() {
    if (subject != null) {
      draw();
    }
  }

  /**
   * Writes something to standard error above the status line: the line is cleared first and drawn
   * again afterwards, so log lines and the status line do not run into each other.
   *
   * @param write what writes to standard error
   */
  public synchronized void above(Runnable write) {
    clear();
    write.run();
    if (subject != null) {
      draw();
    }
  }

  /**
   * A sleeper that waits as {@code inner} does, in steps of at most a second, redrawing the line
   * after each step. When standard error is no terminal, {@code inner} itself.
   *
   * @param inner the sleeper that really waits (or a test's fake time)
   * @return the sleeper to hand to the library
   */
  public Sleeper ticking(Sleeper inner) {
    Objects.requireNonNull(inner, "inner");
    if (!terminal) {
      return inner;
    }
    return d -> {
      Duration left = d;
      while (left.compareTo(Duration.ZERO) > 0) {
        Duration step = left.compareTo(TICK) < 0 ? left : TICK;
        inner.sleep(step);
        left = left.minus(step);
        tick();
      }
    };
  }

  /** Clears the line and forgets the wait: nothing of it is left on the terminal. */
  @Override
  public synchronized void close() {
    waitEnded();
  }

  /**
   * The text of the line for the wait going on.
   *
   * @return for example {@code waiting for CI on PR #5 (pending): 1m05s of 30m00s}
   */
  synchronized String text() {
    Duration waited = waitedAtEvent.plus(Duration.between(eventAt, clock.instant()));
    if (waited.isNegative()) {
      waited = Duration.ZERO;
    }
    if (waited.compareTo(limit) > 0) {
      waited = limit;
    }
    String t = "waiting for " + subject + ": " + human(waited) + " of " + human(limit);
    return t.length() > MAX_WIDTH ? t.substring(0, MAX_WIDTH - 1) + "…" : t;
  }

  private void draw() {
    String t = text();
    int pad = Math.max(0, shownWidth - t.length());
    err.print("\r" + t + " ".repeat(pad));
    if (pad > 0) {
      err.print("\r" + t);
    }
    err.flush();
    shownWidth = t.length();
  }

  private void clear() {
    if (shownWidth > 0) {
      err.print("\r" + " ".repeat(shownWidth) + "\r");
      err.flush();
      shownWidth = 0;
    }
  }

  /** {@code 45s}, {@code 2m05s}, {@code 1h00m00s}. */
  static String human(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s >= 3600) {
      return String.format("%dh%02dm%02ds", s / 3600, s % 3600 / 60, s % 60);
    }
    if (s >= 60) {
      return String.format("%dm%02ds", s / 60, s % 60);
    }
    return s + "s";
  }

  /** A subject read from a lock file or a forge keeps no control character (no \r, no escape). */
  private static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return b.toString();
  }
}
