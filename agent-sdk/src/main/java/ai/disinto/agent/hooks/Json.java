package ai.disinto.agent.hooks;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * The little JSON the hooks need, on Moshi's streaming reader and writer: objects keep their key
 * order and the last of duplicate keys (as jq does), and numbers keep their literal text, so that a
 * settings file read and written back changes only what was added.
 */
final class Json {
  private Json() {}

  /** A number as written in the document, so that {@code 30} is not written back as {@code 30.0}. */
  static final class Literal extends Number {
    private static final long serialVersionUID = 1L;
    private final String text;

    Literal(String text) {
      this.text = text;
    }

    @Override
    public int intValue() {
      return (int) doubleValue();
    }

    @Override
    public long longValue() {
      return (long) doubleValue();
    }

    @Override
    public float floatValue() {
      return (float) doubleValue();
    }

    @Override
    public double doubleValue() {
      return Double.parseDouble(text);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /**
   * Parses one JSON document.
   *
   * @throws IOException when the text is not exactly one well-formed JSON value
   */
  static Object parse(String text) throws IOException {
    Buffer buffer = new Buffer().writeUtf8(text);
    JsonReader reader = JsonReader.of(buffer);
    Object value = read(reader);
    if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
      throw new IOException("more than one JSON value");
    }
    return value;
  }

  private static Object read(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
          String name = reader.nextName();
          map.remove(name);
          map.put(name, read(reader));
        }
        reader.endObject();
        return map;
      }
      case BEGIN_ARRAY: {
        List<Object> list = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
          list.add(read(reader));
        }
        reader.endArray();
        return list;
      }
      case STRING:
        return reader.nextString();
      case NUMBER:
        return new Literal(reader.nextString());
      case BOOLEAN:
        return reader.nextBoolean();
      case NULL:
        return reader.nextNull();
      default:
        throw new IOException("unexpected " + reader.peek());
    }
  }

  /** Writes a value as indented JSON (two spaces), without a trailing newline. */
  static String write(Object value) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.setIndent("  ");
      writer.setSerializeNulls(true);
      write(writer, value);
    } catch (IOException e) {
      throw new IllegalStateException("writing JSON to memory failed", e);
    }
    return buffer.readUtf8();
  }

  private static void write(JsonWriter writer, Object value) throws IOException {
    if (value == null) {
      writer.nullValue();
    } else if (value instanceof Map<?, ?> map) {
      writer.beginObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        writer.name(String.valueOf(e.getKey()));
        write(writer, e.getValue());
      }
      writer.endObject();
    } else if (value instanceof List<?> list) {
      writer.beginArray();
      for (Object item : list) {
        write(writer, item);
      }
      writer.endArray();
    } else if (value instanceof Boolean b) {
      writer.value(b);
    } else if (value instanceof Number n) {
      writer.value(n);
    } else {
      writer.value(String.valueOf(value));
    }
  }

  /**
   * What {@code jq -r} prints for a value: strings as they are, numbers as written, objects and
   * arrays as indented JSON.
   */
  static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Map || value instanceof List) {
      return write(value);
    }
    return String.valueOf(value);
  }
}
