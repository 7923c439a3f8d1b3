package ai.disinto.testkit.forgejo;

/**
 * A push to a branch of a mock repository, as a push webhook reports it.
 *
 * @param repoId the forge's id of the repository
 * @param repo the repository's {@code owner/name}
 * @param branch the branch pushed to
 * @param before the commit the branch pointed at before, or 40 zeros for a new branch
 * @param after the commit the branch points at now
 * @param message the head commit's message
 * @param authorName the head commit's author name
 * @param authorEmail the head commit's author email
 * @param pusher the login of the user who pushed
 */
public record PushEvent(long repoId, String repo, String branch, String before, String after,
    String message, String authorName, String authorEmail, String pusher) {
  /** The {@code before} of a branch that did not exist. */
  public static final String ZERO = "0000000000000000000000000000000000000000";
}
