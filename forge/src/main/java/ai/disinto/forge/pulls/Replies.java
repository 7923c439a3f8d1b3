package ai.disinto.forge.pulls;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.Map;
import java.util.OptionalLong;

/** Reads the two fields the lifecycle needs from raw answers: {@code number} and {@code message}. */
final class Replies {
  private static final JsonAdapter<Object> ANY = new Moshi.Builder().build().adapter(Object.class);

  private Replies() {}

  /** The {@code number} of a PR object, as {@code jq -r '.number'} reads it. */
  static OptionalLong number(String body) {
    Object n = field(body, "number");
    if (n instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())) {
      return OptionalLong.of(num.longValue());
    }
    return OptionalLong.empty();
  }

  /** The {@code message} of a Forgejo error body, empty when there is none. */
  static String message(String body) {
    return field(body, "message") instanceof String s ? s : "";
  }

  private static Object field(String body, String name) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return ANY.lenient().fromJson(body) instanceof Map<?, ?> m ? m.get(name) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
