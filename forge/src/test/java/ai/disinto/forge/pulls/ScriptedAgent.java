package ai.disinto.forge.pulls;

import ai.disinto.core.agent.AgentResult;
import ai.disinto.core.agent.AgentRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/** An agent that records every run and runs an optional action (given the run number, 1-based). */
final class ScriptedAgent implements AgentRunner {
  record Run(String prompt, String session, Path worktree) {}

  final List<Run> runs = new ArrayList<>();
  IntConsumer action = n -> { };
  int exitCode;
  String reportedSession = "";

  List<String> prompts() {
    return runs.stream().map(Run::prompt).toList();
  }

  @Override
  public AgentResult run(String prompt, String resumeSessionId, Path worktree) {
    runs.add(new Run(prompt, resumeSessionId, worktree));
    action.accept(runs.size());
    return new AgentResult(exitCode, reportedSession.isEmpty() ? "" : reportedSession + runs.size(),
        "done");
  }
}
