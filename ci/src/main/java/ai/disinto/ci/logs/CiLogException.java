package ai.disinto.ci.logs;

import ai.disinto.core.DisintoException;
import java.util.Objects;

/**
 * The Woodpecker log store could not be read: the database file is missing, or SQLite refused it
 * (locked past the busy timeout, corrupt, not a Woodpecker database). The message names the file
 * and what went wrong; it never carries log text.
 */
public final class CiLogException extends DisintoException {
  private static final long serialVersionUID = 1L;

  /** Why the store could not be read. */
  public enum Kind {
    /** No file at the database path. */
    DB_NOT_FOUND,
    /** The file exists but SQLite could not open or query it. */
    DB_ERROR
  }

  private final Kind kind;

  /**
   * Creates the exception.
   *
   * @param kind why the store could not be read
   * @param message what happened, naming the database path
   * @param cause the SQLite failure, or {@code null}
   */
  public CiLogException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /**
   * Why the store could not be read.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }
}
