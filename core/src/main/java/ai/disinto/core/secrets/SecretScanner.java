package ai.disinto.core.secrets;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and removes credentials in text before it is posted to the forge.
 *
 * <p>Mirrors {@code scan_for_secrets} and {@code redact_secrets} in {@code lib/secret-scan.sh}.
 * Detection first replaces the known safe patterns (env var references, {@code commit <sha>},
 * ShellCheck codes, …) with {@code __SAFE__}, then reports every match of every secret pattern.
 * Redaction ignores the safe patterns on purpose, so it is stricter than detection.
 *
 * <p>Deliberate differences from the original:
 *
 * <ul>
 *   <li>Redaction removes each secret whole: the spans of all rules are merged and every merged
 *       span becomes one {@code [REDACTED]}, so no prefix or suffix of a secret survives (the
 *       original leaks characters at line start, before the last hex run of a URL, after a 64-hex
 *       {@code 0x} key, after the first dot of a JWT, and after a hex run inside an assignment).
 *   <li>Credentials in URL userinfo ({@code scheme://user:password@host}) are detected and
 *       redacted; the original's comment promises it but no pattern does it.
 *   <li>The forge-link safe patterns ({@code codeberg.org/…}, {@code localhost:3000/…}) work; in
 *       the original sed rejects them because they contain its delimiter. What they were meant for
 *       (#611) is commit links: {@code <host>/<owner>/<repo>/[src/]commit/<sha>} and {@code
 *       …/compare/<sha>...<sha>} are safe up to the commit id; the rest of such a link, and any
 *       other path on those hosts, is scanned like other text.
 *   <li>Well-known token formats are detected and redacted: GitHub {@code ghp_}/{@code gho_}/…
 *       and {@code github_pat_}, Anthropic and OpenAI {@code sk-…} keys, Slack {@code xox…-},
 *       JWTs and PEM private key blocks.
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

  // The original's detection patterns, in its order; the regex shown is the original's ERE.
  private static final List<Detector> ORIGINAL_DETECTORS = List.of(
      new Detector("long-hex", "[0-9a-fA-F]{32,}", "[0-9a-fA-F]{32,}"),
      new Detector("bearer", "Bearer [A-Za-z0-9_/+=-]{20,}", "Bearer [A-Za-z0-9_/+=-]{20,}"),
      new Detector("eth-private-key", "0x[0-9a-fA-F]{64}", "0x[0-9a-fA-F]{64}"),
      new Detector("url-hex", "https?://[^[:space:]]*[0-9a-fA-F]{20,}",
          "https?://\\S*[0-9a-fA-F]{20,}"),
      new Detector("aws-access-key", "AKIA[0-9A-Z]{16}", "AKIA[0-9A-Z]{16}"),
      new Detector("assignment",
          "(API_KEY|SECRET|TOKEN|PRIVATE_KEY|PASSWORD|INFURA|ALCHEMY)=[^[:space:]\"]{16,}",
          "(API_KEY|SECRET|TOKEN|PRIVATE_KEY|PASSWORD|INFURA|ALCHEMY)=[^\\s\"]{16,}")
          .onlyIf(SecretScanner::mayHoldAssignment));

  // A scheme starts where a run of letters starts: (?<![A-Za-z]) finds the same leftmost match as
  // without it, but tries each word once instead of once per letter (linear, not quadratic).
  private static final String SCHEME = "(?<![A-Za-z])[A-Za-z][A-Za-z0-9+.-]*://";

  private static final Detector USERINFO_DETECTOR = Detector.java(
      "userinfo", SCHEME + "[^/\\s:@]+:[^/\\s@]+@").onlyIf(SecretScanner::mayHoldUserinfo);

  private static final String SK_KEY = "(?<![A-Za-z0-9])sk-(?=[A-Za-z0-9_-]*[0-9])[A-Za-z0-9_-]{20,}";
  private static final String GITHUB_TOKEN = "gh[pousr]_[A-Za-z0-9]{36,}";
  private static final String GITHUB_PAT = "github_pat_[A-Za-z0-9_]{22,}";
  private static final String SLACK = "xox[abeoprs]-[A-Za-z0-9-]{10,}";
  private static final String JWT = "eyJ[A-Za-z0-9_-]{8,}\\.ey[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]*";

  private static final List<Detector> TOKEN_FORMAT_DETECTORS = List.of(
      Detector.java("github-token", GITHUB_TOKEN),
      Detector.java("github-pat", GITHUB_PAT),
      Detector.java("sk-api-key", SK_KEY).onlyIf(t -> t.contains("sk-")),
      Detector.java("slack-token", SLACK),
      Detector.java("jwt", JWT),
      Detector.java("private-key-block", PEM));

  // Redaction rules: each yields the span of the secret itself (the group, or the whole match).
  private static final List<RedactionRule> REDACTION_RULES = List.of(
      new RedactionRule("AKIA[0-9A-Z]{16,}", 0),
      new RedactionRule("0x[0-9a-fA-F]{64,}", 0),
      new RedactionRule("(?<![$0-9a-fA-F])[0-9a-fA-F]{32,}", 0),
      new RedactionRule(ASSIGNMENT_KEYS + "=([^\\s\"]{16,})", 1)
          .onlyIf(SecretScanner::mayHoldAssignment),
      new RedactionRule("Bearer ([A-Za-z0-9._~+/=-]{20,})", 1),
      new RedactionRule(SCHEME + "([^/\\s:@]+:[^/\\s]+)@", 1)
          .onlyIf(SecretScanner::mayHoldUserinfo),
      new RedactionRule(GITHUB_TOKEN, 0),
      new RedactionRule(GITHUB_PAT, 0),
      new RedactionRule(SK_KEY, 0).onlyIf(t -> t.contains("sk-")),
      new RedactionRule(SLACK, 0),
      new RedactionRule(JWT, 0),
      new RedactionRule(PEM, 0));
  private static final Pattern URL_TOKEN = Pattern.compile("https?://\\S*");
  private static final Pattern HEX_RUN_20 = Pattern.compile("(?<![0-9a-fA-F])[0-9a-fA-F]{20,}");

  private static final SecretScanner DEFAULTS = builder().build();

  private final List<Pattern> safePatterns;
  private final List<Detector> detectors;

  private SecretScanner(Builder b) {
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
    this.detectors = List.copyOf(det);
  }

  /**
   * The scanner with the port's default patterns: the original's, plus userinfo credentials, the
   * well-known token formats, working forge-link safe patterns and the review watermark.
   *
   * @return the shared default scanner
   */
  public static SecretScanner defaults() {
    return DEFAULTS;
  }

  /**
   * A scanner whose detection is exactly the original's at {@code 41f0210abf}: no userinfo or
   * token-format patterns, dead forge-link safe patterns, no watermark. Redaction is the port's.
   *
   * @return a scanner with the original's detection
   */
  public static SecretScanner originalDetection() {
    return builder()
        .forgeLinksSafe(false)
        .watermarkSafe(false)
        .detectUserinfo(false)
        .detectTokenFormats(false)
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
    String cleaned = text;
    for (Pattern safe : safePatterns) {
      cleaned = safe.matcher(cleaned).replaceAll(SAFE);
    }
    List<SecretFinding> findings = new ArrayList<>();
    for (Detector d : detectors) {
      if (!d.mayMatch().test(cleaned)) {
        continue;
      }
      Matcher m = d.pattern().matcher(cleaned);
      while (m.find()) {
        String match = m.group();
        if (match.isEmpty() || match.equals(SAFE)) {
          continue;
        }
        findings.add(new SecretFinding(d.id(), d.regex(), preview(match), match.length()));
      }
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
   * character (trailing newlines included). Mirrors {@code redact_secrets}; safe patterns do not
   * apply.
   *
   * @param text the text to clean
   * @return the text with secrets replaced
   * @throws IllegalArgumentException when {@code text} is null
   */
  public String redact(String text) {
    if (text == null) {
      throw new IllegalArgumentException("text to redact must not be null");
    }
    List<int[]> spans = new ArrayList<>();
    for (RedactionRule rule : REDACTION_RULES) {
      if (!rule.mayMatch().test(text)) {
        continue;
      }
      Matcher m = rule.pattern().matcher(text);
      while (m.find()) {
        spans.add(new int[] {m.start(rule.group()), m.end(rule.group())});
      }
    }
    Matcher url = URL_TOKEN.matcher(text);
    while (url.find()) {
      Matcher hex = HEX_RUN_20.matcher(url.group());
      while (hex.find()) {
        spans.add(new int[] {url.start() + hex.start(), url.start() + hex.end()});
      }
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

  private record Detector(String id, String regex, Pattern pattern, Predicate<String> mayMatch) {
    Detector(String id, String shownRegex, String javaRegex) {
      this(id, shownRegex, Pattern.compile(javaRegex), text -> true);
    }

    static Detector java(String id, String javaRegex) {
      return new Detector(id, javaRegex, javaRegex);
    }

    Detector onlyIf(Predicate<String> check) {
      return new Detector(id, regex, pattern, check);
    }
  }

  private record RedactionRule(Pattern pattern, int group, Predicate<String> mayMatch) {
    RedactionRule(String regex, int group) {
      this(Pattern.compile(regex), group, text -> true);
    }

    RedactionRule onlyIf(Predicate<String> check) {
      return new RedactionRule(pattern, group, check);
    }
  }
}
