package ai.disinto.forge.client.model;

/**
 * The forge's version ({@code GET /version}), such as {@code 11.0.1+gitea-1.22.0}.
 *
 * @param version the version string
 */
public record ServerVersion(String version) {}
