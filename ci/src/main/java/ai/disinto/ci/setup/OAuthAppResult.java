package ai.disinto.ci.setup;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link CiSetup#createWoodpeckerOAuth} did. The client secret is only in {@code .env}.
 *
 * @param clientId the application's client id, empty when none could be found or created
 * @param created whether the application was created in this call
 * @param secretRegenerated whether an existing application got a new secret because {@code
 *     .env} had none
 * @param envWritten whether the Woodpecker forge settings are in {@code .env}
 * @param failure why nothing was written, when it was not
 */
public record OAuthAppResult(Optional<String> clientId, boolean created,
    boolean secretRegenerated, boolean envWritten, Optional<String> failure) {

  /** Refuses missing parts. */
  public OAuthAppResult {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(failure, "failure");
  }
}
