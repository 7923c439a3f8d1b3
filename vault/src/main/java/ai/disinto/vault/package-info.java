/**
 * The vault module: the approval flow of vault.sh (with the action validation and blast-radius
 * classification it calls) and releases ({@code vault.release}, release.sh). See
 * {@code docs/lib-map.md} for what is built so far.
 */
package ai.disinto.vault;
