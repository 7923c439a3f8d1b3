package ai.disinto.log;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The factory's log line format: {@code [<UTC yyyy-MM-dd'T'HH:mm:ss'Z'>] <agent>: <message>}.
 *
 * <p>Mirrors {@code log} in {@code lib/env.sh}: the agent is {@code LOG_AGENT}, or {@value
 * #DEFAULT_AGENT} when that is unset or empty. A pure function; nothing here writes.
 */
public final class LogLine {
  /** The agent name used when none is given. */
  public static final String DEFAULT_AGENT = "agent";

  /** Built on the first line formatted: a call that logs nothing never loads the formatters. */
  private static final class Timestamp {
    static final DateTimeFormatter FORMAT =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  }

  private LogLine() {}

  /**
   * Formats one log line (without line terminator); the time is truncated to seconds.
   *
   * @param at the time
   * @param agent the agent name; {@code null} or empty means {@value #DEFAULT_AGENT}
   * @param message the message, as it is
   * @return for example {@code [2026-04-03T14:00:00Z] agent: hello world}
   */
  public static String format(Instant at, String agent, String message) {
    return "[" + Timestamp.FORMAT.format(at.truncatedTo(ChronoUnit.SECONDS)) + "] " + agentOrDefault(agent)
        + ": " + message;
  }

  /**
   * The agent name as it appears in a line.
   *
   * @param agent an agent name, possibly {@code null} or empty
   * @return {@code agent}, or {@value #DEFAULT_AGENT} when it is {@code null} or empty
   */
  public static String agentOrDefault(String agent) {
    return agent == null || agent.isEmpty() ? DEFAULT_AGENT : agent;
  }
}
