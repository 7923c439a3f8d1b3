package ai.disinto.forge.client;

import ai.disinto.core.DisintoException;

/**
 * {@code FORGE_TOKEN} is empty or missing where a client is built from the environment; reported
 * before any request is made, instead of sending {@code Authorization: token } and reading the
 * forge's 401.
 */
public class ForgeTokenMissingException extends DisintoException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with the message {@code FORGE_TOKEN is not set}. */
  public ForgeTokenMissingException() {
    super("FORGE_TOKEN is not set");
  }
}
