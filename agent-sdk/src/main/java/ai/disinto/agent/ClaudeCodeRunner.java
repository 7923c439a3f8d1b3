package ai.disinto.agent;

import ai.disinto.core.agent.AgentResult;
import ai.disinto.core.agent.AgentRunner;
import ai.disinto.core.process.ProcessResult;
import ai.disinto.core.process.ProcessRunner;
import ai.disinto.core.secrets.SecretScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Claude Code CLI once per prompt, synchronously: {@code claude -p PROMPT --output-format
 * json --dangerously-skip-permissions --max-turns 200 [--resume ID] [--model M]}, in the run
 * directory, with standard input from /dev/null. Mirrors {@code agent_run} and {@code
 * agent_recover_session} of {@code lib/agent-sdk.sh}.
 *
 * <ul>
 *   <li><b>Session lock.</b> Every Claude process runs under an exclusive flock(2) on {@code
 *       ~/.claude/session.lock}, taken by util-linux {@code flock} (Java's {@code FileChannel.lock}
 *       takes POSIX record locks, which do not exclude flock), so Java and shell agents sharing
 *       {@code ~/.claude} never refresh its OAuth token at once. When the lock is busy the runner
 *       logs who holds it; when it stays busy past the wait the run ends {@link
 *       ClaudeRun.Ending#LOCK_TIMEOUT} without starting Claude. Claude's descendants never get the
 *       locked descriptor.
 *   <li><b>Watchdog.</b> When Claude has printed its result ({@code "type":"result"}) but does not
 *       exit, it gets the idle grace, then SIGTERM, then SIGKILL after the term grace. Past the hard
 *       timeout it is stopped the same way and the run ends {@link ClaudeRun.Ending#TIMED_OUT} with
 *       status 124. Whatever Claude leaves running in its process group is killed when it ends.
 *   <li><b>Result.</b> Claude's real exit status and its parsed result object ({@link
 *       ClaudeResult}); a run succeeds only when the result is not an error. Output lines are logged
 *       as they arrive (standard error at INFO, standard output at DEBUG), secrets redacted.
 *   <li><b>Session.</b> A session id in the output is kept and written to the {@link
 *       SessionStore}; without one the previous id stays.
 *   <li><b>Nudge.</b> Once per run, when Claude stopped with uncommitted changes and no commit
 *       ahead of {@code FORGE_REMOTE/PRIMARY_BRANCH}, it is resumed with a prompt to commit and push.
 * </ul>
 *
 * <p>All waits are waits on the child process or on {@code flock}, which return as soon as the
 * process ends; nothing sleeps.
 */
public final class ClaudeCodeRunner implements AgentRunner {
  /** The prompt of the nudge call. */
  public static final String NUDGE =
      "You stopped but did not push any code. You have uncommitted changes. Commit them and push.";
  private static final Logger LOG = LoggerFactory.getLogger(ClaudeCodeRunner.class);
  private static final SecretScanner SCANNER = SecretScanner.defaults();

  private final ClaudeConfig cfg;
  private final SessionStore sessions;
  private String sessionId = "";
  private String lastOutput = "";

  /**
   * Creates a runner.
   *
   * @param cfg how to run Claude
   * @param sessions where the session id is kept
   */
  public ClaudeCodeRunner(ClaudeConfig cfg, SessionStore sessions) {
    this.cfg = Objects.requireNonNull(cfg, "cfg");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
  }

  /**
   * Reads the stored session id and makes it the current one. Mirrors {@code
   * agent_recover_session}, with its log line.
   *
   * @return the recovered id, empty when none is stored
   */
  public synchronized Optional<String> recoverSession() {
    Optional<String> id = sessions.read();
    id.ifPresent(s -> {
      sessionId = s;
      LOG.info("agent_recover_session: {}...", first12(s));
    });
    return id;
  }

  /**
   * The current session id (the original's {@code _AGENT_SESSION_ID}).
   *
   * @return the id, empty when none is known yet
   */
  public synchronized Optional<String> currentSessionId() {
    return sessionId.isEmpty() ? Optional.empty() : Optional.of(sessionId);
  }

  /**
   * What the last run printed (the original's {@code _AGENT_LAST_OUTPUT}).
   *
   * @return the output, empty before the first run
   */
  public synchronized String lastOutput() {
    return lastOutput;
  }

  /**
   * Runs the agent port's contract: a new session when {@code resumeSessionId} is empty.
   *
   * @param prompt the prompt
   * @param resumeSessionId the session to resume, empty for a new one
   * @param worktree the run directory
   * @return 0 on success (see {@link ClaudeRun#portStatus()}), the session id and the output
   */
  @Override
  public AgentResult run(String prompt, String resumeSessionId, Path worktree) {
    ClaudeRun r = run(ClaudeRequest.of(prompt, worktree).resuming(resumeSessionId));
    return new AgentResult(r.portStatus(), r.sessionId().orElse(""), r.output());
  }

  /**
   * Runs Claude for one request, with the nudge rule. Mirrors {@code agent_run}.
   *
   * @param req the request
   * @return how the run ended, with the nudge call's output and session when a nudge ran
   */
  public synchronized ClaudeRun run(ClaudeRequest req) {
    lastOutput = "";
    Path dir = req.workDir();
    LOG.info("agent_run: starting (resume={}, dir={})", req.resumeSessionId().orElse("(new)"),
        dir);
    List<String> args = new ArrayList<>(List.of("-p", req.prompt(), "--output-format", "json",
        "--dangerously-skip-permissions", "--max-turns", String.valueOf(cfg.maxTurns())));
    req.resumeSessionId().ifPresent(id -> args.addAll(List.of("--resume", id)));
    addModel(args);
    ClaudeRun main = invoke(args, dir, "");
    if (main.ending() == ClaudeRun.Ending.START_FAILED
        || main.ending() == ClaudeRun.Ending.LOCK_TIMEOUT) {
      return main;
    }
    if (sessionId.isEmpty() || main.output().isEmpty() || !req.nudgeIfUncommitted()) {
      return main;
    }
    String ahead = firstLine(dir, "log", "--oneline",
        cfg.forgeRemote() + "/" + cfg.primaryBranch() + "..HEAD");
    if (!ahead.isEmpty()) {
      return main;
    }
    if (firstLine(dir, "status", "--porcelain").isEmpty()) {
      LOG.info("agent_run: no push and no changes — skipping nudge");
      return main;
    }
    LOG.info("agent_run: nudging (uncommitted changes)");
    List<String> nudge = new ArrayList<>(List.of("-p", NUDGE, "--resume", sessionId,
        "--output-format", "json", "--dangerously-skip-permissions", "--max-turns",
        String.valueOf(cfg.nudgeMaxTurns())));
    addModel(nudge);
    ClaudeRun n = invoke(nudge, dir, "nudge ");
    return new ClaudeRun(n.ending(), n.exitCode(), n.output(), n.result(), n.sessionId(), true,
        n.reason());
  }

  private void addModel(List<String> args) {
    if (!cfg.model().isEmpty()) {
      args.addAll(List.of("--model", cfg.model()));
    }
  }

  /** One Claude call with its log lines; {@code label} is "" or "nudge ". */
  private ClaudeRun invoke(List<String> args, Path dir, String label) {
    Optional<String> binary = resolveBinary();
    if (binary.isEmpty()) {
      String why = "cannot find " + cfg.claudeBinary() + " (not executable or not on PATH)";
      LOG.info("agent_run: {}", why);
      return new ClaudeRun(ClaudeRun.Ending.START_FAILED, -1, "", Optional.empty(),
          currentSessionId(), false, why);
    }
    if (!Files.isDirectory(dir)) {
      String why = "cannot enter " + dir;
      LOG.info("agent_run: {}", why);
      return new ClaudeRun(ClaudeRun.Ending.START_FAILED, -1, "", Optional.empty(),
          currentSessionId(), false, why);
    }
    ClaudeProcess.Outcome o = ClaudeProcess.run(cfg, binary.get(), args, dir);
    String out = o.stdout();
    switch (o.ending()) {
      case TIMED_OUT -> LOG.info("agent_run: {}timeout after {}s (exit code 124)", label,
          ClaudeProcess.seconds(cfg.hardTimeout()));
      case LOCK_TIMEOUT -> LOG.info("agent_run: {}", o.reason());
      case START_FAILED -> LOG.info("agent_run: {}", o.reason());
      default -> {
        if (o.exitCode() != 0 && o.ending() == ClaudeRun.Ending.EXITED) {
          LOG.info("agent_run: {}claude exited with code {}", label, o.exitCode());
          if (!out.isEmpty()) {
            LOG.info("agent_run: {}last output lines: {}", label,
                SCANNER.redact(String.join("\n", ResultParser.lastLines(out, 3))));
          }
        }
      }
    }
    if (o.ending() == ClaudeRun.Ending.LOCK_TIMEOUT || o.ending() == ClaudeRun.Ending.START_FAILED) {
      return new ClaudeRun(o.ending(), o.exitCode(), "", Optional.empty(), currentSessionId(),
          false, o.reason());
    }
    if (out.isEmpty() && label.isEmpty()) {
      LOG.info("agent_run: empty output (claude may have crashed or failed, exit code: {})",
          o.exitCode());
    }
    Optional<ClaudeResult> result = ClaudeResult.parse(out);
    Optional<String> id = result.flatMap(ClaudeResult::session);
    if (id.isPresent()) {
      sessionId = id.get();
      sessions.write(sessionId);
      if (label.isEmpty()) {
        LOG.info("agent_run: session_id={}...", first12(sessionId));
      }
    }
    lastOutput = out;
    writeDiag(out);
    String reason = o.reason();
    if (reason.isEmpty() && result.isPresent() && !result.get().succeeded()) {
      reason = "claude reported an error: " + SCANNER.redact(result.get().result());
    } else if (reason.isEmpty() && result.isEmpty()) {
      reason = out.isEmpty() ? "claude printed nothing" : "claude printed no result object";
    }
    return new ClaudeRun(o.ending(), o.exitCode(), out, result, currentSessionId(), false,
        reason);
  }

  private Optional<String> resolveBinary() {
    String b = cfg.claudeBinary();
    if (b.contains("/")) {
      return Files.isExecutable(Path.of(b)) ? Optional.of(b) : Optional.empty();
    }
    String path = cfg.environment().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    for (String d : path.split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, b))) {
        return Optional.of(Path.of(d, b).toString());
      }
    }
    return Optional.empty();
  }

  private void writeDiag(String out) {
    try {
      Path parent = cfg.diagFile().toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(cfg.diagFile(), SCANNER.redact(out), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      LOG.debug("cannot write the diag file {}", cfg.diagFile(), e);
    }
  }

  private String firstLine(Path dir, String... gitArgs) {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(List.of(gitArgs));
    ProcessResult r = ProcessRunner.command(cmd).directory(dir).environment(cfg.environment())
        .run(Duration.ofSeconds(60));
    if (!r.succeeded()) {
      return "";
    }
    return r.stdout().lines().findFirst().orElse("");
  }

  private static String first12(String s) {
    return s.length() <= 12 ? s : s.substring(0, 12);
  }

  @Override
  public String toString() {
    return "ClaudeCodeRunner[" + cfg + "]";
  }
}
