/**
 * The vault and release subcommands: {@code disinto vault request|classify|validate} (lib/vault.sh,
 * vault/classify.sh, vault/validate.sh) and {@code disinto release} (lib/release.sh).
 */
package ai.disinto.examples.cli.vault;
