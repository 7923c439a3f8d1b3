package ai.disinto.testkit.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One answer of the {@link ScriptedModel} to one main-loop request: either an assistant message
 * (text and tool calls, ending with {@code end_turn} or, when it calls a tool, {@code tool_use}) or
 * an API error (an HTTP status with the API's error body).
 *
 * <p>Build turns with the factories and refine them with the {@code with}-style methods, each of
 * which returns a changed copy:
 *
 * <pre>{@code
 * Turn.bash("git commit -am done")                  // one Bash tool call
 * Turn.text("All done.")                            // the final answer
 * Turn.error(529, "overloaded_error", "Overloaded") // an API error
 * Turn.text("slow").withEventDelay(Duration.ofMillis(200))
 * Turn.error(429, "rate_limit_error", "slow down").withRetryAfter(1) // a retryable 429
 * Turn.text("half").cutAfterEvents(3)               // the stream ends after 3 events
 * }</pre>
 *
 * @param blocks the message's content blocks, in order; empty for an error turn
 * @param errorStatus the HTTP status of an error turn, 0 for a message
 * @param errorType the API error type of an error turn (such as {@code overloaded_error})
 * @param errorMessage the error's message
 * @param eventDelay how long to wait before each streamed event (a slow stream); zero for none
 * @param retryAfter for an error turn, the {@code retry-after} seconds it sends with {@code
 *     x-should-retry: true}; -1 (the default) sends {@code x-should-retry: false} and no delay
 * @param cutAfter for a streamed message, how many events are sent before the connection is
 *     closed without {@code message_stop} (a stream cut short); -1 (the default) for all
 */
public record Turn(List<Block> blocks, int errorStatus, String errorType, String errorMessage,
    Duration eventDelay, int retryAfter, int cutAfter) {

  /**
   * A turn that sends its whole stream and says an error is not to be retried.
   *
   * @param blocks the content blocks
   * @param errorStatus the error status, 0 for a message
   * @param errorType the error type
   * @param errorMessage the error message
   * @param eventDelay the pause before each streamed event
   */
  public Turn(List<Block> blocks, int errorStatus, String errorType, String errorMessage,
      Duration eventDelay) {
    this(blocks, errorStatus, errorType, errorMessage, eventDelay, -1, -1);
  }

  /**
   * Copies the blocks and checks the values.
   *
   * @throws IllegalArgumentException when a message has no block or an error status is not 4xx/5xx
   */
  public Turn {
    blocks = List.copyOf(blocks);
    errorType = Objects.requireNonNullElse(errorType, "");
    errorMessage = Objects.requireNonNullElse(errorMessage, "");
    eventDelay = Objects.requireNonNullElse(eventDelay, Duration.ZERO);
    if (errorStatus == 0 && blocks.isEmpty()) {
      throw new IllegalArgumentException("a message turn needs at least one block");
    }
    if (errorStatus != 0 && (errorStatus < 400 || errorStatus > 599)) {
      throw new IllegalArgumentException("an error turn needs a 4xx or 5xx status: " + errorStatus);
    }
  }

  /**
   * A content block of an assistant message.
   *
   * @param type {@code text} or {@code tool_use}
   * @param text the text of a text block, empty otherwise
   * @param toolName the tool a {@code tool_use} block calls ({@code Bash}, {@code Edit},
   *     {@code Write}, …), empty otherwise
   * @param input the tool's input, empty for a text block
   */
  public record Block(String type, String text, String toolName, Map<String, Object> input) {
    /** Copies the input, keeping its order. */
    public Block {
      Objects.requireNonNull(type, "type");
      text = Objects.requireNonNullElse(text, "");
      toolName = Objects.requireNonNullElse(toolName, "");
      input = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(
          Objects.requireNonNullElse(input, Map.of())));
    }
  }

  /**
   * A message with one text block, ending the turn ({@code end_turn}).
   *
   * @param text the assistant's text
   * @return the turn
   */
  public static Turn text(String text) {
    return new Turn(List.of(new Block("text", text, "", Map.of())), 0, "", "", Duration.ZERO);
  }

  /**
   * A message with one call of a tool ({@code stop_reason} {@code tool_use}).
   *
   * @param tool the tool's name as Claude Code names it ({@code Bash}, {@code Edit}, {@code Write})
   * @param input the tool's input
   * @return the turn
   */
  public static Turn toolUse(String tool, Map<String, Object> input) {
    return new Turn(List.of(new Block("tool_use", "", tool, input)), 0, "", "", Duration.ZERO);
  }

  /**
   * A call of Claude Code's {@code Bash} tool.
   *
   * @param command the shell command
   * @return the turn
   */
  public static Turn bash(String command) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("command", command);
    input.put("description", "scripted command");
    return toolUse("Bash", input);
  }

  /**
   * A call of Claude Code's {@code Write} tool.
   *
   * @param filePath the absolute path of the file
   * @param content what to write
   * @return the turn
   */
  public static Turn write(String filePath, String content) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("file_path", filePath);
    input.put("content", content);
    return toolUse("Write", input);
  }

  /**
   * A call of Claude Code's {@code Edit} tool (Claude Code refuses it for a file it has not read in
   * the session; script a {@code Read} first).
   *
   * @param filePath the absolute path of the file
   * @param oldString the text to replace
   * @param newString its replacement
   * @return the turn
   */
  public static Turn edit(String filePath, String oldString, String newString) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("file_path", filePath);
    input.put("old_string", oldString);
    input.put("new_string", newString);
    return toolUse("Edit", input);
  }

  /**
   * An API error: the HTTP status with {@code {"type":"error","error":{"type":…,"message":…}}}
   * and {@code x-should-retry: false}.
   *
   * @param status the HTTP status, such as 529 or 401
   * @param type the error type, such as {@code overloaded_error} or {@code authentication_error}
   * @param message the error's message
   * @return the turn
   */
  public static Turn error(int status, String type, String message) {
    return new Turn(List.of(), status, type, message, Duration.ZERO);
  }

  /**
   * The same message with a text block before its other blocks.
   *
   * @param text the text
   * @return a changed copy
   */
  public Turn withTextFirst(String text) {
    List<Block> b = new ArrayList<>();
    b.add(new Block("text", text, "", Map.of()));
    b.addAll(blocks);
    return new Turn(b, errorStatus, errorType, errorMessage, eventDelay, retryAfter, cutAfter);
  }

  /**
   * The same turn streamed slowly.
   *
   * @param delay the pause before each event
   * @return a changed copy
   */
  public Turn withEventDelay(Duration delay) {
    return new Turn(blocks, errorStatus, errorType, errorMessage, delay, retryAfter, cutAfter);
  }

  /**
   * The same error turn, retryable: {@code x-should-retry: true} and {@code retry-after}.
   *
   * @param seconds the {@code retry-after} value, 0 or more
   * @return a changed copy
   */
  public Turn withRetryAfter(int seconds) {
    return new Turn(blocks, errorStatus, errorType, errorMessage, eventDelay, seconds, cutAfter);
  }

  /**
   * The same message with its stream cut short: after {@code events} events the connection closes
   * without the rest ({@code message_stop} never comes).
   *
   * @param events how many events are sent, 0 or more
   * @return a changed copy
   */
  public Turn cutAfterEvents(int events) {
    return new Turn(blocks, errorStatus, errorType, errorMessage, eventDelay, retryAfter, events);
  }

  /**
   * Tells whether this turn answers with an API error.
   *
   * @return true for an error turn
   */
  public boolean isError() {
    return errorStatus != 0;
  }

  /**
   * The stop reason the message ends with.
   *
   * @return {@code tool_use} when the message calls a tool, {@code end_turn} otherwise
   */
  public String stopReason() {
    return blocks.stream().anyMatch(b -> b.type().equals("tool_use")) ? "tool_use" : "end_turn";
  }
}
