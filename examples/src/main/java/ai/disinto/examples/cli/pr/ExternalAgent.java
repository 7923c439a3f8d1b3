package ai.disinto.examples.cli.pr;

import ai.disinto.core.agent.AgentResult;
import ai.disinto.core.agent.AgentRunner;
import ai.disinto.core.process.ProcessResult;
import ai.disinto.core.process.ProcessRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The agent of {@code disinto pr walk} until the agent-sdk exists: an external command, run with
 * {@code /bin/sh -c COMMAND} in the worktree, that receives the prompt on standard input and the
 * session to resume in {@code DISINTO_AGENT_SESSION} (empty for none; the worktree is also in
 * {@code DISINTO_AGENT_WORKTREE}). Its standard output is the run's output (never copied to our
 * standard output, which carries data only); its standard error is copied to ours. Its exit code
 * is logged by the walk and otherwise ignored, as {@code agent_run}'s is. A run longer than
 * {@code CLAUDE_TIMEOUT} is killed with everything it started and reported with exit code 124.
 */
final class ExternalAgent implements AgentRunner {
  private final String command;
  private final Map<String, String> env;
  private final PrintStream err;
  private final Duration timeout;

  ExternalAgent(String command, Map<String, String> env, PrintStream err, Duration timeout) {
    this.command = command;
    this.env = env;
    this.err = err;
    this.timeout = timeout;
  }

  @Override
  public AgentResult run(String prompt, String resumeSessionId, Path worktree) {
    Map<String, String> childEnv = new HashMap<>(env);
    childEnv.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
    childEnv.put("DISINTO_AGENT_SESSION", resumeSessionId);
    childEnv.put("DISINTO_AGENT_WORKTREE", worktree.toString());
    ProcessResult o = ProcessRunner.command("/bin/sh", "-c", command).directory(worktree)
        .environment(childEnv).stdin(prompt).run(timeout);
    if (!o.stderr().isEmpty()) {
      err.print(o.stderr());
      err.flush();
    }
    return new AgentResult(ChildExit.code(o), "", o.stdout());
  }
}
