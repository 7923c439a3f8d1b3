package ai.disinto.core.agent;

import java.util.Objects;

/**
 * What one agent run ended with. Mirrors {@code agent_run}'s exit status and its output variables
 * {@code _AGENT_SESSION_ID} and {@code _AGENT_LAST_OUTPUT}.
 *
 * @param exitStatus the exit status of the agent's child process; 0 is success
 * @param sessionId the session the agent ran in (for a later resume), empty when unknown
 * @param output what the agent printed (its final result text), empty when none
 */
public record AgentResult(int exitStatus, String sessionId, String output) {

  /** Replaces absent strings with empty ones. */
  public AgentResult {
    sessionId = Objects.requireNonNullElse(sessionId, "");
    output = Objects.requireNonNullElse(output, "");
  }

  /**
   * Tells whether the agent exited with status 0.
   *
   * @return true on success
   */
  public boolean succeeded() {
    return exitStatus == 0;
  }
}
