package ai.disinto.core.log;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes the factory's log lines: {@code [<UTC yyyy-MM-dd'T'HH:mm:ss'Z'>] <agent>: <message>}.
 *
 * <p>Mirrors {@code log} in {@code lib/env.sh} (#367): the agent is {@code LOG_AGENT}, or
 * {@code agent} when that is unset or empty. The original always writes to standard output, which
 * pollutes command substitutions; here the stream is injected, as is the clock, and there is no
 * default stream.
 *
 * <p>Library code logs through SLF4J; the {@code disinto-log} backend renders those events in this
 * same format. This class remains for the services that still take a line sink, and will go once
 * they log through SLF4J too. It is also a {@code Consumer<String>}.
 */
public final class FactoryLog implements Consumer<String> {
  /** The agent name used when {@code LOG_AGENT} is unset or empty. */
  public static final String DEFAULT_AGENT = "agent";

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final String agent;
  private final PrintStream out;
  private final Clock clock;

  /**
   * Creates a log.
   *
   * @param agent the agent name; {@code null} or empty means {@value #DEFAULT_AGENT}
   * @param out where lines go
   * @param clock the time source
   */
  public FactoryLog(String agent, PrintStream out, Clock clock) {
    this.agent = agent == null || agent.isEmpty() ? DEFAULT_AGENT : agent;
    this.out = Objects.requireNonNull(out, "out");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The agent name in this log's lines.
   *
   * @return {@code LOG_AGENT} or {@value #DEFAULT_AGENT}
   */
  public String agent() {
    return agent;
  }

  /**
   * Writes one line stamped with the current time.
   *
   * @param message the message; never pass secrets
   */
  public void log(String message) {
    out.println(format(clock.instant(), agent, message));
    out.flush();
  }

  /**
   * Writes one line stamped with the current time; the same as {@link #log(String)}.
   *
   * @param message the message; never pass secrets
   */
  @Override
  public void accept(String message) {
    log(message);
  }

  /**
   * Writes one line whose message is the parts joined by single spaces, as {@code log "$@"} does.
   *
   * @param first the first part
   * @param more further parts
   */
  public void log(String first, String... more) {
    log(more.length == 0 ? first : first + " " + String.join(" ", more));
  }

  /**
   * Formats one log line (without line terminator); the time is truncated to seconds.
   *
   * @param at the time
   * @param agent the agent name; {@code null} or empty means {@value #DEFAULT_AGENT}
   * @param message the message
   * @return for example {@code [2026-04-03T14:00:00Z] agent: hello world}
   */
  public static String format(Instant at, String agent, String message) {
    String who = agent == null || agent.isEmpty() ? DEFAULT_AGENT : agent;
    return "[" + TIMESTAMP.format(at.truncatedTo(ChronoUnit.SECONDS)) + "] " + who + ": " + message;
  }
}
