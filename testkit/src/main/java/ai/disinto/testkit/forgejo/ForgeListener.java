package ai.disinto.testkit.forgejo;

/**
 * What a webhook target of the mock Forgejo hears: pushes to branches and pull requests opened or
 * updated. Register one with {@link MockForgejo#addListener(ForgeListener)}.
 *
 * <p>Calls are synchronous, made while the mock holds its state lock, on the thread that made the
 * change (a git push, an API request, a seeding call): by the time a push or an API call returns,
 * every listener has heard of it. A listener must therefore return quickly and hand long work to
 * another thread; it may read the mock's state from its own thread (the lock is reentrant). A
 * listener that throws is logged and ignored, as a failing webhook delivery is.
 */
public interface ForgeListener {
  /**
   * A branch was created or moved: by a git push, {@link MockForgejo#pushBranch}, or a merge
   * moving the base branch.
   *
   * @param event what moved
   */
  default void onPush(PushEvent event) {}

  /**
   * A pull request was opened, or its head branch moved (Forgejo's {@code synchronized}).
   *
   * @param event the pull request and its head commit
   */
  default void onPullRequest(PullRequestEvent event) {}
}
