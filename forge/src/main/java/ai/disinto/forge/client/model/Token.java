package ai.disinto.forge.client.model;

import com.squareup.moshi.Json;
import java.util.List;

/**
 * An API access token ({@code /users/{u}/tokens}). {@code sha1} is the secret: Forgejo sends it
 * only in the creation answer (listings have it empty); {@link #toString()} never shows it.
 *
 * @param id the token id
 * @param name the token name, unique per user
 * @param sha1 the token itself, or empty
 * @param lastEight the last eight characters of the token
 * @param scopes the scopes, never null
 */
public record Token(
    long id,
    String name,
    String sha1,
    @Json(name = "token_last_eight") String lastEight,
    List<String> scopes) {

  /** Replaces an absent scope list with an empty one and freezes it. */
  public Token {
    scopes = Lists.of(scopes);
  }

  /** Shows everything but the secret. */
  @Override
  public String toString() {
    return "Token[id=" + id + ", name=" + name + ", sha1="
        + (sha1 == null || sha1.isEmpty() ? "<empty>" : "<redacted>")
        + ", lastEight=" + lastEight + ", scopes=" + scopes + "]";
  }
}
