package ai.disinto.forge.setup;

import ai.disinto.core.DisintoException;

/** The arguments of {@code hire-an-agent} are wrong; the message says how. */
public final class HireUsageException extends DisintoException {
  private static final long serialVersionUID = 1L;

  /** The usage line of the command. */
  public static final String USAGE = "Usage: disinto hire-an-agent <agent-name> <role>"
      + " [--formula <path>] [--local-model <url>] [--model <name>] [--poll-interval <seconds>]";

  /**
   * A usage error.
   *
   * @param message what is wrong
   */
  public HireUsageException(String message) {
    super(message);
  }
}
