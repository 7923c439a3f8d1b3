package ai.disinto.agent.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The few text rules of Python 3 that build-graph.py relies on, so that ids and matches agree
 * with the original character for character: {@code str.splitlines}, {@code str.strip}, {@code
 * str.lower} and the {@code _slug} helper (whose {@code \s} is Unicode whitespace).
 */
final class PyText {
  /** The members of Python's whitespace class, for use inside a character class, for patterns compiled with {@link #FLAGS}. */
  static final String S = "\\s\\x1c-\\x1f";
  /** The flags that give Java's digit, word and space classes their Unicode meaning, as in Python. */
  static final int FLAGS = Pattern.UNICODE_CHARACTER_CLASS;
  private static final Pattern DASHES = Pattern.compile("-+");

  private PyText() {}

  /** Python's {@code str.isspace} for one character. */
  static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085'
        || (c >= '\u001c' && c <= '\u001f');
  }

  /** Python's {@code str.strip()} without arguments. */
  static String strip(String s) {
    int b = 0;
    int e = s.length();
    while (b < e && isSpace(s.charAt(b))) {
      b++;
    }
    while (e > b && isSpace(s.charAt(e - 1))) {
      e--;
    }
    return s.substring(b, e);
  }

  /** Python's {@code str.strip(chars)} for one character. */
  static String strip(String s, char c) {
    int b = 0;
    int e = s.length();
    while (b < e && s.charAt(b) == c) {
      b++;
    }
    while (e > b && s.charAt(e - 1) == c) {
      e--;
    }
    return s.substring(b, e);
  }

  /** Python's {@code str.lower()}. */
  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** The lines of a text as Python's {@code str.splitlines()} cuts them. */
  static List<String> splitLines(String s) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (isLineBreak(c)) {
        lines.add(s.substring(start, i));
        if (c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
      i++;
    }
    if (start < n) {
      lines.add(s.substring(start));
    }
    return lines;
  }

  private static boolean isLineBreak(char c) {
    return c == '\n' || c == '\r' || c == '\u000b' || c == '\u000c' || c == '\u001c'
        || c == '\u001d' || c == '\u001e' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }

  /** Python's universal-newline reading: {@code \r\n} and {@code \r} become {@code \n}. */
  static String universalNewlines(String s) {
    return s.indexOf('\r') < 0 ? s : s.replace("\r\n", "\n").replace('\r', '\n');
  }

  /**
   * The original's {@code _slug}: lower-case, trimmed, only {@code [a-z0-9]}, whitespace and
   * {@code -} kept, whitespace runs to {@code -}, dash runs collapsed, dashes trimmed.
   */
  static String slug(String text) {
    String t = strip(lower(text));
    StringBuilder b = new StringBuilder(t.length());
    boolean inSpace = false;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (isSpace(c)) {
        if (!inSpace) {
          b.append('-');
        }
        inSpace = true;
        continue;
      }
      inSpace = false;
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
        b.append(c);
      }
    }
    return strip(DASHES.matcher(b).replaceAll("-"), '-');
  }
}
