package ai.disinto.git.worktree;

import ai.disinto.core.DisintoException;

/**
 * A worktree could not be created or recovered: git refused (the branch is checked out in another
 * worktree, the base is unknown), or the path is not one the manager may replace. The main
 * checkout is left as it was.
 */
public final class WorktreeException extends DisintoException {
  private static final long serialVersionUID = 1L;

  /** What git wrote when it refused, or empty. */
  private final String gitOutput;

  /**
   * Creates the exception.
   *
   * @param message what happened, naming the path
   * @param gitOutput what git wrote, or empty
   */
  public WorktreeException(String message, String gitOutput) {
    super(message);
    this.gitOutput = gitOutput == null ? "" : gitOutput;
  }

  /**
   * What git wrote (standard output and error merged) when it refused.
   *
   * @return git's text, or empty when git was not the cause
   */
  public String gitOutput() {
    return gitOutput;
  }
}
