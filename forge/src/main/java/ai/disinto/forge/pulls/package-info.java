/**
 * Pull request lifecycle (lib/pr-lifecycle.sh): create and find PRs, poll CI and review, merge,
 * close, and walk a PR from "pushed" to "merged" by alternating polls with synchronous agent runs.
 *
 * <p>{@link ai.disinto.forge.pulls.PrLifecycle} is the service; the rest are its configuration,
 * results and the two ports it needs from higher modules: {@link ai.disinto.forge.pulls.CiGate}
 * (the ci module) and {@link ai.disinto.forge.pulls.BranchRetrigger} (the git module). The agent
 * port is {@link ai.disinto.core.agent.AgentRunner} in core.
 *
 * <p>Forge failures are outcomes here, as the original's return codes are: {@code create} and
 * {@code findOpenByBranch} give an empty result, polls keep polling (a failed read is "nothing
 * yet", never "closed externally") or report the failure in their result, and {@code merge}
 * returns a {@link ai.disinto.forge.pulls.MergeResult}. Nothing here throws for an HTTP status.
 * PR titles and bodies are redacted before they are sent.
 */
package ai.disinto.forge.pulls;
