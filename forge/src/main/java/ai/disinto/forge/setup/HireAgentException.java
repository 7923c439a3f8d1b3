package ai.disinto.forge.setup;

import ai.disinto.core.DisintoException;

/** Hiring an agent failed at a step that cannot be skipped; the message names it and why. */
public final class HireAgentException extends DisintoException {
  private static final long serialVersionUID = 1L;

  /**
   * A hiring failure.
   *
   * @param message what failed, with the HTTP status where the forge refused
   */
  public HireAgentException(String message) {
    super(message);
  }
}
