package ai.disinto.forge.setup;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the init flows run {@code git}: the child's whole environment, the time each git command
 * may take, and optionally a forge login whose password is handed to git as an HTTP
 * {@code Authorization} header through git's environment configuration ({@code GIT_CONFIG_*}),
 * so that no credential lands in a clone URL, a remote, a config file or a command line. Without
 * a login git authenticates through whatever credential helper its environment configures.
 * {@link #toString()} never shows the password.
 *
 * @param environment the child's whole environment (nothing else is inherited), for example the
 *     CLI's process environment
 * @param user the forge login to push as, when git should authenticate with a password
 * @param password that login's password
 * @param timeout how long one git command may run
 */
public record GitAccess(Map<String, String> environment, Optional<String> user,
    Optional<String> password, Duration timeout) {

  /** Checks that nothing is null, that a user comes with a password, and copies the map. */
  public GitAccess {
    environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(timeout, "timeout");
    if (user.isPresent() != password.isPresent()) {
      throw new IllegalArgumentException("a git login needs both a user and a password");
    }
  }

  /**
   * Git with this environment, authenticating through the credential helper it configures.
   *
   * @param environment the child's whole environment
   * @return the access
   */
  public static GitAccess of(Map<String, String> environment) {
    return new GitAccess(environment, Optional.empty(), Optional.empty(), Duration.ofMinutes(5));
  }

  /**
   * The same access, authenticating as {@code user} with {@code password}.
   *
   * @param user the forge login
   * @param password its password
   * @return a changed copy
   */
  public GitAccess withLogin(String user, String password) {
    return new GitAccess(environment, Optional.of(user), Optional.of(password), timeout);
  }

  /** The environment a git child gets: the given one, no prompts, and the login header. */
  Map<String, String> childEnvironment() {
    Map<String, String> env = new LinkedHashMap<>(environment);
    env.put("GIT_TERMINAL_PROMPT", "0");
    if (user.isPresent()) {
      String basic = java.util.Base64.getEncoder().encodeToString(
          (user.get() + ":" + password.orElseThrow())
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      int n = 0;
      try {
        n = Integer.parseInt(env.getOrDefault("GIT_CONFIG_COUNT", "0"));
      } catch (NumberFormatException e) {
        n = 0;
      }
      env.put("GIT_CONFIG_KEY_" + n, "http.extraHeader");
      env.put("GIT_CONFIG_VALUE_" + n, "Authorization: Basic " + basic);
      env.put("GIT_CONFIG_COUNT", String.valueOf(n + 1));
    }
    return env;
  }

  @Override
  public String toString() {
    return "GitAccess[user=" + user.orElse("-") + ", password=" + (password.isPresent() ? "***"
        : "-") + ", timeout=" + timeout + "]";
  }
}
