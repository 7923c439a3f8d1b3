package ai.disinto.core.lock;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The lock file's one-line JSON: written with the original's exact key order and spacing (with
 * proper escaping, which the original lacks), read with a small strict JSON parser so that a
 * file written by either side is understood as Python's {@code json.load} would.
 */
final class LockJson {
  private LockJson() {}

  /** The lock file content, newline included. */
  static String render(String holder, String since, String heartbeat) {
    return "{\"holder\": " + quote(holder) + ", \"since\": " + quote(since)
        + ", \"heartbeat\": " + quote(heartbeat) + "}\n";
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /**
   * The top-level object's members as text: strings as themselves, numbers as written, JSON
   * {@code null} and nested values as absent. Empty when the text is not a JSON object.
   */
  static Optional<Map<String, String>> parseObject(String text) {
    try {
      Parser p = new Parser(text);
      p.ws();
      Map<String, String> fields = p.object();
      p.ws();
      if (!p.atEnd()) {
        return Optional.empty();
      }
      return Optional.of(fields);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static final class Parser {
    private final String s;
    private int i;

    Parser(String s) {
      this.s = s;
    }

    boolean atEnd() {
      return i >= s.length();
    }

    void ws() {
      while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
    }

    char peek() {
      if (i >= s.length()) {
        throw new IllegalArgumentException("unexpected end");
      }
      return s.charAt(i);
    }

    void expect(char c) {
      if (peek() != c) {
        throw new IllegalArgumentException("expected " + c);
      }
      i++;
    }

    Map<String, String> object() {
      expect('{');
      Map<String, String> out = new HashMap<>();
      ws();
      if (peek() == '}') {
        i++;
        return out;
      }
      while (true) {
        ws();
        String key = string();
        ws();
        expect(':');
        ws();
        String value = valueAsText();
        if (value == null) {
          out.remove(key);
        } else {
          out.put(key, value);
        }
        ws();
        char c = peek();
        i++;
        if (c == '}') {
          return out;
        }
        if (c != ',') {
          throw new IllegalArgumentException("expected , or }");
        }
      }
    }

    /** A value; returns its text for strings and numbers, null for anything else. */
    String valueAsText() {
      char c = peek();
      switch (c) {
        case '"':
          return string();
        case '{':
          object();
          return null;
        case '[':
          array();
          return null;
        case 't':
          literal("true");
          return null;
        case 'f':
          literal("false");
          return null;
        case 'n':
          literal("null");
          return null;
        default:
          return number();
      }
    }

    void array() {
      expect('[');
      ws();
      if (peek() == ']') {
        i++;
        return;
      }
      while (true) {
        ws();
        valueAsText();
        ws();
        char c = peek();
        i++;
        if (c == ']') {
          return;
        }
        if (c != ',') {
          throw new IllegalArgumentException("expected , or ]");
        }
      }
    }

    void literal(String word) {
      if (!s.startsWith(word, i)) {
        throw new IllegalArgumentException("bad literal");
      }
      i += word.length();
    }

    String number() {
      int start = i;
      if (i < s.length() && s.charAt(i) == '-') {
        i++;
      }
      while (i < s.length() && "0123456789.eE+-".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      String n = s.substring(start, i);
      if (!n.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
        throw new IllegalArgumentException("bad number");
      }
      return n;
    }

    String string() {
      expect('"');
      StringBuilder b = new StringBuilder();
      while (true) {
        char c = peek();
        i++;
        if (c == '"') {
          return b.toString();
        }
        if (c < 0x20) {
          throw new IllegalArgumentException("control character in string");
        }
        if (c != '\\') {
          b.append(c);
          continue;
        }
        char e = peek();
        i++;
        switch (e) {
          case '"', '\\', '/' -> b.append(e);
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'n' -> b.append('\n');
          case 'r' -> b.append('\r');
          case 't' -> b.append('\t');
          case 'u' -> {
            if (i + 4 > s.length()) {
              throw new IllegalArgumentException("bad unicode escape");
            }
            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> throw new IllegalArgumentException("bad escape");
        }
      }
    }
  }
}
