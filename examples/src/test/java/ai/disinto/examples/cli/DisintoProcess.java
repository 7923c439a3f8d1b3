package ai.disinto.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built {@code disinto} jar as a separate process, the way scripts call it, and captures
 * exit code, stdout and stderr. Used by the {@code *IT} tests (failsafe runs them after the jar is
 * packaged).
 */
final class DisintoProcess {
  /** The outcome of one run. */
  record Result(int exitCode, String stdout, String stderr) {}

  private final Map<String, String> env = new HashMap<>();
  private Path workingDir = Path.of("").toAbsolutePath();
  private byte[] stdin = new byte[0];

  /** Starts from a minimal environment: PATH and HOME only, so the host's variables do not leak in. */
  DisintoProcess() {
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", System.getProperty("user.home"));
  }

  DisintoProcess env(String key, String value) {
    env.put(key, value);
    return this;
  }

  DisintoProcess dir(Path dir) {
    this.workingDir = dir;
    return this;
  }

  DisintoProcess stdin(String text) {
    this.stdin = text.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  static Path jar() {
    String prop = System.getProperty("disinto.jar");
    Path jar = prop != null ? Path.of(prop) : Path.of("target", "disinto.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("the disinto jar is not built: " + jar.toAbsolutePath());
    }
    return jar;
  }

  Result run(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-jar");
    cmd.add(jar().toAbsolutePath().toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workingDir.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
      CompletableFuture<String> out = drain(p.getInputStream());
      CompletableFuture<String> err = drain(p.getErrorStream());
      try (OutputStream in = p.getOutputStream()) {
        in.write(stdin);
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("disinto " + String.join(" ", args) + " did not finish in 60 s");
      }
      return new Result(p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static CompletableFuture<String> drain(InputStream s) {
    return CompletableFuture.supplyAsync(() -> {
      try (s) {
        return new String(s.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
