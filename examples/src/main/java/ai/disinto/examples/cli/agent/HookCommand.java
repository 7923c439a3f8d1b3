package ai.disinto.examples.cli.agent;

import ai.disinto.agent.hooks.CompactReinjectHook;
import ai.disinto.agent.hooks.HookInput;
import ai.disinto.agent.hooks.HookOutcome;
import ai.disinto.agent.hooks.IdleStopHook;
import ai.disinto.agent.hooks.PhaseChangeHook;
import ai.disinto.agent.hooks.PreToolUseGuard;
import ai.disinto.agent.hooks.SessionEndHook;
import ai.disinto.agent.hooks.StopFailureHook;
import ai.disinto.agent.hooks.TmuxSender;
import ai.disinto.core.process.ProcessResult;
import ai.disinto.core.process.ProcessRunner;
import ai.disinto.examples.cli.CliCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code disinto hook <name> [ARGS…]}: the drop-ins for {@code bash lib/hooks/<name>.sh}, to be
 * registered as Claude Code hook commands (see {@code ai.disinto.agent.hooks.HookSettings}). Each
 * takes the original's arguments (a missing argument is the same as an empty one, extra ones are
 * ignored), reads the event JSON on standard input and answers with the exit status Claude Code
 * reads: 0 to proceed, 2 to block a tool call (the reason on standard error, where Claude Code
 * hands it to the model, and on standard output, where the original printed it), 1 when a file
 * could not be written (a non-blocking error for Claude Code).
 */
@Command(
    name = "hook",
    description = "Run one of the Claude Code hooks of lib/hooks/ (event JSON on stdin).",
    subcommands = {
      HookCommand.PreToolUseGuardCommand.class,
      HookCommand.PhaseChangeCommand.class,
      HookCommand.StopFailureCommand.class,
      HookCommand.IdleStopCommand.class,
      HookCommand.SessionEndCommand.class,
      HookCommand.CompactReinjectCommand.class,
    })
public final class HookCommand implements Callable<Integer> {
  /** The exit status by which a PreToolUse hook blocks the tool call. */
  static final int EXIT_BLOCK = 2;

  @Spec CommandSpec spec;

  /** Creates the command; picocli calls it. */
  public HookCommand() {}

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /** The common part of every hook: the positional arguments, as {@code ${N:-}} reads them. */
  abstract static class HookBase extends CliCommand {
    @Parameters(arity = "0..*", paramLabel = "ARG", description = "The hook's arguments.")
    List<String> args = new ArrayList<>();

    /** Argument {@code n} (from 1), "" when missing. */
    final String arg(int n) {
      return args.size() >= n ? args.get(n - 1) : "";
    }

    final Optional<Path> path(int n) {
      String a = arg(n);
      return a.isEmpty() ? Optional.empty() : Optional.of(ctx().workingDir().resolve(a));
    }

    final HookInput input() throws IOException {
      return HookInput.parse(readStdin());
    }

    /** Ends a hook whose file could not be written as the original's shell would: status 1. */
    final int failed(IOException e) {
      err().println("disinto hook: " + e.getMessage());
      err().flush();
      return 1;
    }
  }

  /** {@code disinto hook on-pretooluse-guard [PRIMARY_BRANCH] [WORKTREE] [SESSION]}. */
  @Command(
      name = "on-pretooluse-guard",
      aliases = "pretooluse-guard",
      description = {
        "PreToolUse guard of the Bash tool: exit 2 with the reason when the command is refused.",
        "Args: primary branch (default main), absolute worktree path, session name."
            + " FACTORY_ROOT names the factory checkout worktree sessions may not touch."
      })
  public static final class PreToolUseGuardCommand extends HookBase {
    /** Creates the command; picocli calls it. */
    public PreToolUseGuardCommand() {}

    @Override
    public Integer call() throws IOException {
      String root = env().getOrDefault("FACTORY_ROOT", "");
      if (!root.isEmpty()) {
        root = ctx().workingDir().resolve(root).normalize().toString();
      }
      PreToolUseGuard guard = PreToolUseGuard.builder()
          .primaryBranch(arg(1))
          .worktree(arg(2))
          .sessionName(arg(3))
          .factoryRoot(root)
          .variables(env())
          .pushNamespace(ai.disinto.git.push.PushNamespace.fromEnv(env()).orElse(null))
          .build();
      HookOutcome outcome = guard.evaluate(input());
      if (!outcome.blocked()) {
        return 0;
      }
      out().println(outcome.reason());
      out().flush();
      err().println(outcome.reason());
      err().flush();
      return EXIT_BLOCK;
    }
  }

  /** {@code disinto hook on-phase-change PHASE_FILE MARKER}. */
  @Command(
      name = "on-phase-change",
      aliases = "phase-change",
      description = "PostToolUse hook: stamp MARKER when the tool call wrote PHASE_FILE.")
  public static final class PhaseChangeCommand extends HookBase {
    /** Creates the command; picocli calls it. */
    public PhaseChangeCommand() {}

    @Override
    public Integer call() throws IOException {
      Optional<Path> phase = path(1);
      Optional<Path> marker = path(2);
      if (phase.isEmpty() || marker.isEmpty()) {
        return 0;
      }
      HookInput in = input();
      // The phase path is compared as given, the way Claude Code writes it in the event.
      try {
        new PhaseChangeHook(Path.of(arg(1)), marker.get(), clock()).handle(in);
      } catch (IOException e) {
        return failed(e);
      }
      return 0;
    }
  }

  /** {@code disinto hook on-stop-failure PHASE_FILE [MARKER]}. */
  @Command(
      name = "on-stop-failure",
      aliases = "stop-failure",
      description = "StopFailure hook: write PHASE:failed with the API error to PHASE_FILE"
          + " (unless terminal) and stamp MARKER.")
  public static final class StopFailureCommand extends HookBase {
    /** Creates the command; picocli calls it. */
    public StopFailureCommand() {}

    @Override
    public Integer call() throws IOException {
      Optional<Path> phase = path(1);
      if (phase.isEmpty()) {
        return 0;
      }
      HookInput in = input();
      try {
        new StopFailureHook(phase.get(), path(2), clock()).handle(in);
      } catch (IOException e) {
        return failed(e);
      }
      return 0;
    }
  }

  /** {@code disinto hook on-idle-stop MARKER [PHASE_FILE SESSION]}. */
  @Command(
      name = "on-idle-stop",
      aliases = "idle-stop",
      description = {
        "Stop hook: stamp MARKER, or nudge tmux SESSION (at most twice) while PHASE_FILE is empty.",
        "DISINTO_NUDGE_DIR holds the nudge counters (default /tmp)."
      })
  public static final class IdleStopCommand extends HookBase {
    private static final Duration TMUX_TIMEOUT = Duration.ofSeconds(30);

    /** Creates the command; picocli calls it. */
    public IdleStopCommand() {}

    @Override
    public Integer call() throws IOException {
      readStdin();
      Optional<Path> marker = path(1);
      if (marker.isEmpty()) {
        return 0;
      }
      String dir = env().getOrDefault("DISINTO_NUDGE_DIR", "");
      Path nudgeDir = ctx().workingDir().resolve(dir.isEmpty() ? "/tmp" : dir);
      Optional<String> session = arg(3).isEmpty() ? Optional.empty() : Optional.of(arg(3));
      try {
        new IdleStopHook(tmux(), nudgeDir, clock()).handle(marker.get(), path(2), session);
      } catch (IOException e) {
        return failed(e);
      }
      return 0;
    }

    private TmuxSender tmux() {
      Map<String, String> env = env();
      return (session, text) -> {
        String program = onPath("tmux", env.getOrDefault("PATH", ""));
        ProcessResult r = ProcessRunner.command(List.of(program, "send-keys", "-t", session, text, "Enter"))
            .environment(env)
            .directory(ctx().workingDir())
            .run(TMUX_TIMEOUT);
        if (!r.succeeded()) {
          throw new IOException("tmux send-keys failed: " + r.stderr().strip());
        }
      };
    }

    /** The program as the shell would find it on the invocation's PATH (else its bare name). */
    private static String onPath(String program, String path) {
      for (String dir : path.split(":")) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
        if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
          return candidate.toString();
        }
      }
      return program;
    }
  }

  /** {@code disinto hook on-session-end [MARKER]}. */
  @Command(
      name = "on-session-end",
      aliases = "session-end",
      description = "SessionEnd hook: write '<epoch> <reason>' to MARKER.")
  public static final class SessionEndCommand extends HookBase {
    /** Creates the command; picocli calls it. */
    public SessionEndCommand() {}

    @Override
    public Integer call() throws IOException {
      HookInput in = input();
      try {
        new SessionEndHook(path(1), clock()).handle(in);
      } catch (IOException e) {
        return failed(e);
      }
      return 0;
    }
  }

  /** {@code disinto hook on-compact-reinject [CONTEXT_FILE]}. */
  @Command(
      name = "on-compact-reinject",
      aliases = "compact-reinject",
      description = "SessionStart (compact) hook: print CONTEXT_FILE so Claude Code re-injects it.")
  public static final class CompactReinjectCommand extends HookBase {
    /** Creates the command; picocli calls it. */
    public CompactReinjectCommand() {}

    @Override
    public Integer call() throws IOException {
      readStdin();
      Optional<byte[]> bytes;
      try {
        bytes = new CompactReinjectHook(path(1)).bytes();
      } catch (IOException e) {
        err().println("disinto hook: " + e.getMessage());
        err().flush();
        return 0;
      }
      if (bytes.isPresent()) {
        out().write(bytes.get());
        out().flush();
      }
      return 0;
    }
  }
}
