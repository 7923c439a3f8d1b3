package ai.disinto.agent;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The result object Claude Code prints last with {@code --output-format json}
 * ({@code {"type":"result","subtype":"success","is_error":false,"result":…,"session_id":…}}).
 *
 * @param type the object's {@code type}, {@code result} for a real result
 * @param subtype {@code success}, {@code error_max_turns}, {@code error_during_execution}, …
 * @param isError {@code is_error}: Claude Code's own verdict; an API error gives {@code true}
 *     with subtype {@code success}
 * @param result the final text (for an API error, Claude Code's description of it)
 * @param sessionId the session id, empty when absent
 * @param numTurns {@code num_turns}, when present
 * @param costUsd {@code total_cost_usd} (or the older {@code cost_usd}), when present
 * @param apiErrorStatus {@code api_error_status}: the HTTP status of the API error that ended the
 *     run, when there was one
 */
public record ClaudeResult(String type, String subtype, boolean isError, String result,
    String sessionId, OptionalInt numTurns, OptionalDouble costUsd,
    OptionalInt apiErrorStatus) {

  /** Replaces absent strings with empty ones. */
  public ClaudeResult {
    type = Objects.requireNonNullElse(type, "");
    subtype = Objects.requireNonNullElse(subtype, "");
    result = Objects.requireNonNullElse(result, "");
    sessionId = Objects.requireNonNullElse(sessionId, "");
    numTurns = Objects.requireNonNullElse(numTurns, OptionalInt.empty());
    costUsd = Objects.requireNonNullElse(costUsd, OptionalDouble.empty());
    apiErrorStatus = Objects.requireNonNullElse(apiErrorStatus, OptionalInt.empty());
  }

  /**
   * Reads the result from what Claude Code printed: the output as one JSON object, or else as JSON
   * lines, taking the last object that carries a {@code session_id} (a {@code result} one first).
   *
   * @param output Claude Code's standard output
   * @return the result, empty when the output holds no JSON object with a session id or type
   */
  public static Optional<ClaudeResult> parse(String output) {
    return ResultParser.parse(Objects.requireNonNull(output, "output"));
  }

  /**
   * Tells whether Claude Code reported a successful run: a {@code result} object, not an error.
   *
   * @return true when {@code type} is {@code result} and {@code is_error} false
   */
  public boolean succeeded() {
    return type.equals("result") && !isError && !subtype.startsWith("error");
  }

  /**
   * The session id, when the result carries one.
   *
   * @return the id or empty
   */
  public Optional<String> session() {
    return sessionId.isEmpty() ? Optional.empty() : Optional.of(sessionId);
  }
}
