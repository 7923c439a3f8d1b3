package ai.disinto.forge.pulls;

import ai.disinto.forge.client.ForgeClient;
import com.squareup.moshi.JsonAdapter;
import java.io.IOException;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads the {@code number} of a created PR from a raw answer (the forge's error {@code message} is
 * {@link ai.disinto.forge.client.ForgeResponse#forgeMessage()}).
 */
final class Replies {
  /** From the module's one Moshi: a second instance would build its standard adapters again. */
  private static final JsonAdapter<Object> ANY = ForgeClient.moshi().adapter(Object.class);

  private Replies() {}

  /** The {@code number} of a PR object, as {@code jq -r '.number'} reads it. */
  static OptionalLong number(String body) {
    Object n = field(body, "number");
    if (n instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())) {
      return OptionalLong.of(num.longValue());
    }
    return OptionalLong.empty();
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
