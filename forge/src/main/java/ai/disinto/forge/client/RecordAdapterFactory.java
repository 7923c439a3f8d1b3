package ai.disinto.forge.client;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Set;

/**
 * Binds Java records by their canonical constructor. Unlike Moshi's built-in record support, a
 * primitive component that is absent or {@code null} in the JSON takes its default ({@code 0},
 * {@code false}) instead of failing, so a trimmed answer (a mock, an older forge) still binds;
 * unknown JSON fields are skipped. Component names come from {@code @Json(name = ...)} when given;
 * {@code @Json(ignore = true)} components are neither read nor written.
 */
final class RecordAdapterFactory implements JsonAdapter.Factory {

  @Override
  public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    if (!annotations.isEmpty() || !(type instanceof Class<?> raw) || !raw.isRecord()) {
      return null;
    }
    RecordComponent[] components = raw.getRecordComponents();
    int n = components.length;
    String[] names = new String[n];
    boolean[] ignored = new boolean[n];
    Class<?>[] rawTypes = new Class<?>[n];
    Method[] accessors = new Method[n];
    @SuppressWarnings("unchecked")
    JsonAdapter<Object>[] adapters = new JsonAdapter[n];
    for (int i = 0; i < n; i++) {
      RecordComponent c = components[i];
      Json json = c.getAccessor().getAnnotation(Json.class);
      if (json == null) {
        json = c.getAnnotation(Json.class);
      }
      names[i] = json != null && !json.name().equals(Json.UNSET_NAME) ? json.name() : c.getName();
      ignored[i] = json != null && json.ignore();
      rawTypes[i] = c.getType();
      accessors[i] = c.getAccessor();
      accessors[i].setAccessible(true);
      adapters[i] = moshi.adapter(c.getGenericType());
    }
    Constructor<?> constructor;
    try {
      constructor = raw.getDeclaredConstructor(rawTypes);
      constructor.setAccessible(true);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("record without canonical constructor: " + raw, e);
    }
    return new RecordAdapter(raw, names, ignored, rawTypes, accessors, adapters, constructor)
        .nullSafe();
  }

  private static final class RecordAdapter extends JsonAdapter<Object> {
    private final Class<?> type;
    private final String[] names;
    private final boolean[] ignored;
    private final Class<?>[] rawTypes;
    private final Method[] accessors;
    private final JsonAdapter<Object>[] adapters;
    private final Constructor<?> constructor;
    private final JsonReader.Options options;

    RecordAdapter(
        Class<?> type,
        String[] names,
        boolean[] ignored,
        Class<?>[] rawTypes,
        Method[] accessors,
        JsonAdapter<Object>[] adapters,
        Constructor<?> constructor) {
      this.type = type;
      this.names = names;
      this.ignored = ignored;
      this.rawTypes = rawTypes;
      this.accessors = accessors;
      this.adapters = adapters;
      this.constructor = constructor;
      this.options = JsonReader.Options.of(names);
    }

    @Override
    public Object fromJson(JsonReader reader) throws IOException {
      Object[] values = new Object[names.length];
      reader.beginObject();
      while (reader.hasNext()) {
        int i = reader.selectName(options);
        if (i < 0 || ignored[i]) {
          if (i < 0) {
            reader.skipName();
          }
          reader.skipValue();
          continue;
        }
        values[i] = adapters[i].fromJson(reader);
      }
      reader.endObject();
      for (int i = 0; i < values.length; i++) {
        if (values[i] == null && rawTypes[i].isPrimitive()) {
          values[i] = defaultOf(rawTypes[i]);
        }
      }
      try {
        return constructor.newInstance(values);
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        throw new JsonDataException("cannot create " + type.getSimpleName() + ": " + cause, cause);
      } catch (ReflectiveOperationException e) {
        throw new JsonDataException("cannot create " + type.getSimpleName() + ": " + e, e);
      }
    }

    @Override
    public void toJson(JsonWriter writer, Object value) throws IOException {
      writer.beginObject();
      for (int i = 0; i < names.length; i++) {
        if (ignored[i]) {
          continue;
        }
        Object v;
        try {
          v = accessors[i].invoke(value);
        } catch (ReflectiveOperationException e) {
          throw new JsonDataException("cannot read " + type.getSimpleName() + "." + names[i], e);
        }
        writer.name(names[i]);
        adapters[i].toJson(writer, v);
      }
      writer.endObject();
    }

    @Override
    public String toString() {
      return "JsonAdapter(" + type.getName() + ")";
    }

    private static Object defaultOf(Class<?> primitive) {
      if (primitive == boolean.class) {
        return false;
      }
      if (primitive == char.class) {
        return '\0';
      }
      if (primitive == long.class) {
        return 0L;
      }
      if (primitive == double.class) {
        return 0.0d;
      }
      if (primitive == float.class) {
        return 0.0f;
      }
      if (primitive == short.class) {
        return (short) 0;
      }
      if (primitive == byte.class) {
        return (byte) 0;
      }
      return 0;
    }
  }
}
