package ai.disinto.testkit.forgejo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The installed git CLI, run with a private HOME and no system config, never prompting (so a
 * missing credential fails at once instead of waiting for a terminal).
 */
final class GitCli {
  /** A finished git process. */
  record Run(int exit, String out, String err) {
    String trimmed() {
      return out.trim();
    }
  }

  private final Path home;

  GitCli(Path home) {
    this.home = home;
  }

  /** Runs {@code git args...} in {@code dir}; never throws on a non-zero exit. */
  Run run(Path dir, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.add("-c");
    cmd.add("user.name=Git Test");
    cmd.add("-c");
    cmd.add("user.email=git-test@example.invalid");
    cmd.add("-c");
    cmd.add("init.defaultBranch=main");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    Map<String, String> env = pb.environment();
    env.put("HOME", home.toString());
    env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("GIT_ASKPASS", "");
    env.put("SSH_ASKPASS", "");
    env.remove("GIT_DIR");
    env.remove("GIT_WORK_TREE");
    try {
      Path out = Files.createTempFile(home, "git-out", ".txt");
      Path err = Files.createTempFile(home, "git-err", ".txt");
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("git " + String.join(" ", args) + " timed out");
      }
      return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs git and fails the test unless it exits 0. */
  String ok(Path dir, String... args) {
    Run r = run(dir, args);
    if (r.exit() != 0) {
      throw new AssertionError("git " + String.join(" ", args) + " exited " + r.exit() + ":\n"
          + r.err());
    }
    return r.trimmed();
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
