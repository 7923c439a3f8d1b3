/**
 * Issue state transitions of the dev agent and dev-poll (lib/issue-lifecycle.sh): {@link
 * ai.disinto.forge.issues.IssueLifecycle} with its results {@link
 * ai.disinto.forge.issues.ClaimResult}, {@link ai.disinto.forge.issues.DependencyStatus} and
 * {@link ai.disinto.forge.issues.RefusalResult}, and the labels it manages, {@link
 * ai.disinto.forge.issues.StandardLabel}.
 */
package ai.disinto.forge.issues;
