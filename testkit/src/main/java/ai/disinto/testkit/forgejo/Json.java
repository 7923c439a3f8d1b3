package ai.disinto.testkit.forgejo;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Untyped JSON trees (maps, lists, strings, doubles, booleans) through Moshi. */
final class Json {
  private static final JsonAdapter<Object> ADAPTER =
      new Moshi.Builder().build().adapter(Object.class).serializeNulls();

  private Json() {}

  static String write(Object tree) {
    return ADAPTER.toJson(tree);
  }

  /** Parses JSON text; throws {@link IllegalArgumentException} when it is not JSON. */
  static Object parse(String text) {
    try {
      return ADAPTER.fromJson(text);
    } catch (IOException | JsonDataException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Parses a request body as Forgejo's Go decoder reads it: an object key matches a field
   * exactly, or else case-insensitively ({@code {"Do":"merge"}} is {@code {"do":"merge"}}).
   */
  static Object parseRequest(String text) {
    return goKeys(parse(text));
  }

  private static Object goKeys(Object tree) {
    Map<String, Object> m = asObject(tree);
    if (m != null) {
      GoKeyMap out = new GoKeyMap();
      m.forEach((k, v) -> out.put(k, goKeys(v)));
      return out;
    }
    List<Object> l = asList(tree);
    if (l != null) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(goKeys(v)));
      return out;
    }
    return tree;
  }

  /** A JSON object whose lookups fall back to a case-insensitive key match, as Go's do. */
  static final class GoKeyMap extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;

    private Object keyFor(Object key) {
      if (super.containsKey(key) || !(key instanceof String s)) {
        return key;
      }
      for (String k : keySet()) {
        if (k.equalsIgnoreCase(s)) {
          return k;
        }
      }
      return key;
    }

    @Override
    public Object get(Object key) {
      return super.get(keyFor(key));
    }

    @Override
    public boolean containsKey(Object key) {
      return super.containsKey(keyFor(key));
    }

    @Override
    public Object getOrDefault(Object key, Object fallback) {
      return super.getOrDefault(keyFor(key), fallback);
    }

    @Override
    public Object remove(Object key) {
      return super.remove(keyFor(key));
    }
  }

  /** An insertion-ordered map from alternating keys and values. */
  static Map<String, Object> obj(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asObject(Object o) {
    return o instanceof Map ? (Map<String, Object>) o : null;
  }

  @SuppressWarnings("unchecked")
  static List<Object> asList(Object o) {
    return o instanceof List ? (List<Object>) o : null;
  }

  static String str(Map<String, Object> m, String key) {
    Object v = m == null ? null : m.get(key);
    return v == null ? null : v instanceof Double d ? numberText(d) : v.toString();
  }

  static Boolean bool(Map<String, Object> m, String key) {
    Object v = m == null ? null : m.get(key);
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s && (s.equals("true") || s.equals("false"))) {
      return Boolean.valueOf(s);
    }
    return null;
  }

  static Long num(Map<String, Object> m, String key) {
    Object v = m == null ? null : m.get(key);
    if (v instanceof Number n) {
      return n.longValue();
    }
    if (v instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  static List<String> strings(Map<String, Object> m, String key) {
    List<Object> l = asList(m == null ? null : m.get(key));
    if (l == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (Object o : l) {
      out.add(o instanceof Double d ? numberText(d) : String.valueOf(o));
    }
    return out;
  }

  static String numberText(double d) {
    return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
