package ai.disinto.agent;

import ai.disinto.core.process.ProcessResult;
import ai.disinto.core.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The git CLI for test set-ups. */
final class Git {
  static final Map<String, String> IDENTITY = Map.of("GIT_AUTHOR_NAME", "agent",
      "GIT_AUTHOR_EMAIL", "agent@example.invalid", "GIT_COMMITTER_NAME", "agent",
      "GIT_COMMITTER_EMAIL", "agent@example.invalid");

  private Git() {}

  static String run(Path dir, String... args) {
    List<String> cmd = new ArrayList<>(List.of("git"));
    cmd.addAll(List.of(args));
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(IDENTITY);
    ProcessResult r = ProcessRunner.command(cmd).directory(dir).environment(env)
        .run(Duration.ofSeconds(60));
    if (!r.succeeded()) {
      throw new AssertionError("git " + String.join(" ", args) + " failed: " + r.stderr());
    }
    return r.stdout();
  }
}
