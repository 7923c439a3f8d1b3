package ai.disinto.vault;

import ai.disinto.core.DisintoException;
import java.util.Optional;

/**
 * A vault request that the forge refused or could not answer: which step failed, the HTTP status
 * (0 when no answer came) and the forge's redacted message, and what the failed request left on
 * the forge, if anything. Mirrors the original's API error returns of {@code vault_request}.
 */
public final class VaultApiException extends DisintoException {
  private static final long serialVersionUID = 1L;

  /** The step of the request that failed. */
  public enum Step {
    /** Reading the ops repo's primary branch. */
    BASE_BRANCH,
    /** Looking up the action's branch {@code vault/<id>}. */
    BRANCH,
    /** Writing the action file (on its branch or, low tier, on the primary branch). */
    WRITE_FILE,
    /** Opening the pull request. */
    CREATE_PR,
    /** The low-tier direct commit without an admin identity. */
    DIRECT_COMMIT
  }

  private final String errorLine;
  private final Step step;
  private final int status;
  private final String forgeMessage;
  private final String leftBehind;

  /**
   * Creates the exception.
   *
   * @param errorLine the one-line reason, starting {@code ERROR: }
   * @param step the failed step
   * @param status the HTTP status, 0 when there was no answer or no call
   * @param forgeMessage the forge's redacted message, or null
   * @param leftBehind what the failed request left on the forge (a branch that could not be
   *     removed), or null when it left nothing
   */
  public VaultApiException(String errorLine, Step step, int status, String forgeMessage,
      String leftBehind) {
    super(errorLine + (status > 0 ? " (HTTP " + status + (forgeMessage == null ? "" : ": "
        + forgeMessage) + ")" : "") + (leftBehind == null ? "" : "; left behind: " + leftBehind));
    this.errorLine = errorLine;
    this.step = step;
    this.status = status;
    this.forgeMessage = forgeMessage;
    this.leftBehind = leftBehind;
  }

  /**
   * The reason as one line, without status or forge message: what the CLI prints.
   *
   * @return {@code ERROR: ...}
   */
  public String errorLine() {
    return errorLine;
  }

  /**
   * The step that failed.
   *
   * @return the step
   */
  public Step step() {
    return step;
  }

  /**
   * The HTTP status of the failed call.
   *
   * @return the status, 0 when no answer came (or no call was made)
   */
  public int status() {
    return status;
  }

  /**
   * The forge's message, redacted.
   *
   * @return the message, when the forge gave one
   */
  public Optional<String> forgeMessage() {
    return Optional.ofNullable(forgeMessage);
  }

  /**
   * What the failed request left on the forge: a branch {@code vault/<id>} without a pull request
   * that could not be deleted.
   *
   * @return a description, or empty when nothing was left
   */
  public Optional<String> leftBehind() {
    return Optional.ofNullable(leftBehind);
  }
}
