package ai.disinto.examples.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.examples.cli.InProcess;
import ai.disinto.testkit.model.ClaudeCode;
import ai.disinto.testkit.model.FakeClaude;
import ai.disinto.testkit.model.ScriptedModel;
import ai.disinto.testkit.model.Turn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code disinto agent run|recover} in-process. */
class AgentCommandTest {
  @TempDir Path tmp;

  private Map<String, String> fakeEnv(String stdout) throws Exception {
    Path bin = FakeClaude.install(tmp.resolve("bin")).getParent();
    Map<String, String> env = new HashMap<>();
    env.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
    env.put("PATH", bin + ":/usr/bin:/bin");
    env.put("SID_FILE", tmp.resolve("dev.sid").toString());
    env.put("DISINTO_LOG_DIR", tmp.resolve("logs").toString());
    env.put("FAKE_CLAUDE_STDOUT", stdout);
    return env;
  }

  @Test
  void runWithTheRealClaudePrintsTheSessionAndKeepsIt() throws Exception {
    Path claude = ClaudeCode.require();
    try (ScriptedModel model = ScriptedModel.start(Turn.text("All done."))) {
      Map<String, String> env = ClaudeCode.offlineEnv(model.baseUrl(),
          Files.createDirectories(tmp.resolve("home")));
      env.put("PATH", claude.getParent() + ":" + env.get("PATH"));
      env.put("SID_FILE", tmp.resolve("dev.sid").toString());
      env.put("DISINTO_LOG_DIR", tmp.resolve("logs").toString());
      Path wt = Files.createDirectories(tmp.resolve("wt"));

      InProcess.Result r = InProcess.run(env, "", "agent", "run", "--worktree", wt.toString(),
          "do the thing", "--vars");

      assertThat(r.exitCode()).isZero();
      String sid = Files.readString(tmp.resolve("dev.sid"));
      assertThat(sid).matches("[0-9a-f-]{36}");
      assertThat(r.stdout()).startsWith("_AGENT_SESSION_ID=" + sid + "\n_AGENT_LAST_OUTPUT=");
      assertThat(r.stderr()).contains("agent_run: starting (resume=(new), dir=" + wt + ")",
          "agent_run: session_id=" + sid.substring(0, 12) + "...");
      assertThat(model.requests()).singleElement()
          .satisfies(q -> assertThat(q.userTexts()).contains("do the thing"));
    }
  }

  @Test
  void runPassesResumeAndExitsZeroEvenWhenClaudeFails() throws Exception {
    Map<String, String> env = fakeEnv("boom");
    env.put("FAKE_CLAUDE_EXIT", "2");
    env.put("FAKE_CLAUDE_LOG", tmp.resolve("calls").toString());

    InProcess.Result r = InProcess.run(env, "", "agent", "run", "--resume", "abc", "p");

    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).contains("agent_run: starting (resume=abc, dir=",
        "agent_run: claude exited with code 2", "agent_run: last output lines: boom");
    assertThat(Files.readString(tmp.resolve("calls"))).contains("--resume\nabc\n");
  }

  @Test
  void recoverLogsAndPrintsTheStoredSession() throws Exception {
    Map<String, String> env = fakeEnv("");
    Files.writeString(tmp.resolve("dev.sid"), "deadbeef-0000-1111");

    InProcess.Result r = InProcess.run(env, "", "agent", "recover", "--vars");

    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("_AGENT_SESSION_ID=deadbeef-0000-1111\n");
    assertThat(r.stderr()).contains("agent_recover_session: deadbeef-000...");
  }

  @Test
  void withoutSidFileOrPromptItIsAUsageError() throws Exception {
    Map<String, String> env = fakeEnv("");
    assertThat(InProcess.run(env, "", "agent", "run").exitCode()).isEqualTo(64);
    env.remove("SID_FILE");
    InProcess.Result r = InProcess.run(env, "", "agent", "run", "p");
    assertThat(r.exitCode()).isEqualTo(64);
    assertThat(r.stderr()).contains("SID_FILE");
    assertThat(InProcess.run(env, "", "agent", "run", "--bogus", "p").exitCode()).isEqualTo(64);
  }
}
