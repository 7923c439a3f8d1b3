/**
 * Releases: {@code disinto release <version>} files a release vault action in the ops repo on a
 * branch and opens its approval PR with auto-merge requested. Mirrors lib/release.sh; see {@link
 * ai.disinto.vault.release.ReleaseService}.
 */
package ai.disinto.vault.release;
