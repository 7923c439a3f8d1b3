package ai.disinto.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written timestamp of a log line agrees with {@link DateTimeFormatter}. */
class LogLineTest {
  private static final DateTimeFormatter ORACLE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private static String oracle(Instant at) {
    return ORACLE.format(at.truncatedTo(ChronoUnit.SECONDS));
  }

  @Test
  void formatsALineAsTheOriginalDoes() {
    assertThat(LogLine.format(Instant.parse("2026-04-03T14:00:00.987Z"), "", "hello world"))
        .isEqualTo("[2026-04-03T14:00:00Z] agent: hello world");
    assertThat(LogLine.format(Instant.parse("2024-02-29T23:59:59Z"), "dev", "x"))
        .isEqualTo("[2024-02-29T23:59:59Z] dev: x");
  }

  @Test
  void agreesWithTheFormatterOnBoundariesAndRandomInstants() {
    String[] fixed = {"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "0000-01-01T00:00:00Z",
        "0000-02-29T12:00:00Z", "1600-02-29T00:00:00Z", "1900-02-28T23:59:59Z",
        "2000-02-29T00:00:00Z", "2100-03-01T00:00:00Z", "9999-12-31T23:59:59.5Z",
        "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z"};
    for (String f : fixed) {
      Instant at = Instant.parse(f);
      assertThat(LogLine.timestamp(at)).as(f).isEqualTo(oracle(at));
    }
    SplittableRandom random = new SplittableRandom(42);
    long min = Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("+10100-01-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 200_000; i++) {
      Instant at = Instant.ofEpochSecond(random.nextLong(min, max), random.nextInt(1_000_000_000));
      assertThat(LogLine.timestamp(at)).isEqualTo(oracle(at));
    }
  }
}
