package ai.disinto.forge.client;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How a {@link ForgeClient} authenticates: an API token ({@code Authorization: token T}, as
 * {@code forge_api} sends it), HTTP basic with a user's password (what Forgejo requires for the
 * token endpoints), or nothing (anonymous reads). The {@code toString()} of every variant hides the
 * secret.
 */
public sealed interface ForgeAuth permits ForgeAuth.Token, ForgeAuth.Basic, ForgeAuth.None {

  /**
   * The value of the {@code Authorization} header, or {@code null} to send none.
   *
   * @return the header value; contains the secret, so never log it
   */
  String headerValue();

  /**
   * Creates token authentication.
   *
   * @param token the API token; may be empty, which sends {@code token } like the original
   * @return the authentication
   */
  static ForgeAuth token(String token) {
    return new Token(token);
  }

  /**
   * Creates basic authentication.
   *
   * @param user the login
   * @param password the password
   * @return the authentication
   */
  static ForgeAuth basic(String user, String password) {
    return new Basic(user, password);
  }

  /**
   * No authentication.
   *
   * @return the anonymous authentication
   */
  static ForgeAuth none() {
    return new None();
  }

  /**
   * {@code Authorization: token <token>}; an empty token is sent as {@code token } with nothing
   * after it, as {@code forge_api} does.
   *
   * @param token the API token, never shown by {@link #toString()}
   */
  record Token(String token) implements ForgeAuth {
    /** Rejects a null token. */
    public Token {
      Objects.requireNonNull(token, "token");
    }

    @Override
    public String headerValue() {
      return "token " + token;
    }

    @Override
    public String toString() {
      return "Token[token=" + (token.isEmpty() ? "<empty>" : "<redacted>") + "]";
    }
  }

  /**
   * {@code Authorization: Basic base64(user:password)}, UTF-8 encoded.
   *
   * @param user the login, shown by {@link #toString()}
   * @param password the password, never shown
   */
  record Basic(String user, String password) implements ForgeAuth {
    /** Rejects null parts. */
    public Basic {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String headerValue() {
      return "Basic " + java.util.Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
      return "Basic[user=" + user + ", password=<redacted>]";
    }
  }

  /** No {@code Authorization} header. */
  record None() implements ForgeAuth {
    @Override
    public String headerValue() {
      return null;
    }
  }
}
