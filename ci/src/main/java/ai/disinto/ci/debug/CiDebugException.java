package ai.disinto.ci.debug;

import ai.disinto.core.DisintoException;
import java.util.Objects;
import java.util.Optional;

/**
 * A ci-debug command could not finish: a step that the pipeline does not have, no pipeline at all,
 * or a Woodpecker request that failed part way. {@link #partialOutput()} holds the text the
 * command had produced before it stopped, as the script had printed it before it aborted (the PR
 * walk keeps that part of {@code failures}).
 */
public class CiDebugException extends DisintoException {
  private static final long serialVersionUID = 1L;

  /** Why the command stopped. */
  public enum Reason {
    /** No step of the pipeline has that number or name. */
    UNKNOWN_STEP,
    /** The repository has no pipeline to default to. */
    NO_PIPELINE,
    /** A Woodpecker request failed; the cause is the {@code WoodpeckerException}. */
    REQUEST_FAILED,
    /**
     * A step's log could not be read (the script's {@code woodpecker-cli} failed there); the cause
     * is the {@code WoodpeckerException}.
     */
    LOG_UNREADABLE
  }

  private final Reason reason;
  private final String partialOutput;

  /**
   * Creates the exception.
   *
   * @param reason why the command stopped
   * @param message what went wrong, free of secrets
   * @param partialOutput the text produced before the failure, possibly empty
   * @param cause the underlying failure, or {@code null}
   */
  public CiDebugException(Reason reason, String message, String partialOutput, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.partialOutput = Objects.requireNonNull(partialOutput, "partialOutput");
  }

  /**
   * Why the command stopped.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * The text the command had produced when it stopped.
   *
   * @return the text, possibly empty
   */
  public String partialOutput() {
    return partialOutput;
  }

  /**
   * The failed Woodpecker request's HTTP status, when a request failed (also for an unreadable log).
   *
   * @return the status ({@code 0} when no answer arrived), or empty for other reasons
   */
  public Optional<Integer> requestStatus() {
    return getCause() instanceof ai.disinto.ci.woodpecker.WoodpeckerException w
        ? Optional.of(w.status()) : Optional.empty();
  }
}
