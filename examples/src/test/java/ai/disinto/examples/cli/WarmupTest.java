package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The warm-up starts for the commands that make HTTP calls, and only for those. */
class WarmupTest {
  @Test
  void forgeCommandsGetADaemonThreadThatEnds() throws InterruptedException {
    Thread t = Warmup.forCommand("pr", "merge", "3");
    assertThat(t).isNotNull();
    assertThat(t.isDaemon()).isTrue();
    t.join(10_000);
    assertThat(t.isAlive()).as("the warm-up finished").isFalse();
  }

  @Test
  void textCommandsHelpAndBareWordsStartNothing() {
    assertThat(Warmup.forCommand("parse-deps")).isNull();
    assertThat(Warmup.forCommand("secrets", "scan")).isNull();
    assertThat(Warmup.forCommand("--help")).isNull();
    assertThat(Warmup.forCommand("pr")).isNull();
    assertThat(Warmup.forCommand()).isNull();
  }
}
