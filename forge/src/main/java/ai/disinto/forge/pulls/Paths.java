package ai.disinto.forge.pulls;

import java.nio.charset.StandardCharsets;

/** Branch names in API paths: percent-encoded, as Forgejo's router expects them. */
final class Paths {
  private Paths() {}

  /** One path segment, percent-encoded (a branch name used as {@code {base}}). */
  static String segment(String s) {
    return encode(s, false);
  }

  /** A path of segments: slashes kept, everything else percent-encoded as needed. */
  static String path(String s) {
    return encode(s, true);
  }

  private static String encode(String s, boolean keepSlash) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~' || (keepSlash && c == '/');
      if (plain) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }
}
