package ai.disinto.git.push;

import java.util.List;
import java.util.Objects;

/**
 * What {@link ForgePush#push} did: the outcome, the remote URL (never with credentials), every ref
 * the forge did not take, and a reason when something failed.
 *
 * @param outcome what happened
 * @param remoteUrl the {@code forgejo} remote's URL
 * @param rejected the refs the forge refused or that were not attempted, with git's status
 * @param detail why the push failed or was not verified; empty on success
 */
public record PushResult(Outcome outcome, String remoteUrl, List<RefFailure> rejected,
    String detail) {

  /** How a push ended. */
  public enum Outcome {
    /** The local repository has no commit: nothing was pushed (not a failure). */
    SKIPPED_NO_COMMITS,
    /** Branches and tags were pushed and the forge shows the repository and branch. */
    PUSHED_VERIFIED,
    /** Branches and tags were pushed; the forge's API could not be asked or answered nonsense. */
    PUSHED_UNVERIFIED,
    /** The {@code forgejo} remote could not be configured. */
    REMOTE_FAILED,
    /** Pushing branches failed: a ref was refused, or the transport broke. Tags were not pushed. */
    BRANCHES_FAILED,
    /** Branches were pushed but pushing tags failed. */
    TAGS_FAILED,
    /** Everything was pushed but the forge still reports the repository empty, or lacks the branch. */
    STILL_EMPTY
  }

  /**
   * One ref the forge did not take.
   *
   * @param ref the remote ref, such as {@code refs/heads/main}
   * @param status JGit's status name, such as {@code REJECTED_NONFASTFORWARD}
   * @param message the forge's message, or empty
   */
  public record RefFailure(String ref, String status, String message) {}

  /**
   * Freezes the list.
   *
   * @param outcome the outcome
   * @param remoteUrl the URL
   * @param rejected the refused refs
   * @param detail the reason
   */
  public PushResult {
    Objects.requireNonNull(outcome, "outcome");
    rejected = List.copyOf(rejected);
    detail = detail == null ? "" : detail;
  }

  /**
   * Tells whether the caller may go on: pushed (verified or not), or nothing to push.
   *
   * @return true for {@code SKIPPED_NO_COMMITS}, {@code PUSHED_VERIFIED} and {@code
   *     PUSHED_UNVERIFIED}
   */
  public boolean succeeded() {
    return outcome == Outcome.SKIPPED_NO_COMMITS || outcome == Outcome.PUSHED_VERIFIED
        || outcome == Outcome.PUSHED_UNVERIFIED;
  }
}
