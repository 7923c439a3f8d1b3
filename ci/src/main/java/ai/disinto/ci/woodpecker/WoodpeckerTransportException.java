package ai.disinto.ci.woodpecker;

import ai.disinto.forge.client.ForgeTransportException;
import java.util.Objects;

/**
 * No usable answer arrived from the Woodpecker server, after the retries the client allows (GETs
 * only). {@link #kind()} names what happened on the wire, with the same kinds the forge client
 * uses; {@link #status()} is {@code 0}. A POST that failed this way was sent once and never again,
 * so the server may or may not have acted on it.
 */
public class WoodpeckerTransportException extends WoodpeckerException {
  private static final long serialVersionUID = 1L;

  private final ForgeTransportException.Kind kind;

  /**
   * Creates the exception.
   *
   * @param kind what went wrong on the wire
   * @param method the HTTP method
   * @param path the path and query below the server
   * @param reason what failed, free of secrets
   * @param cause the underlying I/O failure, or {@code null}
   */
  public WoodpeckerTransportException(ForgeTransportException.Kind kind, String method,
      String path, String reason, Throwable cause) {
    super(0, method, path, null, reason, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /**
   * What went wrong on the wire.
   *
   * @return the kind of failure
   */
  public ForgeTransportException.Kind kind() {
    return kind;
  }
}
