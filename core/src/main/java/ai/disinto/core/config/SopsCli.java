package ai.disinto.core.config;

import ai.disinto.core.process.ProcessResult;
import ai.disinto.core.process.ProcessRunner;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs the {@code sops} executable found on the {@code PATH} of a given environment.
 *
 * <p>Mirrors the encrypted branch of {@code lib/env.sh}: {@code sops -d --output-type dotenv
 * <file>} with its standard error discarded. Unlike the original, the plaintext is read straight
 * from the process's standard output into memory; nothing is written to {@code /tmp}. The call is
 * bounded by a timeout.
 */
final class SopsCli implements SopsDecryptor {
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
  SopsCli(Map<String, String> env, Duration timeout) {
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
    ProcessResult r =
        ProcessRunner.command(sops.toString(), "-d", "--output-type", "dotenv", encFile.toString())
            .environment(env)
            .run(timeout);
    switch (r.ending()) {
      case NOT_STARTED:
        throw new EnvLoadException(DECRYPT_FAILED + " (sops could not be started)");
      case TIMED_OUT:
        throw new EnvLoadException(
            DECRYPT_FAILED + " (sops did not finish within " + timeout.toMillis() + " ms)");
      case INTERRUPTED:
        throw new EnvLoadException(DECRYPT_FAILED + " (interrupted)");
      default:
        if (r.exitStatus() != 0) {
          throw new EnvLoadException(
              DECRYPT_FAILED + " (sops exited with status " + r.exitStatus() + ")");
        }
        // Its standard error is dropped, as the original discards it.
        return r.stdout();
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
