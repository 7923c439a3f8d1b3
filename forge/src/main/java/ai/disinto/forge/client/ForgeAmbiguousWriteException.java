package ai.disinto.forge.client;

/**
 * A write that is not safe to repeat (a POST or PATCH) reached the forge, but no answer came
 * back: the forge may or may not have done it. The client never sends such a request a second
 * time on its own; a caller that must know looks the object up (the issue by title, the comment by
 * body) before deciding to write again.
 *
 * <p>The original sent each write once with {@code curl}; the port keeps that, and names the
 * ambiguous outcome instead of reporting it as a plain failure.
 */
public class ForgeAmbiguousWriteException extends ForgeTransportException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param kind how the exchange ended (closed, reset, timed out)
   * @param method the HTTP method
   * @param path the request path and query below the host
   * @param reason what failed, free of secrets
   * @param cause the underlying I/O failure, or {@code null}
   */
  public ForgeAmbiguousWriteException(
      Kind kind, String method, String path, String reason, Throwable cause) {
    super(kind, method, path, reason, cause);
  }
}
