package ai.disinto.core.generate;

import java.util.regex.Pattern;

/**
 * Scalars for a docker-compose file. Values from the project TOML are written as YAML
 * double-quoted scalars with {@code "} and {@code \} escaped and every {@code $} doubled, so that
 * compose reads back exactly the value (compose would otherwise interpolate {@code $name}).
 */
final class Yaml {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9/._][A-Za-z0-9/._-]*");
  private static final Pattern SPECIAL = Pattern.compile(
      "(?i)true|false|yes|no|on|off|y|n|null|~|[-+]?[0-9][0-9_.eE+-]*|\\.inf|\\.nan");

  private Yaml() {}

  /** {@code "value"}, escaped for YAML and for compose's interpolation. */
  static String quoted(String value) {
    StringBuilder b = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '$' -> b.append("$$");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7F || c == 0x85 || c == 0x2028 || c == 0x2029) {
            b.append(String.format("\\u%04X", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /**
   * The value as it is when YAML reads it back as that very string (a name, a path), else
   * {@link #quoted}.
   */
  static String plainOrQuoted(String value) {
    if (PLAIN.matcher(value).matches() && !SPECIAL.matcher(value).matches()) {
      return value;
    }
    return quoted(value);
  }
}
