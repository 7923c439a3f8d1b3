package ai.disinto.forge.setup;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What forge setup leaves for the next steps of init (ops setup, branch protection, CI setup):
 * the admin's password and token, the human token and every agent's credentials. The same values
 * are in {@code .env}; {@code toString()} shows none of them.
 *
 * @param forgeUrl the forge URL
 * @param repoSlug the project repository {@code owner/name}
 * @param adminUser the admin login, {@code disinto-admin}
 * @param adminPassword the admin's password (what the original kept in {@code _FORGE_ADMIN_PASS})
 * @param adminToken the admin's API token ({@code FORGE_ADMIN_TOKEN})
 * @param humanToken the human token ({@code HUMAN_TOKEN}), empty when Forgejo refused it
 * @param bots the agent and local-model accounts, in setup order
 * @param repoCreated whether the project repository was created in this run
 * @param shortfalls what this run could not set up and only warned about, as the original does
 *     (a {@code .profile} repository, a collaborator, the human token), each naming its request;
 *     empty when the whole setup stands. A re-run retries each of them.
 */
public record ForgeSetupResult(String forgeUrl, String repoSlug, String adminUser,
    SetupSecret adminPassword, SetupSecret adminToken, Optional<SetupSecret> humanToken,
    List<SetupBot> bots, boolean repoCreated, List<String> shortfalls) {

  /** Refuses missing parts and freezes the lists. */
  public ForgeSetupResult {
    Objects.requireNonNull(forgeUrl, "forgeUrl");
    Objects.requireNonNull(repoSlug, "repoSlug");
    Objects.requireNonNull(adminUser, "adminUser");
    Objects.requireNonNull(adminPassword, "adminPassword");
    Objects.requireNonNull(adminToken, "adminToken");
    Objects.requireNonNull(humanToken, "humanToken");
    bots = List.copyOf(bots);
    shortfalls = List.copyOf(shortfalls);
  }

  /**
   * Tells whether the whole setup stands: nothing fell short.
   *
   * @return true when {@link #shortfalls()} is empty
   */
  public boolean complete() {
    return shortfalls.isEmpty();
  }

  /**
   * The credentials of one account.
   *
   * @param user the login
   * @return the account's credentials, if setup handled it
   */
  public Optional<SetupBot> bot(String user) {
    return bots.stream().filter(b -> b.user().equals(user)).findFirst();
  }

  /**
   * The dev agent's token, which becomes {@code FORGE_TOKEN} of the factory.
   *
   * @return dev-bot's token
   * @throws IllegalStateException when dev-bot is not among the accounts
   */
  public SetupSecret devToken() {
    return bot("dev-bot").map(SetupBot::token)
        .orElseThrow(() -> new IllegalStateException("no dev-bot credentials"));
  }
}
