package ai.disinto.forge.issues;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Markdown of the comments the lifecycle posts; text already redacted goes in. */
final class Comments {
  private static final DateTimeFormatter BLOCK_TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter REFUSAL_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final Pattern BACKTICKS = Pattern.compile("`+");

  private Comments() {}

  /**
   * The block comment: heading, a two-row table (exit reason, timestamp) and, when there is a
   * diagnostic, a collapsed code block. Trailing newlines are stripped, as the original's
   * {@code $(cat file)} does (9c17270: the table layout avoids a duplicate-detection false hit).
   */
  static String block(long issue, String reason, String diagnostic, Instant at) {
    StringBuilder b = new StringBuilder()
        .append("### Blocked — issue #").append(issue).append("\n\n")
        .append("| Field | Value |\n|---|---|\n")
        .append("| Exit reason | ").append(codeSpan(reason)).append(" |\n")
        .append("| Timestamp | `").append(BLOCK_TS.format(at)).append("` |\n");
    String text = stripTrailingNewlines(diagnostic == null ? "" : diagnostic);
    if (!text.isEmpty()) {
      String fence = "`".repeat(Math.max(3, longestBacktickRun(text) + 1));
      b.append("\n<details><summary>Diagnostic output</summary>\n\n")
          .append(fence).append('\n').append(text).append('\n').append(fence).append('\n')
          .append("</details>\n");
    }
    return stripTrailingNewlines(b.toString());
  }

  /** The refusal comment; its first line is the header that deduplication looks for. */
  static String refusal(String emoji, String title, String body, Instant at) {
    return emoji + " " + refusalHeader(title) + "\n\n" + body + "\n\n---\n"
        + "*Automated assessment by dev-agent · " + REFUSAL_DATE.format(at) + "*";
  }

  /** {@code **Dev-agent: {title}**}. */
  static String refusalHeader(String title) {
    return "**Dev-agent: " + title + "**";
  }

  /**
   * Whether a comment is a refusal with this title: its first line is an optional emoji followed
   * by the bold header, so a human quoting the header ({@code > ...}) or mentioning it in prose
   * does not count.
   */
  static boolean isRefusal(String commentBody, String title) {
    if (commentBody == null) {
      return false;
    }
    int nl = commentBody.indexOf('\n');
    String first = (nl < 0 ? commentBody : commentBody.substring(0, nl)).strip();
    String header = refusalHeader(title);
    if (!first.endsWith(header)) {
      return false;
    }
    String prefix = first.substring(0, first.length() - header.length()).strip();
    return prefix.isEmpty() || prefix.codePoints().noneMatch(
        cp -> Character.isWhitespace(cp) || Character.isLetterOrDigit(cp) || cp == '>');
  }

  /**
   * A Markdown code span for a table cell holding {@code text} literally: newlines become spaces,
   * pipes are escaped (GFM tables split cells on them, even inside code spans), and the delimiter
   * is one backtick longer than the longest backtick run inside, padded with spaces when the text
   * has backticks (CommonMark's way to put a backtick in a code span).
   */
  static String codeSpan(String text) {
    String t = text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ')
        .replace("|", "\\|");
    int run = longestBacktickRun(t);
    if (run == 0) {
      return "`" + t + "`";
    }
    String delim = "`".repeat(run + 1);
    return delim + " " + t + " " + delim;
  }

  static int longestBacktickRun(String text) {
    int longest = 0;
    Matcher m = BACKTICKS.matcher(text);
    while (m.find()) {
      longest = Math.max(longest, m.group().length());
    }
    return longest;
  }

  static String stripTrailingNewlines(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '\n') {
      end--;
    }
    return s.substring(0, end);
  }
}
