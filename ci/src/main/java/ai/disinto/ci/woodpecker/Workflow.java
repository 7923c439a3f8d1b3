package ai.disinto.ci.woodpecker;

import java.util.List;

/**
 * One workflow of a pipeline ({@code model.Workflow}) and its steps.
 *
 * @param id the workflow's database id
 * @param pid its number within the pipeline
 * @param name the workflow name
 * @param state its status
 * @param children its steps, never null
 */
public record Workflow(long id, int pid, String name, String state, List<Step> children) {
  /** Makes the step list immutable and never null. */
  public Workflow {
    children = children == null ? List.of() : List.copyOf(children);
  }
}
