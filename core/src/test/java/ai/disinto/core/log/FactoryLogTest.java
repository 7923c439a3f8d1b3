package ai.disinto.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.core.config.FactoryEnv;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** env.sh log: acceptance case 37 of spec/core.md. */
class FactoryLogTest {
  private static final Instant AT = Instant.parse("2026-04-03T14:00:00Z");

  @Test
  @DisplayName("case 37: the log line format")
  void formatsTheLogLine() {
    assertThat(FactoryLog.format(AT, "agent", "hello world"))
        .isEqualTo("[2026-04-03T14:00:00Z] agent: hello world");
  }

  @Test
  @DisplayName("case 37: LOG_AGENT names the agent")
  void logAgentNamesTheAgent() {
    FactoryEnv env = FactoryEnv.of(Map.of("LOG_AGENT", "planner", "USER", "u", "HOME", "/h"));
    assertThat(FactoryLog.fromEnv(env).agent()).isEqualTo("planner");
  }

  @Test
  void anEmptyOrMissingAgentIsAgent() {
    assertThat(FactoryLog.format(AT, "", "x")).isEqualTo("[2026-04-03T14:00:00Z] agent: x");
    assertThat(FactoryLog.format(AT, null, "x")).isEqualTo("[2026-04-03T14:00:00Z] agent: x");
    FactoryEnv env = FactoryEnv.of(Map.of("LOG_AGENT", "", "USER", "u", "HOME", "/h"));
    assertThat(FactoryLog.fromEnv(env).agent()).isEqualTo("agent");
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
