package ai.disinto.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The inputs of {@link EnvLoader#load(EnvLoadOptions)}.
 *
 * @param factoryRoot the factory checkout (the original's {@code FACTORY_ROOT}, the parent of
 *     {@code lib/}); {@code .env} and {@code .env.enc} are read from here
 * @param processEnv the process environment, usually {@code System.getenv()}
 * @param sops the decryptor for {@code .env.enc}; {@code null} means {@link SopsDecryptor#sops} over
 *     {@code processEnv} with {@link #DEFAULT_SOPS_TIMEOUT}
 * @param createDirectories whether container mode creates {@code $HOME/data/logs/<agent>}
 */
public record EnvLoadOptions(
    Path factoryRoot, Map<String, String> processEnv, SopsDecryptor sops, boolean createDirectories) {

  /** How long the default {@code sops} decryptor may take to decrypt. */
  public static final Duration DEFAULT_SOPS_TIMEOUT = Duration.ofSeconds(60);

  /** Checks the inputs, copies the environment and fills in the default decryptor. */
  public EnvLoadOptions {
    Objects.requireNonNull(factoryRoot, "factoryRoot");
    processEnv = Map.copyOf(Objects.requireNonNull(processEnv, "processEnv"));
    if (sops == null) {
      sops = SopsDecryptor.sops(processEnv, DEFAULT_SOPS_TIMEOUT);
    }
  }

  /**
   * Options with the default decryptor that create directories.
   *
   * @param factoryRoot the factory checkout
   * @param processEnv the process environment
   * @return the options
   */
  public static EnvLoadOptions of(Path factoryRoot, Map<String, String> processEnv) {
    return new EnvLoadOptions(factoryRoot, processEnv, null, true);
  }

  /**
   * A copy with another decryptor.
   *
   * @param decryptor the decryptor to use
   * @return the new options
   */
  public EnvLoadOptions withSops(SopsDecryptor decryptor) {
    return new EnvLoadOptions(factoryRoot, processEnv, Objects.requireNonNull(decryptor), createDirectories);
  }

  /**
   * A copy that does or does not create the container log directories.
   *
   * @param create whether to create them
   * @return the new options
   */
  public EnvLoadOptions withCreateDirectories(boolean create) {
    return new EnvLoadOptions(factoryRoot, processEnv, sops, create);
  }

  @Override
  public String toString() {
    return "EnvLoadOptions[factoryRoot=" + factoryRoot + ", variables=" + processEnv.size()
        + ", sops=" + sops + ", createDirectories=" + createDirectories + "]";
  }
}
