package ai.disinto.agent;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code agent_run}: a prompt, the folder Claude works in, the session to resume, and whether
 * the nudge rule applies.
 *
 * @param prompt the prompt, passed verbatim after {@code -p}
 * @param workDir the run directory (the worktree)
 * @param resumeSessionId the session to {@code --resume}, empty for a new session
 * @param nudgeIfUncommitted whether to nudge once when Claude stopped with uncommitted changes
 */
public record ClaudeRequest(String prompt, Path workDir, Optional<String> resumeSessionId,
    boolean nudgeIfUncommitted) {

  /** Checks the values; an empty resume id means a new session. */
  public ClaudeRequest {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(workDir, "workDir");
    resumeSessionId = Objects.requireNonNullElse(resumeSessionId, Optional.<String>empty())
        .filter(s -> !s.isEmpty());
  }

  /**
   * A new session in a folder, with the nudge rule.
   *
   * @param prompt the prompt
   * @param workDir the run directory
   * @return the request
   */
  public static ClaudeRequest of(String prompt, Path workDir) {
    return new ClaudeRequest(prompt, workDir, Optional.empty(), true);
  }

  /**
   * The same request resuming a session.
   *
   * @param sessionId the session id; empty for a new session
   * @return a changed copy
   */
  public ClaudeRequest resuming(String sessionId) {
    return new ClaudeRequest(prompt, workDir, Optional.ofNullable(sessionId), nudgeIfUncommitted);
  }

  /**
   * The same request without the nudge.
   *
   * @return a changed copy
   */
  public ClaudeRequest withoutNudge() {
    return new ClaudeRequest(prompt, workDir, resumeSessionId, false);
  }
}
