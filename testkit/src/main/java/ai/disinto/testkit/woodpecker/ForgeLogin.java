package ai.disinto.testkit.woodpecker;

import java.util.Objects;

/**
 * How the mock Woodpecker logs users in through the forge, as Woodpecker's Forgejo driver does:
 * {@code GET /authorize} redirects to {@code {advertisedForgeUrl}/login/oauth/authorize} with
 * {@code redirect_uri={host}/authorize}; the callback with a code exchanges it at {@code
 * {forgeUrl}/login/oauth/access_token} with the client credentials, reads the forge user with the
 * access token, and starts a session (cookie {@code user_sess}). {@code advertisedForgeUrl} and
 * {@code host} may be compose-internal names such as {@code http://forgejo:3000} and {@code
 * http://woodpecker:8000}; the exchange always goes to {@code forgeUrl}.
 *
 * @param forgeUrl where the forge really is, for the code exchange
 * @param advertisedForgeUrl the forge URL the authorize redirect names
 * @param host Woodpecker's own URL in the redirect URI ({@code WOODPECKER_HOST})
 * @param clientId the OAuth2 client id ({@code WOODPECKER_FORGEJO_CLIENT})
 * @param clientSecret the OAuth2 client secret ({@code WOODPECKER_FORGEJO_SECRET})
 */
public record ForgeLogin(String forgeUrl, String advertisedForgeUrl, String host,
    String clientId, String clientSecret) {

  /** Refuses missing parts. */
  public ForgeLogin {
    Objects.requireNonNull(forgeUrl, "forgeUrl");
    Objects.requireNonNull(advertisedForgeUrl, "advertisedForgeUrl");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
  }

  /** Hides the client secret. */
  @Override
  public String toString() {
    return "ForgeLogin[forgeUrl=" + forgeUrl + ", advertisedForgeUrl=" + advertisedForgeUrl
        + ", host=" + host + ", clientId=" + clientId + "]";
  }
}
