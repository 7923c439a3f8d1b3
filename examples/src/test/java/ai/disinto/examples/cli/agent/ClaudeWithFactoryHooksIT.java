package ai.disinto.examples.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.agent.ClaudeCodeRunner;
import ai.disinto.agent.ClaudeConfig;
import ai.disinto.agent.ClaudeRequest;
import ai.disinto.agent.ClaudeRun;
import ai.disinto.agent.SessionStore;
import ai.disinto.agent.hooks.HookSettings;
import ai.disinto.agent.hooks.SessionFiles;
import ai.disinto.git.GitCli;
import ai.disinto.git.worktree.ClaudeProjectCache;
import ai.disinto.git.worktree.WorktreeManager;
import ai.disinto.git.worktree.WorktreeSettings;
import ai.disinto.testkit.model.ClaudeCode;
import ai.disinto.testkit.model.ScriptedModel;
import ai.disinto.testkit.model.Turn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI with the factory's hooks installed in its worktree, pointing at {@code
 * disinto hook …} of the packaged jar: a scripted {@code git push --force origin main} is stopped
 * by the PreToolUse guard before it runs, the model reads the guard's reason in the tool result
 * of its next request, and the session-end hook leaves its marker. And the cache folder of the
 * transcript a real run reports to its hooks is what worktree cleanup removes.
 */
class ClaudeWithFactoryHooksIT {
  private static final String SESSION = "dev-p-7";

  @TempDir Path tmp;

  private static List<String> hookCommand() {
    String prop = System.getProperty("disinto.jar");
    Path jar = Path.of(prop != null ? prop : "target/disinto.jar").toAbsolutePath();
    return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "hook");
  }

  @Test
  void theInstalledGuardStopsAForcePushAndTheModelReadsWhy() throws Exception {
    Path claude = ClaudeCode.require();
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path wt = Files.createDirectories(tmp.resolve("wt"));
    Path bare = tmp.resolve("origin.git");
    git(tmp, "init", "-q", "--bare", bare.toString());
    git(wt, "init", "-q", "-b", "main");
    git(wt, "commit", "-q", "--allow-empty", "-m", "root");
    git(wt, "remote", "add", "origin", bare.toString());
    git(wt, "push", "-q", "origin", "main");
    git(wt, "commit", "-q", "--allow-empty", "-m", "rewritten history");

    SessionFiles files = SessionFiles.defaults(tmp, SESSION, tmp.resolve("phase"));
    HookSettings.install(wt, HookSettings.standard(hookCommand(), files, "main", wt, SESSION));

    try (ScriptedModel model = ScriptedModel.start(0)) {
      model.enqueue(Turn.bash("git push --force origin main"),
          Turn.text("The guard refused the force push; I will open a PR instead."));
      Map<String, String> env = ClaudeCode.offlineEnv(model.baseUrl(), home);
      env.put("DISINTO_LOG_DIR", tmp.resolve("logs").toString());
      ClaudeConfig cfg = ClaudeConfig.fromEnv(env).withClaudeBinary(claude.toString())
          .withTimings(Duration.ofSeconds(180), Duration.ofSeconds(30), Duration.ofMillis(200),
              Duration.ofSeconds(5));
      ClaudeCodeRunner runner = new ClaudeCodeRunner(cfg, new SessionStore(tmp.resolve("sid")));

      ClaudeRun run = runner.run(ClaudeRequest.of("Ship the change", wt).withoutNudge());

      assertThat(run.succeeded()).as("run %s", run).isTrue();
      assertThat(model.requests()).hasSize(2);
      assertThat(model.requests().get(1).toolResults()).singleElement()
          .satisfies(r -> assertThat(r.isError()).isTrue())
          .satisfies(r -> assertThat(r.content()).contains("BLOCKED").contains("main"));
    }
    assertThat(git(bare, "log", "--format=%s", "main").trim())
        .as("the remote's main was not rewritten").isEqualTo("root");
    assertThat(Files.readString(tmp.resolve("claude-exited-" + SESSION + ".ts")))
        .as("the SessionEnd hook ran through disinto hook").matches("\\d+ \\S+\n");
  }

  @Test
  void worktreeCleanupRemovesExactlyTheCacheFolderOfTheReportedTranscript() throws Exception {
    Path claude = ClaudeCode.require();
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    Path scan = Files.createDirectories(tmp.resolve("worktrees"));
    git(repo, "init", "-q", "-b", "main");
    git(repo, "commit", "-q", "--allow-empty", "-m", "root");
    Path claudeDir = home.resolve(".claude");
    WorktreeManager worktrees = new WorktreeManager(WorktreeSettings.of(repo).withScanRoot(scan),
        GitCli.withEnvironment(Map.of("HOME", home.toString())),
        new ClaudeProjectCache(claudeDir), List::of, Clock.systemUTC(), home);
    Path wt = worktrees.create(scan.resolve("wt-1"), "fix/issue-9", Optional.of("main"));

    Path captured = tmp.resolve("session-end.json");
    Files.createDirectories(wt.resolve(".claude"));
    Files.writeString(wt.resolve(".claude/settings.json"), "{\"hooks\":{\"SessionEnd\":[{"
        + "\"matcher\":\"\",\"hooks\":[{\"type\":\"command\",\"command\":\"cat > "
        + captured + "\"}]}]}}");
    try (ScriptedModel model = ScriptedModel.start(0)) {
      model.enqueue(Turn.text("Nothing to change."));
      Map<String, String> env = ClaudeCode.offlineEnv(model.baseUrl(), home);
      env.put("DISINTO_LOG_DIR", tmp.resolve("logs").toString());
      ClaudeConfig cfg = ClaudeConfig.fromEnv(env).withClaudeBinary(claude.toString())
          .withTimings(Duration.ofSeconds(180), Duration.ofSeconds(30), Duration.ofMillis(200),
              Duration.ofSeconds(5));
      ClaudeRun run = new ClaudeCodeRunner(cfg, new SessionStore(tmp.resolve("sid")))
          .run(ClaudeRequest.of("Look around", wt).withoutNudge());
      assertThat(run.succeeded()).as("run %s", run).isTrue();
    }

    Matcher m = Pattern.compile("\"transcript_path\"\\s*:\\s*\"([^\"]+)\"")
        .matcher(Files.readString(captured));
    assertThat(m.find()).as("SessionEnd reported a transcript path").isTrue();
    Path transcript = Path.of(m.group(1));
    Path projectDir = transcript.getParent();
    assertThat(projectDir.getParent()).isEqualTo(claudeDir.resolve("projects"));
    assertThat(projectDir).isDirectory();
    // The cache of a worktree whose path only starts like this one's stays.
    Path neighbour = Files.createDirectories(claudeDir.resolve("projects")
        .resolve(projectDir.getFileName() + "0"));

    assertThat(worktrees.cleanup(wt)).isTrue();

    assertThat(wt).doesNotExist();
    assertThat(projectDir).as("the reported project cache folder").doesNotExist();
    assertThat(neighbour).isDirectory();
  }

  private static String git(Path dir, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("git", "-c", "user.name=Dev",
        "-c", "user.email=dev@example.invalid", "-c", "commit.gpgsign=false"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("git %s: %s", List.of(args), out).isZero();
    return out;
  }
}
