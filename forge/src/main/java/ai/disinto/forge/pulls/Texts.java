package ai.disinto.forge.pulls;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Text cutting as the original's {@code tail -N}, {@code head -c N} and {@code ${x:0:N}} do. */
final class Texts {
  private Texts() {}

  /** The last {@code n} lines, without trailing newlines ({@code $(… | tail -n)}). */
  static String tailLines(String text, int n) {
    String s = stripTrailingNewlines(text);
    if (s.isEmpty()) {
      return "";
    }
    String[] lines = s.split("\n", -1);
    if (lines.length <= n) {
      return s;
    }
    return String.join("\n", Arrays.copyOfRange(lines, lines.length - n, lines.length));
  }

  /** At most {@code max} bytes of UTF-8, never cutting a character ({@code head -c N}). */
  static String headBytes(String text, int max) {
    if (text.length() * 3L <= max) {
      return text;
    }
    CharsetEncoder enc = StandardCharsets.UTF_8.newEncoder();
    ByteBuffer out = ByteBuffer.allocate(max);
    CharBuffer in = CharBuffer.wrap(text);
    enc.encode(in, out, true);
    return text.substring(0, in.position());
  }

  /** The first {@code n} characters (code points), as bash's {@code ${x:0:N}} in a UTF-8 locale. */
  static String firstChars(String text, int n) {
    if (text.codePointCount(0, text.length()) <= n) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, n));
  }

  /** The text without trailing newlines, as command substitution leaves it. */
  static String stripTrailingNewlines(String text) {
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == '\n') {
      end--;
    }
    return text.substring(0, end);
  }

  /** The abbreviated commit id, {@code ${sha:0:7}}. */
  static String sha7(String sha) {
    return sha.length() <= 7 ? sha : sha.substring(0, 7);
  }
}
