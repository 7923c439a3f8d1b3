/**
 * Issue operations for formula-driven sessions, formerly wrappers around the {@code tea} CLI
 * (lib/tea-helpers.sh): {@link ai.disinto.forge.tea.TeaHelpers} files, relabels, comments on and
 * closes issues through the REST API, with every outgoing text secret-scanned first.
 *
 * <p>Unlike the lifecycles, these calls throw: {@link ai.disinto.core.secrets.SecretsDetectedException}
 * before any request when a text holds a secret, {@link ai.disinto.forge.tea.LabelNotFoundException}
 * before any write when a label name is unknown, and {@link ai.disinto.forge.client.ForgeException}
 * with the HTTP status and the forge's message when the forge refuses (the original's return codes
 * 4, 3 and 3). A new issue or comment whose answer was lost is looked up instead of being sent
 * again; only when it is not found is the lost answer thrown.
 */
package ai.disinto.forge.tea;
