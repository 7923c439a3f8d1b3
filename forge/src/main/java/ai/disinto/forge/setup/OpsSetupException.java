package ai.disinto.forge.setup;

import ai.disinto.core.DisintoException;

/** The ops repository could not be set up or migrated: the message says which step and why. */
public final class OpsSetupException extends DisintoException {
  private static final long serialVersionUID = 1L;

  /**
   * An ops setup failure.
   *
   * @param message what failed, with the HTTP status where the forge refused
   */
  public OpsSetupException(String message) {
    super(message);
  }
}
