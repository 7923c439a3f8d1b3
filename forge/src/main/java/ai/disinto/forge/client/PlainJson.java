package ai.disinto.forge.client;

import java.util.Map;

/**
 * Writes the request bodies the library builds itself (maps, lists, strings, booleans, whole
 * numbers) as JSON exactly as Moshi writes them ({@code Moshi.adapter(Object.class).toJson}):
 * entries with a {@code null} value are left out of an object, strings are escaped as Moshi
 * escapes them. Anything else (a record, a fraction) is Moshi's to write, so that a short call
 * whose bodies are all plain does not start Moshi.
 */
final class PlainJson {
  private PlainJson() {}

  /**
   * A request body as it is sent: a string as it is, plain data written here, anything else by
   * Moshi (whose instance is built only then).
   */
  static String bodyText(Object body) {
    if (body instanceof String s) {
      return s;
    }
    String plain = write(body);
    return plain != null ? plain : Json.MOSHI.adapter(Object.class).toJson(body);
  }

  /** The JSON text of {@code value}, or {@code null} when it holds more than plain data. */
  static String write(Object value) {
    StringBuilder out = new StringBuilder(128);
    return append(out, value) ? out.toString() : null;
  }

  private static boolean append(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(out, s);
    } else if (value instanceof Boolean b) {
      out.append(b.booleanValue());
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte) {
      out.append(((Number) value).longValue());
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          return false;
        }
        if (e.getValue() == null) {
          continue;
        }
        if (!first) {
          out.append(',');
        }
        first = false;
        string(out, key);
        out.append(':');
        if (!append(out, e.getValue())) {
          return false;
        }
      }
      out.append('}');
    } else if (value instanceof Iterable<?> list) {
      out.append('[');
      boolean first = true;
      for (Object item : list) {
        if (!first) {
          out.append(',');
        }
        first = false;
        if (!append(out, item)) {
          return false;
        }
      }
      out.append(']');
    } else {
      return false;
    }
    return true;
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
