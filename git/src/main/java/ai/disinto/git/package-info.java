/**
 * The git module: worktrees ({@code git.worktree}, worktree.sh), credentials ({@code git.creds},
 * git-creds.sh), pushes to the forge ({@code git.push}, forge-push.sh) and mirrors
 * ({@code git.mirrors}, mirrors.sh).
 *
 * <p>This package holds what they share: {@link ai.disinto.git.GitCli}, the one place that runs
 * the {@code git} command (for linked worktrees, submodules and SSH mirrors, which JGit cannot
 * do), {@link ai.disinto.git.GitAuth}, the user and password of a JGit push, and {@link
 * ai.disinto.git.SecureFiles}, owner-only atomic writes for files that hold a secret.
 */
package ai.disinto.git;
