package ai.disinto.forge.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * No usable response arrived: the connection was refused, reset or closed, the host is unknown, a
 * timeout struck, or the call was interrupted, after any retries the {@link RetryPolicy} allowed.
 * {@link #kind()} names which; {@link #status()} is {@code 0}.
 */
public class ForgeTransportException extends ForgeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong on the wire. */
  public enum Kind {
    /** Nothing listens at the forge's address (the TCP connection was refused). */
    CONNECTION_REFUSED("connection refused"),
    /** The forge's host name does not resolve. */
    UNKNOWN_HOST("unknown host"),
    /** Connecting, sending or waiting for the answer took longer than allowed. */
    TIMEOUT("timed out"),
    /** The peer reset the connection. */
    CONNECTION_RESET("connection reset"),
    /** The connection closed before a whole answer arrived. */
    CONNECTION_CLOSED("connection closed before an answer"),
    /** The TLS handshake or session failed. */
    TLS("TLS failure"),
    /** The calling thread was interrupted (while waiting to retry, for example). */
    INTERRUPTED("interrupted while waiting to retry"),
    /** Any other I/O failure. */
    IO("request failed");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    /**
     * How messages name this kind of failure.
     *
     * @return for example {@code connection refused} or {@code timed out}
     */
    public String description() {
      return description;
    }

    /**
     * Names an I/O failure of an HTTP call by what happened on the wire: a timeout, a refused
     * connection, an unknown host, a TLS failure, a reset or a connection closed before the
     * answer; {@link #IO} for anything else.
     *
     * @param failure the failure OkHttp reported
     * @return its kind, never {@link #INTERRUPTED} (only the caller knows it was interrupted)
     */
    public static Kind of(IOException failure) {
      if (failure instanceof InterruptedIOException) {
        return TIMEOUT;
      }
      if (failure instanceof ConnectException) {
        return CONNECTION_REFUSED;
      }
      if (failure instanceof UnknownHostException) {
        return UNKNOWN_HOST;
      }
      if (failure instanceof SSLException) {
        return TLS;
      }
      for (Throwable t = failure; t != null; t = t.getCause()) {
        String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        if (t instanceof SocketException && (m.contains("reset") || m.contains("broken pipe"))) {
          return CONNECTION_RESET;
        }
        if (t instanceof EOFException || m.contains("unexpected end of stream")) {
          return CONNECTION_CLOSED;
        }
      }
      return IO;
    }
  }

  private final Kind kind;

  /**
   * Creates the exception.
   *
   * @param kind what went wrong
   * @param method the HTTP method
   * @param path the request path and query below the host
   * @param reason what failed, free of secrets
   * @param cause the underlying I/O failure, or {@code null}
   */
  public ForgeTransportException(
      Kind kind, String method, String path, String reason, Throwable cause) {
    super(0, method, path, null, null, reason, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /**
   * Creates the exception with the kind {@link Kind#IO}.
   *
   * @param method the HTTP method
   * @param path the request path and query below the host
   * @param reason what failed, free of secrets
   * @param cause the underlying I/O failure, or {@code null}
   */
  public ForgeTransportException(String method, String path, String reason, Throwable cause) {
    this(Kind.IO, method, path, reason, cause);
  }

  /**
   * What went wrong on the wire.
   *
   * @return the kind of failure
   */
  public Kind kind() {
    return kind;
  }
}
