/**
 * {@code disinto formula …}: the drop-ins for the functions of lib/formula-session.sh, over
 * {@code ai.disinto.agent.formula}.
 */
package ai.disinto.examples.cli.formula;
