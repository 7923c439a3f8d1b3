package ai.disinto.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** The SLF4J backend: format, threshold, per-thread targets and throwables. */
class FactoryLoggingTest {
  private static final Logger LOG = LoggerFactory.getLogger(FactoryLoggingTest.class);
  private static final Instant AT = Instant.parse("2026-04-03T14:00:00.987Z");
  private static final Clock CLOCK = Clock.fixed(AT, ZoneOffset.UTC);

  @Test
  void theLineFormatIsTheOriginals() {
    assertThat(LogLine.format(AT, "dev", "hello world"))
        .isEqualTo("[2026-04-03T14:00:00Z] dev: hello world");
    assertThat(LogLine.format(AT, "", "x")).isEqualTo("[2026-04-03T14:00:00Z] agent: x");
    assertThat(LogLine.format(AT, null, "x")).isEqualTo("[2026-04-03T14:00:00Z] agent: x");
  }

  @Test
  void slf4jEventsAtInfoAndAboveBecomeLinesOfTheBoundTarget() {
    List<String> lines = new CopyOnWriteArrayList<>();
    try (FactoryLogging.Binding b = FactoryLogging.bind(LogTarget.of("planner", CLOCK, lines::add))) {
      LOG.debug("hidden");
      LOG.info("issue_claim: claimed #{}", 42);
      LOG.warn("{} and {}", "a", "b");
      LOG.error("boom");
    }
    assertThat(lines).containsExactly(
        "[2026-04-03T14:00:00Z] planner: issue_claim: claimed #42",
        "[2026-04-03T14:00:00Z] planner: a and b",
        "[2026-04-03T14:00:00Z] planner: boom");
  }

  @Test
  void closingTheBindingRestoresThePreviousTarget() {
    List<String> outer = new CopyOnWriteArrayList<>();
    List<String> inner = new CopyOnWriteArrayList<>();
    try (FactoryLogging.Binding o = FactoryLogging.bind(LogTarget.of("outer", CLOCK, outer::add))) {
      try (FactoryLogging.Binding i = FactoryLogging.bind(LogTarget.of("inner", CLOCK, inner::add))) {
        LOG.info("one");
      }
      LOG.info("two");
    }
    assertThat(inner).containsExactly("[2026-04-03T14:00:00Z] inner: one");
    assertThat(outer).containsExactly("[2026-04-03T14:00:00Z] outer: two");
  }

  @Test
  void threadsStartedWhileBoundInheritTheTargetAndParallelThreadsKeepTheirOwn() throws Exception {
    List<String> a = new CopyOnWriteArrayList<>();
    List<String> b = new CopyOnWriteArrayList<>();
    Thread ta = new Thread(() -> runBound("a", a));
    Thread tb = new Thread(() -> runBound("b", b));
    ta.start();
    tb.start();
    ta.join();
    tb.join();
    assertThat(a).containsExactly("[2026-04-03T14:00:00Z] a: from a", "[2026-04-03T14:00:00Z] a: child of a");
    assertThat(b).containsExactly("[2026-04-03T14:00:00Z] b: from b", "[2026-04-03T14:00:00Z] b: child of b");
  }

  private static void runBound(String agent, List<String> sink) {
    try (FactoryLogging.Binding x = FactoryLogging.bind(LogTarget.of(agent, CLOCK, sink::add))) {
      LOG.info("from {}", agent);
      Thread child = new Thread(() -> LOG.info("child of {}", agent));
      child.start();
      try {
        child.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void aThrowableIsOneLineSummaryUnlessDebug() {
    IOException e = new IOException("connection refused\nsecond line");
    try (CapturedLog log = CapturedLog.start()) {
      LOG.warn("forge call failed", e);
      LOG.warn("GET {} failed", "/issues", e);
      assertThat(log.messages()).containsExactly(
          "forge call failed (IOException: connection refused second line)",
          "GET /issues failed (IOException: connection refused second line)");
    }
    try (CapturedLog log = CapturedLog.start("dev", CLOCK, Level.DEBUG)) {
      LOG.warn("forge call failed", e);
      assertThat(log.lines()).hasSize(2);
      assertThat(log.lines().get(1)).startsWith("java.io.IOException: connection refused")
          .contains("at ai.disinto.log.FactoryLoggingTest");
    }
  }

  @Test
  void capturedLogRecordsLinesAndMessagesAndStopsWhenClosed() {
    CapturedLog log = CapturedLog.start();
    LOG.info("stack_lock: acquired for dev");
    log.close();
    LOG.info("after close");
    assertThat(log.lines()).containsExactly("[1970-01-01T00:00:00Z] test: stack_lock: acquired for dev");
    assertThat(log.messages()).containsExactly("stack_lock: acquired for dev");
    assertThat(log.contains("acquired")).isTrue();
    assertThat(log.contains("after close")).isFalse();
    assertThat(log.text()).isEqualTo("[1970-01-01T00:00:00Z] test: stack_lock: acquired for dev\n");
  }

  @Test
  void aBareTargetWritesMessagesAsTheyAre() {
    List<String> lines = new CopyOnWriteArrayList<>();
    try (FactoryLogging.Binding b = FactoryLogging.bind(LogTarget.of("x", CLOCK, lines::add).bare())) {
      LOG.info("[stack-lock] released lock for {}", "p1");
    }
    assertThat(lines).containsExactly("[stack-lock] released lock for p1");
  }

  @Test
  void clearForgetsTheLinesSoFar() {
    try (CapturedLog log = CapturedLog.start()) {
      LOG.info("one");
      log.clear();
      LOG.info("two");
      assertThat(log.messages()).containsExactly("two");
    }
  }

  @Test
  void printingToAStreamWritesOneFlushedLinePerEvent() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, false, StandardCharsets.UTF_8);
    try (FactoryLogging.Binding b = FactoryLogging.bind(LogTarget.printingTo("", CLOCK, out))) {
      LOG.info("hello");
    }
    assertThat(buf.toString(StandardCharsets.UTF_8))
        .isEqualTo("[2026-04-03T14:00:00Z] agent: hello" + System.lineSeparator());
  }

  @Test
  void aBindingClosedOnAnotherThreadIsRejected() throws Exception {
    FactoryLogging.Binding b = FactoryLogging.bind(LogTarget.of("x", CLOCK, l -> { }));
    try {
      Throwable[] seen = new Throwable[1];
      Thread t = new Thread(() -> {
        try {
          b.close();
        } catch (Throwable e) {
          seen[0] = e;
        }
      });
      t.start();
      t.join();
      assertThat(seen[0]).isInstanceOf(IllegalStateException.class);
    } finally {
      b.close();
    }
    assertThatThrownBy(() -> LogTarget.of("x", null, l -> { }))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void theProviderIsTheOneSlf4jFound() {
    assertThat(LoggerFactory.getILoggerFactory().getLogger("x")).isInstanceOf(FactoryLogger.class);
  }
}
