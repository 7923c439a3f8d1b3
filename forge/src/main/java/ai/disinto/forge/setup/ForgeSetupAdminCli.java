package ai.disinto.forge.setup;

/**
 * The {@code forgejo admin user ...} command line inside the Forgejo container, which forge setup
 * needs before any admin account (and so any admin token) exists. Mirrors {@code _forgejo_exec} of
 * lib/forge-setup.sh; {@link ForgeSetupDocker} runs it through {@code docker exec} or {@code docker
 * compose exec}, tests supply a fake that edits a mock forge.
 */
public interface ForgeSetupAdminCli {
  /**
   * {@code forgejo admin user list}, the database readiness probe.
   *
   * @return whether the command succeeded
   */
  boolean listUsers();

  /**
   * {@code forgejo admin user create [--admin] --username U --password P --email E
   * --must-change-password=false}.
   *
   * @param user the login
   * @param password the password; an implementation must keep it out of logs and results
   * @param email the e-mail address
   * @param admin whether the user becomes site admin
   * @return the exit status and output (the output never holds the password)
   */
  SetupCliResult createUser(String user, SetupSecret password, String email, boolean admin);

  /**
   * {@code forgejo admin user change-password --username U --password P
   * --must-change-password=false}, which also clears the must-change-password flag that Forgejo
   * 11 sets on every create.
   *
   * @param user the login
   * @param password the new password
   * @return the exit status and output
   */
  SetupCliResult changePassword(String user, SetupSecret password);
}
