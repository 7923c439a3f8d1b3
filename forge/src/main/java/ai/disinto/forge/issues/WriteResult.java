package ai.disinto.forge.issues;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of an issue write made of one or more requests ({@link IssueLifecycle#release},
 * {@link IssueLifecycle#block}, {@link IssueLifecycle#close}, {@link
 * IssueLifecycle#postComment}): every request that failed, in the order they were sent. The
 * original ignored these failures ({@code || true}); here the caller decides.
 *
 * @param failures the requests that failed; empty when everything was done
 */
public record WriteResult(List<StepFailure> failures) {
  /** Freezes the list. */
  public WriteResult {
    failures = List.copyOf(failures);
  }

  /**
   * Whether every request succeeded.
   *
   * @return true when there is no failure
   */
  public boolean ok() {
    return failures.isEmpty();
  }

  /**
   * The first request that failed.
   *
   * @return the failure, when there was one
   */
  public Optional<StepFailure> firstFailure() {
    return failures.stream().findFirst();
  }
}
