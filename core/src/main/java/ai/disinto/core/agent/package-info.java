/**
 * The agent port: what library code that drives an agent (pr-lifecycle's CI fix, review and
 * rebase loops) needs from the Claude runner of lib/agent-sdk.sh. The agent-sdk module implements
 * {@link ai.disinto.core.agent.AgentRunner}; tests pass scripted lambdas.
 */
package ai.disinto.core.agent;
