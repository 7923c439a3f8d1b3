package ai.disinto.forge.pulls;

import java.util.Objects;

/**
 * The outcome of a write on a PR that has no other answer than "done" or "failed, and why":
 * {@link PullRequests#close} and {@link PullRequests#comment}.
 *
 * @param done true when the forge accepted the write
 * @param httpStatus the forge's status; 0 when it did not answer
 * @param message on failure the forge's {@code message} (or, without one, at most 200 characters
 *     of its body), or the reason it did not answer; empty on success
 */
public record PrWriteResult(boolean done, int httpStatus, String message) {

  /** Replaces an absent message with an empty one. */
  public PrWriteResult {
    message = Objects.requireNonNullElse(message, "");
  }
}
