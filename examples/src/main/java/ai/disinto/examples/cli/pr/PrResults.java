package ai.disinto.examples.cli.pr;

import ai.disinto.forge.pulls.CiResult;
import ai.disinto.forge.pulls.MergeResult;
import ai.disinto.forge.pulls.ReviewResult;
import ai.disinto.forge.pulls.WalkResult;

/**
 * The shell side of the pr results: the return codes of {@code lib/pr-lifecycle.sh}'s functions,
 * which the subcommands exit with, and the output variables whose values differ from the
 * library's words.
 */
final class PrResults {
  private PrResults() {}

  /** {@code pr_poll_ci}: 0 success, 1 failure (an unreadable PR included), 2 timeout. */
  static int exitCode(CiResult r) {
    return switch (r.state()) {
      case SUCCESS -> 0;
      case FAILURE, UNREADABLE -> 1;
      case TIMEOUT -> 2;
    };
  }

  /** {@code _PR_CI_STATE}: the original knows no "unreadable"; it reports a failure. */
  static String ciState(CiResult r) {
    return switch (r.state()) {
      case SUCCESS -> "success";
      case FAILURE, UNREADABLE -> "failure";
      case TIMEOUT -> "timeout";
    };
  }

  /** {@code pr_poll_review}: 0 a verdict, 1 timeout, 2 merged or closed by someone else. */
  static int exitCode(ReviewResult r) {
    return switch (r.verdict()) {
      case TIMEOUT -> 1;
      case MERGED_EXTERNALLY, CLOSED_EXTERNALLY -> 2;
      case APPROVE, REQUEST_CHANGES, DISCUSS, UNRECOGNIZED -> 0;
    };
  }

  /** {@code pr_merge}: 0 merged, 1 failed, 2 blocked (405). */
  static int exitCode(MergeResult r) {
    return switch (r.outcome()) {
      case MERGED -> 0;
      case FAILED -> 1;
      case BLOCKED -> 2;
    };
  }

  /** {@code _PR_MERGE_ERROR}, where curl's "no answer" is HTTP 000. */
  static String mergeError(MergeResult r) {
    return r.answered() ? r.error() : "failed (HTTP 000): " + r.detail();
  }

  /** {@code pr_walk_to_merge}: 0 only when the PR ended merged. */
  static int exitCode(WalkResult r) {
    return r.merged() ? 0 : 1;
  }
}
