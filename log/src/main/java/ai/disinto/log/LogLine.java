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

  /** Only for the years the fast path leaves out: a call that logs now never loads it. */
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
    return "[" + timestamp(at) + "] " + agentOrDefault(agent) + ": " + message;
  }

  /**
   * The time as {@code yyyy-MM-dd'T'HH:mm:ss'Z'} in UTC, truncated to seconds. Years 1 to 9999
   * are written by hand (the civil-from-days conversion of the proleptic Gregorian calendar), so
   * that a short CLI call does not load {@code java.time.format} for its one log line; others go
   * through {@link DateTimeFormatter}, as before.
   *
   * @param at the time
   * @return for example {@code 2026-04-03T14:00:00Z}
   */
  static String timestamp(Instant at) {
    long seconds = at.getEpochSecond();
    long days = Math.floorDiv(seconds, 86_400L);
    long secondOfDay = Math.floorMod(seconds, 86_400L);
    // days since 0000-03-01, split into 400-year eras
    long z = days + 719_468L;
    long era = Math.floorDiv(z, 146_097L);
    long dayOfEra = z - era * 146_097L;
    long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long mp = (5 * dayOfYear + 2) / 153;
    long day = dayOfYear - (153 * mp + 2) / 5 + 1;
    long month = mp < 10 ? mp + 3 : mp - 9;
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 1 || year > 9999) {
      return Timestamp.FORMAT.format(at.truncatedTo(ChronoUnit.SECONDS));
    }
    char[] c = "0000-00-00T00:00:00Z".toCharArray();
    digits(c, 0, year, 4);
    digits(c, 5, month, 2);
    digits(c, 8, day, 2);
    digits(c, 11, secondOfDay / 3600, 2);
    digits(c, 14, secondOfDay / 60 % 60, 2);
    digits(c, 17, secondOfDay % 60, 2);
    return new String(c);
  }

  private static void digits(char[] into, int at, long value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      into[i] = (char) ('0' + value % 10);
      value /= 10;
    }
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
