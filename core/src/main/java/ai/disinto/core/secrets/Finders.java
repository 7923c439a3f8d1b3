package ai.disinto.core.secrets;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How each kind of secret is found in the masked text, and which part of a match is the secret
 * itself (the span redaction replaces). Coordinates are those of the masked text.
 */
final class Finders {
  private Finders() {}

  /** Receives one match: where it is, and the secret spans inside it as start/end pairs. */
  @FunctionalInterface
  interface Sink {
    void hit(int start, int end, int[] secretSpans);
  }

  /** Finds every match in a text. */
  @FunctionalInterface
  interface Finder {
    void find(Text text, Sink sink);
  }

  /**
   * A text being scanned, with what one pass over its characters finds for every pattern that
   * cannot be looked for with {@link String#indexOf}: maximal hex runs of 32 or more characters
   * and where the words {@code authorization}, {@code bearer}, {@code aws} and {@code secret}
   * start in any case. The pass runs once, when a pattern first asks for it.
   */
  static final class Text {
    final String s;
    private int[] hexRuns;
    private int hexRunCount;
    private int[] authWords;
    private int authCount;
    private int[] awsWords;
    private int awsCount;

    Text(String s) {
      this.s = s;
    }

    private void pass() {
      if (hexRuns != null) {
        return;
      }
      String t = s;
      int[] hex = new int[8];
      int hexN = 0;
      // Any 32 consecutive positions hold a multiple of 32: probe only those,
      // and measure the run around each hex character found there.
      int n = t.length();
      for (int p = 0; p < n; ) {
        if (!isHex(t.charAt(p))) {
          p += 32;
          continue;
        }
        int start = p;
        while (start > 0 && isHex(t.charAt(start - 1))) {
          start--;
        }
        int end = p + 1;
        while (end < n && isHex(t.charAt(end))) {
          end++;
        }
        if (end - start >= 32) {
          hex = push(hex, hexN, start, end);
          hexN += 2;
        }
        p = (end + 31) & ~31;
      }
      hexRuns = hex;
      hexRunCount = hexN;
      int[][] auth = {new int[4]};
      int[] authN = {0};
      for (String w : new String[] {"authorization", "bearer"}) {
        for (int i = indexOfIgnoringAsciiCase(t, w, 0); i >= 0;
            i = indexOfIgnoringAsciiCase(t, w, i + 1)) {
          auth[0] = push(auth[0], authN[0]++, i);
        }
      }
      authWords = sortedCopy(auth[0], authN[0]);
      authCount = authWords.length;
      // Every match of the AWS secret pattern holds "secret", at its start or after "aws"/"aws_".
      int[] aws = new int[4];
      int awsN = 0;
      for (int i = indexOfIgnoringAsciiCase(t, "secret", 0); i >= 0;
          i = indexOfIgnoringAsciiCase(t, "secret", i + 1)) {
        for (int back = 4; back >= 0; back--) {
          if (back == 4 || back == 3 || back == 0) {
            if (i - back >= 0) {
              aws = push(aws, awsN++, i - back);
            }
          }
        }
      }
      awsWords = sortedCopy(aws, awsN);
      awsCount = awsWords.length;
    }

    private static int[] sortedCopy(int[] a, int n) {
      int[] c = Arrays.copyOf(a, n);
      Arrays.sort(c);
      return c;
    }

    private static int[] push(int[] a, int n, int v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, n * 2);
      }
      a[n] = v;
      return a;
    }

    private static int[] push(int[] a, int n, int v, int w) {
      if (n + 2 > a.length) {
        a = Arrays.copyOf(a, a.length * 2);
      }
      a[n] = v;
      a[n + 1] = w;
      return a;
    }

    /** Where {@code authorization} or {@code bearer} starts, in any case. */
    Candidates authWords() {
      pass();
      return sorted(authWords, authCount);
    }

    /** Where {@code aws} or {@code secret} starts, in any case. */
    Candidates awsWords() {
      pass();
      return sorted(awsWords, awsCount);
    }
  }

  /**
   * Where {@code word} (lowercase ASCII letters) next occurs at or after {@code from}, ASCII
   * letters in any case (what {@code (?i)} matches without {@code UNICODE_CASE}), or -1. A
   * Horspool search: a character that is not in the word moves the window its whole length.
   */
  static int indexOfIgnoringAsciiCase(String t, String word, int from) {
    int len = word.length();
    int last = len - 1;
    int n = t.length();
    int i = Math.max(from, 0);
    while (i + last < n) {
      int c = t.charAt(i + last) | 0x20;
      if (c == word.charAt(last)) {
        int k = last - 1;
        while (k >= 0 && (t.charAt(i + k) | 0x20) == word.charAt(k)) {
          k--;
        }
        if (k < 0) {
          return i;
        }
      }
      // Shift so that the window's last character lines up with its last occurrence in the word
      // (before the final position), or past it when the word does not hold it.
      int shift = len;
      for (int k = last - 1; k >= 0; k--) {
        if (word.charAt(k) == c) {
          shift = last - k;
          break;
        }
      }
      i += shift;
    }
    return -1;
  }

  /** The positions {@code at[0..n)}, ascending, as candidates. */
  static Candidates sorted(int[] at, int n) {
    int[] cursor = {0};
    return from -> {
      while (cursor[0] < n && at[cursor[0]] < from) {
        cursor[0]++;
      }
      return cursor[0] < n ? at[cursor[0]] : -1;
    };
  }

  /** Which part of a regex match is the secret. */
  @FunctionalInterface
  interface Spans {
    int[] of(Matcher m, String text);
  }

  static final Spans WHOLE = (m, t) -> new int[] {m.start(), m.end()};

  private static final String REDACTED = SecretScanner.REDACTED;

  /**
   * A regular expression compiled the first time a text needs it. A text holds the literals of
   * few detectors, so a short call compiles few of the expressions (compiling every one up front
   * was a large share of a one-shot command's start). Two threads may both compile it once; a
   * {@link Pattern} is immutable, so either result serves.
   */
  static final class LazyPattern {
    private final String regex;
    private volatile Pattern pattern;

    LazyPattern(String regex) {
      this.regex = regex;
    }

    Pattern get() {
      Pattern p = pattern;
      if (p == null) {
        p = Pattern.compile(regex);
        pattern = p;
      }
      return p;
    }
  }

  static Finder regex(String regex, Spans spans) {
    LazyPattern p = new LazyPattern(regex);
    return (txt, sink) -> {
      String text = txt.s;
      Matcher m = p.get().matcher(text);
      while (m.find()) {
        if (m.end() > m.start()) {
          sink.hit(m.start(), m.end(), spans.of(m, text));
        }
      }
    };
  }

  /**
   * Where a match can start: the next candidate position at or after {@code from}, or -1. A
   * fresh instance is made for each text, so it may remember what it has looked at.
   */
  @FunctionalInterface
  interface Candidates {
    int next(int from);
  }

  /**
   * Like {@link #regex}, for an expression whose every match starts at a candidate position (a
   * keyword, a separator): the expression is tried only there, so a text without candidates costs
   * one pass of {@code indexOf} instead of a try at every position. Finds the same matches as
   * {@link Matcher#find()} would.
   */
  static Finder anchored(String regex, java.util.function.Function<Text, Candidates> where,
      Spans spans) {
    LazyPattern p = new LazyPattern(regex);
    return (txt, sink) -> {
      String text = txt.s;
      Matcher m = null; // made at the first candidate: a text without one compiles nothing
      Candidates c = where.apply(txt);
      int from = 0;
      int i;
      while (from <= text.length() && (i = c.next(from)) >= 0) {
        if (m == null) {
          m = p.get().matcher(text);
          m.useTransparentBounds(true);
          m.useAnchoringBounds(false);
        }
        m.region(i, text.length());
        if (m.lookingAt() && m.end() > m.start()) {
          sink.hit(m.start(), m.end(), spans.of(m, text));
          from = m.end();
        } else {
          from = i + 1;
        }
      }
    };
  }

  /**
   * {@link #anchored} for an expression every match of which starts with {@code literal}: tried
   * only where {@link String#indexOf(String, int)} finds the literal.
   */
  static Finder startingWith(String regex, String literal, Spans spans) {
    return anchored(regex, literals(literal), spans);
  }

  /**
   * Where {@code (?<![A-Za-z])[A-Za-z][A-Za-z0-9+.-]*://} can start: for every {@code ://}, each
   * letter not preceded by a letter in the run of scheme characters just before it.
   */
  static Candidates schemeStarts(Text txt) {
    String text = txt.s;
    int[] starts = new int[8];
    int n = 0;
    int p = text.indexOf("://");
    while (p >= 0) {
      int run = p;
      while (run > 0 && isSchemeChar(text.charAt(run - 1))) {
        run--;
      }
      for (int s = run; s < p; s++) {
        if (isLetter(text.charAt(s)) && (s == 0 || !isLetter(text.charAt(s - 1)))) {
          if (n == starts.length) {
            starts = Arrays.copyOf(starts, n * 2);
          }
          starts[n++] = s;
        }
      }
      p = text.indexOf("://", p + 3);
    }
    return sorted(starts, n);
  }

  /**
   * Where one of {@code keys} ends right before an {@code =}: what {@link #literals} finds for
   * {@code KEY=}, from one pass of {@code indexOf('=')}. No key may be a suffix of another.
   */
  static java.util.function.Function<Text, Candidates> keysBeforeEquals(String... keys) {
    return txt -> {
      String t = txt.s;
      int[] at = new int[8];
      int n = 0;
      for (int eq = t.indexOf('='); eq >= 0; eq = t.indexOf('=', eq + 1)) {
        for (String k : keys) {
          int start = eq - k.length();
          if (start >= 0 && t.startsWith(k, start)) {
            if (n == at.length) {
              at = Arrays.copyOf(at, n * 2);
            }
            at[n++] = start;
            break;
          }
        }
      }
      return sorted(at, n);
    };
  }

  private static boolean isLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  private static boolean isSchemeChar(char c) {
    return isLetter(c) || c >= '0' && c <= '9' || c == '+' || c == '.' || c == '-';
  }

  /**
   * Occurrences of {@code host} followed by {@code /<owner>/<repo>/[src/]commit/} or {@code
   * /compare/}: where a forge commit link can start. The check is what the link pattern demands
   * before the commit id, so the expression runs only on real links, not at every mention of the
   * host.
   */
  static java.util.function.Function<Text, Candidates> repoLinks(String host) {
    return txt -> {
      String t = txt.s;
      int[] at = new int[4];
      int n = 0;
      for (int i = t.indexOf(host); i >= 0; i = t.indexOf(host, i + 1)) {
        if (repoLinkPath(t, i + host.length())) {
          if (n == at.length) {
            at = Arrays.copyOf(at, n * 2);
          }
          at[n++] = i;
        }
      }
      return sorted(at, n);
    };
  }

  private static boolean repoLinkPath(String t, int p) {
    for (int segment = 0; segment < 2; segment++) {
      if (p >= t.length() || t.charAt(p) != '/') {
        return false;
      }
      int start = ++p;
      while (p < t.length() && isSegmentChar(t.charAt(p))) {
        p++;
      }
      if (p == start) {
        return false;
      }
    }
    if (t.startsWith("/src/", p)) {
      p += 4;
    }
    return t.startsWith("/commit/", p) || t.startsWith("/compare/", p);
  }

  private static boolean isSegmentChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
        || c == '.' || c == '_' || c == '-';
  }

  /** Occurrences of any of {@code literals} (case-sensitive). */
  static java.util.function.Function<Text, Candidates> literals(String... literals) {
    return txt -> {
      String text = txt.s;
      int[] next = new int[literals.length];
      Arrays.fill(next, -2);
      return from -> {
        int best = -1;
        for (int k = 0; k < literals.length; k++) {
          if (next[k] == -2 || next[k] >= 0 && next[k] < from) {
            next[k] = text.indexOf(literals[k], from);
          }
          if (next[k] >= 0 && (best < 0 || next[k] < best)) {
            best = next[k];
          }
        }
        return best;
      };
    };
  }

  /** Occurrences of any of {@code words} (lowercase ASCII) in any case. */
  static java.util.function.Function<Text, Candidates> wordsIgnoringCase(String... words) {
    return txt -> from -> {
      String text = txt.s;
      for (int i = from; i < text.length(); i++) {
        int c = text.charAt(i) | 0x20;
        for (String w : words) {
          if (c == w.charAt(0) && text.regionMatches(true, i, w, 0, w.length())) {
            return i;
          }
        }
      }
      return -1;
    };
  }

  /** The first of {@code groups} that took part in the match. */
  static Spans group(int... groups) {
    return (m, t) -> {
      for (int g : groups) {
        if (m.start(g) >= 0) {
          return new int[] {m.start(g), m.end(g)};
        }
      }
      return new int[] {m.start(), m.end()};
    };
  }

  /** From {@code offset} into the match to past its end, as long as {@code more} accepts. */
  static Spans extendFrom(int offset, IntPredicate more) {
    return (m, t) -> {
      int end = m.end();
      while (end < t.length() && more.test(t.charAt(end))) {
        end++;
      }
      return new int[] {m.start() + offset, end};
    };
  }

  /**
   * Every maximal run of {@code min} or more hex characters: what {@code [0-9a-fA-F]{min,}}
   * finds, in one pass instead of a try at every position.
   */
  static Finder hexRuns(int min) {
    if (min == 32) {
      return (txt, sink) -> {
        txt.pass();
        int[] runs = txt.hexRuns;
        for (int k = 0; k < txt.hexRunCount; k += 2) {
          sink.hit(runs[k], runs[k + 1], new int[] {runs[k], runs[k + 1]});
        }
      };
    }
    return (txt, sink) -> {
      String t = txt.s;
      int n = t.length();
      int i = 0;
      while (i < n) {
        if (!isHex(t.charAt(i))) {
          i++;
          continue;
        }
        int start = i;
        while (i < n && isHex(t.charAt(i))) {
          i++;
        }
        if (i - start >= min) {
          sink.hit(start, i, new int[] {start, i});
        }
      }
    };
  }

  /** Every maximal run of 20 or more hex characters in the URL the match starts. */
  static int[] urlHexRuns(Matcher m, String t) {
    int end = m.end();
    while (end < t.length() && !isSpace(t.charAt(end))) {
      end++;
    }
    int[] spans = new int[8];
    int n = 0;
    int i = m.start();
    while (i < end) {
      if (!isHex(t.charAt(i))) {
        i++;
        continue;
      }
      int run = i;
      while (i < end && isHex(t.charAt(i))) {
        i++;
      }
      if (i - run >= 20) {
        if (n + 2 > spans.length) {
          spans = Arrays.copyOf(spans, spans.length * 2);
        }
        spans[n++] = run;
        spans[n++] = i;
      }
    }
    return Arrays.copyOf(spans, n);
  }

  /** What {@code \\s} matches (ASCII only), so the finders and the expressions agree. */
  static boolean isSpace(int c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  static boolean isHex(int c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  static boolean isUpperOrDigit(int c) {
    return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z';
  }

  static boolean isTokenChar(int c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
        || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=' || c == '-';
  }

  /** Whether {@code needle} (lowercase ASCII) occurs in {@code text} in any case. */
  static boolean containsIgnoreCase(String text, String needle) {
    char first = needle.charAt(0);
    int last = text.length() - needle.length();
    for (int i = 0; i <= last; i++) {
      if ((text.charAt(i) | 0x20) == first && text.regionMatches(true, i, needle, 0, needle.length())) {
        return true;
      }
    }
    return false;
  }

  // ---- secret variables: NAME=value -------------------------------------------------------

  static final String ASSIGNMENT_SHAPE =
      "NAME=value, NAME=\"value\", NAME='value' (NAME holds TOKEN, PASS, PASSWORD, SECRET, "
          + "API_KEY, *_KEY...; value of 8+ characters)";

  private static final Set<String> SECRET_WORDS = Set.of(
      "TOKEN", "PASS", "PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "SECRETS", "APIKEY",
      "CREDENTIAL", "CREDENTIALS", "INFURA", "ALCHEMY");
  private static final String[] SECRET_ENDINGS = {"TOKEN", "PASSWORD", "SECRET", "APIKEY"};
  private static final Set<String> KEY_QUALIFIERS = Set.of(
      "API", "SECRET", "PRIVATE", "ACCESS", "SIGNING", "ENCRYPTION", "MASTER", "DEPLOY", "AUTH",
      "CLIENT", "LICENSE", "SSH");
  private static final Set<String> NOT_SECRET_ENDINGS = Set.of(
      "FILE", "PATH", "DIR", "URL", "HOST", "PORT", "USER", "USERNAME", "NAME", "ID", "TYPE",
      "COUNT", "LIMIT", "LEN", "LENGTH", "SIZE", "HEADER", "ENV", "EXPIRY", "EXPIRES", "TTL",
      "MODE", "FORMAT", "PREFIX", "SCOPE", "SCOPES", "REF", "VAR", "FIELD", "ENABLED",
      "REQUIRED", "COMMAND", "CMD", "HELPER", "MIN", "MAX");
  private static final int MAX_QUOTED = 4096;

  /** Finds {@code NAME=value} with a secret variable name and a value that is not a reference. */
  static void secretAssignments(Text txt, Sink sink) {
    String t = txt.s;
    int eq = t.indexOf('=');
    while (eq >= 0) {
      int next = eq + 1;
      int j = eq;
      while (j > 0 && (t.charAt(j - 1) == ' ' || t.charAt(j - 1) == '\t')) {
        j--;
      }
      int nameEnd = j;
      while (j > 0 && isNameChar(t.charAt(j - 1))) {
        j--;
      }
      boolean comparison = eq + 1 < t.length() && t.charAt(eq + 1) == '=';
      if (nameEnd > j && !comparison && isSecretName(t.substring(j, nameEnd))) {
        int[] v = value(t, eq + 1);
        if (v != null && isSecretValue(t, v[0], v[1])) {
          sink.hit(j, v[2], new int[] {v[0], v[1]});
          next = Math.max(next, v[2]);
        }
      }
      eq = next < t.length() ? t.indexOf('=', next) : -1;
    }
  }

  private static boolean isNameChar(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
  }

  static boolean isSecretName(String name) {
    if (!mayBeSecretName(name)) {
      return false;
    }
    String upper = name.toUpperCase(Locale.ROOT);
    if (upper.contains("PUBLIC")) {
      return false;
    }
    String[] segments = Arrays.stream(upper.split("_")).filter(x -> !x.isEmpty())
        .toArray(String[]::new);
    if (segments.length == 0) {
      return false;
    }
    if (segments.length > 1 && NOT_SECRET_ENDINGS.contains(segments[segments.length - 1])) {
      return false;
    }
    boolean allUpper = name.equals(upper);
    for (int i = 0; i < segments.length; i++) {
      String seg = segments[i];
      if (SECRET_WORDS.contains(seg)) {
        return true;
      }
      for (String ending : SECRET_ENDINGS) {
        if (seg.length() > ending.length() && seg.endsWith(ending)) {
          return true;
        }
      }
      if (seg.equals("KEY") && i > 0
          && (allUpper || KEY_QUALIFIERS.contains(segments[i - 1]))) {
        return true;
      }
      if (seg.equals("AUTH") && allUpper) {
        return true;
      }
    }
    return false;
  }

  // Every way isSecretName can say yes needs one of these in the upper-cased name.
  private static final String[] SECRET_NAME_PARTS = {
    "TOKEN", "PASS", "SECRET", "KEY", "AUTH", "CREDENTIAL", "INFURA", "ALCHEMY"};

  /** A cheap first check: false when no part of a secret name occurs in {@code name}. */
  private static boolean mayBeSecretName(String name) {
    for (String part : SECRET_NAME_PARTS) {
      int last = name.length() - part.length();
      for (int i = 0; i <= last; i++) {
        if (name.regionMatches(true, i, part, 0, part.length())) {
          return true;
        }
      }
    }
    return false;
  }

  /** The value after {@code =} at {@code p}: {valueStart, valueEnd, matchEnd}, or null. */
  private static int[] value(String t, int p) {
    int len = t.length();
    while (p < len && (t.charAt(p) == ' ' || t.charAt(p) == '\t')) {
      p++;
    }
    if (p >= len) {
      return null;
    }
    char c = t.charAt(p);
    if (c == '$' && p + 1 < len && t.charAt(p + 1) == '\'') {
      p++;
      c = '\'';
    }
    if (c == '"' || c == '\'') {
      int limit = Math.min(len, p + 1 + MAX_QUOTED);
      for (int k = p + 1; k < limit; k++) {
        char ch = t.charAt(k);
        if (ch == '\\' && c == '"') {
          k++;
        } else if (ch == c) {
          return new int[] {p + 1, k, k + 1};
        }
      }
      int k = p + 1;
      while (k < len && t.charAt(k) != '\n') {
        k++;
      }
      return new int[] {p + 1, k, k};
    }
    int k = p;
    while (k < len) {
      char ch = t.charAt(k);
      if (ch == '\\' && k + 1 < len && t.charAt(k + 1) == '\n') {
        k += 2;
      } else if (ch == '\\' && k + 2 < len && t.charAt(k + 1) == '\r' && t.charAt(k + 2) == '\n') {
        k += 3;
      } else if (isSpace(ch) || "\"'`;|&<>()".indexOf(ch) >= 0) {
        break;
      } else {
        k++;
      }
    }
    return new int[] {p, k, k};
  }

  /** A value of 8+ characters besides references, not a command or path, not just digits. */
  private static boolean isSecretValue(String t, int s, int e) {
    if (e - s < 8) {
      return false;
    }
    char c0 = t.charAt(s);
    char c1 = s + 1 < e ? t.charAt(s + 1) : ' ';
    if (c0 == '`' || c0 == '$' && (c1 == '(' || c1 == '{' || c1 == '_' || c1 >= 'a' && c1 <= 'z')) {
      return false;
    }
    if ((c0 == '/' || (c0 == '.' || c0 == '~') && c1 == '/') && t.indexOf('/', s + 2) > 0
        && t.indexOf('/', s + 2) < e) {
      return false;
    }
    int count = 0;
    boolean digitsOnly = true;
    int k = s;
    while (k < e) {
      if (t.startsWith(Masked.SAFE, k) && k + Masked.SAFE.length() <= e) {
        k += Masked.SAFE.length();
        continue;
      }
      if (t.startsWith(REDACTED, k) && k + REDACTED.length() <= e) {
        k += REDACTED.length();
        continue;
      }
      char ch = t.charAt(k++);
      if ("{}:-=\\\r\n".indexOf(ch) >= 0) {
        continue;
      }
      count++;
      digitsOnly &= ch >= '0' && ch <= '9';
    }
    return count >= 8 && !digitsOnly;
  }

  // ---- PEM bodies without their header line -----------------------------------------------

  static final String PEM_BODY_SHAPE =
      "2+ lines of 40+ base64 characters, or 1+ such lines before -----END ... PRIVATE KEY-----";
  private static final Pattern PEM_END =
      Pattern.compile("[ \\t]*-----END[A-Z0-9 ]* PRIVATE KEY(?: BLOCK)?-----[ \\t]*\\r?");

  /** Finds runs of base64 lines that look like the body of a private key. */
  static void pemBodies(Text txt, Sink sink) {
    String t = txt.s;
    int len = t.length();
    int line = 0;
    while (line < len) {
      int runStart = -1;
      int full = 0;
      int pos = line;
      int runEnd = -1;
      // Collect consecutive full-width base64 lines, then maybe one short last line.
      while (pos < len) {
        int eol = t.indexOf('\n', pos);
        int end = eol < 0 ? len : eol;
        if (base64Line(t, pos, end, 40, true)) {
          if (runStart < 0) {
            runStart = pos;
          }
          full++;
          runEnd = end;
          pos = eol < 0 ? len : eol + 1;
        } else {
          break;
        }
      }
      if (full == 0) {
        int eol = t.indexOf('\n', line);
        line = eol < 0 ? len : eol + 1;
        continue;
      }
      int afterRun = pos;
      if (pos < len) {
        int eol = t.indexOf('\n', pos);
        int end = eol < 0 ? len : eol;
        if (base64Line(t, pos, end, 4, false) && !PEM_END.matcher(t).region(pos, end).matches()) {
          runEnd = end;
          afterRun = eol < 0 ? len : eol + 1;
        }
      }
      boolean ended = false;
      if (afterRun < len) {
        int eol = t.indexOf('\n', afterRun);
        int end = eol < 0 ? len : eol;
        if (PEM_END.matcher(t).region(afterRun, end).matches()) {
          ended = true;
          runEnd = end;
          afterRun = eol < 0 ? len : eol + 1;
        }
      }
      if (full >= 2 || ended) {
        int e = runEnd;
        if (e > runStart && t.charAt(e - 1) == '\r') {
          e--;
        }
        sink.hit(runStart, e, new int[] {runStart, e});
      }
      line = Math.max(afterRun, line + 1);
    }
  }

  private static boolean base64Line(String t, int s, int e, int min, boolean mixed) {
    while (s < e && (t.charAt(s) == ' ' || t.charAt(s) == '\t')) {
      s++;
    }
    while (e > s && (t.charAt(e - 1) == ' ' || t.charAt(e - 1) == '\t' || t.charAt(e - 1) == '\r')) {
      e--;
    }
    int body = e;
    int pad = 0;
    while (body > s && t.charAt(body - 1) == '=' && pad < 2) {
      body--;
      pad++;
    }
    if (body - s < min) {
      return false;
    }
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    for (int i = s; i < body; i++) {
      char c = t.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        upper = true;
      } else if (c >= 'a' && c <= 'z') {
        lower = true;
      } else if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c != '+' && c != '/') {
        return false;
      }
    }
    return !mixed || upper && lower && digit;
  }

  // ---- hex tokens wrapped over two lines ---------------------------------------------------

  static final String WRAPPED_HEX_SHAPE =
      "8+ hex at a line's end and 8+ hex at the next line's start, 32+ together";

  /** Finds a hex run ending a line and one starting the next that are one token together. */
  static void wrappedHex(Text txt, Sink sink) {
    String t = txt.s;
    int nl = t.indexOf('\n');
    while (nl >= 0) {
      int a = nl;
      if (a > 0 && t.charAt(a - 1) == '\r') {
        a--;
      }
      int left = a;
      while (left > 0 && isHex(t.charAt(left - 1))) {
        left--;
      }
      int right = nl + 1;
      while (right < t.length() && isHex(t.charAt(right))) {
        right++;
      }
      int l = a - left;
      int r = right - (nl + 1);
      boolean leftWord = left == 0 || !isNameChar(t.charAt(left - 1));
      boolean rightWord = right == t.length() || !isNameChar(t.charAt(right));
      if (l >= 8 && r >= 8 && l + r >= 32 && leftWord && rightWord) {
        sink.hit(left, right, new int[] {left, a, nl + 1, right});
      }
      nl = t.indexOf('\n', nl + 1);
    }
  }
}
