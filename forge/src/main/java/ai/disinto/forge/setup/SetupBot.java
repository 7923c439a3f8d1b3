package ai.disinto.forge.setup;

import java.util.Objects;

/**
 * The credentials one agent account has after forge setup; {@code toString()} hides the secrets.
 *
 * @param account the account
 * @param token its API token
 * @param password its password
 * @param tokenCreated whether a new token was made in this run (else the stored one still works)
 * @param passwordSet whether its password was set in this run
 */
public record SetupBot(SetupAccount account, SetupSecret token, SetupSecret password,
    boolean tokenCreated, boolean passwordSet) {

  /** Refuses missing parts. */
  public SetupBot {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(password, "password");
  }

  /**
   * The login.
   *
   * @return the account's user name
   */
  public String user() {
    return account.user();
  }
}
