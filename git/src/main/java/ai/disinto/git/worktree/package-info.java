/**
 * Agent worktrees (lib/worktree.sh): {@link ai.disinto.git.worktree.WorktreeManager} creates,
 * recovers, removes and sweeps the linked worktrees agents work in, never touching the main
 * checkout, and clears their Claude Code session cache ({@link
 * ai.disinto.git.worktree.ClaudeProjectCache}).
 */
package ai.disinto.git.worktree;
