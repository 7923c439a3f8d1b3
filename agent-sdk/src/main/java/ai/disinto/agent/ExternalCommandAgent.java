package ai.disinto.agent;

import ai.disinto.core.agent.AgentResult;
import ai.disinto.core.agent.AgentRunner;
import ai.disinto.core.process.ProcessResult;
import ai.disinto.core.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AgentRunner} that runs an external command: {@code /bin/sh -c COMMAND} in the
 * worktree, with the prompt on standard input and the session to resume in {@code
 * DISINTO_AGENT_SESSION} (empty for none; the worktree is also in {@code DISINTO_AGENT_WORKTREE}).
 * What {@code disinto pr walk --agent-cmd} runs; a stand-in for the Claude runner of {@code
 * lib/agent-sdk.sh} that any script or fake agent can play.
 *
 * <p>The command's standard output is the run's output; each line of its standard error is logged
 * through SLF4J at INFO. Its exit status is the result's {@code exitStatus} (the walk logs it and
 * otherwise ignores it, as {@code agent_run}'s is). A run longer than the timeout is killed with everything
 * it started and reported with exit status {@value #TIMED_OUT}; an interrupted run with {@value
 * #INTERRUPTED}, a command that cannot be started with {@value #CANNOT_START}, as a shell would.
 */
public final class ExternalCommandAgent implements AgentRunner {
  /** The exit status of a run killed at its timeout (as coreutils' {@code timeout} reports it). */
  public static final int TIMED_OUT = 124;
  /** The exit status of a run whose thread was interrupted. */
  public static final int INTERRUPTED = 130;
  /** The exit status of a command that could not be started. */
  public static final int CANNOT_START = 127;

  private static final Logger LOG = LoggerFactory.getLogger(ExternalCommandAgent.class);

  private final String command;
  private final Map<String, String> env;
  private final Duration timeout;

  /**
   * Creates the agent.
   *
   * @param command the shell command line
   * @param env the command's environment ({@code PATH} defaults to the system directories)
   * @param timeout how long one run may take ({@code CLAUDE_TIMEOUT})
   * @throws IllegalArgumentException when the command is blank or the timeout not positive
   */
  public ExternalCommandAgent(String command, Map<String, String> env, Duration timeout) {
    this.command = Objects.requireNonNull(command, "command");
    this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (command.isBlank()) {
      throw new IllegalArgumentException("the agent command is empty");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  @Override
  public AgentResult run(String prompt, String resumeSessionId, Path worktree) {
    Map<String, String> childEnv = new HashMap<>(env);
    childEnv.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
    childEnv.put("DISINTO_AGENT_SESSION", Objects.requireNonNullElse(resumeSessionId, ""));
    childEnv.put("DISINTO_AGENT_WORKTREE", worktree.toString());
    ProcessResult o = ProcessRunner.command("/bin/sh", "-c", command).directory(worktree)
        .environment(childEnv).stdin(Objects.requireNonNull(prompt, "prompt")).run(timeout);
    o.stderr().lines().filter(l -> !l.isBlank()).forEach(l -> LOG.info("{}", l));
    return new AgentResult(exitStatusOf(o), "", o.stdout());
  }

  private static int exitStatusOf(ProcessResult r) {
    return switch (r.ending()) {
      case EXITED -> r.exitStatus();
      case TIMED_OUT -> TIMED_OUT;
      case INTERRUPTED -> INTERRUPTED;
      case NOT_STARTED -> CANNOT_START;
    };
  }

  /** Leaves the environment out: it may hold tokens. */
  @Override
  public String toString() {
    return "ExternalCommandAgent[timeout " + timeout.toSeconds() + " s]";
  }
}
