package ai.disinto.forge.setup;

import java.util.Objects;

/**
 * What one {@code forgejo admin} command returned.
 *
 * @param exitStatus the exit status, 0 on success
 * @param output the combined output, which forge setup quotes in its errors
 */
public record SetupCliResult(int exitStatus, String output) {
  /** Refuses a missing output. */
  public SetupCliResult {
    Objects.requireNonNull(output, "output");
  }

  /**
   * Whether the command succeeded.
   *
   * @return exit status 0
   */
  public boolean ok() {
    return exitStatus == 0;
  }
}
