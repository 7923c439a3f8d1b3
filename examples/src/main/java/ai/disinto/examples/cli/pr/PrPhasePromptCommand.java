package ai.disinto.examples.cli.pr;

import ai.disinto.forge.pulls.PullRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto pr phase-prompt BRANCH [REMOTE]}. Mirrors {@code build_phase_protocol_prompt}:
 * prints the git workflow instructions, ending with a newline as the original's heredoc does.
 * REMOTE defaults to {@code FORGE_REMOTE}, then {@code origin}; the base is {@code
 * PRIMARY_BRANCH}.
 */
@Command(name = "phase-prompt", description = "Print the git workflow prompt (build_phase_protocol_prompt).")
public final class PrPhasePromptCommand extends PrSubcommand {
  @Parameters(index = "0", paramLabel = "BRANCH", description = "The agent's branch.")
  String branch;

  @Parameters(index = "1", arity = "0..1", paramLabel = "REMOTE", description = "The git remote.")
  String remote;

  /** Creates the command; picocli calls it. */
  public PrPhasePromptCommand() {}

  @Override
  public Integer call() {
    var cfg = config();
    printData(PullRequests.phaseProtocolPrompt(branch, orDefault(remote, cfg.remote()),
        cfg.primaryBranch()) + "\n");
    return 0;
  }
}
