package ai.disinto.forge.setup;

import ai.disinto.core.process.ProcessResult;
import ai.disinto.core.process.ProcessRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The few git commands the init flows run, through core's process runner. */
final class Git {
  private final GitAccess access;

  Git(GitAccess access) {
    this.access = access;
  }

  /** Runs git in {@code dir}; the result says how it ended. */
  ProcessResult run(Path dir, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(List.of(args));
    return ProcessRunner.command(cmd).directory(dir).environment(access.childEnvironment())
        .run(access.timeout());
  }

  boolean ok(Path dir, String... args) {
    return run(dir, args).succeeded();
  }

  /** The trimmed standard output of a successful command. */
  Optional<String> output(Path dir, String... args) {
    ProcessResult r = run(dir, args);
    return r.succeeded() ? Optional.of(r.stdout().trim()) : Optional.empty();
  }

  Optional<String> remoteUrl(Path dir, String remote) {
    return output(dir, "remote", "get-url", remote).filter(s -> !s.isEmpty());
  }

  /** Sets a repo-local identity when none is configured for the checkout (#778). */
  void ensureIdentity(Path dir, String name, String email) {
    if (output(dir, "config", "user.name").filter(s -> !s.isEmpty()).isEmpty()) {
      ok(dir, "config", "user.name", name);
    }
    if (output(dir, "config", "user.email").filter(s -> !s.isEmpty()).isEmpty()) {
      ok(dir, "config", "user.email", email);
    }
  }

  /** True when the index differs from HEAD (or holds anything in a repository without commits). */
  boolean hasStaged(Path dir) {
    ProcessResult r = run(dir, "diff", "--cached", "--quiet");
    return r.exited() && r.exitStatus() == 1;
  }

  /** A short reason for a failed command, its first line of standard error, or how it ended. */
  static String reason(ProcessResult r) {
    String err = r.stderr().strip();
    if (err.isEmpty()) {
      return r.exited() ? "exit " + r.exitStatus() : r.ending().name().toLowerCase();
    }
    int nl = err.lastIndexOf('\n');
    return nl < 0 ? err : err.substring(nl + 1);
  }
}
