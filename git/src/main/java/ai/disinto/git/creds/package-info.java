/**
 * Git credentials for the forge (lib/git-creds.sh): {@link ai.disinto.git.creds.GitCredentials}
 * sets up a credential helper that answers only for the forge's host, and cleans remote URLs
 * with credentials in them.
 */
package ai.disinto.git.creds;
