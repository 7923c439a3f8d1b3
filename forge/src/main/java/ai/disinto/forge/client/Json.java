package ai.disinto.forge.client;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import okio.Buffer;

/**
 * The JSON side of the client: the Moshi instance (records are bound by {@link
 * RecordAdapterFactory}, unknown fields are skipped), a raw-element adapter and the jq-style printer that
 * {@code forge_api_all}'s output is matched against.
 */
final class Json {
  /** The module's one Moshi: adapters are built once and cached by it. */
  static final Moshi MOSHI = new Moshi.Builder()
      .add(OffsetDateTime.class, new DateAdapter().nullSafe())
      .add(new RecordAdapterFactory())
      .build();

  private Json() {}

  /** Moshi with the adapters the forge models need: the one shared instance. */
  static Moshi moshi() {
    return MOSHI;
  }

  /** ISO-8601 timestamps as Forgejo writes them ({@code 2026-04-03T14:00:00Z}, with offsets). */
  static final class DateAdapter extends JsonAdapter<OffsetDateTime> {
    @Override
    public OffsetDateTime fromJson(JsonReader reader) throws IOException {
      String s = reader.nextString();
      return s.isEmpty() ? null : OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    @Override
    public void toJson(JsonWriter writer, OffsetDateTime value) throws IOException {
      writer.value(value.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }
  }

  /** Keeps one JSON value as its exact source text (numbers are not re-formatted). */
  static final class RawAdapter extends JsonAdapter<String> {
    @Override
    public String fromJson(JsonReader reader) throws IOException {
      try (var source = reader.nextSource()) {
        return source.readUtf8();
      }
    }

    @Override
    public void toJson(JsonWriter writer, String value) throws IOException {
      try (var sink = writer.valueSink()) {
        sink.writeUtf8(value);
      }
    }
  }

  /**
   * Prints a JSON array of raw elements as {@code jq} does: two-space indentation, {@code "k": v},
   * {@code []} when empty, number literals unchanged, no trailing newline (the original prints the
   * array with {@code printf '%s'}).
   */
  static String jqArray(List<String> rawElements) throws IOException {
    if (rawElements.isEmpty()) {
      return "[]";
    }
    Buffer out = new Buffer();
    try (JsonWriter w = JsonWriter.of(out)) {
      w.setIndent("  ");
      w.beginArray();
      for (String raw : rawElements) {
        try (JsonReader r = JsonReader.of(new Buffer().writeUtf8(raw))) {
          copy(r, w);
        }
      }
      w.endArray();
    }
    return out.readUtf8();
  }

  private static void copy(JsonReader r, JsonWriter w) throws IOException {
    switch (r.peek()) {
      case BEGIN_ARRAY -> {
        r.beginArray();
        w.beginArray();
        while (r.hasNext()) {
          copy(r, w);
        }
        r.endArray();
        w.endArray();
      }
      case BEGIN_OBJECT -> {
        r.beginObject();
        w.beginObject();
        while (r.hasNext()) {
          w.name(r.nextName());
          copy(r, w);
        }
        r.endObject();
        w.endObject();
      }
      case STRING -> w.value(r.nextString());
      case NUMBER -> w.value(new Literal(r.nextString()));
      case BOOLEAN -> w.value(r.nextBoolean());
      case NULL -> {
        r.nextNull();
        boolean keep = w.getSerializeNulls();
        w.setSerializeNulls(true);
        w.nullValue();
        w.setSerializeNulls(keep);
      }
      default -> throw new IOException("unexpected JSON token " + r.peek() + " at " + r.getPath());
    }
  }

  /** A number written exactly as it was read. */
  private static final class Literal extends Number {
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
}
