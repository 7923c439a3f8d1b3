package ai.disinto.core.net;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks a URL before any request is made with it, so that a tampered configuration value cannot
 * smuggle credentials or redirect a token to another host.
 *
 * <p>Mirrors {@code validate_url} in {@code lib/env.sh}: the scheme must be {@code http://} or
 * {@code https://} (case-sensitive), there must be no {@code @} after a non-empty run following the
 * scheme (this also rejects {@code @} in the path or query), and, when allowed hosts are given, the
 * host must be one of them. Deliberate improvements over the original: whitespace and control
 * characters are rejected, a URL with an empty host ({@code http://}) is rejected, hosts compare
 * case-insensitively, and the host ends at {@code ?} and {@code #} as well as at {@code /} and
 * {@code :}; a bracketed IPv6 literal is one host. The original's quirk that {@code http://@host}
 * passes is kept.
 */
public final class UrlValidator {
  private static final Pattern USERINFO = Pattern.compile("^https?://[^@]+@", Pattern.DOTALL);
  private static final Pattern WHITESPACE_OR_CONTROL = Pattern.compile("[\\s\\p{Cntrl}]");

  private UrlValidator() {}

  /**
   * Tells whether {@code url} passes the checks with no host restriction.
   *
   * @param url the URL to check; {@code null} is invalid
   * @return true when the URL is acceptable
   */
  public static boolean isValid(String url) {
    return isValid(url, List.of());
  }

  /**
   * Tells whether {@code url} passes the checks and, when {@code allowedHosts} is not empty, names
   * one of those hosts (compared without regard to case).
   *
   * @param url the URL to check; {@code null} is invalid
   * @param allowedHosts the hosts to accept; empty means any host
   * @return true when the URL is acceptable
   */
  public static boolean isValid(String url, Collection<String> allowedHosts) {
    return problem(url, allowedHosts) == null;
  }

  /**
   * Checks {@code url} and throws when it is not acceptable.
   *
   * @param url the URL to check
   * @param allowedHosts the hosts to accept; empty means any host
   * @param what the configuration name the URL came from (such as {@code FORGE_API}), used in the
   *     message
   * @return {@code url}, for chaining
   * @throws InvalidUrlException naming {@code what} and the rule that failed; the URL itself is
   *     not repeated, since it may carry credentials
   */
  public static String require(String url, Collection<String> allowedHosts, String what) {
    String problem = problem(url, allowedHosts);
    if (problem != null) {
      throw new InvalidUrlException(
          what + " validation failed - possible URL injection attempt (" + problem + ")");
    }
    return url;
  }

  /**
   * Splits a whitespace-separated host list, as {@code validate_url}'s second argument is given.
   *
   * @param hosts the list, possibly empty or {@code null}
   * @return the hosts, without empty entries
   */
  public static List<String> hostList(String hosts) {
    if (hosts == null || hosts.isBlank()) {
      return List.of();
    }
    return List.of(hosts.trim().split("\\s+"));
  }

  /** Returns why the URL fails, or null when it passes. */
  private static String problem(String url, Collection<String> allowedHosts) {
    Objects.requireNonNull(allowedHosts, "allowedHosts");
    if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
      return "scheme must be http:// or https://";
    }
    if (WHITESPACE_OR_CONTROL.matcher(url).find()) {
      return "whitespace or control character";
    }
    if (USERINFO.matcher(url).find()) {
      return "'@' after the scheme";
    }
    String host = host(url);
    if (host.isEmpty()) {
      return "empty host";
    }
    if (!allowedHosts.isEmpty()) {
      String wanted = host.toLowerCase(Locale.ROOT);
      boolean allowed =
          allowedHosts.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).equals(wanted));
      if (!allowed) {
        return "host not in the allowed list";
      }
    }
    return null;
  }

  /** The host part: after the scheme, up to the first '/', ':', '?' or '#'; [IPv6] whole. */
  static String host(String url) {
    int start = url.indexOf("://") + 3;
    if (start < url.length() && url.charAt(start) == '[') {
      int close = url.indexOf(']', start);
      return close < 0 ? "" : url.substring(start, close + 1);
    }
    int end = start;
    while (end < url.length() && "/:?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    return url.substring(start, end);
  }
}
