/**
 * Pull request lifecycle (lib/pr-lifecycle.sh): create and find PRs, poll CI and review, merge,
 * close, and walk a PR from "pushed" to "merged" by alternating polls with synchronous agent runs.
 *
 * <p>{@link ai.disinto.forge.pulls.PullRequests} is the forge-only service (create, find, merge,
 * close, comment, is-merged); {@link ai.disinto.forge.pulls.CiPoller} and {@link
 * ai.disinto.forge.pulls.ReviewPoller} wait for CI and review; {@link
 * ai.disinto.forge.pulls.MergeWalk} walks a PR to merge. The walk needs three ports from higher
 * modules, all given when it is built: {@link ai.disinto.forge.pulls.CiGate} (the ci module),
 * {@link ai.disinto.forge.pulls.BranchRetrigger} (the git module) and {@link
 * ai.disinto.core.agent.AgentRunner} (core's agent port, implemented by agent-sdk).
 *
 * <p>Forge failures are values here, as the original's return codes are: every write returns a
 * result with the HTTP status and the forge's message ({@link
 * ai.disinto.forge.pulls.CreateResult}, {@link ai.disinto.forge.pulls.MergeResult}, {@link
 * ai.disinto.forge.pulls.PrWriteResult}), {@code isMerged} says when the PR could not be read, and
 * the polls keep polling (a failed read is "nothing yet", never "closed externally") or report
 * the failure in their result. Nothing here throws for an HTTP status. Every text sent (titles,
 * bodies, merge messages, comments) is redacted first.
 * Progress lines are logged through SLF4J at INFO with the original's {@code pr-lifecycle: }
 * prefix.
 */
package ai.disinto.forge.pulls;
