package ai.disinto.ci.woodpecker;

import com.squareup.moshi.Json;

/**
 * One step of a workflow ({@code model.Step}).
 *
 * @param id the step's database id: the {@code step_id} of its logs
 * @param pid the step's number within the pipeline
 * @param ppid the {@code pid} of its workflow
 * @param name the step name
 * @param state its status ({@code success}, {@code failure}, {@code running}, ...)
 * @param exitCode the exit code of its command
 * @param type the step type ({@code commands}, {@code plugin}, {@code clone}, ...)
 */
public record Step(
    long id,
    int pid,
    int ppid,
    String name,
    String state,
    @Json(name = "exit_code") int exitCode,
    String type) {}
