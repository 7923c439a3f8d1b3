package ai.disinto.core.lock;

import ai.disinto.core.DisintoException;

/**
 * Thrown when {@link StackLock#acquire} gives up because the lock stayed held past the maximum
 * wait (the original's return code 1 with its "timed out" message).
 */
public class LockTimeoutException extends DisintoException {
  private static final long serialVersionUID = 1L;

  private final String project;
  private final String currentHolder;

  /**
   * Creates the exception.
   *
   * @param project the project whose lock was wanted
   * @param currentHolder the holder that still held it
   */
  public LockTimeoutException(String project, String currentHolder) {
    super("timed out waiting for lock on " + project + " (held by " + currentHolder + ")");
    this.project = project;
    this.currentHolder = currentHolder;
  }

  /**
   * The project whose lock was wanted.
   *
   * @return the project name
   */
  public String project() {
    return project;
  }

  /**
   * The holder of the lock when the wait ended.
   *
   * @return the holder named in the lock file
   */
  public String currentHolder() {
    return currentHolder;
  }
}
