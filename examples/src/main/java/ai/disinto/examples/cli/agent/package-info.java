/**
 * The {@code disinto agent run|recover} drop-ins for {@code agent_run} and {@code
 * agent_recover_session} of lib/agent-sdk.sh, and {@code disinto mock-model}, the testkit's
 * scripted Messages API as a standalone server.
 */
package ai.disinto.examples.cli.agent;
