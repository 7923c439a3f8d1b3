package ai.disinto.forge.client;

import ai.disinto.core.DisintoException;
import java.util.Objects;
import java.util.Optional;

/**
 * A forge request that failed: the forge answered with an error status, sent a body that is not
 * the JSON asked for, or could not be reached. Carries the HTTP status ({@code 0} when no response
 * arrived), the method, the request path below the host (never a token) and the forge's own
 * {@code message} when its error body had one. What the forge sent (forge message, body) and the
 * reason have passed the secret scanner, and the client masks its own credentials in them too;
 * the method and path are kept as they are, so a commit id in a path stays readable.
 *
 * <p>Mirrors the failure exit of {@code forge_api} ({@code curl -f}); unlike the original,
 * {@code forge_api_all} failures are never turned into a partial list.
 */
public class ForgeException extends DisintoException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String method;
  private final String path;
  private final String forgeMessage;
  private final String body;

  /**
   * Creates the exception.
   *
   * @param status the HTTP status, or {@code 0} when no response arrived
   * @param method the HTTP method
   * @param path the request path and query below the host, free of secrets
   * @param forgeMessage the {@code message} field of the forge's error body, or {@code null}
   * @param body the response body, or {@code null}; not part of the message
   * @param reason what went wrong, free of secrets
   * @param cause the underlying failure, or {@code null}
   */
  public ForgeException(
      int status,
      String method,
      String path,
      String forgeMessage,
      String body,
      String reason,
      Throwable cause) {
    this(message(method, path, Redactor.scan(reason), Redactor.scan(forgeMessage)), status,
        method, path, forgeMessage, body, cause);
  }

  /**
   * Creates the exception with a whole message, for subtypes that word it differently. The forge
   * message and the body pass the secret scanner; the message is taken as given (its path may
   * hold a commit id the scanner would take for a secret).
   *
   * @param message the whole message, its forge-provided parts already cleaned
   * @param status the HTTP status, or {@code 0} when no response arrived
   * @param method the HTTP method
   * @param path the request path and query below the host, free of secrets
   * @param forgeMessage the {@code message} field of the forge's error body, or {@code null}
   * @param body the response body, or {@code null}; not part of the message
   * @param cause the underlying failure, or {@code null}
   */
  protected ForgeException(
      String message,
      int status,
      String method,
      String path,
      String forgeMessage,
      String body,
      Throwable cause) {
    super(message, cause);
    this.status = status;
    this.method = Objects.requireNonNull(method, "method");
    this.path = Objects.requireNonNull(path, "path");
    this.forgeMessage = Redactor.scan(forgeMessage);
    this.body = Redactor.scan(body);
  }

  private static String message(String method, String path, String reason, String forgeMessage) {
    String m = method + " " + path + ": " + reason;
    return forgeMessage == null || forgeMessage.isEmpty() ? m : m + ": " + forgeMessage;
  }

  /**
   * The HTTP status of the response.
   *
   * @return the status, or {@code 0} when the forge could not be reached
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
   * The path and query of the failed request below the host, such as
   * {@code /api/v1/repos/o/r/issues/5}.
   *
   * @return the path, free of secrets
   */
  public String path() {
    return path;
  }

  /**
   * The {@code message} field of the forge's JSON error body, with secrets masked.
   *
   * @return the forge's message, when the body had one
   */
  public Optional<String> forgeMessage() {
    return Optional.ofNullable(forgeMessage);
  }

  /**
   * The response body as received, with secrets masked.
   *
   * @return the body, when a response arrived
   */
  public Optional<String> body() {
    return Optional.ofNullable(body);
  }
}
