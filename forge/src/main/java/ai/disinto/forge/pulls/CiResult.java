package ai.disinto.forge.pulls;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The outcome of {@link CiPoller#poll}: the output variables {@code _PR_CI_STATE}, {@code
 * _PR_CI_SHA}, {@code _PR_CI_PIPELINE}, {@code _PR_CI_FAILURE_TYPE} and {@code _PR_CI_ERROR_LOG}
 * of {@code pr_poll_ci}.
 *
 * @param state how polling ended
 * @param sha the head commit that was polled, empty when the PR could not be read ({@link
 *     CiState#UNREADABLE})
 * @param pipeline the failed pipeline, when known (failures only)
 * @param failureType the classification of the failure, when a pipeline was known
 * @param errorLog the failure digest (at most 80 lines and 8000 bytes), empty when none
 */
public record CiResult(
    CiState state,
    String sha,
    OptionalLong pipeline,
    Optional<FailureType> failureType,
    String errorLog) {

  /** Checks the state and replaces absent values with empty ones. */
  public CiResult {
    Objects.requireNonNull(state, "state");
    sha = Objects.requireNonNullElse(sha, "");
    pipeline = Objects.requireNonNullElse(pipeline, OptionalLong.empty());
    failureType = Objects.requireNonNullElse(failureType, Optional.empty());
    errorLog = Objects.requireNonNullElse(errorLog, "");
  }

  /**
   * A result without failure details.
   *
   * @param state the state
   * @param sha the polled commit
   * @return the result
   */
  public static CiResult of(CiState state, String sha) {
    return new CiResult(state, sha, OptionalLong.empty(), Optional.empty(), "");
  }
}
