package ai.disinto.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.core.agent.AgentResult;
import ai.disinto.log.CapturedLog;
import ai.disinto.testkit.model.ClaudeCode;
import ai.disinto.testkit.model.ModelRequest;
import ai.disinto.testkit.model.ScriptedModel;
import ai.disinto.testkit.model.Turn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner with the real Claude Code CLI, offline against the scripted model. */
class RealClaudeTest {
  @TempDir Path tmp;
  private ScriptedModel model;
  private Path home;
  private Path wt;
  private SessionStore sessions;
  private ClaudeCodeRunner runner;

  @BeforeEach
  void setUp() throws Exception {
    Path claude = ClaudeCode.require();
    model = ScriptedModel.start(0);
    home = Files.createDirectories(tmp.resolve("home"));
    wt = Files.createDirectories(tmp.resolve("wt"));
    Git.run(wt, "init", "-q", "-b", "main");
    Git.run(wt, "commit", "-q", "--allow-empty", "-m", "root");
    Map<String, String> env = ClaudeCode.offlineEnv(model.baseUrl(), home);
    env.putAll(Git.IDENTITY);
    env.put("DISINTO_LOG_DIR", tmp.resolve("logs").toString());
    ClaudeConfig cfg = ClaudeConfig.fromEnv(env).withClaudeBinary(claude.toString())
        .withTimings(Duration.ofSeconds(120), Duration.ofSeconds(30), Duration.ofMillis(200),
            Duration.ofSeconds(5));
    sessions = new SessionStore(tmp.resolve("dev.sid"));
    runner = new ClaudeCodeRunner(cfg, sessions);
  }

  @AfterEach
  void tearDown() {
    if (model != null) { // setUp skipped before starting it (no Claude Code here)
      model.close();
    }
  }

  @Test
  void aScriptedBashCommitSucceedsAndPersistsTheSession() throws Exception {
    model.enqueue(Turn.bash("echo work > done.txt && git add done.txt && git commit -qm 'agent work'"
        + " && echo committed"), Turn.text("Committed the work."));
    ClaudeRun run;
    try (CapturedLog log = CapturedLog.start()) {
      run = runner.run(ClaudeRequest.of("Please commit", wt));
      assertThat(log.messages()).contains("agent_run: starting (resume=(new), dir=" + wt + ")");
      assertThat(log.messages()).anyMatch(m -> m.startsWith("agent_run: session_id="));
    }

    assertThat(run.succeeded()).isTrue();
    assertThat(run.ending()).isEqualTo(ClaudeRun.Ending.EXITED);
    assertThat(run.exitCode()).isZero();
    assertThat(run.nudged()).isFalse();
    ClaudeResult result = run.result().orElseThrow();
    assertThat(result.subtype()).isEqualTo("success");
    assertThat(result.result()).isEqualTo("Committed the work.");
    assertThat(result.numTurns()).hasValue(2);
    assertThat(run.sessionId()).isPresent();
    assertThat(sessions.read()).isEqualTo(run.sessionId());
    assertThat(Git.run(wt, "log", "-1", "--format=%s")).isEqualTo("agent work\n");
    List<ModelRequest> reqs = model.requests();
    assertThat(reqs).hasSize(2);
    assertThat(reqs.get(0).userTexts()).contains("Please commit");
    assertThat(reqs.get(1).toolResults()).singleElement()
        .satisfies(r -> assertThat(r.content()).contains("committed"))
        .satisfies(r -> assertThat(r.isError()).isFalse());
  }

  @Test
  void aResumedRunContinuesTheSessionWithItsEarlierTurns() {
    model.enqueue(Turn.bash("echo first-turn-output"), Turn.text("First answer."),
        Turn.text("Second answer."));
    AgentResult first = runner.run("first prompt", "", wt);
    assertThat(first.succeeded()).isTrue();

    AgentResult second = runner.run("second prompt", first.sessionId(), wt);

    assertThat(second.succeeded()).isTrue();
    assertThat(second.sessionId()).isEqualTo(first.sessionId());
    ModelRequest resumed = model.requests().get(2);
    assertThat(resumed.userTexts()).contains("first prompt", "second prompt");
    assertThat(resumed.toolResults()).singleElement()
        .satisfies(r -> assertThat(r.content()).contains("first-turn-output"));
    assertThat(resumed.body()).contains("First answer.");
  }

  @Test
  void anOverloadedApiIsAFailedRunNotASuccess() {
    model.enqueue(Turn.error(529, "overloaded_error", "Overloaded"));

    ClaudeRun run = runner.run(ClaudeRequest.of("anything", wt));

    assertThat(run.succeeded()).isFalse();
    assertThat(run.exitCode()).isEqualTo(1);
    ClaudeResult result = run.result().orElseThrow();
    assertThat(result.isError()).isTrue();
    assertThat(result.apiErrorStatus()).hasValue(529);
    assertThat(run.reason()).contains("529");
    assertThat(model.requests()).hasSize(1);
  }

  @Test
  void aRejectedKeyIsAFailedRun() {
    model.enqueue(Turn.error(401, "authentication_error", "invalid x-api-key"));

    AgentResult r = runner.run("anything", "", wt);

    assertThat(r.succeeded()).isFalse();
    assertThat(r.exitStatus()).isEqualTo(1);
    assertThat(ClaudeResult.parse(r.output()).orElseThrow().apiErrorStatus()).hasValue(401);
  }

  /** How a hook test drives Claude Code: project settings in the worktree, a blocking hook. */
  @Test
  void aPreToolUseHookBlockReasonReachesTheModelInTheToolResult() throws Exception {
    Path hook = tmp.resolve("guard.sh");
    Files.writeString(hook, "#!/bin/sh\ncat > " + tmp.resolve("hook-input.json")
        + "\necho 'blocked by the test guard' >&2\nexit 2\n");
    hook.toFile().setExecutable(true);
    Files.createDirectories(wt.resolve(".claude"));
    Files.writeString(wt.resolve(".claude/settings.json"), "{\"hooks\":{\"PreToolUse\":[{"
        + "\"matcher\":\"Bash\",\"hooks\":[{\"type\":\"command\",\"command\":\"" + hook
        + "\"}]}]}}");
    model.enqueue(Turn.bash("touch should-not-exist"), Turn.text("Understood."));

    ClaudeRun run = runner.run(ClaudeRequest.of("try it", wt).withoutNudge());

    assertThat(run.succeeded()).isTrue();
    assertThat(wt.resolve("should-not-exist")).doesNotExist();
    assertThat(model.requests().get(1).toolResults()).singleElement()
        .satisfies(r -> assertThat(r.content()).contains("blocked by the test guard"))
        .satisfies(r -> assertThat(r.isError()).isTrue());
    assertThat(Files.readString(tmp.resolve("hook-input.json")))
        .contains("\"hook_event_name\":\"PreToolUse\"", "\"tool_name\":\"Bash\"",
            "touch should-not-exist");
  }
}
