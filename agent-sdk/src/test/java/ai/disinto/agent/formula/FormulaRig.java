package ai.disinto.agent.formula;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.core.agent.AgentResult;
import ai.disinto.core.agent.AgentRunner;
import ai.disinto.core.process.ProcessResult;
import ai.disinto.git.GitCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A temporary git world for the formula tests: its own home (no user or system git config), a
 * git CLI over it, and a scripted agent that records what it was asked.
 */
final class FormulaRig {
  final Path root;
  final Path home;
  final GitCli git;

  FormulaRig(Path tmp) throws IOException {
    this.root = tmp.toAbsolutePath().normalize();
    this.home = Files.createDirectories(root.resolve("home"));
    Map<String, String> e = new HashMap<>();
    e.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
    e.put("HOME", home.toString());
    e.put("GIT_CONFIG_NOSYSTEM", "1");
    e.put("LANG", "C");
    e.put("LC_ALL", "C");
    this.git = GitCli.withEnvironment(e);
    ok(root, "config", "--global", "user.name", "Rig");
    ok(root, "config", "--global", "user.email", "rig@example.invalid");
    ok(root, "config", "--global", "init.defaultBranch", "main");
  }

  String ok(Path dir, String... args) {
    ProcessResult r = git.run(dir, Duration.ofMinutes(1), args);
    assertThat(r.succeeded()).as("git %s: %s", String.join(" ", args), r.stderr()).isTrue();
    return r.stdout().strip();
  }

  /** An agent that answers from a list and records prompts and folders. */
  static final class ScriptedAgent implements AgentRunner {
    final List<String> prompts = new ArrayList<>();
    final List<Path> dirs = new ArrayList<>();
    final List<AgentResult> answers = new ArrayList<>();

    ScriptedAgent answering(int status, String output) {
      answers.add(new AgentResult(status, "sid", output));
      return this;
    }

    @Override
    public AgentResult run(String prompt, String resumeSessionId, Path worktree) {
      prompts.add(prompt);
      dirs.add(worktree);
      if (answers.isEmpty()) {
        throw new AssertionError("the agent was not expected to run");
      }
      return answers.remove(0);
    }
  }
}
