package ai.disinto.testkit.forgejo;

/**
 * A pull request opened or updated, as a pull_request webhook reports it.
 *
 * @param repoId the forge's id of the repository
 * @param repo the repository's {@code owner/name}
 * @param number the pull request's number
 * @param action what happened
 * @param title the pull request's title
 * @param headBranch the head (source) branch
 * @param headSha the head commit
 * @param baseBranch the base (target) branch
 * @param message the head commit's message
 * @param authorName the head commit's author name
 * @param authorEmail the head commit's author email
 * @param sender the login of the user whose action this was
 */
public record PullRequestEvent(long repoId, String repo, long number, Action action, String title,
    String headBranch, String headSha, String baseBranch, String message, String authorName,
    String authorEmail, String sender) {
  /** The webhook's {@code action}. */
  public enum Action {
    /** The pull request was created. */
    OPENED,
    /** Its head branch moved to another commit. */
    SYNCHRONIZED
  }
}
