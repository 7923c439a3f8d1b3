package ai.disinto.agent;

import java.util.Objects;
import java.util.Optional;

/**
 * How one {@link ClaudeCodeRunner} run ended.
 *
 * @param ending how the Claude process ended
 * @param exitCode Claude's real exit status (128 + signal when a signal ended it; 124 for a hard
 *     timeout, as {@code timeout} reports; -1 when it never started)
 * @param output what Claude printed on standard output, whole (of the nudge call when one ran)
 * @param result the result object parsed from the output, when there is one
 * @param sessionId the session id after the run (from the output, else the one the runner had)
 * @param nudged whether the nudge call ran
 * @param reason a sentence on why the run did not complete normally, empty when it did
 */
public record ClaudeRun(Ending ending, int exitCode, String output,
    Optional<ClaudeResult> result, Optional<String> sessionId, boolean nudged, String reason) {

  /** How the Claude process ended. */
  public enum Ending {
    /** Claude exited by itself. */
    EXITED,
    /** Claude printed its result but lingered; the watchdog stopped it. */
    WATCHDOG_TERMINATED,
    /** Claude ran past the hard timeout and was killed. */
    TIMED_OUT,
    /** The session lock could not be taken in time; Claude never started. */
    LOCK_TIMEOUT,
    /** Claude could not be started (missing binary, unusable folder). */
    START_FAILED
  }

  /** Replaces absent values with empty ones. */
  public ClaudeRun {
    Objects.requireNonNull(ending, "ending");
    output = Objects.requireNonNullElse(output, "");
    result = Objects.requireNonNullElse(result, Optional.empty());
    sessionId = Objects.requireNonNullElse(sessionId, Optional.empty());
    reason = Objects.requireNonNullElse(reason, "");
  }

  /**
   * Tells whether the run did its work: Claude exited with 0 (or was stopped by the watchdog after
   * its result) and printed a result that is not an error.
   *
   * @return true on success
   */
  public boolean succeeded() {
    boolean ended = ending == Ending.EXITED && exitCode == 0
        || ending == Ending.WATCHDOG_TERMINATED;
    return ended && result.map(ClaudeResult::succeeded).orElse(false);
  }

  /**
   * The exit status the agent port reports: 0 on success, 124 for a hard timeout, Claude's own
   * status when it is not 0, otherwise 1 (an error result, a lock timeout, no result at all).
   *
   * @return the status
   */
  public int portStatus() {
    if (succeeded()) {
      return 0;
    }
    if (ending == Ending.TIMED_OUT) {
      return 124;
    }
    if (ending == Ending.START_FAILED) {
      return 127;
    }
    return ending == Ending.EXITED && exitCode != 0 ? exitCode : 1;
  }
}
