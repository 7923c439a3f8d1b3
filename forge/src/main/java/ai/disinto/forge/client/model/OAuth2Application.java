package ai.disinto.forge.client.model;

import com.squareup.moshi.Json;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An OAuth2 application ({@code /user/applications/oauth2}), as the Woodpecker login needs.
 * {@code clientSecret} is sent only on creation; {@link #toString()} never shows it.
 *
 * @param id the application id
 * @param name the application name
 * @param clientId the client id
 * @param clientSecret the client secret, or empty
 * @param redirectUris the allowed redirect URIs, never null
 * @param confidentialClient whether it is a confidential client
 * @param created when it was created
 */
public record OAuth2Application(
    long id,
    String name,
    @Json(name = "client_id") String clientId,
    @Json(name = "client_secret") String clientSecret,
    @Json(name = "redirect_uris") List<String> redirectUris,
    @Json(name = "confidential_client") boolean confidentialClient,
    OffsetDateTime created) {

  /** Replaces an absent URI list with an empty one and freezes it. */
  public OAuth2Application {
    redirectUris = Lists.of(redirectUris);
  }

  /** Shows everything but the secret. */
  @Override
  public String toString() {
    return "OAuth2Application[id=" + id + ", name=" + name + ", clientId=" + clientId
        + ", clientSecret=" + (clientSecret == null || clientSecret.isEmpty() ? "<empty>"
            : "<redacted>")
        + ", redirectUris=" + redirectUris + ", confidentialClient=" + confidentialClient
        + ", created=" + created + "]";
  }
}
