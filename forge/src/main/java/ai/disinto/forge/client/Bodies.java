package ai.disinto.forge.client;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.regex.Pattern;
import okio.Buffer;

/** Small helpers on bodies and paths: the forge's error message, secret-free paths. */
final class Bodies {
  private static final Pattern SECRET_QUERY =
      Pattern.compile("(?i)([?&](?:token|access_token|password|sudo)=)[^&#]*");

  private Bodies() {}

  /** The top-level {@code message} string of a JSON object body, or null. */
  static String forgeMessage(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(body))) {
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        return null;
      }
      reader.beginObject();
      while (reader.hasNext()) {
        if (reader.nextName().equals("message") && reader.peek() == JsonReader.Token.STRING) {
          return reader.nextString();
        }
        reader.skipValue();
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Hides the values of query parameters that carry credentials in Forgejo's deprecated forms. */
  static String redactQuery(String pathAndQuery) {
    return SECRET_QUERY.matcher(pathAndQuery).replaceAll("$1<redacted>");
  }
}
