package ai.disinto.forge.client;

/**
 * No usable response arrived: the connection failed, timed out or was interrupted, after any
 * retries the {@link RetryPolicy} allowed. {@link #status()} is {@code 0}.
 */
public class ForgeTransportException extends ForgeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param method the HTTP method
   * @param path the request path and query below the host
   * @param reason what failed, free of secrets
   * @param cause the underlying I/O failure
   */
  public ForgeTransportException(String method, String path, String reason, Throwable cause) {
    super(0, method, path, null, null, reason, cause);
  }
}
