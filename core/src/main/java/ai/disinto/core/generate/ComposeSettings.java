package ai.disinto.core.generate;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the compose file bakes in at generation time. Start from {@link #builder()}; every setting
 * has the original's default.
 *
 * @param forgeHostPort the host port Forgejo is published on ({@code "<port>:3000"}); default 3000
 * @param projectName the project being initialised ({@code PROJECT_NAME} and the repo root of the
 *     agents); default {@code project}. The original takes it from an unrelated global, so init
 *     should pass the project's own name
 * @param forgeRepoForLocalAgents {@code FORGE_REPO} baked into each local-model agent; default
 *     {@code disinto-admin/disinto}
 * @param claudeBinary the resolved real path of the {@code claude} CLI; empty means not found, then
 *     {@code /usr/local/bin/claude} is mounted and a warning is returned
 * @param apiKeysFromEnvironment when true, a local-model agent's API key is not written into the
 *     file: {@code ANTHROPIC_API_KEY: ${AGENT_<NAME>_API_KEY:-}} is, for compose to fill from the
 *     environment or {@code .env}; default false (the key is written, as the original does)
 * @param stagingSite which directory the staging container serves; default {@link
 *     StagingSite#DOCKER_DIR}, as the original
 */
public record ComposeSettings(int forgeHostPort, String projectName, String forgeRepoForLocalAgents,
    Optional<Path> claudeBinary, boolean apiKeysFromEnvironment, StagingSite stagingSite) {

  /** Checks the settings. */
  public ComposeSettings {
    if (forgeHostPort < 1 || forgeHostPort > 65535) {
      throw new IllegalArgumentException("forge host port out of range: " + forgeHostPort);
    }
    if (projectName == null || projectName.isEmpty()) {
      throw new IllegalArgumentException("project name must not be empty");
    }
    if (forgeRepoForLocalAgents == null || forgeRepoForLocalAgents.isEmpty()) {
      throw new IllegalArgumentException("FORGE_REPO for local agents must not be empty");
    }
    Objects.requireNonNull(claudeBinary, "claudeBinary");
    Objects.requireNonNull(stagingSite, "stagingSite");
  }

  /**
   * A builder holding the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ComposeSettings}; setters return {@code this}. */
  public static final class Builder {
    private int forgeHostPort = 3000;
    private String projectName = "project";
    private String forgeRepo = "disinto-admin/disinto";
    private Optional<Path> claudeBinary = Optional.empty();
    private boolean apiKeysFromEnvironment;
    private StagingSite stagingSite = StagingSite.DOCKER_DIR;

    private Builder() {}

    /**
     * Sets the host port of Forgejo.
     *
     * @param port 1 to 65535
     * @return this builder
     */
    public Builder forgeHostPort(int port) {
      this.forgeHostPort = port;
      return this;
    }

    /**
     * Sets the project name.
     *
     * @param name the project's name, not empty
     * @return this builder
     */
    public Builder projectName(String name) {
      this.projectName = name;
      return this;
    }

    /**
     * Sets {@code FORGE_REPO} of the local-model agents.
     *
     * @param repo {@code owner/name}
     * @return this builder
     */
    public Builder forgeRepoForLocalAgents(String repo) {
      this.forgeRepo = repo;
      return this;
    }

    /**
     * Sets the resolved {@code claude} binary.
     *
     * @param binary the real path, or empty when not found
     * @return this builder
     */
    public Builder claudeBinary(Optional<Path> binary) {
      this.claudeBinary = binary;
      return this;
    }

    /**
     * Chooses whether local-model API keys are read from the environment instead of written.
     *
     * @param fromEnvironment true to keep keys out of the file
     * @return this builder
     */
    public Builder apiKeysFromEnvironment(boolean fromEnvironment) {
      this.apiKeysFromEnvironment = fromEnvironment;
      return this;
    }

    /**
     * Chooses the directory the staging container serves.
     *
     * @param site the directory
     * @return this builder
     */
    public Builder stagingSite(StagingSite site) {
      this.stagingSite = site;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return the settings
     * @throws IllegalArgumentException when a setting is out of range or empty
     */
    public ComposeSettings build() {
      return new ComposeSettings(forgeHostPort, projectName, forgeRepo, claudeBinary,
          apiKeysFromEnvironment, stagingSite);
    }
  }
}
