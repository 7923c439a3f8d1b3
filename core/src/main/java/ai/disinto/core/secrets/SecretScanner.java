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
 * Finds and removes credentials in text before it is posted to the forge.
 *
 * <p>Mirrors {@code scan_for_secrets} and {@code redact_secrets} in {@code lib/secret-scan.sh}.
 * Detection first replaces the known safe patterns (env var references, {@code commit <sha>},
 * ShellCheck codes, …) with {@code __SAFE__}, then reports every match of every secret pattern.
 * Redaction runs the same patterns over the same masked text and replaces, in the original text,
 * the secret part of every match; so what {@link #defaults()} flags is removed whole, and what it
 * lets through is left alone.
 *
 * <p>Deliberate differences from the original:
 *
 * <ul>
 *   <li>Redaction removes each secret whole: the spans of all matches are merged and every merged
 *       span becomes one {@code [REDACTED]}, so no prefix or suffix of a secret survives (the
 *       original leaks characters at line start, before the last hex run of a URL, after a 64-hex
 *       {@code 0x} key, after the first dot of a JWT, after a hex run inside an assignment, and
 *       keeps {@code $} followed by hex whole although detection flags it).
 *   <li>Redaction honours the safe patterns, as detection does: {@code commit <sha>}, {@code Merge
 *       <sha>}, forge commit links and the watermark are kept (the original redacts their SHA).
 *   <li>Credentials in URL userinfo ({@code scheme://user:password@host}, {@code
 *       scheme://token@host}) are detected and redacted; the original's comment promises it but no
 *       pattern does it.
 *   <li>The forge-link safe patterns ({@code codeberg.org/…}, {@code localhost:3000/…}) work; in
 *       the original sed rejects them because they contain its delimiter. What they were meant for
 *       (#611) is commit links: {@code <host>/<owner>/<repo>/[src/]commit/<sha>} and {@code
 *       …/compare/<sha>...<sha>} are safe up to the commit id; the rest of such a link, and any
 *       other path on those hosts, is scanned like other text.
 *   <li>Well-known token formats are detected and redacted: GitHub {@code ghp_}/{@code gho_}/…
 *       and {@code github_pat_}, Anthropic and OpenAI {@code sk-…} keys, Slack {@code xox…-},
 *       JWTs and PEM private key blocks.
 *   <li>The usual credential forms are detected and redacted: the factory's secret variables by
 *       name ({@code FORGE_TOKEN}, {@code FORGE_PASS}, the bots' {@code *_TOKEN}/{@code
 *       *_PASS}, {@code WOODPECKER_*_SECRET}, {@code *_API_KEY}, {@code PGPASSWORD}, …) with a
 *       value of 8 or more characters, unquoted, {@code "…"}, {@code '…'} or {@code $'…'} quoted;
 *       {@code Authorization: token|bearer|basic …} and {@code bearer …} in any case; {@code
 *       ?token=}, {@code access_token=} and similar query parameters; AWS secret access keys and
 *       {@code ASIA…} keys; PEM bodies pasted without their header line; and hex tokens wrapped
 *       over two lines.
 *   <li>The {@code last-reviewed: <sha>} watermark is safe (upstream 6533f32).
 *   <li>Findings carry a masked preview (first 4 characters and the length) instead of 12
 *       characters of the secret; the input is never read from stdin; trailing newlines are kept.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SecretScanner {
  private static final Logger LOG = LoggerFactory.getLogger(SecretScanner.class);

  /** What every redacted secret is replaced with. */
  public static final String REDACTED = "[REDACTED]";

  private static final String SAFE = "__SAFE__";

  // Safe patterns, in the original's order (forge links sit where the original lists them).
  // Each starts with a literal, so it is tried only where that literal occurs (Finders.anchored).
  private static final Finders.Finder SAFE_ENV_REF =
      Finders.startingWith("\\$\\{?[A-Z_]+\\}?", "$", Finders.WHOLE);
  private static final Finders.Finder SAFE_COMMIT =
      Finders.startingWith("commit [0-9a-f]{40}", "commit ", Finders.WHOLE);
  private static final Finders.Finder SAFE_MERGE =
      Finders.startingWith("Merge [0-9a-f]{40}", "Merge ", Finders.WHOLE);
  // A forge link is safe up to and including the commit id it names (owner/repo/commit/<sha>,
  // src/commit/<sha>, compare/<sha>...<sha>); anything after that is scanned like any text, so
  // a token glued onto a link, or a hex run in another kind of path, is still caught.
  private static final String FORGE_REPO_LINK =
      "/[A-Za-z0-9._-]+/[A-Za-z0-9._-]+/(?:src/)?(?:commit|compare)/[0-9a-f]{40}"
          + "(?:\\.{2,3}[0-9a-f]{40})?(?![0-9A-Za-z_])";
  private static final Finders.Finder SAFE_CODEBERG = Finders.anchored(
      "codeberg\\.org" + FORGE_REPO_LINK, Finders.repoLinks("codeberg.org"), Finders.WHOLE);
  private static final Finders.Finder SAFE_LOCAL_FORGE = Finders.anchored(
      "localhost:3000" + FORGE_REPO_LINK, Finders.repoLinks("localhost:3000"), Finders.WHOLE);
  private static final Finders.Finder SAFE_SHELLCHECK =
      Finders.startingWith("SC[0-9]{4}", "SC", Finders.WHOLE);
  private static final Finders.Finder SAFE_WATERMARK =
      Finders.startingWith("last-reviewed: [0-9a-f]{40}", "last-reviewed: ", Finders.WHOLE);

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
      new Detector("long-hex", "[0-9a-fA-F]{32,}", Finders.hexRuns(32)),
      new Detector("bearer", "Bearer [A-Za-z0-9_/+=-]{20,}",
          Finders.startingWith("Bearer [A-Za-z0-9_/+=-]{20,}", "Bearer ",
              Finders.extendFrom("Bearer ".length(), Finders::isTokenChar))),
      new Detector("eth-private-key", "0x[0-9a-fA-F]{64}",
          Finders.startingWith("0x[0-9a-fA-F]{64}", "0x", Finders.extendFrom(0, Finders::isHex))),
      new Detector("url-hex", "https?://[^[:space:]]*[0-9a-fA-F]{20,}",
          Finders.startingWith("https?://\\S*[0-9a-fA-F]{20,}", "http", Finders::urlHexRuns)),
      new Detector("aws-access-key", "AKIA[0-9A-Z]{16}",
          Finders.startingWith("AKIA[0-9A-Z]{16}", "AKIA",
              Finders.extendFrom(0, Finders::isUpperOrDigit))),
      new Detector("assignment",
          "(API_KEY|SECRET|TOKEN|PRIVATE_KEY|PASSWORD|INFURA|ALCHEMY)=[^[:space:]\"]{16,}",
          Finders.anchored("(API_KEY|SECRET|TOKEN|PRIVATE_KEY|PASSWORD|INFURA|ALCHEMY)=([^\\s\"]{16,})",
              Finders.keysBeforeEquals(ASSIGNMENT_KEY_LIST.stream()
                  .map(k -> k.substring(0, k.length() - 1)).toArray(String[]::new)),
              Finders.group(2))));

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
      "userinfo", USERINFO, Finders.anchored(USERINFO, Finders::schemeStarts, Finders.group(1, 2)))
      .onlyIf(SecretScanner::mayHoldUserinfo);

  private static final String SK_KEY = "(?<![A-Za-z0-9])sk-(?=[A-Za-z0-9_-]*[0-9])[A-Za-z0-9_-]{20,}";
  private static final String GITHUB_TOKEN = "gh[pousr]_[A-Za-z0-9]{36,}";
  private static final String GITHUB_PAT = "github_pat_[A-Za-z0-9_]{22,}";
  private static final String SLACK = "xox[abeoprs]-[A-Za-z0-9-]{10,}";
  private static final String JWT = "eyJ[A-Za-z0-9_-]{8,}\\.ey[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]*";

  private static final List<Detector> TOKEN_FORMAT_DETECTORS = List.of(
      Detector.whole("github-token", GITHUB_TOKEN, "gh"),
      Detector.whole("github-pat", GITHUB_PAT, "github_pat_"),
      Detector.whole("sk-api-key", SK_KEY, "sk-"),
      Detector.whole("slack-token", SLACK, "xox"),
      Detector.whole("jwt", JWT, "eyJ"),
      Detector.whole("private-key-block", PEM, "-----BEGIN"));

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
      new Detector("secret-variable", Finders.ASSIGNMENT_SHAPE, Finders::secretAssignments)
          .onlyIf(t -> t.indexOf('=') >= 0).supplementing(),
      new Detector("auth-header", AUTH_HEADER, Finders.anchored(AUTH_HEADER,
          Finders.Text::authWords, Finders.group(1, 2)))
          .supplementing(),
      new Detector("query-token", QUERY_TOKEN,
          Finders.anchored(QUERY_TOKEN, Finders.literals("?", "&"), Finders.group(1)))
          .onlyIf(t -> t.indexOf('=') >= 0 && (t.indexOf('?') >= 0 || t.indexOf('&') >= 0))
          .supplementing(),
      new Detector("aws-secret-key", AWS_SECRET_KEY,
          Finders.anchored(AWS_SECRET_KEY, Finders.Text::awsWords, Finders.group(1)))
          .onlyIf(t -> t.indexOf('=') >= 0 || t.indexOf(':') >= 0).supplementing(),
      new Detector("aws-temporary-key", "ASIA[0-9A-Z]{16}",
          Finders.startingWith("ASIA[0-9A-Z]{16}", "ASIA",
              Finders.extendFrom(0, Finders::isUpperOrDigit)))
          .supplementing(),
      new Detector("private-key-body", Finders.PEM_BODY_SHAPE, Finders::pemBodies).supplementing(),
      new Detector("wrapped-hex", Finders.WRAPPED_HEX_SHAPE, Finders::wrappedHex)
          .onlyIf(t -> t.indexOf('\n') >= 0).supplementing());

  private static final List<Detector> ALL_DETECTORS = concat(ORIGINAL_DETECTORS,
      List.of(USERINFO_DETECTOR), TOKEN_FORMAT_DETECTORS, CREDENTIAL_FORM_DETECTORS);

  private static final SecretScanner DEFAULTS = builder().build();

  private final List<Finders.Finder> safePatterns;
  private final List<Detector> detectors;

  private SecretScanner(Builder b) {
    List<Finders.Finder> safe = new ArrayList<>(List.of(SAFE_ENV_REF, SAFE_COMMIT, SAFE_MERGE));
    if (b.forgeLinksSafe) {
      safe.add(SAFE_CODEBERG);
      safe.add(SAFE_LOCAL_FORGE);
    }
    safe.add(SAFE_SHELLCHECK);
    if (b.watermarkSafe) {
      safe.add(SAFE_WATERMARK);
    }
    for (Pattern p : b.extraSafePatterns) {
      safe.add(Masked.everyMatch(p));
    }
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
  public static SecretScanner defaults() {
    return DEFAULTS;
  }

  /**
   * A scanner whose detection is exactly the original's at {@code 41f0210abf}: no userinfo,
   * token-format or credential-form patterns, dead forge-link safe patterns, no watermark.
   * Redaction is the port's.
   *
   * @return a scanner with the original's detection
   */
  public static SecretScanner originalDetection() {
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
  public ScanResult scan(String text) {
    if (text == null) {
      throw new IllegalArgumentException("text to scan must not be null");
    }
    String cleaned = Masked.of(text, safePatterns).text();
    Finders.Text scanned = new Finders.Text(cleaned);
    List<SecretFinding> findings = new ArrayList<>();
    List<int[]> found = new ArrayList<>();
    for (Detector d : detectors) {
      if (!d.mayMatch().test(cleaned)) {
        continue;
      }
      d.finder().find(scanned, (start, end, spans) -> {
        String match = cleaned.substring(start, end);
        if (match.isEmpty() || match.equals(SAFE)
            || d.supplementary() && covered(found, spans)) {
          return;
        }
        findings.add(new SecretFinding(d.id(), d.regex(), preview(match), match.length()));
        for (int k = 0; k + 1 < spans.length; k += 2) {
          found.add(new int[] {spans[k], spans[k + 1]});
        }
      });
    }
    return new ScanResult(findings);
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
    ScanResult result = scan(text);
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
    Masked masked = Masked.of(text, safePatterns);
    String cleaned = masked.text();
    Finders.Text scanned = new Finders.Text(cleaned);
    List<int[]> spans = new ArrayList<>();
    for (Detector d : ALL_DETECTORS) {
      if (!d.mayMatch().test(cleaned)) {
        continue;
      }
      d.finder().find(scanned, (start, end, secret) -> {
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

  /**
   * The outcome of a scan.
   *
   * @param findings every potential secret found, in pattern order then text order
   */
  public record ScanResult(List<SecretFinding> findings) {
    /** Freezes the list. */
    public ScanResult {
      findings = List.copyOf(findings);
    }

    /**
     * Whether nothing was found (the original's return code 0).
     *
     * @return true when there are no findings
     */
    public boolean clean() {
      return findings.isEmpty();
    }
  }

  /**
   * One potential secret. Holds a masked preview, never the secret itself.
   *
   * @param patternId the stable id of the pattern ({@code long-hex}, {@code assignment}, …)
   * @param regex the pattern as the original prints it (its ERE; the Java regex for new patterns)
   * @param preview the first 4 characters of the match, {@code ...} and its length
   * @param length the length of the match in characters
   */
  public record SecretFinding(String patternId, String regex, String preview, int length) {
    /**
     * The diagnostic line the original prints on stderr for this finding, with the masked preview.
     *
     * @return {@code secret-scan: detected potential secret matching pattern [<regex>]: <preview>}
     */
    public String logLine() {
      return "secret-scan: detected potential secret matching pattern [" + regex + "]: " + preview;
    }
  }

  /** Configuration of a {@link SecretScanner}; every switch starts at the port's default. */
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
    public SecretScanner build() {
      return new SecretScanner(this);
    }
  }

  // The regular expressions that cannot start with a literal are the slow ones (java.util.regex
  // then tries every position). Each may carry a literal check that any match needs: when the
  // text fails it (one String.indexOf), the expression is skipped. Results are unchanged.

  /** Whether {@code scheme://user:pass@} can occur at all. */
  private static boolean mayHoldUserinfo(String text) {
    return text.contains("://") && text.indexOf('@') >= 0;
  }

  // A supplementary detector reports a match only when an earlier finding does not already cover
  // its secret (FORGE_TOKEN=… is one "assignment", not also a "secret-variable"); redaction is the
  // same either way.
  private record Detector(String id, String regex, Finders.Finder finder,
      Predicate<String> mayMatch, boolean supplementary) {
    Detector(String id, String shownRegex, Finders.Finder finder) {
      this(id, shownRegex, finder, text -> true, false);
    }

    static Detector whole(String id, String javaRegex, String prefix) {
      return new Detector(id, javaRegex, Finders.startingWith(javaRegex, prefix, Finders.WHOLE));
    }

    Detector onlyIf(Predicate<String> check) {
      return new Detector(id, regex, finder, check, supplementary);
    }

    Detector supplementing() {
      return new Detector(id, regex, finder, mayMatch, true);
    }
  }
}
