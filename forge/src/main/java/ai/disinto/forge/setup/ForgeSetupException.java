package ai.disinto.forge.setup;

import ai.disinto.core.DisintoException;
import java.util.OptionalInt;

/**
 * Forge setup could not finish: every point where lib/forge-setup.sh prints {@code Error: ...} and
 * exits 1. The message is the original's error text without the {@code Error: } prefix; it never
 * holds a token or password. Work done before the failure (users, {@code .env} lines) stays.
 */
public final class ForgeSetupException extends DisintoException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * A failure without an HTTP status.
   *
   * @param message what failed
   */
  public ForgeSetupException(String message) {
    this(message, -1);
  }

  /**
   * A failure of one forge request.
   *
   * @param message what failed, with the status and the forge's redacted message
   * @param status the HTTP status, or -1
   */
  public ForgeSetupException(String message, int status) {
    super(message);
    this.status = status;
  }

  /**
   * The HTTP status of the failed request.
   *
   * @return the status, or empty when no request failed
   */
  public OptionalInt status() {
    return status < 0 ? OptionalInt.empty() : OptionalInt.of(status);
  }
}
