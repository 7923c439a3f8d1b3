package ai.disinto.core.generate;

/**
 * Which directory the staging container serves, and so where the staging index goes.
 */
public enum StagingSite {
  /**
   * The whole {@code docker/} directory, as the original: the Caddyfile, the agents' Dockerfile and
   * entrypoints are then public through the edge's default route. The default, for parity.
   */
  DOCKER_DIR("docker"),
  /** A dedicated {@code docker/site/} directory that holds only what is meant to be served. */
  DEDICATED_DIR("docker/site");

  private final String directory;

  StagingSite(String directory) {
    this.directory = directory;
  }

  /**
   * The served directory, relative to the factory root.
   *
   * @return {@code docker} or {@code docker/site}
   */
  public String directory() {
    return directory;
  }
}
