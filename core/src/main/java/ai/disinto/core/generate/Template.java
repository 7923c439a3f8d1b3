package ai.disinto.core.generate;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A text with {@code {{name}}} placeholders, filled in one pass. Every placeholder needs a value
 * and every value a placeholder, so a template and its caller cannot drift apart silently.
 * Values are inserted as given: quoting is the caller's job ({@link Yaml}).
 */
final class Template {
  private final String text;
  private final Map<String, String> values = new HashMap<>();

  private Template(String text) {
    this.text = text;
  }

  static Template of(String text) {
    return new Template(text);
  }

  Template with(String name, String value) {
    if (values.put(name, value) != null) {
      throw new IllegalArgumentException("placeholder given twice: " + name);
    }
    return this;
  }

  String render() {
    StringBuilder out = new StringBuilder(text.length() + 256);
    Set<String> used = new HashSet<>();
    int pos = 0;
    int open;
    while ((open = text.indexOf("{{", pos)) >= 0) {
      int close = text.indexOf("}}", open + 2);
      if (close < 0) {
        throw new IllegalStateException("unterminated placeholder at " + open);
      }
      String name = text.substring(open + 2, close);
      String value = values.get(name);
      if (value == null) {
        throw new IllegalStateException("no value for placeholder " + name);
      }
      used.add(name);
      out.append(text, pos, open).append(value);
      pos = close + 2;
    }
    if (!used.containsAll(values.keySet())) {
      Set<String> unused = new HashSet<>(values.keySet());
      unused.removeAll(used);
      throw new IllegalStateException("values without placeholder: " + unused);
    }
    return out.append(text, pos, text.length()).toString();
  }
}
