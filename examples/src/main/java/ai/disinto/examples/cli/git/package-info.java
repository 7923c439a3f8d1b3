/**
 * The git subcommands: {@code disinto worktree …} (lib/worktree.sh), {@code disinto git-creds …}
 * (lib/git-creds.sh), {@code disinto push-to-forge} (lib/forge-push.sh) and {@code disinto mirrors
 * push} (lib/mirrors.sh), over the git module.
 */
package ai.disinto.examples.cli.git;
