package ai.disinto.core.agent;

import java.nio.file.Path;

/**
 * Runs an agent synchronously: one prompt in a working tree, optionally resuming an earlier
 * session, returning when the agent has finished.
 *
 * <p>Mirrors the {@code agent_run [--resume SESSION] [--worktree DIR] PROMPT} contract that
 * {@code lib/pr-lifecycle.sh} expects its caller to define ({@code lib/agent-sdk.sh} provides it).
 * The original installs a stub that fails when no runner is defined; here a runner is a required
 * collaborator instead. Implementations decide everything else (binary, model, turn limit, locks,
 * timeouts) from their own configuration.
 *
 * <p>Implementations must not throw for an agent that fails or times out: they report it through
 * {@link AgentResult#exitStatus()}. They may throw an unchecked exception rooted in {@link
 * ai.disinto.core.DisintoException} when the agent cannot be started at all.
 */
@FunctionalInterface
public interface AgentRunner {

  /**
   * Runs the agent once and waits for it to finish.
   *
   * @param prompt the prompt, passed to the agent verbatim
   * @param resumeSessionId the session to resume; empty means "start a new session" (the
   *     original's {@code --resume ""})
   * @param worktree the directory the agent works in
   * @return the exit status, the session id the agent reported and its output
   */
  AgentResult run(String prompt, String resumeSessionId, Path worktree);
}
