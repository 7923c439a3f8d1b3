package ai.disinto.ci.woodpecker;

import java.util.List;

/**
 * A pipeline run ({@code model.Pipeline}; the fields the factory reads). Lists of pipelines carry
 * no workflows; one pipeline read by number does.
 *
 * @param id the pipeline's database id
 * @param number its number within the repository
 * @param parent the number of the pipeline it restarted, 0 for none
 * @param status its status ({@code success}, {@code failure}, {@code pending}, ...)
 * @param event what started it ({@code push}, {@code pull_request}, {@code deployment}, ...)
 * @param commit the commit id
 * @param branch the branch
 * @param ref the git ref
 * @param message the commit message
 * @param author the commit author
 * @param deployTo the deployment target, empty for none
 * @param created when it was created (Unix seconds)
 * @param started when it started (Unix seconds, 0 when not yet)
 * @param finished when it finished (Unix seconds, 0 when not yet)
 * @param workflows its workflows with their steps, never null (empty in lists)
 */
public record Pipeline(
    long id,
    long number,
    long parent,
    String status,
    String event,
    String commit,
    String branch,
    String ref,
    String message,
    String author,
    @com.squareup.moshi.Json(name = "deploy_to") String deployTo,
    long created,
    long started,
    long finished,
    List<Workflow> workflows) {
  /** Makes the workflow list immutable and never null. */
  public Pipeline {
    workflows = workflows == null ? List.of() : List.copyOf(workflows);
  }
}
