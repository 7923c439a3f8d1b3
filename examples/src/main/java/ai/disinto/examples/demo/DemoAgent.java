package ai.disinto.examples.demo;

import ai.disinto.agent.ClaudeCodeRunner;
import ai.disinto.agent.ClaudeConfig;
import ai.disinto.agent.ClaudeRequest;
import ai.disinto.agent.ClaudeRun;
import ai.disinto.agent.SessionStore;
import ai.disinto.agent.hooks.HookOutcome;
import ai.disinto.agent.hooks.HookSettings;
import ai.disinto.agent.hooks.PreToolUseGuard;
import ai.disinto.agent.hooks.SessionFiles;
import ai.disinto.core.DisintoException;
import ai.disinto.core.agent.AgentResult;
import ai.disinto.core.agent.AgentRunner;
import ai.disinto.core.process.ProcessResult;
import ai.disinto.core.process.ProcessRunner;
import ai.disinto.examples.demo.DemoProject.Script;
import ai.disinto.examples.demo.DemoProject.Task;
import ai.disinto.testkit.model.FakeClaude;
import ai.disinto.testkit.model.ModelRequest;
import ai.disinto.testkit.model.ScriptedModel;
import ai.disinto.testkit.model.Turn;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The demo's developer: the real Claude Code CLI driven by a {@link ScriptedModel}, with the
 * factory's hooks installed in each worktree (they run {@code disinto hook …} of this very
 * program), or, where Claude Code is not installed, the testkit's fake {@code claude}: then the
 * demo runs the scripted commands itself, each checked by the same PreToolUse guard first.
 */
final class DemoAgent implements FactoryCycle.Developer {
  private static final String MAIN_CLASS = "ai.disinto.examples.cli.Main";

  private final Optional<Path> claudeCode;
  private final Path fakeClaude;
  private final ScriptedModel model;
  private final Path root;
  private final Map<String, String> env;
  private final Map<Long, Task> tasks;
  private final PrintStream out;
  private final Set<String> merged = new HashSet<>();
  private final List<String> fixPrompts = new ArrayList<>();
  private final Set<String> refusedCalls = new HashSet<>();
  private Task current;
  private long currentIssue;
  private Path currentWorktree;
  private int turns;
  private int guardRefusals;
  private boolean firstTask = true;

  /**
   * @param claudeCode the real CLI, empty for the fake
   * @param model the scripted model (used by the real CLI)
   * @param root the run's folder: home, session files, the fake's folder
   * @param gitEnv what every git command of the agent needs (credentials, identity)
   * @param tasks the backlog's tasks by issue number
   * @param out where the agent's step lines go
   */
  DemoAgent(Optional<Path> claudeCode, ScriptedModel model, Path root, Map<String, String> gitEnv,
      Map<Long, Task> tasks, PrintStream out) {
    this.claudeCode = claudeCode;
    this.model = model;
    this.root = root;
    this.tasks = Map.copyOf(tasks);
    this.out = out;
    this.fakeClaude = claudeCode.isPresent() ? null : FakeClaude.install(root.resolve("fake-bin"));
    Path home = mkdirs(root.resolve("home"));
    Map<String, String> e = new LinkedHashMap<>(
        ai.disinto.testkit.model.ClaudeCode.offlineEnv(model.baseUrl(), home));
    e.putAll(gitEnv);
    e.put("TMPDIR", mkdirs(root.resolve("tmp")).toString());
    e.put("DISINTO_LOG_DIR", mkdirs(root.resolve("logs")).toString());
    this.env = Map.copyOf(e);
  }

  /** Which agent runs, in words, for the demo's first line. */
  String describe() {
    return claudeCode.map(p -> "Claude Code " + p + " (driven by a scripted model, factory hooks"
        + " installed)").orElse("the fake claude (Claude Code is not installed; the demo runs the"
        + " scripted commands itself, checked by the PreToolUse guard)");
  }

  boolean real() {
    return claudeCode.isPresent();
  }

  int guardRefusals() {
    return guardRefusals;
  }

  List<String> fixPrompts() {
    return List.copyOf(fixPrompts);
  }

  @Override
  public int turns() {
    return turns;
  }

  @Override
  public String implement(long issue, String title, String body, String branch, Path worktree) {
    current = tasks.get(issue);
    currentIssue = issue;
    currentWorktree = worktree;
    if (current == null) {
      throw new DisintoException("the demo has no script for issue #" + issue);
    }
    Script script = DemoProject.firstAttempt(current, merged, firstTask);
    firstTask = false;
    String prompt = "Implement issue #" + issue + ": " + title + "\n\n" + body + "\n\n"
        + "You are in a worktree on branch " + branch + ". Add a test, commit, and push the branch.";
    AgentResult r = run(prompt, "", worktree, script);
    return r.sessionId();
  }

  /** Later tasks build on the merged one's feature. */
  @Override
  public void merged(long issue) {
    Task t = tasks.get(issue);
    if (t != null) {
      merged.add(t.feature());
    }
  }

  @Override
  public AgentRunner runner() {
    return (prompt, session, worktree) -> {
      fixPrompts.add(prompt);
      return run(prompt, session, worktree, DemoProject.ciFix(current));
    };
  }

  private AgentResult run(String prompt, String session, Path worktree, Script script) {
    long t0 = System.nanoTime();
    String session0 = "dev-demo-" + currentIssue;
    ClaudeRun run;
    int blocked;
    int before = turns;
    if (claudeCode.isPresent()) {
      installHooks(worktree, session0);
      int seen = model.requests().size();
      List<Turn> turnsOf = new ArrayList<>();
      script.commands().forEach(c -> turnsOf.add(Turn.bash(c)));
      turnsOf.add(Turn.text(script.finalText()));
      model.enqueue(turnsOf.toArray(Turn[]::new));
      ClaudeRequest req = ClaudeRequest.of(prompt, worktree).withoutNudge();
      if (!session.isEmpty()) {
        req = req.resuming(session);
      }
      run = runner(claudeCode.get(), Map.of()).run(req);
      List<ModelRequest> mine = model.requests().subList(seen, model.requests().size());
      turns += mine.size();
      // Each request repeats the conversation so far (a resumed one the earlier runs' too):
      // count each refused tool call once.
      blocked = (int) mine.stream().flatMap(m -> m.toolResults().stream())
          .filter(t -> t.content().contains("BLOCKED"))
          .map(ModelRequest.ToolResult::toolUseId).filter(refusedCalls::add).count();
    } else {
      blocked = runScriptHere(worktree, script, session0);
      turns += script.commands().size() + 1;
      String result = new Moshi.Builder().build().adapter(Object.class).toJson(Map.of(
          "type", "result", "subtype", "success", "is_error", false,
          "result", script.finalText(), "session_id", session0 + "-" + turns,
          "num_turns", script.commands().size() + 1));
      run = runner(fakeClaude, Map.of("FAKE_CLAUDE_STDOUT", result)).run(
          ClaudeRequest.of(prompt, worktree).withoutNudge());
    }
    guardRefusals += blocked;
    long ms = (System.nanoTime() - t0) / 1_000_000;
    String firstLine = prompt.lines().findFirst().orElse("");
    out.printf("  %-10s %-4s %-74s %6d ms%n", "agent", "#" + currentIssue,
        (real() ? "claude: " : "fake claude: ") + (turns - before) + " turns"
            + (blocked > 0 ? ", guard refused " + blocked : "") + ", "
            + (run.succeeded() ? "done" : "FAILED (" + run.reason() + ")") + ": \""
            + abbreviate(firstLine, 36) + "\"", ms);
    out.flush();
    if (!run.succeeded()) {
      throw new DisintoException("the agent failed on #" + currentIssue + ": " + run.reason());
    }
    return new AgentResult(run.portStatus(), run.sessionId().orElse(""), run.output());
  }

  private ClaudeCodeRunner runner(Path binary, Map<String, String> extra) {
    Map<String, String> e = new LinkedHashMap<>(env);
    e.putAll(extra);
    ClaudeConfig cfg = ClaudeConfig.fromEnv(e).withClaudeBinary(binary.toString())
        .withTimings(Duration.ofSeconds(180), Duration.ofSeconds(30), Duration.ofMillis(200),
            Duration.ofSeconds(5));
    return new ClaudeCodeRunner(cfg, new SessionStore(root.resolve("session-id")));
  }

  /** The fake's way: each command checked by the guard, then run with bash in the worktree. */
  private int runScriptHere(Path worktree, Script script, String session) {
    PreToolUseGuard guard = PreToolUseGuard.builder().primaryBranch("main")
        .worktree(worktree.toString()).sessionName(session).build();
    int blocked = 0;
    for (String command : script.commands()) {
      HookOutcome o = guard.evaluateCommand(command, worktree.toString());
      if (o.blocked()) {
        blocked++;
        continue;
      }
      ProcessResult r = ProcessRunner.command("bash", "-c", command).directory(worktree)
          .environment(env).mergeStderr().run(Duration.ofSeconds(120));
      if (!r.succeeded()) {
        throw new DisintoException("the scripted command failed in " + worktree + ": "
            + abbreviate(command.lines().findFirst().orElse(""), 60) + ": " + r.stdout().strip());
      }
    }
    return blocked;
  }

  private void installHooks(Path worktree, String session) {
    Path sessionDir = mkdirs(root.resolve("sessions").resolve(session));
    SessionFiles files = SessionFiles.defaults(sessionDir, session,
        sessionDir.resolve("dev-session-demo-" + currentIssue + ".phase"));
    try {
      HookSettings.install(worktree, HookSettings.standard(hookCommand(), files, "main",
          worktree, session));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install the hooks in " + worktree, e);
    }
  }

  /** {@code java -cp <this program> Main hook}: the hooks run this very build. */
  static List<String> hookCommand() {
    return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
        "-cp", System.getProperty("java.class.path"), MAIN_CLASS, "hook");
  }

  Path currentWorktree() {
    return currentWorktree;
  }

  private static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private static Path mkdirs(Path p) {
    try {
      return Files.createDirectories(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + p, e);
    }
  }
}
