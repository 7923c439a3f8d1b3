package ai.disinto.forge.client;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;

/**
 * Binds the JSON bodies of forge answers to models for {@link ForgeClient} and {@link
 * PagedIterable}: a JSON {@code null} or a body of another shape is a {@link
 * ForgeProtocolException}, with the echoed body redacted, never a null or partial result.
 */
final class Binding {
  private final Redactor redactor;

  Binding(Redactor redactor) {
    this.redactor = redactor;
  }

  /** Binds a whole body, or returns null without reading it for {@code Void}. */
  <T> T bindOrVoid(ForgeResponse response, Type type) {
    if (type == Void.class || type == void.class) {
      return null;
    }
    return bind(response, Json.MOSHI.adapter(type), type);
  }

  /** Binds a JSON array page; a {@code null} item is a protocol error. */
  <E> List<E> bindArray(ForgeResponse response, JsonAdapter<E> itemAdapter) {
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(response.body()))) {
      if (reader.peek() != JsonReader.Token.BEGIN_ARRAY) {
        throw protocol(response, "expected a JSON array, got " + reader.peek());
      }
      List<E> items = new ArrayList<>();
      reader.beginArray();
      while (reader.hasNext()) {
        E item = itemAdapter.fromJson(reader);
        if (item == null) {
          throw protocol(response,
              "JSON null where a list item was expected (item " + (items.size() + 1) + ")");
        }
        items.add(item);
      }
      reader.endArray();
      return items;
    } catch (IOException | JsonDataException | IllegalArgumentException e) {
      throw malformed(response, e);
    }
  }

  /** Binds a whole body; a JSON {@code null} is a protocol error, never a null result. */
  private <T> T bind(ForgeResponse response, JsonAdapter<T> adapter, Type type) {
    if (response.body().isBlank()) {
      throw protocol(response, "empty body where JSON was expected");
    }
    T value;
    try {
      value = adapter.fromJson(response.body());
    } catch (IOException | JsonDataException | IllegalArgumentException e) {
      throw malformed(response, e);
    }
    if (value == null) {
      throw protocol(response, "JSON null where " + typeName(type) + " was expected");
    }
    return value;
  }

  private static ForgeProtocolException protocol(ForgeResponse response, String problem) {
    return new ForgeProtocolException(
        response.status(), response.method(), response.path(), response.body(), problem, null);
  }

  /** {@code Issue}, {@code List<Label>}: the simple names, for messages. */
  private static String typeName(Type type) {
    return type instanceof Class<?> c ? c.getSimpleName()
        : type.getTypeName().replaceAll("[\\w$]+\\.", "");
  }

  private ForgeProtocolException malformed(ForgeResponse response, Exception e) {
    if (e instanceof ForgeProtocolException p) {
      return p;
    }
    return new ForgeProtocolException(
        response.status(), response.method(), response.path(), redactor.redact(response.body()),
        "malformed JSON", redactor.redact(e.getMessage()), e);
  }
}
