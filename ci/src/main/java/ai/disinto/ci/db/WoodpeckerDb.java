package ai.disinto.ci.db;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queries the Woodpecker database on PostgreSQL over JDBC. Mirrors {@code wpdb} in lib/env.sh
 * (which ran {@code psql}), with its defaults ({@link DbSettings}); unlike it, statements are
 * always parameterised (values are bound, never spliced into the SQL), connecting and each query
 * are bounded in time, and a failure is a {@link WoodpeckerDbException} that names the server, not
 * a silent empty answer. Thread-safe: each call opens its own connection and closes it.
 *
 * <p>The tables are Woodpecker 3's ({@code pipelines} with {@code status} and {@code finished} in
 * Unix seconds, {@code repos}, ...). For the {@code psql} passthrough of the CLI see {@link Psql}.
 */
public final class WoodpeckerDb {
  private static final Logger LOG = LoggerFactory.getLogger(WoodpeckerDb.class);
  /** How long connecting may take unless told otherwise. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** How long one query may take unless told otherwise. */
  public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(30);
  private static final Driver DRIVER = new Driver();

  private final DbSettings settings;
  private final Duration connectTimeout;
  private final Duration queryTimeout;

  /**
   * A database client with the default timeouts (connect 5 s, query 30 s).
   *
   * @param settings where the database is
   */
  public WoodpeckerDb(DbSettings settings) {
    this(settings, DEFAULT_CONNECT_TIMEOUT, DEFAULT_QUERY_TIMEOUT);
  }

  /**
   * A database client with explicit timeouts (whole seconds; anything shorter counts as one).
   *
   * @param settings where the database is
   * @param connectTimeout how long connecting and logging in may take
   * @param queryTimeout how long one query may take
   */
  public WoodpeckerDb(DbSettings settings, Duration connectTimeout, Duration queryTimeout) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.connectTimeout = positive(connectTimeout, "connectTimeout");
    this.queryTimeout = positive(queryTimeout, "queryTimeout");
  }

  /**
   * The settings this client connects with.
   *
   * @return the settings
   */
  public DbSettings settings() {
    return settings;
  }

  /**
   * The server's version string ({@code SELECT version()}): a check that the database answers.
   *
   * @return such as {@code PostgreSQL 15.8 on x86_64-pc-linux-gnu ...}
   * @throws WoodpeckerDbException when the server cannot be reached or refuses
   */
  public String serverVersion() {
    return query("SELECT version()").get(0).get(0);
  }

  /**
   * How many pipelines finished since an instant, by status: the query site/collect-metrics.sh
   * runs through wpdb for the CI pass rate ({@code SELECT status, count(*) FROM pipelines WHERE
   * finished > 0 AND to_timestamp(finished) > <since> GROUP BY status}).
   *
   * @param since the start of the window, such as 30 days ago
   * @return the count of each status that occurred, in status order
   * @throws WoodpeckerDbException when the query fails
   */
  public Map<String, Long> pipelineStatusCounts(Instant since) {
    Objects.requireNonNull(since, "since");
    List<List<String>> rows = query("SELECT status, count(*) FROM pipelines"
        + " WHERE finished > 0 AND to_timestamp(finished) > ? GROUP BY status ORDER BY status",
        Timestamp.from(since));
    Map<String, Long> out = new LinkedHashMap<>();
    for (List<String> row : rows) {
      out.put(row.get(0), Long.parseLong(row.get(1)));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Runs one parameterised query: each {@code ?} of the SQL is bound to the next parameter (a
   * {@code String}, {@code Number}, {@code Boolean}, {@code java.sql.Timestamp}, ... or {@code
   * null}), never spliced into the text.
   *
   * @param sql one SQL statement that returns rows
   * @param params the values of its {@code ?} placeholders, in order
   * @return the rows, each the text of its columns in order ({@code null} for SQL NULL)
   * @throws WoodpeckerDbException when connecting or the statement fails
   */
  public List<List<String>> query(String sql, Object... params) {
    Objects.requireNonNull(sql, "sql");
    try (Connection c = connect(); PreparedStatement st = c.prepareStatement(sql)) {
      st.setQueryTimeout(seconds(queryTimeout));
      for (int i = 0; i < params.length; i++) {
        st.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = st.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        List<List<String>> rows = new ArrayList<>();
        while (rs.next()) {
          List<String> row = new ArrayList<>(columns);
          for (int col = 1; col <= columns; col++) {
            row.add(rs.getString(col));
          }
          rows.add(Collections.unmodifiableList(row));
        }
        LOG.debug("wpdb: {} row(s) from {}", rows.size(), settings.address());
        return List.copyOf(rows);
      }
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  private Connection connect() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", settings.user());
    p.setProperty("password", settings.password());
    p.setProperty("connectTimeout", Integer.toString(seconds(connectTimeout)));
    p.setProperty("loginTimeout", Integer.toString(seconds(connectTimeout)));
    // A dead connection mid-query ends after the query timeout plus the connect budget.
    p.setProperty("socketTimeout", Integer.toString(seconds(queryTimeout) + seconds(connectTimeout)));
    p.setProperty("ApplicationName", "disinto-wpdb");
    Connection c = DRIVER.connect(jdbcUrl(), p);
    if (c == null) {
      throw new SQLException("the PostgreSQL driver does not accept " + jdbcUrl());
    }
    return c;
  }

  private String jdbcUrl() {
    String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
    return "jdbc:postgresql://" + host + ":" + settings.port() + "/"
        + java.net.URLEncoder.encode(settings.database(), java.nio.charset.StandardCharsets.UTF_8);
  }

  private WoodpeckerDbException translate(SQLException e) {
    String state = e.getSQLState();
    String where = "PostgreSQL at " + settings.address() + " (database " + settings.database()
        + ", user " + settings.user() + ")";
    String detail = redact(e.getMessage());
    WoodpeckerDbException.Kind kind;
    String what;
    Throwable root = rootCause(e);
    if (root instanceof SocketTimeoutException || "57014".equals(state)) {
      kind = WoodpeckerDbException.Kind.TIMEOUT;
      what = "timed out talking to " + where;
    } else if (root instanceof ConnectException || root instanceof NoRouteToHostException
        || root instanceof UnknownHostException) {
      kind = WoodpeckerDbException.Kind.CONNECTION_REFUSED;
      what = "cannot connect to " + where + ": " + root.getClass().getSimpleName();
      detail = null;
    } else if (state != null && state.startsWith("28")) {
      kind = WoodpeckerDbException.Kind.AUTHENTICATION_FAILED;
      what = where + " refused the login";
    } else if ("3D000".equals(state)) {
      kind = WoodpeckerDbException.Kind.NO_SUCH_DATABASE;
      what = where + " has no such database";
    } else if (state != null && state.startsWith("08")) {
      kind = WoodpeckerDbException.Kind.CONNECTION_REFUSED;
      what = "cannot connect to " + where;
    } else {
      kind = WoodpeckerDbException.Kind.QUERY_FAILED;
      what = "query failed on " + where;
    }
    String message = what + (state == null ? "" : " [SQLSTATE " + state + "]")
        + (detail == null || detail.isBlank() ? "" : ": " + detail);
    return new WoodpeckerDbException(kind, message, state, e);
  }

  private String redact(String text) {
    if (text == null) {
      return null;
    }
    String p = settings.password();
    return p.isEmpty() ? text : text.replace(p, "<redacted>");
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
  }

  private static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
    return d;
  }

  private static int seconds(Duration d) {
    long s = d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
    return (int) Math.max(1, Math.min(s, Integer.MAX_VALUE / 2));
  }

  @Override
  public String toString() {
    return "WoodpeckerDb[" + settings + "]";
  }
}
