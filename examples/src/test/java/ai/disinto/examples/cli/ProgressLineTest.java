package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.core.Sleeper;
import ai.disinto.core.WaitProgress;
import ai.disinto.testkit.time.FakeTime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The status line of long waits, with an injected "is a terminal" flag and fake time. */
class ProgressLineTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final FakeTime time = new FakeTime();

  private String err() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static WaitProgress ci(long waited) {
    return new WaitProgress("CI on PR #5", Duration.ofSeconds(waited), Duration.ofMinutes(30));
  }

  @Test
  void onATerminalAWaitIsDrawnInPlaceWithWhatAndHowLong() {
    ProgressLine line = new ProgressLine(err, true, time);

    line.waiting(ci(65));

    assertThat(err()).isEqualTo("\rwaiting for CI on PR #5: 1m05s of 30m00s");
  }

  @Test
  void theTickingSleeperRedrawsEverySecondWithTheTimeWaitedByNow() throws InterruptedException {
    ProgressLine line = new ProgressLine(err, true, time);
    Sleeper sleeper = line.ticking(time);
    line.waiting(ci(0));

    sleeper.sleep(Duration.ofMillis(2500));

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1),
        Duration.ofMillis(500));
    assertThat(err()).endsWith("\rwaiting for CI on PR #5: 1s of 30m00s"
        + "\rwaiting for CI on PR #5: 2s of 30m00s\rwaiting for CI on PR #5: 2s of 30m00s");
  }

  @Test
  void theEndOfAWaitClearsTheLineAndLeavesNothingOnIt() {
    ProgressLine line = new ProgressLine(err, true, time);
    line.waiting(ci(5));
    int width = "waiting for CI on PR #5: 5s of 30m00s".length();

    line.waitEnded();
    line.tick();

    assertThat(err()).endsWith("\r" + " ".repeat(width) + "\r");
  }

  @Test
  void aShorterTextOverwritesTheRestOfALongerOne() {
    ProgressLine line = new ProgressLine(err, true, time);
    line.waiting(new WaitProgress("lock on project-with-a-long-name (held by x)",
        Duration.ZERO, Duration.ofSeconds(60)));
    bytes.reset();

    line.waiting(new WaitProgress("lock on p", Duration.ZERO, Duration.ofSeconds(60)));

    String shortText = "waiting for lock on p: 0s of 1m00s";
    String longText = "waiting for lock on project-with-a-long-name (held by x): 0s of 1m00s";
    assertThat(err()).isEqualTo("\r" + shortText
        + " ".repeat(longText.length() - shortText.length()) + "\r" + shortText);
  }

  @Test
  void aLogLineIsWrittenAboveTheStatusLineWhichIsDrawnAgainBelowIt() {
    ProgressLine line = new ProgressLine(err, true, time);
    line.waiting(ci(0));
    bytes.reset();

    line.above(() -> err.println("[t] dev: CI pending"));

    String status = "waiting for CI on PR #5: 0s of 30m00s";
    assertThat(err()).isEqualTo("\r" + " ".repeat(status.length()) + "\r"
        + "[t] dev: CI pending\n" + "\r" + status);
  }

  @Test
  void withoutATerminalNothingIsDrawnAndTheSleeperIsLeftAlone() throws InterruptedException {
    ProgressLine line = new ProgressLine(err, false, time);

    line.waiting(ci(10));
    line.tick();
    line.above(() -> err.println("a log line"));
    line.close();

    assertThat(err()).isEqualTo("a log line\n");
    assertThat(line.ticking(time)).isSameAs(time);
  }

  @Test
  void theTimeShownNeverPassesTheLimit() {
    ProgressLine line = new ProgressLine(err, true, time);
    line.waiting(new WaitProgress("review of PR #5", Duration.ofSeconds(50),
        Duration.ofSeconds(60)));
    time.advance(Duration.ofMinutes(5));

    assertThat(line.text()).isEqualTo("waiting for review of PR #5: 1m00s of 1m00s");
  }

  @Test
  void controlCharactersOfASubjectAreNotSentToTheTerminal() {
    ProgressLine line = new ProgressLine(err, true, time);

    line.waiting(new WaitProgress("lock on p (held by a\r\u001b[2Jb)", Duration.ZERO,
        Duration.ofSeconds(1)));

    assertThat(err()).isEqualTo("\rwaiting for lock on p (held by a??[2Jb): 0s of 1s");
  }

  @Test
  void durationsReadAsSecondsMinutesAndHours() {
    assertThat(ProgressLine.human(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(ProgressLine.human(Duration.ofSeconds(125))).isEqualTo("2m05s");
    assertThat(ProgressLine.human(Duration.ofSeconds(3600))).isEqualTo("1h00m00s");
  }

  @Test
  void aVeryLongSubjectIsCut() {
    ProgressLine line = new ProgressLine(err, true, time);

    line.waiting(new WaitProgress("x".repeat(500), Duration.ZERO, Duration.ofSeconds(1)));

    assertThat(line.text()).hasSize(ProgressLine.MAX_WIDTH).endsWith("…");
  }
}
