package ai.disinto.log;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.event.Level;

/**
 * Where the log lines of one invocation go: the agent name they carry, the clock that stamps them,
 * the lowest level written, and the writer that receives each finished line.
 *
 * <p>Immutable; {@code with}-style methods return changed copies.
 */
public final class LogTarget {
  private final String agent;
  private final Clock clock;
  private final Level threshold;
  private final Consumer<String> writer;
  private final boolean bare;

  private LogTarget(String agent, Clock clock, Level threshold, Consumer<String> writer,
      boolean bare) {
    this.agent = LogLine.agentOrDefault(agent);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.threshold = Objects.requireNonNull(threshold, "threshold");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.bare = bare;
  }

  /**
   * A target that hands each line (without line terminator) to {@code writer}, at level
   * {@link Level#INFO} and above. The writer must be thread-safe: lines may come from several
   * threads of one invocation.
   *
   * @param agent the agent name; {@code null} or empty means {@value LogLine#DEFAULT_AGENT}
   * @param clock the clock that stamps the lines
   * @param writer receives each line
   * @return the target
   */
  public static LogTarget of(String agent, Clock clock, Consumer<String> writer) {
    return new LogTarget(agent, clock, Level.INFO, writer, false);
  }

  /**
   * A target that prints each line on {@code out} and flushes it, at level {@link Level#INFO} and
   * above.
   *
   * @param agent the agent name; {@code null} or empty means {@value LogLine#DEFAULT_AGENT}
   * @param clock the clock that stamps the lines
   * @param out the stream, for example the CLI's standard error
   * @return the target
   */
  public static LogTarget printingTo(String agent, Clock clock, PrintStream out) {
    Objects.requireNonNull(out, "out");
    return of(agent, clock, line -> {
      synchronized (out) {
        out.println(line);
        out.flush();
      }
    });
  }

  /**
   * The same target with another lowest level. At {@link Level#DEBUG} and below, a logged
   * throwable's stack trace follows its line.
   *
   * @param level the lowest level written
   * @return a changed copy
   */
  public LogTarget withThreshold(Level level) {
    return new LogTarget(agent, clock, level, writer, bare);
  }

  /**
   * The same target writing each message as it is, without time stamp and agent: for commands
   * whose original prints the library's messages bare, as {@code lib/stack-lock.sh} prints its
   * {@code [stack-lock] …} lines on standard error.
   *
   * @return a changed copy
   */
  public LogTarget bare() {
    return new LogTarget(agent, clock, threshold, writer, true);
  }

  /**
   * The agent name in this target's lines.
   *
   * @return never empty
   */
  public String agent() {
    return agent;
  }

  /**
   * The clock that stamps this target's lines.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * The lowest level this target writes.
   *
   * @return the threshold
   */
  public Level threshold() {
    return threshold;
  }

  /**
   * Tells whether events of a level are written.
   *
   * @param level an event's level
   * @return true when {@code level} is at or above the threshold
   */
  public boolean isEnabled(Level level) {
    return level.toInt() >= threshold.toInt();
  }

  /**
   * Formats a message as a line stamped now (unless {@link #bare()}) and hands it to the writer.
   *
   * @param message the message, as it is
   */
  public void write(String message) {
    writer.accept(bare ? message : LogLine.format(clock.instant(), agent, message));
  }

  /**
   * Hands text to the writer as it is, without stamp or agent (a stack trace's lines).
   *
   * @param text the raw text
   */
  void writeRaw(String text) {
    writer.accept(text);
  }

  @Override
  public String toString() {
    return "LogTarget[agent=" + agent + ", threshold=" + threshold + "]";
  }
}
