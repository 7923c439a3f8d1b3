package ai.disinto.core.secrets;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scanner as it was before the throughput rewrite (a regular expression per pattern, each
 * over the whole text), kept unchanged as the oracle of {@code SecretScannerEquivalenceTest}.
 */
final class LegacySecretScanner {
  private static final Logger LOG = LoggerFactory.getLogger(LegacySecretScanner.class);

  /** What every redacted secret is replaced with. */
  public static final String REDACTED = "[REDACTED]";

  private static final String SAFE = "__SAFE__";

  // Safe patterns, in the original's order (forge links sit where the original lists them).
  private static final Pattern SAFE_ENV_REF = Pattern.compile("\\$\\{?[A-Z_]+\\}?");
  private static final Pattern SAFE_COMMIT = Pattern.compile("commit [0-9a-f]{40}");
  private static final Pattern SAFE_MERGE = Pattern.compile("Merge [0-9a-f]{40}");
  // A forge link is safe up to and including the commit id it names (owner/repo/commit/<sha>,
  // src/commit/<sha>, compare/<sha>...<sha>); anything after that is scanned like any text, so
  // a token glued onto a link, or a hex run in another kind of path, is still caught.
  private static final String FORGE_REPO_LINK =
      "/[A-Za-z0-9._-]+/[A-Za-z0-9._-]+/(?:src/)?(?:commit|compare)/[0-9a-f]{40}"
          + "(?:\\.{2,3}[0-9a-f]{40})?(?![0-9A-Za-z_])";
  private static final Pattern SAFE_CODEBERG = Pattern.compile("codeberg\\.org" + FORGE_REPO_LINK);
  private static final Pattern SAFE_LOCAL_FORGE = Pattern.compile("localhost:3000" + FORGE_REPO_LINK);
  private static final Pattern SAFE_SHELLCHECK = Pattern.compile("SC[0-9]{4}");
  private static final Pattern SAFE_WATERMARK = Pattern.compile("last-reviewed: [0-9a-f]{40}");

  private static final String ASSIGNMENT_KEYS =
      "(?:API_KEY|SECRET|TOKEN|PRIVATE_KEY|PASSWORD|INFURA|ALCHEMY)";
  private static final List<String> ASSIGNMENT_KEY_LIST = List.of(
      "API_KEY=", "SECRET=", "TOKEN=", "PRIVATE_KEY=", "PASSWORD=", "INFURA=", "ALCHEMY=");
  private static final String PEM =
      "-----BEGIN[A-Z0-9 ]* PRIVATE KEY(?: BLOCK)?-----[\\s\\S]*?"
          + "(?:-----END[A-Z0-9 ]* PRIVATE KEY(?: BLOCK)?-----|\\z)";

  // The original's detection patterns, in its order; the regex shown is the original's ERE. Where
  // the original's expression stops short of the secret (a fixed length, a character class without
  // '.'), the span removed by redaction runs on to the end of the secret.
  private static final List<Detector> ORIGINAL_DETECTORS = List.of(
      new Detector("long-hex", "[0-9a-fA-F]{32,}", LegacyFinders.hexRuns(32)),
      new Detector("bearer", "Bearer [A-Za-z0-9_/+=-]{20,}",
          LegacyFinders.regex("Bearer [A-Za-z0-9_/+=-]{20,}",
              LegacyFinders.extendFrom("Bearer ".length(), LegacyFinders::isTokenChar))),
      new Detector("eth-private-key", "0x[0-9a-fA-F]{64}",
          LegacyFinders.regex("0x[0-9a-fA-F]{64}", LegacyFinders.extendFrom(0, LegacyFinders::isHex))),
      new Detector("url-hex", "https?://[^[:space:]]*[0-9a-fA-F]{20,}",
          LegacyFinders.regex("https?://\\S*[0-9a-fA-F]{20,}", LegacyFinders::urlHexRuns)),
      new Detector("aws-access-key", "AKIA[0-9A-Z]{16}",
          LegacyFinders.regex("AKIA[0-9A-Z]{16}", LegacyFinders.extendFrom(0, LegacyFinders::isUpperOrDigit))),
      new Detector("assignment",
          "(API_KEY|SECRET|TOKEN|PRIVATE_KEY|PASSWORD|INFURA|ALCHEMY)=[^[:space:]\"]{16,}",
          LegacyFinders.anchored("(API_KEY|SECRET|TOKEN|PRIVATE_KEY|PASSWORD|INFURA|ALCHEMY)=([^\\s\"]{16,})",
              LegacyFinders.literals(ASSIGNMENT_KEY_LIST.toArray(String[]::new)), LegacyFinders.group(2)))
          .onlyIf(LegacySecretScanner::mayHoldAssignment));

  // A scheme starts where a run of letters starts: (?<![A-Za-z]) finds the same leftmost match as
  // without it, but tries each word once instead of once per letter (linear, not quadratic).
  private static final String SCHEME = "(?<![A-Za-z])[A-Za-z][A-Za-z0-9+.-]*://";
  // user:password (the password may hold '/' and '@'; "host:port/" is not a password), or a lone
  // token as the user (16+ characters with a digit and a letter), then '@' and a host.
  private static final String USERINFO = SCHEME
      + "(?:([^/\\s:@]+:(?![0-9]+(?:[/?#\\s]|$))\\S+?)"
      + "|((?=[^/\\s:@]*[0-9])(?=[^/\\s:@]*[A-Za-z])[^/\\s:@]{16,}))"
      + "@(?=[A-Za-z0-9\\[][A-Za-z0-9._~\\[\\]:-]*(?:[/?#\\s\"'<>)]|$))";

  private static final Detector USERINFO_DETECTOR = new Detector(
      "userinfo", USERINFO, LegacyFinders.regex(USERINFO, LegacyFinders.group(1, 2)))
      .onlyIf(LegacySecretScanner::mayHoldUserinfo);

  private static final String SK_KEY = "(?<![A-Za-z0-9])sk-(?=[A-Za-z0-9_-]*[0-9])[A-Za-z0-9_-]{20,}";
  private static final String GITHUB_TOKEN = "gh[pousr]_[A-Za-z0-9]{36,}";
  private static final String GITHUB_PAT = "github_pat_[A-Za-z0-9_]{22,}";
  private static final String SLACK = "xox[abeoprs]-[A-Za-z0-9-]{10,}";
  private static final String JWT = "eyJ[A-Za-z0-9_-]{8,}\\.ey[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]*";

  private static final List<Detector> TOKEN_FORMAT_DETECTORS = List.of(
      Detector.whole("github-token", GITHUB_TOKEN),
      Detector.whole("github-pat", GITHUB_PAT),
      Detector.whole("sk-api-key", SK_KEY).onlyIf(t -> t.contains("sk-")),
      Detector.whole("slack-token", SLACK),
      Detector.whole("jwt", JWT),
      Detector.whole("private-key-block", PEM));

  private static final String TOKEN_CHARS = "[A-Za-z0-9._~+/=-]";
  private static final String NOT_A_REFERENCE = "(?!__SAFE__(?!" + TOKEN_CHARS + "))";
  private static final String AUTH_HEADER = "(?i)(?<![A-Za-z0-9])(?:"
      + "authorization[ \\t]*:[ \\t]*(?:bearer|token|basic)[ \\t]+" + NOT_A_REFERENCE
      + "(" + TOKEN_CHARS + "{8,})"
      + "|bearer[ \\t]+" + NOT_A_REFERENCE + "(" + TOKEN_CHARS + "{20,}))";
  private static final String QUERY_TOKEN = "[?&](?i:[a-z0-9_.-]*(?:token|secret|password|passwd"
      + "|api_?key)|key|sig|signature|auth)=(?!__SAFE__(?![^&\\s#\"'<>])|\\[REDACTED\\])"
      + "([^&\\s#\"'<>]{6,})";
  private static final String AWS_SECRET_KEY =
      "(?i)(?:aws_?secret_?(?:access_?)?key|secret_?access_?key)[\"']?[ \\t]*[:=][ \\t]*[\"']?"
          + "([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])";

  // The usual ways credentials reach text in this factory beyond the original's patterns.
  private static final List<Detector> CREDENTIAL_FORM_DETECTORS = List.of(
      new Detector("secret-variable", LegacyFinders.ASSIGNMENT_SHAPE, LegacyFinders::secretAssignments)
          .onlyIf(t -> t.indexOf('=') >= 0).supplementing(),
      new Detector("auth-header", AUTH_HEADER, LegacyFinders.anchored(AUTH_HEADER,
          LegacyFinders.wordsIgnoringCase("authorization", "bearer"), LegacyFinders.group(1, 2)))
          .supplementing(),
      new Detector("query-token", QUERY_TOKEN,
          LegacyFinders.anchored(QUERY_TOKEN, LegacyFinders.literals("?", "&"), LegacyFinders.group(1)))
          .onlyIf(t -> t.indexOf('=') >= 0 && (t.indexOf('?') >= 0 || t.indexOf('&') >= 0))
          .supplementing(),
      new Detector("aws-secret-key", AWS_SECRET_KEY,
          LegacyFinders.regex(AWS_SECRET_KEY, LegacyFinders.group(1)))
          .onlyIf(t -> LegacyFinders.containsIgnoreCase(t, "secret")).supplementing(),
      new Detector("aws-temporary-key", "ASIA[0-9A-Z]{16}",
          LegacyFinders.regex("ASIA[0-9A-Z]{16}", LegacyFinders.extendFrom(0, LegacyFinders::isUpperOrDigit)))
          .supplementing(),
      new Detector("private-key-body", LegacyFinders.PEM_BODY_SHAPE, LegacyFinders::pemBodies).supplementing(),
      new Detector("wrapped-hex", LegacyFinders.WRAPPED_HEX_SHAPE, LegacyFinders::wrappedHex)
          .onlyIf(t -> t.indexOf('\n') >= 0).supplementing());

  private static final List<Detector> ALL_DETECTORS = concat(ORIGINAL_DETECTORS,
      List.of(USERINFO_DETECTOR), TOKEN_FORMAT_DETECTORS, CREDENTIAL_FORM_DETECTORS);

  private static final LegacySecretScanner DEFAULTS = builder().build();

  private final List<Pattern> safePatterns;
  private final List<Detector> detectors;

  private LegacySecretScanner(Builder b) {
    List<Pattern> safe = new ArrayList<>(List.of(SAFE_ENV_REF, SAFE_COMMIT, SAFE_MERGE));
    if (b.forgeLinksSafe) {
      safe.add(SAFE_CODEBERG);
      safe.add(SAFE_LOCAL_FORGE);
    }
    safe.add(SAFE_SHELLCHECK);
    if (b.watermarkSafe) {
      safe.add(SAFE_WATERMARK);
    }
    safe.addAll(b.extraSafePatterns);
    this.safePatterns = List.copyOf(safe);
    List<Detector> det = new ArrayList<>(ORIGINAL_DETECTORS);
    if (b.detectUserinfo) {
      det.add(USERINFO_DETECTOR);
    }
    if (b.detectTokenFormats) {
      det.addAll(TOKEN_FORMAT_DETECTORS);
    }
    if (b.detectCredentialForms) {
      det.addAll(CREDENTIAL_FORM_DETECTORS);
    }
    this.detectors = List.copyOf(det);
  }

  @SafeVarargs
  private static <T> List<T> concat(List<T>... lists) {
    List<T> all = new ArrayList<>();
    for (List<T> l : lists) {
      all.addAll(l);
    }
    return List.copyOf(all);
  }

  /**
   * The scanner with the port's default patterns: the original's, plus userinfo credentials, the
   * well-known token formats, the usual credential forms (secret variables however quoted, auth
   * headers, query tokens, AWS secrets, headerless PEM bodies, wrapped hex tokens), working
   * forge-link safe patterns and the review watermark. With it, {@link #redact} removes exactly
   * what {@link #scan} flags.
   *
   * @return the shared default scanner
   */
  public static LegacySecretScanner defaults() {
    return DEFAULTS;
  }

  /**
   * A scanner whose detection is exactly the original's at {@code 41f0210abf}: no userinfo,
   * token-format or credential-form patterns, dead forge-link safe patterns, no watermark.
   * Redaction is the port's.
   *
   * @return a scanner with the original's detection
   */
  public static LegacySecretScanner originalDetection() {
    return builder()
        .forgeLinksSafe(false)
        .watermarkSafe(false)
        .detectUserinfo(false)
        .detectTokenFormats(false)
        .detectCredentialForms(false)
        .build();
  }

  /**
   * Starts a scanner configuration from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Looks for potential secrets in {@code text}, after replacing the safe patterns. Mirrors
   * {@code scan_for_secrets}: the text is clean when there are no findings (the original's
   * return code 0).
   *
   * @param text the text to check; the empty string is clean
   * @return the findings, per pattern in pattern order, then in text order
   * @throws IllegalArgumentException when {@code text} is null
   */
  public SecretScanner.ScanResult scan(String text) {
    if (text == null) {
      throw new IllegalArgumentException("text to scan must not be null");
    }
    String cleaned = LegacyMasked.of(text, safePatterns).text();
    List<SecretScanner.SecretFinding> findings = new ArrayList<>();
    List<int[]> found = new ArrayList<>();
    for (Detector d : detectors) {
      if (!d.mayMatch().test(cleaned)) {
        continue;
      }
      d.finder().find(cleaned, (start, end, spans) -> {
        String match = cleaned.substring(start, end);
        if (match.isEmpty() || match.equals(SAFE)
            || d.supplementary() && covered(found, spans)) {
          return;
        }
        findings.add(new SecretScanner.SecretFinding(d.id(), d.regex(), preview(match), match.length()));
        for (int k = 0; k + 1 < spans.length; k += 2) {
          found.add(new int[] {spans[k], spans[k + 1]});
        }
      });
    }
    return new SecretScanner.ScanResult(findings);
  }

  /**
   * Checks {@code text} and refuses it when it holds a potential secret, logging one warning line
   * per finding (the original's diagnostics, with masked previews).
   *
   * @param text the text about to leave the factory
   * @return {@code text}, for chaining
   * @throws SecretsDetectedException when anything was found
   * @throws IllegalArgumentException when {@code text} is null
   */
  public String requireClean(String text) {
    SecretScanner.ScanResult result = scan(text);
    if (!result.clean()) {
      result.findings().forEach(f -> LOG.warn(f.logLine()));
      throw new SecretsDetectedException(result.findings());
    }
    return text;
  }

  /**
   * Replaces every secret in {@code text} with {@code [REDACTED]}, whole, and keeps every other
   * character (trailing newlines included). Mirrors {@code redact_secrets}, with every pattern of
   * the port and this scanner's safe patterns: what a safe pattern covers (a {@code commit <sha>},
   * a forge commit link, an env var reference) is kept, so for {@link #defaults()} a text is
   * changed exactly when {@link #scan} flags it.
   *
   * @param text the text to clean
   * @return the text with secrets replaced
   * @throws IllegalArgumentException when {@code text} is null
   */
  public String redact(String text) {
    if (text == null) {
      throw new IllegalArgumentException("text to redact must not be null");
    }
    LegacyMasked masked = LegacyMasked.of(text, safePatterns);
    String cleaned = masked.text();
    List<int[]> spans = new ArrayList<>();
    for (Detector d : ALL_DETECTORS) {
      if (!d.mayMatch().test(cleaned)) {
        continue;
      }
      d.finder().find(cleaned, (start, end, secret) -> {
        if (start == end || cleaned.regionMatches(start, SAFE, 0, SAFE.length())
            && end - start == SAFE.length()) {
          return;
        }
        for (int k = 0; k + 1 < secret.length; k += 2) {
          if (secret[k + 1] > secret[k]) {
            spans.add(masked.original(secret[k], secret[k + 1]));
          }
        }
      });
    }
    if (spans.isEmpty()) {
      return text;
    }
    spans.sort(Comparator.comparingInt((int[] s) -> s[0]));
    StringBuilder out = new StringBuilder(text.length());
    int pos = 0;
    int i = 0;
    while (i < spans.size()) {
      int start = spans.get(i)[0];
      int end = spans.get(i)[1];
      i++;
      while (i < spans.size() && spans.get(i)[0] <= end) {
        end = Math.max(end, spans.get(i)[1]);
        i++;
      }
      out.append(text, pos, start).append(REDACTED);
      pos = end;
    }
    return out.append(text, pos, text.length()).toString();
  }

  /** Whether every span of {@code spans} lies inside one span of {@code found}. */
  private static boolean covered(List<int[]> found, int[] spans) {
    for (int k = 0; k + 1 < spans.length; k += 2) {
      boolean inside = false;
      for (int[] f : found) {
        if (f[0] <= spans[k] && spans[k + 1] <= f[1]) {
          inside = true;
          break;
        }
      }
      if (!inside) {
        return false;
      }
    }
    return true;
  }

  static String preview(String match) {
    return match.substring(0, Math.min(4, match.length())) + "...(" + match.length() + " chars)";
  }

  /** Configuration of a {@link LegacySecretScanner}; every switch starts at the port's default. */
  public static final class Builder {
    private boolean forgeLinksSafe = true;
    private boolean watermarkSafe = true;
    private boolean detectUserinfo = true;
    private boolean detectTokenFormats = true;
    private boolean detectCredentialForms = true;
    private final List<Pattern> extraSafePatterns = new ArrayList<>();

    private Builder() {}

    /**
     * Whether commit links on {@code codeberg.org} and {@code localhost:3000} ({@code
     * <owner>/<repo>/[src/]commit/<sha>}, {@code …/compare/<a>...<b>}) are safe for detection up
     * to the commit id (default true; the original intends it but its sed rejects the patterns).
     *
     * @param safe true to treat forge links as safe
     * @return this builder
     */
    public Builder forgeLinksSafe(boolean safe) {
      this.forgeLinksSafe = safe;
      return this;
    }

    /**
     * Whether {@code last-reviewed: <sha>} watermarks are safe (default true, upstream 6533f32).
     *
     * @param safe true to treat the watermark as safe
     * @return this builder
     */
    public Builder watermarkSafe(boolean safe) {
      this.watermarkSafe = safe;
      return this;
    }

    /**
     * Whether {@code scheme://user:password@} credentials are detected (default true). Redaction
     * always removes them.
     *
     * @param detect true to detect userinfo credentials
     * @return this builder
     */
    public Builder detectUserinfo(boolean detect) {
      this.detectUserinfo = detect;
      return this;
    }

    /**
     * Whether the well-known token formats (GitHub, {@code sk-} keys, Slack, JWT, PEM private
     * keys) are detected (default true). Redaction always removes them.
     *
     * @param detect true to detect the token formats
     * @return this builder
     */
    public Builder detectTokenFormats(boolean detect) {
      this.detectTokenFormats = detect;
      return this;
    }

    /**
     * Whether the usual credential forms are detected (default true): secret variables by name
     * however quoted ({@code FORGE_PASS=…}, {@code NAME="…"}, {@code NAME='…'}), {@code
     * Authorization: token|bearer|basic …} and lowercase {@code bearer …}, {@code ?token=} style
     * query parameters, AWS secret access keys and {@code ASIA…} keys, PEM bodies without their
     * header line, and hex tokens wrapped over two lines. Redaction always removes them.
     *
     * @param detect true to detect the credential forms
     * @return this builder
     */
    public Builder detectCredentialForms(boolean detect) {
      this.detectCredentialForms = detect;
      return this;
    }

    /**
     * Adds a safe pattern, applied for detection after the built-in ones (a forge host, say).
     *
     * @param regex a Java regular expression whose matches are not secrets
     * @return this builder
     * @throws java.util.regex.PatternSyntaxException when {@code regex} is invalid
     */
    public Builder safePattern(String regex) {
      extraSafePatterns.add(Pattern.compile(Objects.requireNonNull(regex, "regex")));
      return this;
    }

    /**
     * Builds the scanner.
     *
     * @return an immutable scanner
     */
    public LegacySecretScanner build() {
      return new LegacySecretScanner(this);
    }
  }

  // The regular expressions that cannot start with a literal are the slow ones (java.util.regex
  // then tries every position). Each may carry a literal check that any match needs: when the
  // text fails it (one String.indexOf), the expression is skipped. Results are unchanged.

  /** Whether a {@code KEY=} of the assignment pattern occurs at all. */
  private static boolean mayHoldAssignment(String text) {
    for (String key : ASSIGNMENT_KEY_LIST) {
      if (text.contains(key)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code scheme://user:pass@} can occur at all. */
  private static boolean mayHoldUserinfo(String text) {
    return text.contains("://") && text.indexOf('@') >= 0;
  }

  // A supplementary detector reports a match only when an earlier finding does not already cover
  // its secret (FORGE_TOKEN=… is one "assignment", not also a "secret-variable"); redaction is the
  // same either way.
  private record Detector(String id, String regex, LegacyFinders.Finder finder,
      Predicate<String> mayMatch, boolean supplementary) {
    Detector(String id, String shownRegex, LegacyFinders.Finder finder) {
      this(id, shownRegex, finder, text -> true, false);
    }

    static Detector whole(String id, String javaRegex) {
      return new Detector(id, javaRegex, LegacyFinders.regex(javaRegex, LegacyFinders.WHOLE));
    }

    Detector onlyIf(Predicate<String> check) {
      return new Detector(id, regex, finder, check, supplementary);
    }

    Detector supplementing() {
      return new Detector(id, regex, finder, mayMatch, true);
    }
  }
}
