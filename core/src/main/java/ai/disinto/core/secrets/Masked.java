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
final class Masked {
  static final String SAFE = "__SAFE__";

  private final String text;
  // from[i] / to[i]: the original span that masked character i stands for; null means identity.
  private final int[] from;
  private final int[] to;
  private final int originalLength;

  private Masked(String text, int[] from, int[] to, int originalLength) {
    this.text = text;
    this.from = from;
    this.to = to;
    this.originalLength = originalLength;
  }

  static Masked of(String original, List<Finders.Finder> safePatterns) {
    Masked m = new Masked(original, null, null, original.length());
    for (Finders.Finder p : safePatterns) {
      m = m.replace(p);
    }
    return m;
  }

  /**
   * Every match of {@code safe}, as {@link Matcher#find()} reports them (empty matches too), for a
   * safe pattern that may start anywhere: the ones a caller adds.
   */
  static Finders.Finder everyMatch(Pattern safe) {
    return (text, sink) -> {
      Matcher m = safe.matcher(text.s);
      while (m.find()) {
        sink.hit(m.start(), m.end(), null);
      }
    };
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

  private Masked replace(Finders.Finder safe) {
    int[][] hits = {new int[16]};
    int[] count = {0};
    safe.find(new Finders.Text(text), (start, end, ignored) -> {
      if (count[0] + 2 > hits[0].length) {
        hits[0] = Arrays.copyOf(hits[0], hits[0].length * 2);
      }
      hits[0][count[0]++] = start;
      hits[0][count[0]++] = end;
    });
    if (count[0] == 0) {
      return this;
    }
    int[] found = hits[0];
    StringBuilder out = new StringBuilder(text.length());
    Map map = new Map(text.length() + 2 * SAFE.length());
    int pos = 0;
    for (int k = 0; k < count[0]; k += 2) {
      int start = found[k];
      int end = found[k + 1];
      copy(map, pos, start);
      out.append(text, pos, start);
      int s = startOf(start);
      int e = end > start ? endOf(end - 1) : s;
      map.fill(s, e, SAFE.length());
      out.append(SAFE);
      pos = end;
    }
    copy(map, pos, text.length());
    out.append(text, pos, text.length());
    return new Masked(out.toString(), map.from, map.to, originalLength);
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
