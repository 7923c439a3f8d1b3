package ai.disinto.forge.pulls;

import ai.disinto.forge.client.model.PullRequest;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The outcome of {@link PullRequests#create}: the PR number {@code pr_create} printed, or why
 * there is none.
 *
 * @param outcome created, already open, or failed
 * @param number the PR's number; empty when failed
 * @param httpStatus the status of the create request; 0 when the forge did not answer
 * @param message on failure the forge's {@code message} (or, without one, at most 200 characters
 *     of its body), or the reason it did not answer; {@code dry run: not sent} when a dry-run
 *     client made the answer up (a PR that would be new then has number 0); empty otherwise
 * @param pullRequest the PR as the forge's answer to the create carried it (head SHA, branches,
 *     state), so that a caller need not read it again; empty when the PR was found rather than
 *     created, the answer was made up by a dry run, or it could not be bound
 */
public record CreateResult(Outcome outcome, OptionalLong number, int httpStatus, String message,
    Optional<PullRequest> pullRequest) {

  /** How a create request ended. */
  public enum Outcome {
    /** The forge opened a new PR. */
    CREATED,
    /** The forge answered 409 and the open PR of the same head and base was found. */
    ALREADY_OPEN,
    /** No PR: the forge refused (404 head branch missing, 422, 403, 5xx), or did not answer. */
    FAILED
  }

  /**
   * A result without the PR itself.
   *
   * @param outcome created, already open, or failed
   * @param number the PR's number; empty when failed
   * @param httpStatus the status of the create request
   * @param message the failure's message, or empty
   */
  public CreateResult(Outcome outcome, OptionalLong number, int httpStatus, String message) {
    this(outcome, number, httpStatus, message, Optional.empty());
  }

  /** Checks the parts: a number exactly when not failed. */
  public CreateResult {
    Objects.requireNonNull(outcome, "outcome");
    number = Objects.requireNonNullElse(number, OptionalLong.empty());
    message = Objects.requireNonNullElse(message, "");
    pullRequest = Objects.requireNonNullElse(pullRequest, Optional.empty());
    if (number.isPresent() == (outcome == Outcome.FAILED)) {
      throw new IllegalArgumentException(outcome + " with number " + number);
    }
  }

  /**
   * Tells whether there is an open PR now.
   *
   * @return true when created or already open
   */
  public boolean ok() {
    return outcome != Outcome.FAILED;
  }
}
