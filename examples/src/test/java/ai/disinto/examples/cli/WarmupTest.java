package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The warm-up starts for the commands that make HTTP calls over OkHttp, and only for those. */
class WarmupTest {
  @Test
  void okHttpCommandsGetADaemonThreadThatEnds() throws InterruptedException {
    for (Thread t : new Thread[] {Warmup.forCommand(null, "ci", "status", "3"),
        Warmup.forCommand("https://forge.example", "pr", "merge", "3")}) {
      assertThat(t).isNotNull();
      assertThat(t.isDaemon()).isTrue();
      t.join(10_000);
      assertThat(t.isAlive()).as("the warm-up finished").isFalse();
    }
  }

  @Test
  void plainWireCommandsOnACleartextForgeStartNothing() {
    assertThat(Warmup.forCommand("http://127.0.0.1:3000", "pr", "merge", "3")).isNull();
    assertThat(Warmup.forCommand(null, "issue", "claim", "3")).isNull();
  }

  @Test
  void textCommandsHelpAndBareWordsStartNothing() {
    assertThat(Warmup.forCommand(null, "parse-deps")).isNull();
    assertThat(Warmup.forCommand(null, "secrets", "scan")).isNull();
    assertThat(Warmup.forCommand(null, "--help")).isNull();
    assertThat(Warmup.forCommand("https://f", "pr")).isNull();
    assertThat(Warmup.forCommand(null)).isNull();
  }
}
