package ai.disinto.forge.client;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Reads a {@code Retry-After} header: delay-seconds or an HTTP date (RFC 9110 section 10.2.3). */
final class RetryAfter {
  /** What a delay too large for a {@code long} number of seconds is read as: "wait forever". */
  static final Duration LONGEST = Duration.ofSeconds(Long.MAX_VALUE);

  /** The largest delay OkHttp can read: it parses the header as an {@code int} itself. */
  private static final String OKHTTP_MAX = Integer.toString(Integer.MAX_VALUE);

  private RetryAfter() {}

  /**
   * A network interceptor that clamps a delay-seconds {@code Retry-After} above {@link
   * Integer#MAX_VALUE} to that value (68 years, longer than any retry budget). OkHttp reads the
   * header of a 503 or 408 with {@code Integer.valueOf} before this client sees the answer, and a
   * larger number would escape as a {@link NumberFormatException} instead of the 503.
   */
  static Response clampForOkHttp(Interceptor.Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    String value = response.header("Retry-After");
    if (value == null) {
      return response;
    }
    if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return response; // OkHttp's own test: the untrimmed value, all ASCII digits
    }
    String n = value.replaceFirst("^0+(?=.)", "");
    boolean tooBig = n.length() > OKHTTP_MAX.length()
        || (n.length() == OKHTTP_MAX.length() && n.compareTo(OKHTTP_MAX) > 0);
    return tooBig ? response.newBuilder().header("Retry-After", OKHTTP_MAX).build() : response;
  }

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
