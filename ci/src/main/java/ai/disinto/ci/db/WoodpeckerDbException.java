package ai.disinto.ci.db;

import ai.disinto.core.DisintoException;
import java.util.Objects;
import java.util.Optional;

/**
 * A query of the Woodpecker database failed. {@link #kind()} says how; the message names the
 * server ({@code host:port}) and database, never the password.
 */
public class WoodpeckerDbException extends DisintoException {
  private static final long serialVersionUID = 1L;

  /** How the query failed. */
  public enum Kind {
    /** Nothing listens at the address, or the host is unknown or unreachable. */
    CONNECTION_REFUSED,
    /** The server rejected the user or password. */
    AUTHENTICATION_FAILED,
    /** The server has no database of that name. */
    NO_SUCH_DATABASE,
    /** Connecting or the query took longer than allowed. */
    TIMEOUT,
    /** The server ran the statement and reported an error (bad SQL, a missing table). */
    QUERY_FAILED
  }

  private final Kind kind;
  private final String sqlState;

  /**
   * Creates the exception.
   *
   * @param kind how the query failed
   * @param message what failed, free of secrets
   * @param sqlState the SQLSTATE the driver reported, or {@code null}
   * @param cause the driver's exception, or {@code null}
   */
  public WoodpeckerDbException(Kind kind, String message, String sqlState, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.sqlState = sqlState;
  }

  /**
   * How the query failed.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The SQLSTATE code of the failure, such as {@code 28P01} or {@code 42P01}.
   *
   * @return the code, when the driver gave one
   */
  public Optional<String> sqlState() {
    return Optional.ofNullable(sqlState);
  }
}
