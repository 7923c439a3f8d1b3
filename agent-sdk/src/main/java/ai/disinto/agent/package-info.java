/**
 * The agent module: the Claude Code CLI runner (agent-sdk.sh), formula sessions
 * ({@code agent.formula}), the Claude Code hooks ({@code agent.hooks}) and the project graph
 * ({@code agent.graph}, build-graph.py). See {@code docs/lib-map.md} for what is built so far.
 */
package ai.disinto.agent;
