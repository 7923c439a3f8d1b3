package ai.disinto.forge.issues;

import java.util.Objects;

/**
 * One request of an issue operation that the forge refused or did not answer.
 *
 * @param step what the request was for, such as {@code unassign}, {@code add-label backlog},
 *     {@code comment} or {@code claim-ref}
 * @param httpStatus the HTTP status, or 0 when no answer arrived
 * @param message the forge's message, or a description of what went wrong when the forge said
 *     nothing; never null
 */
public record StepFailure(String step, int httpStatus, String message) {
  /** Checks the parts. */
  public StepFailure {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(message, "message");
  }

  /**
   * The failure as one log phrase: {@code step (HTTP 500: message)}.
   *
   * @return the phrase
   */
  public String describe() {
    return step + " (HTTP " + httpStatus + (message.isEmpty() ? "" : ": " + message) + ")";
  }
}
