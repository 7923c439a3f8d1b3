package ai.disinto.testkit.forgejo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of fault rules for {@code POST /_mock/faults}: one object or an array of them,
 * {@code {"method":"GET","path":"/repos/o/r/pulls/**","status":500,"times":3,"from":1,
 * "retry_after":5,"delay_ms":100,"malformed":false,"drop":"after_processing","body":"..."}}
 * ({@code drop}: {@code none}, {@code before_processing} or {@code after_processing}). Only
 * {@code path} is required;
 * {@code method} defaults to {@code *}, {@code times} to 0 (every call), {@code from} to 1; a 429
 * without {@code retry_after} gets {@code Retry-After: 1}.
 */
public final class FaultJson {
  private FaultJson() {}

  /**
   * Parses fault rules from their JSON form (shared by the testkit's mocks).
   *
   * @param body one rule object or an array of them
   * @return the rules, in order
   * @throws IllegalArgumentException when the text is not JSON or a rule is malformed
   */
  public static List<Fault> parse(String body) {
    Object tree = Json.parse(body);
    List<Object> items = Json.asList(tree) != null ? Json.asList(tree) : List.of(tree);
    List<Fault> out = new ArrayList<>();
    for (Object o : items) {
      Map<String, Object> m = Json.asObject(o);
      if (m == null || Json.str(m, "path") == null) {
        throw new IllegalArgumentException("a fault needs a \"path\"");
      }
      Fault f = Fault.on(Json.str(m, "method") == null ? "*" : Json.str(m, "method"),
          Json.str(m, "path"));
      Long status = Json.num(m, "status");
      if (status != null && status > 0) {
        f = f.withStatus(status.intValue());
        if (Json.str(m, "body") != null) {
          f = f.withBody(Json.str(m, "body"));
        }
        Long retry = Json.num(m, "retry_after");
        if (retry != null || status == 429) {
          f = f.withRetryAfter(retry == null ? 1 : retry.intValue());
        }
      }
      Long delay = Json.num(m, "delay_ms");
      if (delay != null && delay > 0) {
        f = f.withDelay(Duration.ofMillis(delay));
      }
      if (Boolean.TRUE.equals(Json.bool(m, "malformed"))) {
        f = f.withMalformedBody();
      }
      String drop = Json.str(m, "drop");
      if (drop != null && !drop.isEmpty()) {
        try {
          Fault.Drop d = Fault.Drop.valueOf(drop.toUpperCase(java.util.Locale.ROOT));
          f = d == Fault.Drop.AFTER_PROCESSING ? f.dropAfterProcessing()
              : d == Fault.Drop.BEFORE_PROCESSING ? f.dropBeforeProcessing() : f;
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("unknown \"drop\": " + drop);
        }
      }
      Long from = Json.num(m, "from");
      Long times = Json.num(m, "times");
      f = f.onCalls(from == null ? 1 : from.intValue(), times == null ? 0 : times.intValue());
      out.add(f);
    }
    return out;
  }

  /**
   * The JSON form of rules, as {@code GET /_mock/faults} answers.
   *
   * @param rules the rules
   * @return one JSON object (a map) per rule
   */
  public static List<Object> toJson(List<Fault> rules) {
    List<Object> out = new ArrayList<>();
    for (Fault f : rules) {
      out.add(Json.obj("method", f.method(), "path", f.pathPattern(), "from", f.fromCall(),
          "times", f.times(), "status", f.status(), "body", f.body(),
          "retry_after", f.retryAfterSeconds() < 0 ? null : f.retryAfterSeconds(),
          "delay_ms", f.delay().toMillis(), "malformed", f.malformed(),
          "drop", f.drop().name().toLowerCase(java.util.Locale.ROOT)));
    }
    return out;
  }
}
