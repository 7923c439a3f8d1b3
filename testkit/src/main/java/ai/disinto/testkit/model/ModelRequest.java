package ai.disinto.testkit.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One request the {@link ScriptedModel} received, as it arrived.
 *
 * @param method the HTTP method
 * @param path the path with its query
 * @param body the request body as sent (UTF-8), empty for none
 * @param json the body parsed as a JSON object, empty when it is not one
 * @param kind what the model made of it
 * @param status the HTTP status it answered
 */
public record ModelRequest(String method, String path, String body, Map<String, Object> json,
    Kind kind, int status) {

  /** How the model classified a request. */
  public enum Kind {
    /** A {@code POST /v1/messages} of the agent loop (it offers tools): answered by the script. */
    MAIN,
    /** A {@code POST /v1/messages} without tools (title, quota or other helper calls). */
    SIDE,
    /** A {@code POST /v1/messages/count_tokens}. */
    COUNT_TOKENS,
    /** Anything else (answered 200 for {@code HEAD}, 404 with an API error body otherwise). */
    OTHER
  }

  /** Copies the parsed body. */
  public ModelRequest {
    body = Objects.requireNonNullElse(body, "");
    json = json == null ? Map.of() : java.util.Collections.unmodifiableMap(json);
  }

  /**
   * The {@code model} the request asked for.
   *
   * @return the model, empty when none
   */
  public String model() {
    return json.get("model") instanceof String s ? s : "";
  }

  /**
   * The request's {@code messages}, each a JSON object.
   *
   * @return the messages in order
   */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> messages() {
    List<Map<String, Object>> out = new ArrayList<>();
    if (json.get("messages") instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Map<?, ?> m) {
          out.add((Map<String, Object>) m);
        }
      }
    }
    return out;
  }

  /**
   * Every {@code tool_result} block in the request's messages, in order (the last ones answer the
   * previous turn's tool calls).
   *
   * @return the tool results
   */
  public List<ToolResult> toolResults() {
    List<ToolResult> out = new ArrayList<>();
    for (Map<String, Object> m : messages()) {
      if (m.get("content") instanceof List<?> blocks) {
        for (Object b : blocks) {
          if (b instanceof Map<?, ?> block && "tool_result".equals(block.get("type"))) {
            out.add(new ToolResult(String.valueOf(block.get("tool_use_id")),
                textOf(block.get("content")), Boolean.TRUE.equals(block.get("is_error"))));
          }
        }
      }
    }
    return out;
  }

  /**
   * The text of every text block of the request's user messages, in order (the prompts, and
   * whatever Claude Code adds around them).
   *
   * @return the texts
   */
  public List<String> userTexts() {
    List<String> out = new ArrayList<>();
    for (Map<String, Object> m : messages()) {
      if ("user".equals(m.get("role"))) {
        Object c = m.get("content");
        if (c instanceof String s) {
          out.add(s);
        } else if (c instanceof List<?> blocks) {
          for (Object b : blocks) {
            if (b instanceof Map<?, ?> block && "text".equals(block.get("type"))) {
              out.add(String.valueOf(block.get("text")));
            }
          }
        }
      }
    }
    return out;
  }

  /**
   * The names of the tools the request offers.
   *
   * @return the tool names, empty for a side request
   */
  public List<String> toolNames() {
    List<String> out = new ArrayList<>();
    if (json.get("tools") instanceof List<?> l) {
      for (Object t : l) {
        if (t instanceof Map<?, ?> m && m.get("name") instanceof String n) {
          out.add(n);
        }
      }
    }
    return out;
  }

  private static String textOf(Object content) {
    if (content instanceof String s) {
      return s;
    }
    StringBuilder sb = new StringBuilder();
    if (content instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Map<?, ?> m && m.get("text") instanceof String t) {
          if (sb.length() > 0) {
            sb.append('\n');
          }
          sb.append(t);
        }
      }
    }
    return sb.toString();
  }

  /**
   * A {@code tool_result} block Claude Code sent back.
   *
   * @param toolUseId the id of the tool call it answers
   * @param content its text (text parts joined by newlines)
   * @param isError whether Claude Code marked it as an error (a failed command, a blocked call)
   */
  public record ToolResult(String toolUseId, String content, boolean isError) {}
}
