package ai.disinto.testkit.forgejo;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One fault rule: which requests it hits and what it does to them. Immutable; the {@code with}
 * methods return changed copies.
 *
 * <p>A rule counts the requests that match its method and path pattern (1, 2, 3, ...). Calls
 * number {@code fromCall} to {@code fromCall + times - 1} are hit ({@code times} 0 means every call
 * from {@code fromCall} on). A hit request first waits {@code delay}; then, when {@code status} is
 * set, it is answered with that status and {@code body} without touching the mock's state (429
 * adds {@code Retry-After}); when {@code malformed} is set, it is handled normally but its body is
 * cut in half so that it is no longer valid JSON; when {@code drop} is set, the connection is closed
 * without an answer, before the request is handled ({@link Drop#BEFORE_PROCESSING}: nothing
 * changes) or after it ({@link Drop#AFTER_PROCESSING}: the object is created, the client never
 * hears so). A dropped request is in the journal with the status the mock would have answered,
 * or 0 when it was dropped before processing.
 *
 * <p>Path patterns: {@code *} matches within one path segment, {@code **} across segments. A
 * pattern matches the full path ({@code /api/v1/repos/o/r/pulls}) or the path below
 * {@code /api/v1} ({@code /repos/o/r/pulls}). The query is not part of the match.
 *
 * @param method HTTP method to hit, or {@code *} for all
 * @param pathPattern the path pattern
 * @param fromCall first matching call hit, 1-based
 * @param times how many consecutive matching calls are hit, 0 for all
 * @param status status to answer with, 0 to let the request through
 * @param body body to answer with when {@code status} is set
 * @param retryAfterSeconds value of {@code Retry-After}, negative for none
 * @param delay how long to wait before answering
 * @param malformed whether to corrupt the normal answer's body
 * @param drop whether and when to close the connection without answering
 */
public record Fault(
    String method, String pathPattern, int fromCall, int times, int status, String body,
    int retryAfterSeconds, Duration delay, boolean malformed, Drop drop) {

  /** When a rule closes the connection instead of answering. */
  public enum Drop {
    /** Answer as usual. */
    NONE,
    /** Close the connection before the request is handled: the mock's state does not change. */
    BEFORE_PROCESSING,
    /** Handle the request (create the issue, post the comment), then close without answering. */
    AFTER_PROCESSING
  }

  /**
   * A rule that does not drop the connection.
   *
   * @param method HTTP method to hit, or {@code *} for all
   * @param pathPattern the path pattern
   * @param fromCall first matching call hit, 1-based
   * @param times how many consecutive matching calls are hit, 0 for all
   * @param status status to answer with, 0 to let the request through
   * @param body body to answer with when {@code status} is set
   * @param retryAfterSeconds value of {@code Retry-After}, negative for none
   * @param delay how long to wait before answering
   * @param malformed whether to corrupt the normal answer's body
   */
  public Fault(String method, String pathPattern, int fromCall, int times, int status, String body,
      int retryAfterSeconds, Duration delay, boolean malformed) {
    this(method, pathPattern, fromCall, times, status, body, retryAfterSeconds, delay, malformed,
        Drop.NONE);
  }

  /** Validates the rule. */
  public Fault {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pathPattern, "pathPattern");
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(drop, "drop");
    if (fromCall < 1 || times < 0) {
      throw new IllegalArgumentException("fromCall must be >= 1 and times >= 0");
    }
    if (!pathPattern.startsWith("/")) {
      throw new IllegalArgumentException("path pattern must start with /: " + pathPattern);
    }
  }

  /**
   * A rule for one method and path pattern that, as it stands, hits every call and does nothing;
   * chain the {@code with} methods.
   *
   * @param method HTTP method or {@code *}
   * @param pathPattern path pattern (see the type's description)
   * @return the rule
   */
  public static Fault on(String method, String pathPattern) {
    return new Fault(method.toUpperCase(java.util.Locale.ROOT), pathPattern, 1, 0, 0, null, -1,
        Duration.ZERO, false);
  }

  /**
   * Answers with a status (and a JSON message body).
   *
   * @param status the HTTP status
   * @return the changed rule
   */
  public Fault withStatus(int status) {
    return new Fault(method, pathPattern, fromCall, times, status,
        body != null ? body : "{\"message\":\"injected fault\",\"url\":\"\"}", retryAfterSeconds,
        delay, malformed, drop);
  }

  /**
   * Answers 429 with {@code Retry-After}.
   *
   * @param seconds the Retry-After value
   * @return the changed rule
   */
  public Fault withRateLimit(int seconds) {
    return withStatus(429).withRetryAfter(seconds);
  }

  /**
   * Adds a {@code Retry-After} header to the injected status.
   *
   * @param seconds the header value
   * @return the changed rule
   */
  public Fault withRetryAfter(int seconds) {
    return new Fault(method, pathPattern, fromCall, times, status, body, seconds, delay,
        malformed, drop);
  }

  /**
   * Uses this body for the injected status.
   *
   * @param text the body text (anything, not necessarily JSON)
   * @return the changed rule
   */
  public Fault withBody(String text) {
    return new Fault(method, pathPattern, fromCall, times, status, text, retryAfterSeconds, delay,
        malformed, drop);
  }

  /**
   * Waits before answering.
   *
   * @param wait the delay
   * @return the changed rule
   */
  public Fault withDelay(Duration wait) {
    return new Fault(method, pathPattern, fromCall, times, status, body, retryAfterSeconds, wait,
        malformed, drop);
  }

  /**
   * Handles the request normally but truncates the response body.
   *
   * @return the changed rule
   */
  public Fault withMalformedBody() {
    return new Fault(method, pathPattern, fromCall, times, status, body, retryAfterSeconds, delay,
        true, drop);
  }

  /**
   * Handles the request normally, then closes the connection without answering: the write is
   * done, the client sees no answer (a connection that drops after the forge committed the
   * request). With {@link #withDelay}, the delay comes after the work, before the close: a
   * stall past the client's read timeout on a request the forge did.
   *
   * @return the changed rule
   */
  public Fault dropAfterProcessing() {
    return new Fault(method, pathPattern, fromCall, times, status, body, retryAfterSeconds, delay,
        malformed, Drop.AFTER_PROCESSING);
  }

  /**
   * Closes the connection without handling the request or answering: nothing changes in the
   * mock.
   *
   * @return the changed rule
   */
  public Fault dropBeforeProcessing() {
    return new Fault(method, pathPattern, fromCall, times, status, body, retryAfterSeconds, delay,
        malformed, Drop.BEFORE_PROCESSING);
  }

  /**
   * Limits the rule to matching calls {@code from .. from+count-1}.
   *
   * @param from first call hit, 1-based
   * @param count number of calls hit, 0 for all from {@code from} on
   * @return the changed rule
   */
  public Fault onCalls(int from, int count) {
    return new Fault(method, pathPattern, from, count, status, body, retryAfterSeconds, delay,
        malformed, drop);
  }

  /**
   * Limits the rule to the first {@code count} matching calls (a burst).
   *
   * @param count number of calls hit
   * @return the changed rule
   */
  public Fault times(int count) {
    return onCalls(fromCall, count);
  }

  boolean matches(String requestMethod, String path) {
    if (!method.equals("*") && !method.equalsIgnoreCase(requestMethod)) {
      return false;
    }
    Pattern p = globToRegex(pathPattern);
    return p.matcher(path).matches()
        || (path.startsWith(MockForgejo.API_PREFIX + "/")
            && p.matcher(path.substring(MockForgejo.API_PREFIX.length())).matches());
  }

  boolean hitsCall(int callNumber) {
    return callNumber >= fromCall && (times == 0 || callNumber < fromCall + times);
  }

  static Pattern globToRegex(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
          re.append(".*");
          i++;
        } else {
          re.append("[^/]*");
        }
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }
}
