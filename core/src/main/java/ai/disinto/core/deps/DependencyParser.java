package ai.disinto.core.deps;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts the issue numbers an issue body depends on.
 *
 * <p>Mirrors {@code lib/parse-deps.sh}. Two scans feed one sorted set:
 *
 * <ul>
 *   <li><b>Sections:</b> a line starting with one or two {@code #}, optional spaces and
 *       {@code Depends on}, {@code Blocked by} or {@code Dependencies} opens a section (the heading
 *       line itself is not read); a line starting with one or two {@code #} and a space closes it.
 *       Every line inside, fenced code included, is read.
 *   <li><b>Inline:</b> outside code fences (a line starting with three backticks toggles), every
 *       line containing {@code depends on} or {@code blocked by} is read.
 * </ul>
 *
 * From every line read, each {@code #} directly followed by digits yields that number.
 *
 * <p>Deliberate differences from the original: matching is case-insensitive as the original
 * intends (the production awk, mawk, ignores {@code IGNORECASE}); numbers are numbers, so
 * {@code #0045} gives 45; digit runs that overflow a {@code long} are ignored;
 * {@link #parse(String, long)} drops the issue's own number. HTML entities ({@code &#39;}) and
 * cross-repository references ({@code owner/repo#46}) still count, as in the original, with a
 * debug log line.
 *
 * <p>The body is read in one pass over its characters, without regular expressions or copies of
 * its lines: both scans advance together line by line (phrases are compared ASCII-insensitively,
 * as {@link Pattern#CASE_INSENSITIVE} does), so the cost is linear in the body's length.
 */
public final class DependencyParser {
  private static final Logger LOG = LoggerFactory.getLogger(DependencyParser.class);

  private static final String[] SECTION_PHRASES = {"depends on", "blocked by", "dependencies"};
  private static final String[] INLINE_PHRASES = {"blocked by", "depends on"};
  private static final Pattern CROSS_REPO_TAIL = Pattern.compile("[\\w.-]+/[\\w.-]+$");
  private static final long[] NONE = new long[0];

  private DependencyParser() {}

  /**
   * The issue numbers {@code body} depends on, as {@code bash lib/parse-deps.sh} prints them.
   *
   * @param body the issue body; {@code null} counts as empty
   * @return the numbers, ascending and unique; empty when there are none
   */
  public static List<Long> parse(String body) {
    return boxed(scan(body), -1, false);
  }

  /**
   * The issue numbers {@code body} depends on, without {@code selfNumber}: an issue that mentions
   * itself under its dependencies must not wait for itself. Callers should use this form.
   *
   * @param body the issue body; {@code null} counts as empty
   * @param selfNumber the number of the issue the body belongs to
   * @return the numbers, ascending and unique, {@code selfNumber} excluded
   */
  public static List<Long> parse(String body, long selfNumber) {
    return boxed(scan(body), selfNumber, true);
  }

  /** Every number read, sorted and unique. */
  private static long[] scan(String body) {
    if (body == null || body.isEmpty()) {
      return NONE;
    }
    Numbers found = new Numbers(LOG.isDebugEnabled());
    int len = body.length();
    boolean inSection = false;
    boolean inCode = false;
    int start = 0;
    while (start <= len) {
      int nl = body.indexOf('\n', start);
      int end = nl < 0 ? len : nl;
      boolean read;
      if (opensSection(body, start, end)) {
        inSection = true;
        read = false;
      } else {
        if (inSection && closesSection(body, start, end)) {
          inSection = false;
        }
        read = inSection;
      }
      if (body.startsWith("```", start) && end - start >= 3) {
        inCode = !inCode;
      } else if (!read && !inCode && containsAny(body, start, end, INLINE_PHRASES)) {
        read = true;
      }
      if (read) {
        found.collect(body, start, end);
      }
      if (nl < 0) {
        break;
      }
      start = nl + 1;
    }
    return found.sortedUnique();
  }

  /** {@code ##? *(Depends on|Blocked by|Dependencies)} at the start of the line. */
  private static boolean opensSection(String s, int start, int end) {
    int i = start;
    if (i >= end || s.charAt(i) != '#') {
      return false;
    }
    i++;
    if (i < end && s.charAt(i) == '#') {
      i++;
    }
    while (i < end && s.charAt(i) == ' ') {
      i++;
    }
    for (String phrase : SECTION_PHRASES) {
      if (matchesAsciiIgnoringCase(s, i, end, phrase)) {
        return true;
      }
    }
    return false;
  }

  /** {@code ##? } at the start of the line. */
  private static boolean closesSection(String s, int start, int end) {
    if (end - start < 2 || s.charAt(start) != '#') {
      return false;
    }
    char c = s.charAt(start + 1);
    return c == ' ' || c == '#' && end - start >= 3 && s.charAt(start + 2) == ' ';
  }

  private static boolean containsAny(String s, int start, int end, String[] phrases) {
    for (int i = start; i < end; i++) {
      char c = lower(s.charAt(i));
      if (c == 'b' || c == 'd') {
        for (String phrase : phrases) {
          if (phrase.charAt(0) == c && matchesAsciiIgnoringCase(s, i, end, phrase)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Whether {@code phrase} (lowercase ASCII) starts at {@code i}, ASCII letters in any case. */
  private static boolean matchesAsciiIgnoringCase(String s, int i, int end, String phrase) {
    int n = phrase.length();
    if (end - i < n) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      if (lower(s.charAt(i + k)) != phrase.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

  private static List<Long> boxed(long[] numbers, long without, boolean filter) {
    List<Long> out = new ArrayList<>(numbers.length);
    for (long n : numbers) {
      if (!filter || n != without) {
        out.add(n);
      }
    }
    return List.copyOf(out);
  }

  /** The numbers of every {@code #<digits>} in the lines read. */
  private static final class Numbers {
    private final boolean debug;
    private long[] values = new long[16];
    private int size;

    Numbers(boolean debug) {
      this.debug = debug;
    }

    void collect(String s, int start, int end) {
      int hash = s.indexOf('#', start);
      while (hash >= 0 && hash < end) {
        int i = hash + 1;
        long number = 0;
        boolean overflow = false;
        while (i < end) {
          int d = s.charAt(i) - '0';
          if (d < 0 || d > 9) {
            break;
          }
          if (!overflow) {
            if (number > (Long.MAX_VALUE - d) / 10) {
              overflow = true;
            } else {
              number = number * 10 + d;
            }
          }
          i++;
        }
        if (i > hash + 1) {
          if (overflow) {
            LOG.debug("parse-deps: ignoring #{}: too large for an issue number",
                s.substring(hash + 1, i));
          } else {
            if (debug) {
              explain(s, start, hash, i);
            }
            add(number);
          }
          hash = i < end ? s.indexOf('#', i) : -1;
        } else {
          hash = s.indexOf('#', hash + 1);
        }
      }
    }

    private static void explain(String s, int lineStart, int hash, int end) {
      String digits = s.substring(hash + 1, end);
      String before = s.substring(lineStart, hash);
      if (before.endsWith("&")) {
        LOG.debug("parse-deps: #{} looks like an HTML entity, counted as in the original", digits);
      } else if (CROSS_REPO_TAIL.matcher(before).find()) {
        LOG.debug("parse-deps: #{} is a cross-repository reference, counted as in the original",
            digits);
      }
    }

    private void add(long n) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = n;
    }

    long[] sortedUnique() {
      if (size == 0) {
        return NONE;
      }
      Arrays.sort(values, 0, size);
      int unique = 1;
      for (int i = 1; i < size; i++) {
        if (values[i] != values[unique - 1]) {
          values[unique++] = values[i];
        }
      }
      return Arrays.copyOf(values, unique);
    }
  }
}
