package ai.disinto.examples.cli.agent;

import ai.disinto.agent.ClaudeCodeRunner;
import ai.disinto.agent.ClaudeConfig;
import ai.disinto.agent.ClaudeRequest;
import ai.disinto.agent.ClaudeRun;
import ai.disinto.agent.SessionStore;
import ai.disinto.examples.cli.CliCommand;
import ai.disinto.examples.cli.CliException;
import ai.disinto.examples.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto agent run [--resume ID] [--worktree DIR] PROMPT [--vars]} and {@code disinto
 * agent recover [--vars]}: the drop-ins for {@code agent_run} and {@code agent_recover_session} of
 * lib/agent-sdk.sh, running the real {@code claude} found on {@code PATH} with the agent-sdk's
 * {@link ClaudeCodeRunner}.
 *
 * <p>The session file is {@code SID_FILE} (required, as the original's callers set it); {@code
 * CLAUDE_MODEL}, {@code CLAUDE_TIMEOUT}, {@code CLAUDE_IDLE_GRACE}, {@code HOME} (the session
 * lock), {@code FORGE_REMOTE}, {@code PRIMARY_BRANCH} and {@code DISINTO_LOG_DIR} are read as the
 * original reads them. Both exit 0, as the shell functions return, whatever Claude did; the log
 * lines (standard error or {@code LOGFILE}) say what happened. {@code --vars} prints {@code
 * _AGENT_SESSION_ID} (and for {@code run} {@code _AGENT_LAST_OUTPUT}). Unlike the original, an
 * unknown option is a usage error (exit 64) instead of being dropped.
 */
@Command(
    name = "agent",
    description = "Run the Claude Code agent (lib/agent-sdk.sh).",
    subcommands = {AgentCommand.Run.class, AgentCommand.Recover.class})
public final class AgentCommand extends CliCommand {
  /** Creates the command; picocli calls it. */
  public AgentCommand() {}

  @Override
  public Integer call() {
    throw new CliException(Main.EXIT_USAGE, "disinto agent: missing subcommand (run | recover)");
  }

  static ClaudeCodeRunner runner(CliCommand cmd, Map<String, String> childEnv, Path sidFile) {
    ClaudeConfig cfg;
    try {
      cfg = ClaudeConfig.fromEnv(childEnv);
    } catch (IllegalArgumentException e) {
      throw new CliException(Main.EXIT_USAGE, "disinto agent: " + e.getMessage());
    }
    return new ClaudeCodeRunner(cfg, new SessionStore(sidFile));
  }

  static Path sidFile(Map<String, String> env, Path workingDir) {
    String sid = env.getOrDefault("SID_FILE", "");
    if (sid.isEmpty()) {
      throw new CliException(Main.EXIT_USAGE,
          "disinto agent: SID_FILE must name the session id file");
    }
    return workingDir.resolve(sid);
  }

  /** {@code disinto agent run [--resume ID] [--worktree DIR] PROMPT [--vars]}. */
  @Command(name = "run", description = "Run claude -p PROMPT in DIR (default: here), resuming ID"
      + " when given, with the watchdog, the session lock and the nudge (agent_run).")
  public static final class Run extends CliCommand {
    @Option(names = "--resume", paramLabel = "ID", description = "Session to resume.")
    String resume;

    @Option(names = "--worktree", paramLabel = "DIR", description = "Run directory.")
    Path worktree;

    @Option(names = "--vars", description = "Print _AGENT_SESSION_ID and _AGENT_LAST_OUTPUT.")
    boolean vars;

    @Parameters(index = "0", paramLabel = "PROMPT", description = "The prompt.")
    String prompt;

    @Parameters(index = "1..*", paramLabel = "IGNORED", hidden = true,
        description = "Further arguments are ignored, as by the original.")
    List<String> ignored;

    /** Creates the command; picocli calls it. */
    public Run() {}

    @Override
    public Integer call() {
      Map<String, String> childEnv = factoryEnv().childProcessEnv();
      ClaudeCodeRunner runner = runner(this, childEnv, sidFile(env(), ctx().workingDir()));
      Path dir = worktree == null ? ctx().workingDir() : ctx().workingDir().resolve(worktree);
      if (!Files.isDirectory(dir)) {
        throw new CliException(1, "disinto agent run: cannot enter " + dir);
      }
      ClaudeRun r = runner.run(ClaudeRequest.of(prompt, dir).resuming(resume));
      if (vars) {
        printVar("_AGENT_SESSION_ID", r.sessionId().orElse(""));
        printVar("_AGENT_LAST_OUTPUT", runner.lastOutput());
      }
      return 0;
    }
  }

  /** {@code disinto agent recover [--vars]}. */
  @Command(name = "recover", description = "Read the session id kept in SID_FILE"
      + " (agent_recover_session).")
  public static final class Recover extends CliCommand {
    @Option(names = "--vars", description = "Print _AGENT_SESSION_ID.")
    boolean vars;

    /** Creates the command; picocli calls it. */
    public Recover() {}

    @Override
    public Integer call() {
      Path sid = sidFile(env(), ctx().workingDir());
      ClaudeCodeRunner runner = runner(this, factoryEnv().childProcessEnv(), sid);
      String id = runner.recoverSession().orElse("");
      if (vars) {
        printVar("_AGENT_SESSION_ID", id);
      }
      return 0;
    }
  }
}
