/**
 * Issue state transitions of the dev agent and dev-poll (lib/issue-lifecycle.sh): {@link
 * ai.disinto.forge.issues.IssueLifecycle} with its results {@link
 * ai.disinto.forge.issues.ClaimResult}, {@link ai.disinto.forge.issues.WriteResult} (with its
 * {@link ai.disinto.forge.issues.StepFailure}s), {@link ai.disinto.forge.issues.DependencyStatus}
 * and {@link ai.disinto.forge.issues.RefusalResult}, and the labels it manages, {@link
 * ai.disinto.forge.issues.StandardLabel}.
 *
 * <p>A claim rests on a claim ref, the branch {@code claims/issue-N}, which the forge creates
 * atomically: of agents claiming one issue at once exactly one wins. The original's visible
 * protocol (assignee, {@code in-progress}, no {@code backlog}) is kept on top of it, so shell
 * agents still see the claim; release, block and close give the claim ref back.
 *
 * <p>When the forge fails, nothing is logged as done that was not: a claim is undone and reports
 * {@code ClaimResult.Failed} with the step, HTTP status and forge message (or {@code Partial},
 * naming what is left, when the undo failed too); release, block, close and comments try every
 * step, as the original did, and return the failed ones; a refusal says whether it is on the
 * issue. Only {@code checkDeps} throws a {@link ai.disinto.forge.client.ForgeException}, because
 * "the issue could not be read" must not be taken for "ready". A comment whose answer was lost is
 * looked up, never posted twice. Every comment is redacted before it is sent.
 */
package ai.disinto.forge.issues;
