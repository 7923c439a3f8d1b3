package ai.disinto.ci.db;

import ai.disinto.core.config.FactoryEnv;
import java.util.Objects;

/**
 * Where the Woodpecker database is and who connects to it. Mirrors the variables {@code wpdb} in
 * lib/env.sh reads, with its defaults: {@code WOODPECKER_DB_HOST} ({@code 127.0.0.1}), {@code
 * WOODPECKER_DB_USER} ({@code woodpecker}), {@code WOODPECKER_DB_NAME} ({@code woodpecker}) and
 * {@code WOODPECKER_DB_PASSWORD} (empty); the port is {@code PGPORT} or 5432, as {@code psql}
 * (which wpdb gives no port) takes it. The password never appears in {@link #toString()}.
 *
 * @param host the server's host
 * @param port the server's port
 * @param user the user to connect as
 * @param database the database's name
 * @param password the user's password, possibly empty
 */
public record DbSettings(String host, int port, String user, String database, String password) {
  /** The host wpdb connects to when {@code WOODPECKER_DB_HOST} is unset or empty. */
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** PostgreSQL's port, which psql uses when {@code PGPORT} is unset. */
  public static final int DEFAULT_PORT = 5432;
  /** The user and database name wpdb uses when their variables are unset or empty. */
  public static final String DEFAULT_NAME = "woodpecker";

  /** Checks the values. */
  public DbSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(database, "database");
    password = password == null ? "" : password;
    if (host.isEmpty() || user.isEmpty() || database.isEmpty()) {
      throw new IllegalArgumentException("host, user and database must not be empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port outside 1..65535: " + port);
    }
  }

  /**
   * The settings of the configuration, with wpdb's defaults for what is unset or empty.
   *
   * @param env the configuration
   * @return the settings
   * @throws IllegalArgumentException when {@code PGPORT} is not a port number
   */
  public static DbSettings fromEnv(FactoryEnv env) {
    String port = env.getOrEmpty("PGPORT").trim();
    int p;
    try {
      p = port.isEmpty() ? DEFAULT_PORT : Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("PGPORT is not a port number", e);
    }
    return new DbSettings(orDefault(env.getOrEmpty("WOODPECKER_DB_HOST"), DEFAULT_HOST), p,
        orDefault(env.getOrEmpty("WOODPECKER_DB_USER"), DEFAULT_NAME),
        orDefault(env.getOrEmpty("WOODPECKER_DB_NAME"), DEFAULT_NAME),
        env.getOrEmpty("WOODPECKER_DB_PASSWORD"));
  }

  /**
   * The same settings for another port.
   *
   * @param newPort the port
   * @return the changed copy
   */
  public DbSettings withPort(int newPort) {
    return new DbSettings(host, newPort, user, database, password);
  }

  /**
   * The same settings for another database.
   *
   * @param name the database's name
   * @return the changed copy
   */
  public DbSettings withDatabase(String name) {
    return new DbSettings(host, port, user, name, password);
  }

  /**
   * The same settings with another password.
   *
   * @param newPassword the password
   * @return the changed copy
   */
  public DbSettings withPassword(String newPassword) {
    return new DbSettings(host, port, user, database, newPassword);
  }

  /**
   * {@code host:port}, as error messages name the server.
   *
   * @return the address
   */
  public String address() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  private static String orDefault(String v, String fallback) {
    return v == null || v.isEmpty() ? fallback : v;
  }

  @Override
  public String toString() {
    return "DbSettings[" + user + "@" + address() + "/" + database + ", password="
        + (password.isEmpty() ? "none" : "<redacted>") + "]";
  }
}
