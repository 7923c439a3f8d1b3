/**
 * The git module: worktrees ({@code git.worktree}, worktree.sh), credentials ({@code git.creds},
 * git-creds.sh), pushes to the forge ({@code git.push}, forge-push.sh) and mirrors
 * ({@code git.mirrors}, mirrors.sh). See {@code docs/lib-map.md} for what is built so far.
 */
package ai.disinto.git;
