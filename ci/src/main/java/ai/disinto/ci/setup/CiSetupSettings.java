package ai.disinto.ci.setup;

import ai.disinto.forge.setup.SetupSecret;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where CI setup works: the forge, its token, the factory root (for {@code .env}), the Woodpecker
 * server as this host reaches it, and Woodpecker's own public URL, from which the OAuth2 redirect
 * URI is derived so that the two can never disagree (#172).
 *
 * @param forgeUrl {@code FORGE_URL}
 * @param forgeToken {@code FORGE_TOKEN}, which owns the OAuth2 application and reads the repo id
 * @param factoryRoot {@code FACTORY_ROOT}
 * @param woodpeckerServer {@code WOODPECKER_SERVER}, default {@code http://localhost:8000}
 * @param woodpeckerHost {@code WOODPECKER_HOST} as written to {@code .env}, default {@code
 *     http://localhost:8000}; the redirect URI is {@code {woodpeckerHost}/authorize}
 * @param adminUser the forge account the token flow logs in as, default {@code disinto-admin}
 * @param oauthAppName the OAuth2 application's name, default {@code woodpecker-ci}
 */
public record CiSetupSettings(String forgeUrl, SetupSecret forgeToken, Path factoryRoot,
    String woodpeckerServer, String woodpeckerHost, String adminUser, String oauthAppName) {

  /** The Woodpecker URL the original hard-codes. */
  public static final String DEFAULT_WOODPECKER = "http://localhost:8000";

  /** Refuses missing parts and trims trailing slashes. */
  public CiSetupSettings {
    Objects.requireNonNull(forgeUrl, "forgeUrl");
    Objects.requireNonNull(forgeToken, "forgeToken");
    Objects.requireNonNull(factoryRoot, "factoryRoot");
    forgeUrl = trim(forgeUrl);
    woodpeckerServer = trim(Objects.requireNonNull(woodpeckerServer, "woodpeckerServer"));
    woodpeckerHost = trim(Objects.requireNonNull(woodpeckerHost, "woodpeckerHost"));
    Objects.requireNonNull(adminUser, "adminUser");
    Objects.requireNonNull(oauthAppName, "oauthAppName");
  }

  /**
   * Settings with the original's defaults, after the check {@code _load_ci_context} makes.
   *
   * @param forgeUrl {@code FORGE_URL}
   * @param forgeToken {@code FORGE_TOKEN}
   * @param factoryRoot {@code FACTORY_ROOT}
   * @param woodpeckerServer {@code WOODPECKER_SERVER}, or null/empty for the default
   * @return the settings
   * @throws IllegalStateException naming every missing one of {@code FORGE_URL}, {@code
   *     FORGE_TOKEN}, {@code FACTORY_ROOT}: {@code ci-setup.sh requires these globals to be set:
   *     NAMES}
   */
  public static CiSetupSettings of(String forgeUrl, String forgeToken, String factoryRoot,
      String woodpeckerServer) {
    StringBuilder missing = new StringBuilder();
    if (forgeUrl == null || forgeUrl.isEmpty()) {
      missing.append(" FORGE_URL");
    }
    if (forgeToken == null || forgeToken.isEmpty()) {
      missing.append(" FORGE_TOKEN");
    }
    if (factoryRoot == null || factoryRoot.isEmpty()) {
      missing.append(" FACTORY_ROOT");
    }
    if (missing.length() > 0) {
      throw new IllegalStateException("ci-setup.sh requires these globals to be set:" + missing);
    }
    String wp = woodpeckerServer == null || woodpeckerServer.isEmpty() ? DEFAULT_WOODPECKER
        : woodpeckerServer;
    return new CiSetupSettings(forgeUrl, new SetupSecret(forgeToken), Path.of(factoryRoot), wp,
        DEFAULT_WOODPECKER, "disinto-admin", "woodpecker-ci");
  }

  /**
   * These settings with another Woodpecker public URL (and so redirect URI).
   *
   * @param host the URL
   * @return the changed settings
   */
  public CiSetupSettings withWoodpeckerHost(String host) {
    return new CiSetupSettings(forgeUrl, forgeToken, factoryRoot, woodpeckerServer, host,
        adminUser, oauthAppName);
  }

  /**
   * The OAuth2 redirect URI registered on the forge.
   *
   * @return {@code {woodpeckerHost}/authorize}
   */
  public String redirectUri() {
    return woodpeckerHost + "/authorize";
  }

  private static String trim(String url) {
    return url.replaceAll("/+$", "");
  }
}
