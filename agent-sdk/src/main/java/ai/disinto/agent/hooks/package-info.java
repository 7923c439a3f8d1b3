/**
 * The Claude Code hooks of an agent session ({@code lib/hooks/*.sh}): the PreToolUse guard of the
 * Bash tool ({@link ai.disinto.agent.hooks.PreToolUseGuard}), the phase-change, stop-failure,
 * idle-stop, session-end and compact-reinject hooks, and the settings writer that registers them
 * for a worktree ({@link ai.disinto.agent.hooks.HookSettings}).
 *
 * <p>Claude Code runs a hook command with the event as JSON on standard input
 * ({@link ai.disinto.agent.hooks.HookInput}). Exit status 0 lets the event proceed; exit status 2
 * blocks a PreToolUse call and hands the hook's standard error to the model as the reason; any
 * other status is a non-blocking error. For SessionStart, standard output on exit 0 joins the
 * model's context. The hooks here decide and write their files; they return a
 * {@link ai.disinto.agent.hooks.HookOutcome} that the {@code disinto hook <name>} command maps to
 * that protocol. Their files are replaced atomically.
 */
package ai.disinto.agent.hooks;
