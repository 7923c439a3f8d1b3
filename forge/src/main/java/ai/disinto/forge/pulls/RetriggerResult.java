package ai.disinto.forge.pulls;

import java.util.Objects;

/**
 * What a {@link BranchRetrigger} run ended with.
 *
 * @param exitStatus 0 when every step succeeded, else the exit status of the child process of
 *     the step that failed
 * @param output the combined standard output and error of the steps
 */
public record RetriggerResult(int exitStatus, String output) {

  /** Replaces an absent output with an empty one. */
  public RetriggerResult {
    output = Objects.requireNonNullElse(output, "");
  }
}
