/**
 * {@code disinto issue …} and {@code disinto tea …}: the drop-ins for the functions of
 * lib/issue-lifecycle.sh and lib/tea-helpers.sh.
 */
package ai.disinto.examples.cli.issue;
