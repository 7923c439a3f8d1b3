package ai.disinto.core.process;

import java.util.Objects;

/**
 * How a child process ended and what it wrote.
 *
 * @param ending how the run ended
 * @param exitStatus the child's exit status when {@code ending} is {@link Ending#EXITED}; -1
 *     otherwise
 * @param stdout what the child wrote on standard output (UTF-8); with merged streams, both
 * @param stderr what the child wrote on standard error (UTF-8), followed by one line saying why
 *     the run ended when it did not end by itself
 */
public record ProcessResult(Ending ending, int exitStatus, String stdout, String stderr) {

  /** How a run ended. */
  public enum Ending {
    /** The child exited by itself; {@link ProcessResult#exitStatus()} holds its status. */
    EXITED,
    /** The child ran past its timeout and was killed with everything it started. */
    TIMED_OUT,
    /** The calling thread was interrupted; the child was killed with everything it started. */
    INTERRUPTED,
    /** The command could not be started (not found, not executable, bad directory). */
    NOT_STARTED
  }

  /**
   * Checks the components.
   *
   * @param ending how the run ended
   * @param exitStatus the exit status, -1 unless the child exited
   * @param stdout standard output
   * @param stderr standard error
   */
  public ProcessResult {
    Objects.requireNonNull(ending, "ending");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
  }

  /**
   * Tells whether the child exited by itself with status 0.
   *
   * @return true on success
   */
  public boolean succeeded() {
    return ending == Ending.EXITED && exitStatus == 0;
  }

  /**
   * Tells whether the child exited by itself (with any status).
   *
   * @return true when {@link #ending()} is {@link Ending#EXITED}
   */
  public boolean exited() {
    return ending == Ending.EXITED;
  }
}
