package ai.disinto.core.config;

import java.nio.file.Path;

/**
 * Decrypts the factory's {@code .env.enc}. The default implementation, {@link #sops}, runs the
 * {@code sops} executable; tests pass a fake.
 *
 * <p>Mirrors the {@code sops -d --output-type dotenv} call of {@code lib/env.sh}.
 */
public interface SopsDecryptor {
  /**
   * The decryptor that runs {@code sops -d --output-type dotenv FILE}, found on the {@code PATH}
   * of {@code env} and run with exactly that environment, its standard error discarded, killed
   * with everything it started after {@code timeout}.
   *
   * @param env the environment whose {@code PATH} is searched and that {@code sops} runs with
   * @param timeout how long {@code sops} may run; positive
   * @return the decryptor
   * @throws IllegalArgumentException when the timeout is not positive
   */
  static SopsDecryptor sops(java.util.Map<String, String> env, java.time.Duration timeout) {
    return new SopsCli(env, timeout);
  }

  /**
   * Whether decryption is possible at all (the original checks {@code command -v sops}). When
   * false, the loader falls back to the plain {@code .env}, without a warning.
   *
   * @return true when {@link #decryptDotenv} may be called
   */
  boolean isAvailable();

  /**
   * Decrypts {@code encFile} to dotenv text, held in memory only.
   *
   * @param encFile the encrypted file
   * @return the decrypted dotenv text
   * @throws EnvLoadException when decryption fails (message contains {@code failed to decrypt
   *     .env.enc — decryption failed, possible corruption})
   */
  String decryptDotenv(Path encFile);

  /** A decryptor that is never available: the plain {@code .env} is always used. */
  SopsDecryptor NONE =
      new SopsDecryptor() {
        @Override
        public boolean isAvailable() {
          return false;
        }

        @Override
        public String decryptDotenv(Path encFile) {
          throw new EnvLoadException("failed to decrypt .env.enc — sops is not available");
        }
      };
}
