package ai.disinto.ci.woodpecker;

import ai.disinto.core.DisintoException;
import java.util.Objects;
import java.util.Optional;

/**
 * A Woodpecker request that failed: the server answered with an error status, sent a body that is
 * not the JSON asked for, or could not be reached ({@link WoodpeckerTransportException}). Carries
 * the HTTP status ({@code 0} when no answer arrived), the method, the path below the server (never
 * a token) and the server's own error text, which has passed the secret scanner and has the
 * client's token masked.
 *
 * <p>Mirrors the failure exit of {@code woodpecker_api} ({@code curl -f}), which drops the body;
 * this keeps it (truncated).
 */
public class WoodpeckerException extends DisintoException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String method;
  private final String path;
  private final String serverMessage;

  /**
   * Creates the exception.
   *
   * @param status the HTTP status, or {@code 0} when no answer arrived
   * @param method the HTTP method
   * @param path the path and query below the server, free of secrets
   * @param serverMessage the server's error text (already redacted), or {@code null}
   * @param reason what went wrong, free of secrets
   * @param cause the underlying failure, or {@code null}
   */
  public WoodpeckerException(int status, String method, String path, String serverMessage,
      String reason, Throwable cause) {
    super(message(method, path, reason, serverMessage), cause);
    this.status = status;
    this.method = Objects.requireNonNull(method, "method");
    this.path = Objects.requireNonNull(path, "path");
    this.serverMessage = serverMessage == null || serverMessage.isEmpty() ? null : serverMessage;
  }

  private static String message(String method, String path, String reason, String server) {
    String m = method + " " + path + ": " + reason;
    return server == null || server.isEmpty() ? m : m + ": " + server;
  }

  /**
   * The HTTP status of the answer.
   *
   * @return the status, or {@code 0} when the server could not be reached
   */
  public int status() {
    return status;
  }

  /**
   * The HTTP method of the failed request.
   *
   * @return the method, such as {@code GET}
   */
  public String method() {
    return method;
  }

  /**
   * The path and query of the failed request below the server, such as
   * {@code /api/repos/3/pipelines/40}.
   *
   * @return the path
   */
  public String path() {
    return path;
  }

  /**
   * The server's error text (its body, trimmed and truncated), with secrets masked.
   *
   * @return the text, when the server sent one
   */
  public Optional<String> serverMessage() {
    return Optional.ofNullable(serverMessage);
  }
}
