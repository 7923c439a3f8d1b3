/**
 * The vault: agents file privileged actions as TOML in the ops repo, low-risk ones straight onto
 * its primary branch, the rest behind a PR a human approves. Mirrors lib/vault.sh with the
 * validation (vault/vault-env.sh) and blast-radius classification (vault/classify.sh,
 * vault/policy.toml) it relies on: {@link ai.disinto.vault.VaultActionValidator}, {@link
 * ai.disinto.vault.BlastRadiusClassifier} and {@link ai.disinto.vault.VaultClient}. Releases
 * (lib/release.sh) are in {@code ai.disinto.vault.release}.
 */
package ai.disinto.vault;
