package ai.disinto.agent;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** Parses Claude Code's {@code --output-format json} (or stream-json) output. */
final class ResultParser {
  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);

  private ResultParser() {}

  static Optional<ClaudeResult> parse(String output) {
    Map<?, ?> whole = object(output.strip());
    if (whole != null) {
      return Optional.of(of(whole));
    }
    Map<?, ?> best = null;
    boolean bestIsResult = false;
    List<String> lines = output.lines().toList();
    for (int i = lines.size() - 1; i >= 0; i--) {
      Map<?, ?> m = object(lines.get(i).strip());
      if (m == null || !(m.get("session_id") instanceof String)) {
        continue;
      }
      boolean isResult = "result".equals(m.get("type"));
      if (best == null || isResult && !bestIsResult) {
        best = m;
        bestIsResult = isResult;
      }
      if (bestIsResult) {
        break;
      }
    }
    return Optional.ofNullable(best).map(ResultParser::of);
  }

  private static Map<?, ?> object(String text) {
    if (!text.startsWith("{")) {
      return null;
    }
    try {
      return JSON.fromJson(text) instanceof Map<?, ?> m ? m : null;
    } catch (IOException | RuntimeException notJson) {
      return null;
    }
  }

  private static ClaudeResult of(Map<?, ?> m) {
    OptionalDouble cost = number(m.get("total_cost_usd")).isPresent()
        ? number(m.get("total_cost_usd")) : number(m.get("cost_usd"));
    return new ClaudeResult(string(m.get("type")), string(m.get("subtype")),
        Boolean.TRUE.equals(m.get("is_error")), string(m.get("result")),
        string(m.get("session_id")), integer(m.get("num_turns")), cost,
        integer(m.get("api_error_status")));
  }

  private static String string(Object o) {
    return o instanceof String s ? s : "";
  }

  private static OptionalDouble number(Object o) {
    return o instanceof Number n ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
  }

  private static OptionalInt integer(Object o) {
    return o instanceof Number n ? OptionalInt.of(n.intValue()) : OptionalInt.empty();
  }

  static List<String> lastLines(String text, int n) {
    List<String> lines = text.lines().toList();
    return lines.subList(Math.max(0, lines.size() - n), lines.size());
  }
}
