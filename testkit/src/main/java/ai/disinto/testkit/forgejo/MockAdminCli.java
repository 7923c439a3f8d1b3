package ai.disinto.testkit.forgejo;

import java.util.List;

/**
 * The fake {@code forgejo admin user ...} command line (checklist item 14 of spec/forge.md),
 * which the original runs through {@code docker exec}. It edits the mock's state directly and
 * answers with the exit code and output the real command would give.
 */
public final class MockAdminCli {
  private final State s;

  MockAdminCli(State s) {
    this.s = s;
  }

  /**
   * What one command invocation returned.
   *
   * @param exitCode 0 on success, 1 on failure
   * @param output the combined output text
   */
  public record Result(int exitCode, String output) {
    /**
     * Whether the command succeeded.
     *
     * @return exit code 0
     */
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /**
   * Makes the first {@code failures} {@code list} calls fail as if the database were not ready
   * yet (the readiness delay of checklist item 14, counted in calls rather than time).
   *
   * @param failures number of failing list calls
   */
  public void becomeReadyAfter(int failures) {
    synchronized (s) {
      s.version++;
      s.adminListFailures = failures;
      s.adminListCalls = 0;
    }
  }

  /**
   * {@code forgejo admin user list}: a tab-separated table of the users.
   *
   * @return exit 0 and the table once ready, else exit 1
   */
  public Result listUsers() {
    synchronized (s) {
      s.version++;
      if (s.adminListCalls++ < s.adminListFailures) {
        return new Result(1, "Command error: unable to connect to the database: not ready yet\n");
      }
      StringBuilder out = new StringBuilder("ID\tUsername\tEmail\tIsActive\tIsAdmin\t2FA\n");
      for (State.User u : s.users.values()) {
        if (!u.org) {
          out.append(u.id).append('\t').append(u.login).append('\t').append(u.email).append('\t')
              .append(u.active).append('\t').append(u.admin).append("\tfalse\n");
        }
      }
      return new Result(0, out.toString());
    }
  }

  /**
   * {@code forgejo admin user create}: creates the user with must-change-password set, because
   * Forgejo 11 ignores {@code --must-change-password=false} on create.
   *
   * @param username the login
   * @param password the password
   * @param email the e-mail address
   * @param admin whether the user is site admin ({@code --admin})
   * @return exit 0, or exit 1 with {@code user already exists} for a duplicate
   */
  public Result createUser(String username, String password, String email, boolean admin) {
    synchronized (s) {
      s.version++;
      if (s.user(username) != null) {
        return new Result(1, "Command error: CreateUser: user already exists [name: " + username + "]\n");
      }
      if (!username.matches(UserRoutes.NAME_PATTERN)) {
        return new Result(1, "Command error: CreateUser: name is invalid [" + username + "]\n");
      }
      for (State.User u : s.users.values()) {
        if (u.email.equalsIgnoreCase(email)) {
          return new Result(1, "Command error: CreateUser: e-mail already in use [email: " + email + "]\n");
        }
      }
      State.User u = s.addUser(username, email, password, false);
      u.admin = admin;
      u.mustChangePassword = true;
      return new Result(0, "New user '" + username + "' has been successfully created!\n");
    }
  }

  /**
   * {@code forgejo admin user change-password}: sets the password and clears must-change-password.
   *
   * @param username the login
   * @param password the new password
   * @return exit 0, or exit 1 when the user does not exist
   */
  public Result changePassword(String username, String password) {
    synchronized (s) {
      s.version++;
      State.User u = s.user(username);
      if (u == null || u.org) {
        return new Result(1, "Command error: user does not exist [uid: 0, name: " + username + "]\n");
      }
      u.password = password;
      u.mustChangePassword = false;
      return new Result(0, username + "'s password has been successfully updated!\n");
    }
  }

  /**
   * Whether a user must change the password (for assertions).
   *
   * @param username the login
   * @return the flag, false for unknown users
   */
  public boolean mustChangePassword(String username) {
    synchronized (s) {
      s.version++;
      State.User u = s.user(username);
      return u != null && u.mustChangePassword;
    }
  }

  /**
   * The logins of all users, in creation order (for assertions).
   *
   * @return the user logins, organisations excluded
   */
  public List<String> logins() {
    synchronized (s) {
      s.version++;
      return s.users.values().stream().filter(u -> !u.org).map(u -> u.login).toList();
    }
  }
}
