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
  // from[i] / to[i]: the original span that masked character i stands for; null means the
  // mapping is given by the tokens below (or is the identity when there are none).
  private final int[] from;
  private final int[] to;
  // The usual case, without a map per character: every __SAFE__ of the text as a triple (its
  // position here, the start and end of the original span it stands for); the characters between
  // stand for consecutive characters of the original.
  private final int[] tokens;
  private final int tokenCount;
  private final int originalLength;

  private Masked(String text, int[] from, int[] to, int originalLength) {
    this(text, from, to, null, 0, originalLength);
  }

  private Masked(String text, int[] from, int[] to, int[] tokens, int tokenCount,
      int originalLength) {
    this.text = text;
    this.from = from;
    this.to = to;
    this.tokens = tokens;
    this.tokenCount = tokenCount;
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
    if (from != null) {
      return from[i];
    }
    int k = tokenAtOrBefore(i);
    if (k < 0) {
      return i;
    }
    int m = tokens[3 * k];
    return i < m + SAFE.length() ? tokens[3 * k + 1] : tokens[3 * k + 2] + i - m - SAFE.length();
  }

  private int endOf(int i) {
    if (to != null) {
      return to[i];
    }
    int k = tokenAtOrBefore(i);
    if (k < 0) {
      return i + 1;
    }
    int m = tokens[3 * k];
    return i < m + SAFE.length() ? tokens[3 * k + 2]
        : tokens[3 * k + 2] + i - m - SAFE.length() + 1;
  }

  /** The last token that starts at or before masked position {@code i}, or -1. */
  private int tokenAtOrBefore(int i) {
    int lo = 0;
    int hi = tokenCount - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (tokens[3 * mid] <= i) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /**
   * The tokens-only form of replacing {@code hits}: possible when no hit starts or ends inside an
   * existing {@code __SAFE__} (always so for the built-in safe patterns); null otherwise.
   */
  private Masked replaceByTokens(int[] hits, int count) {
    int[] next = new int[3 * (tokenCount + count / 2)];
    int n = 0;
    int k = 0;
    int shift = 0;
    StringBuilder out = new StringBuilder(text.length());
    int pos = 0;
    for (int h = 0; h < count; h += 2) {
      int start = hits[h];
      int end = hits[h + 1];
      // Old tokens before the hit move by the shift so far; tokens inside it are absorbed.
      while (k < tokenCount && tokens[3 * k] + SAFE.length() <= start) {
        next[n++] = tokens[3 * k] + shift;
        next[n++] = tokens[3 * k + 1];
        next[n++] = tokens[3 * k + 2];
        k++;
      }
      while (k < tokenCount && tokens[3 * k] < end) {
        if (tokens[3 * k] < start || tokens[3 * k] + SAFE.length() > end) {
          return null;
        }
        k++;
      }
      if (k < tokenCount && end == start && tokens[3 * k] < start) {
        return null;
      }
      int s = startOf(start);
      int e = end > start ? endOf(end - 1) : s;
      out.append(text, pos, start);
      next[n++] = out.length();
      next[n++] = s;
      next[n++] = e;
      out.append(SAFE);
      shift += SAFE.length() - (end - start);
      pos = end;
    }
    while (k < tokenCount) {
      next[n++] = tokens[3 * k] + shift;
      next[n++] = tokens[3 * k + 1];
      next[n++] = tokens[3 * k + 2];
      k++;
    }
    out.append(text, pos, text.length());
    return new Masked(out.toString(), null, null, next, n / 3, originalLength);
  }

  /** This text with a map per character (for a hit that splits a token). */
  private Masked withCharacterMap() {
    int n = text.length();
    int[] f = new int[n];
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      f[i] = startOf(i);
      t[i] = endOf(i);
    }
    return new Masked(text, f, t, originalLength);
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
    if (from == null) {
      Masked fast = replaceByTokens(hits[0], count[0]);
      return fast != null ? fast : withCharacterMap().replaceHits(hits[0], count[0]);
    }
    return replaceHits(hits[0], count[0]);
  }

  /** Replaces {@code hits} keeping a map per character. */
  private Masked replaceHits(int[] found, int total) {
    int[] count = {total};
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
