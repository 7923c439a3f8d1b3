/**
 * Pushes to the forge (lib/forge-push.sh), and the git side of the PR walk: {@link
 * ai.disinto.git.push.GitCliRetrigger}, which pushes a PR branch again so CI runs again.
 */
package ai.disinto.git.push;
