/**
 * Issue operations for formula-driven sessions, formerly wrappers around the {@code tea} CLI
 * (lib/tea-helpers.sh): {@link ai.disinto.forge.tea.TeaHelpers} files, relabels, comments on and
 * closes issues through the REST API, with every outgoing text secret-scanned first.
 */
package ai.disinto.forge.tea;
