package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long waits of {@code pr poll-ci} and {@code lock acquire} draw a status line on standard
 * error when it is a terminal, and only then; never in {@code LOGFILE} or on standard output.
 */
@ExtendWith(MockForgejoExtension.class)
class WaitProgressCliTest {
  private static final String REPO = "o/r";

  @TempDir Path root;
  private MockForgejo forge;
  private Map<String, String> env;
  private long pr;

  @BeforeEach
  void world(MockForgejo forge) {
    this.forge = forge;
    forge.seed().user("o", "pw-o").user("dev-bot", u -> u.password("pw-dev").token("tok-dev"));
    forge.seed().repo(REPO, r -> r.collaborator("dev-bot", "write"));
    env = new HashMap<>(Map.of("FACTORY_ROOT", root.toString(), "FORGE_URL", forge.baseUrl(),
        "FORGE_REPO", REPO, "FORGE_TOKEN", "tok-dev", "PRIMARY_BRANCH", "main",
        "LOG_AGENT", "dev", "HOME", root.toString()));
    pr = forge.seed().pull(REPO, p -> p.head("fix/issue-9").title("Fix").author("dev-bot"));
    forge.seed().status(REPO, forge.seed().headSha(REPO, pr), "ci", "pending", "");
  }

  @Test
  void pollCiOnATerminalShowsWhatItWaitsForAndHowLongOnStderrOnly() throws Exception {
    env.put("LOGFILE", root.resolve("dev.log").toString());

    InProcess.Result r = InProcess.runOnTerminal(env, "", "pr", "poll-ci", Long.toString(pr),
        "90", "30", "--vars");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr())
        .contains("\rwaiting for CI on PR #" + pr + ": 0s of 1m30s")
        .contains("\rwaiting for CI on PR #" + pr + " (pending): 45s of 1m30s")
        .endsWith("\r");
    assertThat(r.stderr().replaceAll("[ \r]", "")).doesNotContain("pr-lifecycle");
    assertThat(r.stdout()).startsWith("_PR_CI_STATE=timeout\n").doesNotContain("\r")
        .doesNotContain("waiting for");
    String logFile = Files.readString(root.resolve("dev.log"), StandardCharsets.UTF_8);
    assertThat(logFile).contains("pr-lifecycle: CI timeout after 90s")
        .doesNotContain("\r").doesNotContain("waiting for");
  }

  @Test
  void pollCiWithoutATerminalDrawsNothingAndSleepsWholeIntervals() {
    InProcess.Result r = InProcess.run(env, "", "pr", "poll-ci", Long.toString(pr), "90", "30");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).doesNotContain("\r").doesNotContain("waiting for CI");
    assertThat(r.sleeps()).containsExactly(
        Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30));
  }

  @Test
  void logLinesOnStderrStartOnTheirOwnLineAboveTheStatusLine() {
    InProcess.Result r = InProcess.runOnTerminal(env, "", "pr", "poll-ci", Long.toString(pr),
        "60", "30");

    assertThat(r.exitCode()).isEqualTo(2);
    for (String segment : r.stderr().split("\n")) {
      String shown = segment.substring(segment.lastIndexOf('\r') + 1);
      if (segment.contains("pr-lifecycle:")) {
        assertThat(shown).as("what the terminal shows of %s", segment).contains("pr-lifecycle:")
            .doesNotContain("waiting for");
      }
    }
    assertThat(r.stderr()).contains("\rwaiting for CI on PR #" + pr + " (pending): 40s of 1m00s");
  }

  @Test
  void lockAcquireOnATerminalShowsTheHolderAndTheTimeWaited() throws Exception {
    assertThat(InProcess.run(env, "", "lock", "acquire", "agent-1", "p1").exitCode()).isZero();

    InProcess.Result r = InProcess.runOnTerminal(env, "", "lock", "acquire", "agent-2", "p1",
        "60");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr())
        .contains("\rwaiting for lock on p1 (held by agent-1): 0s of 1m00s")
        .contains("\rwaiting for lock on p1 (held by agent-1): 42s of 1m00s")
        .contains("[stack-lock] timed out waiting for lock on p1 (held by agent-1)\n")
        .endsWith("\r");
  }
}
