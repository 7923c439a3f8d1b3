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

  static Masked of(String original, List<Pattern> safePatterns) {
    Masked m = new Masked(original, null, null, original.length());
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

  private Masked replace(Pattern safe) {
    Matcher m = safe.matcher(text);
    if (!m.find()) {
      return this;
    }
    StringBuilder out = new StringBuilder(text.length());
    int cap = text.length() + 16;
    int[] nf = new int[cap];
    int[] nt = new int[cap];
    int n = 0;
    int pos = 0;
    do {
      for (int i = pos; i < m.start(); i++) {
        if (n + 1 > nf.length) {
          nf = Arrays.copyOf(nf, nf.length * 2);
          nt = Arrays.copyOf(nt, nt.length * 2);
        }
        nf[n] = startOf(i);
        nt[n] = endOf(i);
        n++;
      }
      out.append(text, pos, m.start());
      int s = startOf(m.start());
      int e = m.end() > m.start() ? endOf(m.end() - 1) : s;
      if (n + SAFE.length() > nf.length) {
        nf = Arrays.copyOf(nf, Math.max(nf.length * 2, n + SAFE.length()));
        nt = Arrays.copyOf(nt, nf.length);
      }
      for (int k = 0; k < SAFE.length(); k++) {
        nf[n] = s;
        nt[n] = e;
        n++;
      }
      out.append(SAFE);
      pos = m.end();
    } while (m.find());
    for (int i = pos; i < text.length(); i++) {
      if (n + 1 > nf.length) {
        nf = Arrays.copyOf(nf, nf.length * 2);
        nt = Arrays.copyOf(nt, nt.length * 2);
      }
      nf[n] = startOf(i);
      nt[n] = endOf(i);
      n++;
    }
    out.append(text, pos, text.length());
    return new Masked(out.toString(), nf, nt, originalLength);
  }
}
