package ai.disinto.git;

import java.util.Objects;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * The user name and password git authenticates with over HTTP (Forgejo rejects API tokens for
 * git pushes, so this is the bot's password). {@link #toString()} never shows the password.
 *
 * @param username the bot's login
 * @param password the bot's password
 */
public record GitAuth(String username, String password) {

  /**
   * Checks that both parts are present.
   *
   * @param username the login; not blank
   * @param password the password; not empty
   * @throws IllegalArgumentException when one is missing
   */
  public GitAuth {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (username.isBlank()) {
      throw new IllegalArgumentException("git user name is empty");
    }
    if (password.isEmpty()) {
      throw new IllegalArgumentException("git password is empty");
    }
  }

  /**
   * The JGit credentials provider answering with this pair.
   *
   * @return a new provider
   */
  public CredentialsProvider credentialsProvider() {
    return new UsernamePasswordCredentialsProvider(username, password);
  }

  @Override
  public String toString() {
    return "GitAuth[username=" + username + ", password=<redacted>]";
  }
}
