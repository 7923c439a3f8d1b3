package ai.disinto.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.log.LogLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** env.sh log: the line format. */
class FactoryLogTest {
  private static final Instant AT = Instant.parse("2026-04-03T14:00:00Z");

  @Test
  void formatsTheLogLine() {
    assertThat(FactoryLog.format(AT, "agent", "hello world"))
        .isEqualTo("[2026-04-03T14:00:00Z] agent: hello world");
  }

  @Test
  void theLineIsTheSameAsTheSlf4jBackendsLine() {
    Instant at = Instant.parse("2026-04-03T14:00:00.5Z");
    for (String agent : new String[] {"dev", "", null}) {
      assertThat(FactoryLog.format(at, agent, "m")).isEqualTo(LogLine.format(at, agent, "m"));
    }
  }

  @Test
  void anEmptyOrMissingAgentIsAgent() {
    assertThat(FactoryLog.format(AT, "", "x")).isEqualTo("[2026-04-03T14:00:00Z] agent: x");
    assertThat(FactoryLog.format(AT, null, "x")).isEqualTo("[2026-04-03T14:00:00Z] agent: x");
    assertThat(new FactoryLog("", System.err, Clock.systemUTC()).agent()).isEqualTo("agent");
  }

  @Test
  void asALineSinkItWritesTheSameLineAsLog() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    FactoryLog log = new FactoryLog("dev", new PrintStream(buf, true, StandardCharsets.UTF_8),
        Clock.fixed(AT, ZoneOffset.UTC));
    java.util.function.Consumer<String> sink = log;

    sink.accept("pr-lifecycle: created PR #4");

    assertThat(buf.toString(StandardCharsets.UTF_8))
        .isEqualTo("[2026-04-03T14:00:00Z] dev: pr-lifecycle: created PR #4\n");
  }

  @Test
  void fractionsOfASecondAreDropped() {
    assertThat(FactoryLog.format(Instant.parse("2026-04-03T14:00:00.987Z"), "a", "m"))
        .isEqualTo("[2026-04-03T14:00:00Z] a: m");
  }

  @Test
  void writesOneLineToTheInjectedStreamUsingTheClock() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    FactoryLog log = new FactoryLog("planner", new PrintStream(buf, true, StandardCharsets.UTF_8),
        Clock.fixed(AT, ZoneOffset.ofHours(2)));
    log.log("SKIP:", "only", "5MB");
    assertThat(buf.toString(StandardCharsets.UTF_8))
        .isEqualTo("[2026-04-03T14:00:00Z] planner: SKIP: only 5MB" + System.lineSeparator());
  }
}
