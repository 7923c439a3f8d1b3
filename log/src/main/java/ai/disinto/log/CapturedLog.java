package ai.disinto.log;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.event.Level;

/**
 * Records the log lines of the calling thread (and the threads it starts) for a test to assert.
 *
 * <pre>{@code
 * try (CapturedLog log = CapturedLog.start()) {
 *   lock.acquire(...);
 *   assertThat(log.messages()).contains("stack_lock: acquired for dev");
 * }
 * }</pre>
 *
 * <p>Library modules use this module as a test-scoped dependency for it; it is also the SLF4J
 * backend of their tests. Closing it restores the previous binding.
 */
public final class CapturedLog implements AutoCloseable {
  /** The agent name of the lines that {@link #start()} captures. */
  public static final String AGENT = "test";

  private final List<String> lines = new ArrayList<>();
  private final List<String> messages = new ArrayList<>();
  private final String prefixEnd;
  private final FactoryLogging.Binding binding;

  private CapturedLog(String agent, Clock clock, Level threshold) {
    this.prefixEnd = "] " + LogLine.agentOrDefault(agent) + ": ";
    LogTarget target = LogTarget.of(agent, clock, this::record).withThreshold(threshold);
    this.binding = FactoryLogging.bind(target);
  }

  /**
   * Starts capturing lines at level {@code INFO} and above, agent {@value #AGENT}, stamped at
   * {@code 1970-01-01T00:00:00Z}.
   *
   * @return the capture; close it when done
   */
  public static CapturedLog start() {
    return start(AGENT, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), Level.INFO);
  }

  /**
   * Starts capturing lines at level {@code threshold} and above, with the given agent and clock.
   *
   * @param agent the agent name in the lines
   * @param clock the clock that stamps them
   * @param threshold the lowest level recorded
   * @return the capture; close it when done
   */
  public static CapturedLog start(String agent, Clock clock, Level threshold) {
    return new CapturedLog(agent, clock, threshold);
  }

  private synchronized void record(String line) {
    lines.add(line);
    int at = line.startsWith("[") ? line.indexOf(prefixEnd) : -1;
    messages.add(at < 0 ? line : line.substring(at + prefixEnd.length()));
  }

  /**
   * Every line so far, as the backend rendered it ({@code [ts] agent: message}).
   *
   * @return a copy, in the order logged
   */
  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  /**
   * The message part of every line so far (without time stamp and agent).
   *
   * @return a copy, in the order logged
   */
  public synchronized List<String> messages() {
    return List.copyOf(messages);
  }

  /**
   * Tells whether some message so far contains a text.
   *
   * @param text the text looked for
   * @return true when a message contains it
   */
  public synchronized boolean contains(String text) {
    return messages.stream().anyMatch(m -> m.contains(text));
  }

  /**
   * Every line so far, each followed by a newline: what a log file would hold.
   *
   * @return the text
   */
  public synchronized String text() {
    StringBuilder sb = new StringBuilder();
    lines.forEach(l -> sb.append(l).append('\n'));
    return sb.toString();
  }

  /** Forgets the lines so far; capturing goes on. */
  public synchronized void clear() {
    lines.clear();
    messages.clear();
  }

  /** Stops capturing and restores the previous binding of the thread. */
  @Override
  public void close() {
    binding.close();
  }
}
