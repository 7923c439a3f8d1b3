/**
 * Issue state transitions of the dev agent and dev-poll (lib/issue-lifecycle.sh): {@link
 * ai.disinto.forge.issues.IssueLifecycle} with its results {@link
 * ai.disinto.forge.issues.ClaimResult}, {@link ai.disinto.forge.issues.DependencyStatus} and
 * {@link ai.disinto.forge.issues.RefusalResult}, and the labels it manages, {@link
 * ai.disinto.forge.issues.StandardLabel}.
 *
 * <p>When the forge fails, the service behaves as the agents that call it expect: a claim reports
 * {@code ClaimResult.Failed} with the step and HTTP status, release, block, close and comments log
 * the failure and carry on (the original ignores those errors), and only {@code checkDeps} throws
 * a {@link ai.disinto.forge.client.ForgeException}, because "the issue could not be read" must
 * not be taken for "ready". Every comment is redacted before it is sent.
 */
package ai.disinto.forge.issues;
