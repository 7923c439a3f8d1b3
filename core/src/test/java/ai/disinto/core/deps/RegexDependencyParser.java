package ai.disinto.core.deps;

import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The regular-expression implementation the parser had before its single-pass rewrite, kept as
 * the oracle of the equivalence test: two line scans, {@code split}, a {@link TreeSet}.
 */
final class RegexDependencyParser {
  private static final Logger LOG = LoggerFactory.getLogger(RegexDependencyParser.class);

  private static final Pattern SECTION_START = Pattern.compile(
      "##? *(?:Depends on|Blocked by|Dependencies)", Pattern.CASE_INSENSITIVE);
  private static final Pattern SECTION_END = Pattern.compile("##? ");
  private static final Pattern INLINE = Pattern.compile(
      "blocked by|depends on", Pattern.CASE_INSENSITIVE);
  private static final Pattern ISSUE_REF = Pattern.compile("#([0-9]+)");
  private static final Pattern CROSS_REPO_TAIL = Pattern.compile("[\\w.-]+/[\\w.-]+$");
  private static final String FENCE = "```";

  private RegexDependencyParser() {}

  /**
   * The issue numbers {@code body} depends on, as {@code bash lib/parse-deps.sh} prints them.
   *
   * @param body the issue body; {@code null} counts as empty
   * @return the numbers, ascending and unique; empty when there are none
   */
  static List<Long> parse(String body) {
    if (body == null || body.isEmpty()) {
      return List.of();
    }
    String[] lines = body.split("\n", -1);
    TreeSet<Long> deps = new TreeSet<>();
    boolean inSection = false;
    for (String line : lines) {
      if (SECTION_START.matcher(line).lookingAt()) {
        inSection = true;
        continue;
      }
      if (inSection && SECTION_END.matcher(line).lookingAt()) {
        inSection = false;
      }
      if (inSection) {
        collect(line, deps);
      }
    }
    boolean inCode = false;
    for (String line : lines) {
      if (line.startsWith(FENCE)) {
        inCode = !inCode;
        continue;
      }
      if (!inCode && INLINE.matcher(line).find()) {
        collect(line, deps);
      }
    }
    return List.copyOf(deps);
  }

  /**
   * The issue numbers {@code body} depends on, without {@code selfNumber}: an issue that mentions
   * itself under its dependencies must not wait for itself. Callers should use this form.
   *
   * @param body the issue body; {@code null} counts as empty
   * @param selfNumber the number of the issue the body belongs to
   * @return the numbers, ascending and unique, {@code selfNumber} excluded
   */
  static List<Long> parse(String body, long selfNumber) {
    return parse(body).stream().filter(n -> n != selfNumber).toList();
  }

  private static void collect(String line, TreeSet<Long> deps) {
    Matcher m = ISSUE_REF.matcher(line);
    while (m.find()) {
      String digits = m.group(1);
      long number;
      try {
        number = Long.parseLong(digits);
      } catch (NumberFormatException e) {
        LOG.debug("parse-deps: ignoring #{}: too large for an issue number", digits);
        continue;
      }
      if (LOG.isDebugEnabled()) {
        String before = line.substring(0, m.start());
        if (before.endsWith("&")) {
          LOG.debug("parse-deps: #{} looks like an HTML entity, counted as in the original", digits);
        } else if (CROSS_REPO_TAIL.matcher(before).find()) {
          LOG.debug("parse-deps: #{} is a cross-repository reference, counted as in the original",
              digits);
        }
      }
      deps.add(number);
    }
  }
}
