/**
 * The formula session of lib/formula-session.sh: the run lock ({@link
 * ai.disinto.agent.formula.RunLock}), formula loading ({@link ai.disinto.agent.formula.Formulas},
 * {@link ai.disinto.agent.formula.Formula}), the prompt blocks ({@link
 * ai.disinto.agent.formula.PromptBlocks}), the agent's {@code .profile} repository ({@link
 * ai.disinto.agent.formula.ProfileRepo}), the ops repository ({@link
 * ai.disinto.agent.formula.OpsRepo}), the forge remote ({@link ai.disinto.agent.formula.GitRemotes})
 * and the detached run worktree ({@link ai.disinto.agent.formula.FormulaWorktree}). The {@code
 * disinto formula} commands of the examples module are the drop-ins for the shell functions.
 */
package ai.disinto.agent.formula;
