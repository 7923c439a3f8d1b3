package ai.disinto.forge.setup;

import java.net.URI;

/**
 * Starts the local Forgejo when its API does not answer (step 1 of {@code setup_forge}); forge
 * setup then waits for it. {@link ForgeSetupDocker} is the docker implementation.
 */
public interface ForgeSetupLauncher {
  /**
   * Starts (or restarts) Forgejo so that it will answer at the URL.
   *
   * @param forgeUrl the forge URL
   * @param port the port to publish: the URL's explicit port, else 3000
   * @throws ForgeSetupException when it cannot be started (docker missing, docker failing)
   */
  void start(URI forgeUrl, int port);
}
