package ai.disinto.testkit.model;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a {@link ScriptedModel} script, read by {@code disinto mock-model --script FILE}
 * and {@code POST /_mock/script}: an array of turns, or an object whose {@code turns} is that
 * array. Each turn is an object with one of
 *
 * <ul>
 *   <li>{@code "text": "…"} — a message with that text, ending the turn;
 *   <li>{@code "bash": "command"} — a {@code Bash} tool call;
 *   <li>{@code "tool": "Write", "input": {…}} — a call of any tool with that input;
 *   <li>{@code "error": {"status": 529, "type": "overloaded_error", "message": "…"}} — an API error;
 * </ul>
 *
 * <p>and optionally {@code "delay_ms": N} (a pause before each streamed event). A tool-call turn
 * may also carry {@code "text"}, which then comes before the call. For example:
 *
 * <pre>{@code
 * {"turns": [
 *   {"bash": "git commit -qam work", "text": "Committing."},
 *   {"text": "Done."},
 *   {"error": {"status": 529, "type": "overloaded_error", "message": "Overloaded"}}
 * ]}
 * }</pre>
 */
public final class ScriptJson {
  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);

  private ScriptJson() {}

  /**
   * Reads a script.
   *
   * @param json the script's JSON text
   * @return its turns, in order
   * @throws IllegalArgumentException when the text is not a script, naming what is wrong
   */
  @SuppressWarnings("unchecked")
  public static List<Turn> parse(String json) {
    Object doc;
    try {
      doc = JSON.fromJson(json);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("the script is not JSON: " + e.getMessage());
    }
    if (doc instanceof Map<?, ?> m) {
      doc = m.get("turns");
    }
    if (!(doc instanceof List<?> list)) {
      throw new IllegalArgumentException("the script must be an array of turns or {\"turns\":[…]}");
    }
    List<Turn> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> t)) {
        throw new IllegalArgumentException("turn " + (i + 1) + " is not an object");
      }
      out.add(turn((Map<String, Object>) t, i + 1));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Turn turn(Map<String, Object> t, int n) {
    Turn turn;
    String text = t.get("text") instanceof String s ? s : null;
    if (t.get("error") instanceof Map<?, ?> e) {
      int status = e.get("status") instanceof Number num ? num.intValue() : 0;
      try {
        Object type = e.get("type");
        Object message = e.get("message");
        turn = Turn.error(status, type == null ? "api_error" : String.valueOf(type),
            message == null ? "scripted error" : String.valueOf(message));
      } catch (IllegalArgumentException bad) {
        throw new IllegalArgumentException("turn " + n + ": " + bad.getMessage());
      }
    } else if (t.get("bash") instanceof String cmd) {
      turn = withText(Turn.bash(cmd), text);
    } else if (t.get("tool") instanceof String tool) {
      Map<String, Object> input =
          t.get("input") instanceof Map<?, ?> in ? (Map<String, Object>) in : Map.of();
      turn = withText(Turn.toolUse(tool, input), text);
    } else if (text != null) {
      turn = Turn.text(text);
    } else {
      throw new IllegalArgumentException(
          "turn " + n + " needs one of text, bash, tool or error");
    }
    if (t.get("delay_ms") instanceof Number d) {
      turn = turn.withEventDelay(Duration.ofMillis(d.longValue()));
    }
    return turn;
  }

  private static Turn withText(Turn turn, String text) {
    return text == null ? turn : turn.withTextFirst(text);
  }
}
