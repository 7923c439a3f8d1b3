package ai.disinto.examples.cli.pr;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Runs one child process with a given environment and standard input, capturing its output. */
final class Processes {
  /** What a child process ended with. */
  record Outcome(int exitCode, String stdout, String stderr) {}

  private Processes() {}

  static Outcome run(List<String> command, Path dir, Map<String, String> env, String stdin,
      boolean mergeStderr) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(mergeStderr);
    pb.environment().clear();
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
      CompletableFuture<String> out = drain(p.getInputStream());
      CompletableFuture<String> err = mergeStderr ? CompletableFuture.completedFuture("")
          : drain(p.getErrorStream());
      try (OutputStream in = p.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // the child did not read its input (closed it early): not an error of ours
      }
      int code = p.waitFor();
      return new Outcome(code, out.join(), err.join());
    } catch (IOException e) {
      return new Outcome(127, "", command.get(0) + ": cannot start: " + e.getMessage() + "\n");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(130, "", "interrupted\n");
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
