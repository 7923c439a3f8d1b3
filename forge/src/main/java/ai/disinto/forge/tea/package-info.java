/**
 * Issue operations for formula-driven sessions, formerly wrappers around the {@code tea} CLI
 * (lib/tea-helpers.sh): {@link ai.disinto.forge.tea.TeaHelpers} files, relabels, comments on and
 * closes issues through the REST API, with every outgoing text secret-scanned first.
 *
 * <p>Unlike the lifecycles, these calls throw: {@link ai.disinto.core.secrets.SecretsDetectedException}
 * before any request when a text holds a secret, {@link ai.disinto.forge.tea.LabelNotFoundException}
 * before any write when a label name is unknown, and {@link ai.disinto.forge.client.ForgeException}
 * when the forge refuses (the original's return codes 4, 3 and 3).
 */
package ai.disinto.forge.tea;
