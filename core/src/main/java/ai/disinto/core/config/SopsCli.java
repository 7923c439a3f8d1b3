package ai.disinto.core.config;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code sops} executable found on the {@code PATH} of a given environment.
 *
 * <p>Mirrors the encrypted branch of {@code lib/env.sh}: {@code sops -d --output-type dotenv
 * <file>} with its standard error discarded. Unlike the original, the plaintext is read straight
 * from the process's standard output into memory; nothing is written to {@code /tmp}. The call is
 * bounded by a timeout.
 */
public final class SopsCli implements SopsDecryptor {
  /** The message the original prints when decryption fails. */
  static final String DECRYPT_FAILED =
      "failed to decrypt .env.enc — decryption failed, possible corruption";

  private final Map<String, String> env;
  private final Duration timeout;

  /**
   * Creates the decryptor.
   *
   * @param env the environment whose {@code PATH} is searched and that {@code sops} runs with (its
   *     key settings such as {@code SOPS_AGE_KEY_FILE} come from here)
   * @param timeout how long {@code sops} may run before it is killed
   */
  public SopsCli(Map<String, String> env, Duration timeout) {
    this.env = Map.copyOf(env);
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
  }

  /**
   * Tells whether an executable {@code sops} is on the {@code PATH}.
   *
   * @return true when one is found
   */
  @Override
  public boolean isAvailable() {
    return executable().isPresent();
  }

  /**
   * Runs {@code sops -d --output-type dotenv encFile} and returns its standard output.
   *
   * @param encFile the encrypted file
   * @return the decrypted dotenv text
   * @throws EnvLoadException when sops is missing, cannot start, exits non-zero or runs past the
   *     timeout
   */
  @Override
  public String decryptDotenv(Path encFile) {
    Path sops =
        executable().orElseThrow(() -> new EnvLoadException(DECRYPT_FAILED + " (sops not found on PATH)"));
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(sops.toString(), "-d", "--output-type", "dotenv", encFile.toString()))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new EnvLoadException(DECRYPT_FAILED + " (sops could not be started)", e);
    }
    CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new EnvLoadException(
            DECRYPT_FAILED + " (sops did not finish within " + timeout.toMillis() + " ms)");
      }
      int code = p.exitValue();
      if (code != 0) {
        throw new EnvLoadException(DECRYPT_FAILED + " (sops exited with status " + code + ")");
      }
      return new String(out.get(timeout.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new EnvLoadException(DECRYPT_FAILED + " (interrupted)", e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new EnvLoadException(DECRYPT_FAILED + " (could not read the output of sops)", e);
    }
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Optional<Path> executable() {
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "sops");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "SopsCli[timeout=" + timeout + "]";
  }
}
