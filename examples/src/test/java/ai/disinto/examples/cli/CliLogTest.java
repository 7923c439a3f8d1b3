package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.testkit.time.FakeTime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The invocation's log: LOGFILE line by line, or stderr; an unwritable LOGFILE is said once. */
class CliLogTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private CliLog log(Map<String, String> env) {
    FakeTime time = new FakeTime();
    return CliLog.of(new CliContext(new ByteArrayInputStream(new byte[0]),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env, dir, time, time));
  }

  @Test
  void anUnwritableLogfileIsSaidOnlyOnceForManyLines() {
    CliLog log = log(Map.of("LOGFILE", "missing/agent.log"));
    log.accept("one");
    log.accept("two");
    log.accept("three");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
        "disinto: LOGFILE cannot be written: " + dir.resolve("missing/agent.log")
            + "; logging to standard error\none\ntwo\nthree\n");
  }

  @Test
  void aRelativeLogfileIsResolvedAgainstTheWorkingDirectoryAndAppended() throws Exception {
    CliLog log = log(Map.of("LOGFILE", "agent.log"));
    log.accept("one");
    log.accept("two");
    log.accept("three");
    assertThat(Files.readString(dir.resolve("agent.log"))).isEqualTo("one\ntwo\nthree\n");
    assertThat(err.size()).isZero();
  }

  @Test
  void withoutLogfileLinesGoToStderr() {
    CliLog log = log(Map.of());
    log.accept("one");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("one\n");
  }
}
