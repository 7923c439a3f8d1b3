package ai.disinto.forge.pulls;

import java.util.Objects;

/**
 * What a {@link BranchRetrigger} run ended with.
 *
 * @param exitStatus 0 when every step succeeded, else the exit status of the child process of
 *     the step that failed
 * @param output the combined standard output and error of the steps
 * @param step the step that failed ({@code commit}, {@code fetch}, {@code rebase}, {@code push},
 *     or a refusal such as {@code namespace}); empty when every step succeeded or unnamed
 */
public record RetriggerResult(int exitStatus, String output, String step) {

  /** Replaces an absent output and step with empty ones. */
  public RetriggerResult {
    output = Objects.requireNonNullElse(output, "");
    step = Objects.requireNonNullElse(step, "");
  }

  /**
   * A result that names no step.
   *
   * @param exitStatus 0 on success, else the failing step's exit status
   * @param output the combined output of the steps
   */
  public RetriggerResult(int exitStatus, String output) {
    this(exitStatus, output, "");
  }
}
