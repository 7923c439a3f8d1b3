/**
 * The agent commands of the {@code disinto} CLI: {@code disinto agent run|recover}, the drop-ins
 * for {@code agent_run} and {@code agent_recover_session} of lib/agent-sdk.sh; {@code disinto hook
 * <name>}, the drop-ins for {@code lib/hooks/*.sh}; and {@code disinto mock-model}, the testkit's
 * scripted Messages API as a standalone server.
 */
package ai.disinto.examples.cli.agent;
