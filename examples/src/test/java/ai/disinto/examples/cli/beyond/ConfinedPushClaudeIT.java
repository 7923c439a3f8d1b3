package ai.disinto.examples.cli.beyond;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.agent.ClaudeCodeRunner;
import ai.disinto.agent.ClaudeConfig;
import ai.disinto.agent.ClaudeRequest;
import ai.disinto.agent.ClaudeRun;
import ai.disinto.agent.SessionStore;
import ai.disinto.agent.hooks.HookSettings;
import ai.disinto.agent.hooks.SessionFiles;
import ai.disinto.testkit.model.ClaudeCode;
import ai.disinto.testkit.model.ScriptedModel;
import ai.disinto.testkit.model.Turn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI with the factory's hooks and confined pushes ({@code
 * DISINTO_CONFINE_PUSHES=1}): a scripted push to a branch outside {@code fix/} is stopped by the
 * PreToolUse guard of {@code disinto hook}, and the push to {@code fix/issue-7} goes through.
 */
class ConfinedPushClaudeIT {
  private static final String SESSION = "dev-p-7";

  @TempDir Path tmp;

  private static List<String> hookCommand() {
    String prop = System.getProperty("disinto.jar");
    Path jar = Path.of(prop != null ? prop : "target/disinto.jar").toAbsolutePath();
    return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "hook");
  }

  @Test
  void theGuardKeepsTheAgentsPushesInsideTheNamespace() throws Exception {
    Path claude = ClaudeCode.require();
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path wt = Files.createDirectories(tmp.resolve("wt"));
    Path bare = tmp.resolve("origin.git");
    git(tmp, "init", "-q", "--bare", bare.toString());
    git(wt, "init", "-q", "-b", "main");
    git(wt, "commit", "-q", "--allow-empty", "-m", "root");
    git(wt, "remote", "add", "origin", bare.toString());
    git(wt, "push", "-q", "origin", "main");
    git(wt, "checkout", "-q", "-b", "fix/issue-7");
    git(wt, "commit", "-q", "--allow-empty", "-m", "the fix");

    SessionFiles files = SessionFiles.defaults(tmp, SESSION, tmp.resolve("phase"));
    HookSettings.install(wt, HookSettings.standard(hookCommand(), files, "main", wt, SESSION));

    try (ScriptedModel model = ScriptedModel.start(0)) {
      model.enqueue(Turn.bash("git push origin HEAD:release/next"),
          Turn.bash("git push origin fix/issue-7"),
          Turn.text("Pushed to fix/issue-7."));
      Map<String, String> env = ClaudeCode.offlineEnv(model.baseUrl(), home);
      env.put("DISINTO_LOG_DIR", tmp.resolve("logs").toString());
      env.put("DISINTO_CONFINE_PUSHES", "1");
      ClaudeConfig cfg = ClaudeConfig.fromEnv(env).withClaudeBinary(claude.toString())
          .withTimings(Duration.ofSeconds(180), Duration.ofSeconds(30), Duration.ofMillis(200),
              Duration.ofSeconds(5));
      ClaudeRun run = new ClaudeCodeRunner(cfg, new SessionStore(tmp.resolve("sid")))
          .run(ClaudeRequest.of("Ship the fix", wt).withoutNudge());

      assertThat(run.succeeded()).as("run %s", run).isTrue();
      assertThat(model.requests()).hasSize(3);
      assertThat(model.requests().get(1).toolResults()).singleElement()
          .satisfies(r -> assertThat(r.isError()).isTrue())
          .satisfies(r -> assertThat(r.content())
              .contains("BLOCKED: agents may push only to branches under fix/")
              .contains("release/next"));
      assertThat(model.requests().get(2).toolResults()).last()
          .satisfies(r -> assertThat(r.isError()).as(r.content()).isFalse());
    }
    String branches = git(bare, "branch", "--list");
    assertThat(branches).contains("fix/issue-7").doesNotContain("release/next");
  }

  private static String git(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=Dev",
        "-c", "user.email=dev@example.invalid", "-c", "commit.gpgsign=false"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("git %s: %s", List.of(args), out).isZero();
    return out;
  }
}
