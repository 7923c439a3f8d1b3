package ai.disinto.agent.hooks;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The event JSON that Claude Code writes on a hook's standard input, read once and typed.
 *
 * <p>Claude Code sends an object with the common fields {@code session_id}, {@code transcript_path},
 * {@code cwd}, {@code permission_mode} and {@code hook_event_name}, and per event: {@code tool_name},
 * {@code tool_input} and {@code tool_use_id} (PreToolUse, PostToolUse), {@code source}
 * (SessionStart), {@code reason} (SessionEnd), {@code error}, {@code error_details} and
 * {@code last_assistant_message} (StopFailure). The original hooks also read {@code stop_reason},
 * {@code matched_hook} and {@code type}, which are kept as fallbacks.
 *
 * <p>A field is present when it holds something other than JSON {@code null} or {@code false}
 * (jq's {@code //} rule, which the original hooks use); its text is what {@code jq -r} prints for
 * it. Parsing never throws: text that is not one JSON object gives an input where every field is
 * absent.
 */
public final class HookInput {
  private final String raw;
  private final Map<?, ?> fields;
  private final boolean object;

  private HookInput(String raw, Map<?, ?> fields, boolean object) {
    this.raw = raw;
    this.fields = fields;
    this.object = object;
  }

  /**
   * Reads the text of a hook's standard input.
   *
   * @param stdin the whole standard input; may be empty or not JSON
   * @return the input; never {@code null}
   */
  public static HookInput parse(String stdin) {
    String text = stdin == null ? "" : stdin;
    try {
      if (Json.parse(text) instanceof Map<?, ?> map) {
        return new HookInput(text, map, true);
      }
    } catch (IOException | RuntimeException e) {
      // Not one JSON document: every field stays absent, as with jq's error silenced.
    }
    return new HookInput(text, Map.of(), false);
  }

  /**
   * The text exactly as read.
   *
   * @return the raw standard input
   */
  public String raw() {
    return raw;
  }

  /**
   * Whether the input was one JSON object.
   *
   * @return true when the fields could be read
   */
  public boolean isObject() {
    return object;
  }

  /**
   * A field by its path, such as {@code field("tool_input", "command")}.
   *
   * @param path the keys from the top-level object down
   * @return the field's {@code jq -r} text, or empty when it is missing, {@code null} or
   *     {@code false}, or a key on the way is not an object
   */
  public Optional<String> field(String... path) {
    Object value = fields;
    for (String key : path) {
      if (!(value instanceof Map<?, ?> map)) {
        return Optional.empty();
      }
      value = map.get(Objects.requireNonNull(key, "key"));
    }
    if (value == null || Boolean.FALSE.equals(value)) {
      return Optional.empty();
    }
    return Optional.of(Json.text(value));
  }

  /**
   * The first present field of several (jq's {@code .a // .b // …}).
   *
   * @param names top-level field names, in order of preference
   * @return the first present one's text, or empty
   */
  public Optional<String> firstOf(String... names) {
    for (String name : names) {
      Optional<String> v = field(name);
      if (v.isPresent()) {
        return v;
      }
    }
    return Optional.empty();
  }

  /** @return {@code session_id} */
  public Optional<String> sessionId() {
    return field("session_id");
  }

  /** @return {@code transcript_path} */
  public Optional<String> transcriptPath() {
    return field("transcript_path");
  }

  /** @return {@code cwd}: the session's working directory when the event fired */
  public Optional<String> cwd() {
    return field("cwd");
  }

  /** @return {@code hook_event_name}, such as {@code PreToolUse} */
  public Optional<String> hookEventName() {
    return field("hook_event_name");
  }

  /** @return {@code tool_name}, such as {@code Bash} or {@code Write} */
  public Optional<String> toolName() {
    return field("tool_name");
  }

  /** @return {@code tool_input.command}: the shell command of a Bash tool call */
  public Optional<String> command() {
    return field("tool_input", "command");
  }

  /** @return {@code tool_input.file_path}: the file of a Write, Edit or MultiEdit tool call */
  public Optional<String> filePath() {
    return field("tool_input", "file_path");
  }

  /** @return {@code source} of a SessionStart event: startup, resume, clear or compact */
  public Optional<String> source() {
    return field("source");
  }

  /** @return {@code reason} of a SessionEnd event */
  public Optional<String> reason() {
    return field("reason");
  }

  /** @return {@code error} of a StopFailure event, such as {@code rate_limit} */
  public Optional<String> error() {
    return field("error");
  }

  @Override
  public String toString() {
    return "HookInput[" + hookEventName().orElse("?") + ", tool=" + toolName().orElse("-") + "]";
  }
}
