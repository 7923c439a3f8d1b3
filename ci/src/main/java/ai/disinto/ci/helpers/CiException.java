package ai.disinto.ci.helpers;

import ai.disinto.core.DisintoException;
import java.util.Objects;

/**
 * A CI helper could not do what was asked: a promotion refused or unanswered, logs unreadable.
 * The message says what failed in the original's terms; it never carries a token.
 */
public final class CiException extends DisintoException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** An argument was missing. */
    USAGE,
    /** Woodpecker refused the deployment: the repository does not allow deployments (403). */
    DEPLOYMENTS_NOT_ALLOWED,
    /** The request failed or got no answer. */
    REQUEST_FAILED,
    /** The answer had no pipeline number. */
    NO_PIPELINE_NUMBER,
    /** The log store could not be read. */
    LOGS_UNREADABLE
  }

  private final Kind kind;

  /**
   * Creates the exception.
   *
   * @param kind what went wrong
   * @param message the reason
   * @param cause the underlying failure, or {@code null}
   */
  public CiException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /**
   * What went wrong.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }
}
