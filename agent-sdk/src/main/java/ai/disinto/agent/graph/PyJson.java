package ai.disinto.agent.graph;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as Python's {@code json} module reads and writes it, for the two places where the report
 * must agree with build-graph.py byte for byte: {@code json.loads} (objects keep their key order,
 * a repeated key keeps its first place and its last value, integers stay exact, {@code NaN} and
 * {@code Infinity} are accepted) and {@code json.dumps} (ASCII only, {@code ", "} and {@code ": "}
 * separators or an indented form, floats as {@code repr} writes them).
 */
final class PyJson {
  private final String s;
  private int i;

  private PyJson(String s) {
    this.s = s;
  }

  /** Thrown for text that is not JSON. */
  static final class JsonException extends Exception {
    private static final long serialVersionUID = 1L;

    JsonException(String message) {
      super(message);
    }
  }

  /** A JSON float, kept apart from integers as Python keeps them. */
  record PyFloat(double value) {}

  /** Parses a whole document. */
  static Object parse(String text) throws JsonException {
    PyJson p = new PyJson(text);
    p.ws();
    Object v = p.value();
    p.ws();
    if (p.i != text.length()) {
      throw new JsonException("extra data at " + p.i);
    }
    return v;
  }

  private void ws() {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        i++;
      } else {
        break;
      }
    }
  }

  private Object value() throws JsonException {
    if (i >= s.length()) {
      throw new JsonException("unexpected end");
    }
    char c = s.charAt(i);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      default:
        break;
    }
    if (s.startsWith("null", i)) {
      i += 4;
      return null;
    }
    if (s.startsWith("true", i)) {
      i += 4;
      return Boolean.TRUE;
    }
    if (s.startsWith("false", i)) {
      i += 5;
      return Boolean.FALSE;
    }
    if (s.startsWith("NaN", i)) {
      i += 3;
      return new PyFloat(Double.NaN);
    }
    if (s.startsWith("Infinity", i)) {
      i += 8;
      return new PyFloat(Double.POSITIVE_INFINITY);
    }
    if (s.startsWith("-Infinity", i)) {
      i += 9;
      return new PyFloat(Double.NEGATIVE_INFINITY);
    }
    return number();
  }

  private Map<String, Object> object() throws JsonException {
    i++;
    Map<String, Object> m = new LinkedHashMap<>();
    ws();
    if (peek() == '}') {
      i++;
      return m;
    }
    while (true) {
      ws();
      if (peek() != '"') {
        throw new JsonException("expected a key at " + i);
      }
      String k = string();
      ws();
      if (peek() != ':') {
        throw new JsonException("expected ':' at " + i);
      }
      i++;
      ws();
      m.put(k, value());
      ws();
      char c = peek();
      i++;
      if (c == '}') {
        return m;
      }
      if (c != ',') {
        throw new JsonException("expected ',' or '}' at " + (i - 1));
      }
    }
  }

  private List<Object> array() throws JsonException {
    i++;
    List<Object> l = new ArrayList<>();
    ws();
    if (peek() == ']') {
      i++;
      return l;
    }
    while (true) {
      ws();
      l.add(value());
      ws();
      char c = peek();
      i++;
      if (c == ']') {
        return l;
      }
      if (c != ',') {
        throw new JsonException("expected ',' or ']' at " + (i - 1));
      }
    }
  }

  private char peek() throws JsonException {
    if (i >= s.length()) {
      throw new JsonException("unexpected end");
    }
    return s.charAt(i);
  }

  private String string() throws JsonException {
    i++;
    StringBuilder b = new StringBuilder();
    while (true) {
      char c = peek();
      i++;
      if (c == '"') {
        return b.toString();
      }
      if (c < 0x20) {
        throw new JsonException("control character in a string at " + (i - 1));
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = peek();
      i++;
      switch (e) {
        case '"': b.append('"'); break;
        case '\\': b.append('\\'); break;
        case '/': b.append('/'); break;
        case 'b': b.append('\b'); break;
        case 'f': b.append('\f'); break;
        case 'n': b.append('\n'); break;
        case 'r': b.append('\r'); break;
        case 't': b.append('\t'); break;
        case 'u':
          if (i + 4 > s.length()) {
            throw new JsonException("truncated \\u escape");
          }
          try {
            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          } catch (NumberFormatException x) {
            throw new JsonException("bad \\u escape at " + i);
          }
          i += 4;
          break;
        default:
          throw new JsonException("bad escape at " + (i - 1));
      }
    }
  }

  private Object number() throws JsonException {
    int start = i;
    if (i < s.length() && s.charAt(i) == '-') {
      i++;
    }
    int intStart = i;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    if (i == intStart || (s.charAt(intStart) == '0' && i - intStart > 1)) {
      // Python reads "01" as 0 followed by extra data, an error all the same.
      throw new JsonException("bad value at " + start);
    }
    boolean isFloat = false;
    if (i < s.length() && s.charAt(i) == '.' && i + 1 < s.length()
        && Character.isDigit(s.charAt(i + 1)) && s.charAt(i + 1) < 128) {
      isFloat = true;
      i++;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
    }
    if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      int save = i;
      i++;
      if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int expStart = i;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      if (i == expStart) {
        i = save;
      } else {
        isFloat = true;
      }
    }
    String text = s.substring(start, i);
    return isFloat ? new PyFloat(Double.parseDouble(text)) : new BigInteger(text);
  }

  // ---------------------------------------------------------------------------------------------

  /** {@code json.dumps(value)} with the default separators. */
  static String dumps(Object value) {
    StringBuilder b = new StringBuilder();
    write(b, value, -1, 0);
    return b.toString();
  }

  /** {@code json.dumps(value, indent=2)}. */
  static String dumpsIndented(Object value) {
    StringBuilder b = new StringBuilder();
    write(b, value, 2, 0);
    return b.toString();
  }

  private static void write(StringBuilder b, Object v, int indent, int level) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof Boolean bool) {
      b.append(bool ? "true" : "false");
    } else if (v instanceof String str) {
      quote(b, str);
    } else if (v instanceof PyFloat f) {
      b.append(floatRepr(f.value()));
    } else if (v instanceof Double d) {
      b.append(floatRepr(d));
    } else if (v instanceof Number n) {
      b.append(n.toString());
    } else if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        b.append("{}");
        return;
      }
      b.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          b.append(indent < 0 ? ", " : ",");
        }
        first = false;
        newline(b, indent, level + 1);
        quote(b, String.valueOf(e.getKey()));
        b.append(": ");
        write(b, e.getValue(), indent, level + 1);
      }
      newline(b, indent, level);
      b.append('}');
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        b.append("[]");
        return;
      }
      b.append('[');
      boolean first = true;
      for (Object o : l) {
        if (!first) {
          b.append(indent < 0 ? ", " : ",");
        }
        first = false;
        newline(b, indent, level + 1);
        write(b, o, indent, level + 1);
      }
      newline(b, indent, level);
      b.append(']');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + v.getClass());
    }
  }

  private static void newline(StringBuilder b, int indent, int level) {
    if (indent >= 0) {
      b.append('\n');
      b.append(" ".repeat(indent * level));
    }
  }

  private static void quote(StringBuilder b, String s) {
    b.append('"');
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      switch (c) {
        case '"': b.append("\\\""); break;
        case '\\': b.append("\\\\"); break;
        case '\n': b.append("\\n"); break;
        case '\r': b.append("\\r"); break;
        case '\t': b.append("\\t"); break;
        case '\b': b.append("\\b"); break;
        case '\f': b.append("\\f"); break;
        default:
          if (c < 0x20 || c > 0x7e) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    b.append('"');
  }

  /** Python's {@code repr(float)}: the shortest digits that read back as the same double. */
  static String floatRepr(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    BigDecimal shortest = null;
    BigDecimal exact = new BigDecimal(d);
    for (int p = 1; p <= 17; p++) {
      BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (r.doubleValue() == d) {
        shortest = r;
        break;
      }
    }
    if (shortest == null) {
      shortest = exact.round(MathContext.DECIMAL64);
    }
    BigDecimal stripped = shortest.stripTrailingZeros();
    String digits = stripped.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - stripped.scale();
    String sign = d < 0 ? "-" : "";
    if (exponent < -4 || exponent >= 16) {
      String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String exp = (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "")
          + Math.abs(exponent);
      return sign + mant + "e" + exp;
    }
    String plain = stripped.abs().toPlainString();
    if (plain.indexOf('.') < 0) {
      plain = plain + ".0";
    }
    return sign + plain;
  }
}
