package ai.disinto.forge.pulls;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the verdict in a review bot comment (the format review-pr.sh writes: a {@code ### Verdict}
 * heading, then a line starting with {@code **APPROVE**}, {@code **REQUEST_CHANGES**} or {@code
 * **DISCUSS**}).
 *
 * <p>The original took the first of those tokens anywhere in the comment, which may sit in the
 * review text above the verdict. Here the first non-blank line after {@code ### Verdict} decides
 * when it starts with a bold token; a bold word there that is not a known verdict is reported as
 * {@link Verdict#UNRECOGNIZED}. Without such a line, the first known token anywhere counts.
 */
final class VerdictParser {
  private static final Pattern KNOWN = Pattern.compile("\\*\\*(APPROVE|REQUEST_CHANGES|DISCUSS)\\*\\*");
  private static final Pattern HEADING = Pattern.compile("(?m)^[ \\t]*###[ \\t]+Verdict[ \\t]*\\r?$");
  private static final Pattern LEADING_BOLD = Pattern.compile("^\\s*\\*\\*([A-Z][A-Z_]*)\\*\\*");

  /** A verdict and the word it was read from. */
  record Found(Verdict verdict, String token) {}

  private VerdictParser() {}

  static Optional<Found> parse(String body) {
    Matcher h = HEADING.matcher(body);
    if (h.find()) {
      for (String line : body.substring(h.end()).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        Matcher lead = LEADING_BOLD.matcher(line);
        if (lead.find()) {
          return Optional.of(found(lead.group(1)));
        }
        Matcher known = KNOWN.matcher(line);
        if (known.find()) {
          return Optional.of(found(known.group(1)));
        }
        break;
      }
    }
    Matcher any = KNOWN.matcher(body);
    return any.find() ? Optional.of(found(any.group(1))) : Optional.empty();
  }

  private static Found found(String token) {
    return switch (token) {
      case "APPROVE" -> new Found(Verdict.APPROVE, token);
      case "REQUEST_CHANGES" -> new Found(Verdict.REQUEST_CHANGES, token);
      case "DISCUSS" -> new Found(Verdict.DISCUSS, token);
      default -> new Found(Verdict.UNRECOGNIZED, token);
    };
  }
}
