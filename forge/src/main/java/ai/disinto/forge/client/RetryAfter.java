package ai.disinto.forge.client;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads a {@code Retry-After} header: delay-seconds or an HTTP date (RFC 9110 section 10.2.3). */
final class RetryAfter {
  /** What a delay too large for a {@code long} number of seconds is read as: "wait forever". */
  static final Duration LONGEST = Duration.ofSeconds(Long.MAX_VALUE);

  private RetryAfter() {}

  /**
   * The wait the header asks for; a date in the past gives zero; junk gives empty. A number of
   * seconds too large for a {@code long} gives {@link #LONGEST}, so that it reads as longer than
   * any retry budget instead of being ignored.
   */
  static Optional<Duration> parse(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.trim();
    if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
      } catch (NumberFormatException e) {
        return Optional.of(LONGEST);
      }
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration d = Duration.between(clock.instant(), at.toInstant());
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException | ArithmeticException e) {
      return Optional.empty();
    }
  }
}
