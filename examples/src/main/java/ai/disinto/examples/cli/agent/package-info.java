/**
 * The agent commands of the {@code disinto} CLI: {@code disinto hook <name>}, the drop-ins for
 * {@code lib/hooks/*.sh}.
 */
package ai.disinto.examples.cli.agent;
