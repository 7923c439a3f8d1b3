package ai.disinto.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.core.agent.AgentResult;
import ai.disinto.log.CapturedLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The external command agent on a real shell. */
class ExternalCommandAgentTest {
  @TempDir Path worktree;

  private static ExternalCommandAgent agent(String command, Duration timeout) {
    return new ExternalCommandAgent(command, Map.of("SECRET", "tok-0123"), timeout);
  }

  @Test
  void thePromptGoesInOnStdinAndTheSessionAndWorktreeInTheEnvironment() throws Exception {
    AgentResult r = agent("printf '%s|%s|' \"$DISINTO_AGENT_SESSION\" \"$PWD\"; cat",
        Duration.ofSeconds(30)).run("fix it", "sess-1", worktree);

    assertThat(r.exitStatus()).isZero();
    assertThat(r.output()).isEqualTo("sess-1|" + worktree.toRealPath() + "|fix it");
  }

  @Test
  void standardErrorIsLoggedAndTheExitStatusReported() {
    try (CapturedLog log = CapturedLog.start()) {
      AgentResult r = agent("echo agent-noise >&2; echo out; exit 3", Duration.ofSeconds(30))
          .run("p", "", worktree);

      assertThat(r.exitStatus()).isEqualTo(3);
      assertThat(r.output()).isEqualTo("out\n");
      assertThat(log.messages()).containsExactly("agent-noise");
    }
  }

  @Test
  void aRunPastItsTimeoutIsKilledAndReportedAs124() {
    AgentResult r = agent("sleep 30", Duration.ofMillis(200)).run("p", "", worktree);

    assertThat(r.exitStatus()).isEqualTo(ExternalCommandAgent.TIMED_OUT);
  }

  @Test
  void aBlankCommandIsRejectedAndTheEnvironmentStaysOutOfToString() {
    assertThatThrownBy(() -> agent(" ", Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(agent("x", Duration.ofSeconds(1)).toString()).doesNotContain("tok-0123");
  }
}
