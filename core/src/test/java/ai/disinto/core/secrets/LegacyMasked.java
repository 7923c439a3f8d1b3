package ai.disinto.core.secrets;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text with its safe patterns replaced by {@code __SAFE__}, one after the other, remembering
 * which characters of the original each character of the masked text stands for: an ordinary
 * character for itself, each character of a {@code __SAFE__} for the whole safe match it replaced.
 */
final class LegacyMasked {
  static final String SAFE = "__SAFE__";

  private final String text;
  // from[i] / to[i]: the original span that masked character i stands for; null means identity.
  private final int[] from;
  private final int[] to;
  private final int originalLength;

  private LegacyMasked(String text, int[] from, int[] to, int originalLength) {
    this.text = text;
    this.from = from;
    this.to = to;
    this.originalLength = originalLength;
  }

  static LegacyMasked of(String original, List<Pattern> safePatterns) {
    LegacyMasked m = new LegacyMasked(original, null, null, original.length());
    for (Pattern p : safePatterns) {
      m = m.replace(p);
    }
    return m;
  }

  String text() {
    return text;
  }

  /** The span of the original text that masked characters {@code [start, end)} stand for. */
  int[] original(int start, int end) {
    return new int[] {startOf(start), endOf(end - 1)};
  }

  private int startOf(int i) {
    if (i >= text.length()) {
      return originalLength;
    }
    return from == null ? i : from[i];
  }

  private int endOf(int i) {
    return to == null ? i + 1 : to[i];
  }

  private LegacyMasked replace(Pattern safe) {
    Matcher m = safe.matcher(text);
    if (!m.find()) {
      return this;
    }
    StringBuilder out = new StringBuilder(text.length());
    Map map = new Map(text.length() + 2 * SAFE.length());
    int pos = 0;
    do {
      copy(map, pos, m.start());
      out.append(text, pos, m.start());
      int s = startOf(m.start());
      int e = m.end() > m.start() ? endOf(m.end() - 1) : s;
      map.fill(s, e, SAFE.length());
      out.append(SAFE);
      pos = m.end();
    } while (m.find());
    copy(map, pos, text.length());
    out.append(text, pos, text.length());
    return new LegacyMasked(out.toString(), map.from, map.to, originalLength);
  }

  /** Appends the mapping of this text's characters {@code [start, end)}. */
  private void copy(Map map, int start, int end) {
    int len = end - start;
    map.ensure(len);
    if (from == null) {
      for (int i = 0; i < len; i++) {
        map.from[map.n + i] = start + i;
        map.to[map.n + i] = start + i + 1;
      }
    } else {
      System.arraycopy(from, start, map.from, map.n, len);
      System.arraycopy(to, start, map.to, map.n, len);
    }
    map.n += len;
  }

  /** The growing character map of the next masked text. */
  private static final class Map {
    int[] from;
    int[] to;
    int n;

    Map(int capacity) {
      from = new int[capacity];
      to = new int[capacity];
    }

    void ensure(int more) {
      if (n + more > from.length) {
        int cap = Math.max(from.length * 2, n + more);
        from = Arrays.copyOf(from, cap);
        to = Arrays.copyOf(to, cap);
      }
    }

    void fill(int s, int e, int count) {
      ensure(count);
      Arrays.fill(from, n, n + count, s);
      Arrays.fill(to, n, n + count, e);
      n += count;
    }
  }
}
