package ai.disinto.core.config;

import java.nio.file.Path;

/**
 * Decrypts the factory's {@code .env.enc}. The default implementation is {@link SopsCli}; tests
 * pass a fake.
 *
 * <p>Mirrors the {@code sops -d --output-type dotenv} call of {@code lib/env.sh}.
 */
public interface SopsDecryptor {
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
