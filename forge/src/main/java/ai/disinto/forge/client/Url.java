package ai.disinto.forge.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An absolute {@code http} or {@code https} URL of a forge request, encoded: the URL type of the
 * client's layers. Its encoding follows OkHttp's {@code HttpUrl} (the same characters are
 * percent-encoded in a path segment, a query and a query component, dot segments are resolved),
 * so that a request reads the same whichever wire sends it; it exists so that a short-lived
 * process need not load OkHttp to build a URL. Immutable.
 */
final class Url {
  private static final String PATH_SEGMENT_ENCODE_SET = " \"<>^`{}|/\\?#";
  private static final String QUERY_ENCODE_SET = " \"'<>#";
  private static final String QUERY_COMPONENT_ENCODE_SET = " !\"#$&'(),/:;<=>?@[]\\^`{|}~";
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final String scheme;
  private final String host;
  private final int port;
  private final List<String> segments;
  private final String query;

  private Url(String scheme, String host, int port, List<String> segments, String query) {
    this.scheme = scheme;
    this.host = host;
    this.port = port;
    this.segments = List.copyOf(segments);
    this.query = query;
  }

  /**
   * Parses an absolute URL; the scheme and host are lower-cased, the default port dropped, the
   * path and query encoded where they need it, a fragment dropped, surrounding blanks ignored.
   *
   * @return the URL, or {@code null} when the text is not an {@code http} or {@code https} URL
   *     with a valid host and port
   */
  static Url parse(String text) {
    if (text == null) {
      return null;
    }
    text = text.trim();
    int colon = text.indexOf("://");
    if (colon < 0) {
      return null;
    }
    String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return null;
    }
    int start = colon + 3;
    int end = start;
    while (end < text.length() && "/\\?#".indexOf(text.charAt(end)) < 0) {
      end++;
    }
    String authority = text.substring(start, end);
    int at = authority.lastIndexOf('@');
    if (at > 0) {
      return null; // credentials never travel in a forge URL
    }
    authority = authority.substring(at + 1);
    String hostText;
    String portText = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        return null;
      }
      hostText = authority.substring(1, close);
      String rest = authority.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          return null;
        }
        portText = rest.substring(1);
      }
      if (hostText.indexOf(':') < 0) {
        return null;
      }
      for (int i = 0; i < hostText.length(); i++) {
        char ch = hostText.charAt(i);
        boolean hex = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f')
            || (ch >= 'A' && ch <= 'F');
        if (!hex && ch != ':' && ch != '.') {
          return null;
        }
      }
    } else {
      int c = authority.lastIndexOf(':');
      hostText = c < 0 ? authority : authority.substring(0, c);
      portText = c < 0 ? null : authority.substring(c + 1);
      hostText = canonicalHost(hostText);
      if (hostText == null) {
        return null;
      }
    }
    int defaultPort = scheme.equals("http") ? 80 : 443;
    int port = defaultPort;
    if (portText != null) {
      if (portText.isEmpty() || portText.length() > 5) {
        return null;
      }
      for (int i = 0; i < portText.length(); i++) {
        if (portText.charAt(i) < '0' || portText.charAt(i) > '9') {
          return null;
        }
      }
      port = Integer.parseInt(portText);
      if (port < 1 || port > 65_535) {
        return null;
      }
    }
    int hash = text.indexOf('#', end);
    String rest = text.substring(end, hash < 0 ? text.length() : hash);
    int q = rest.indexOf('?');
    String pathText = q < 0 ? rest : rest.substring(0, q);
    List<String> segments = new ArrayList<>();
    segments.add("");
    if (!pathText.isEmpty()) {
      push(segments, pathText.substring(1), true, true);
    }
    String query = q < 0 ? null : encode(rest.substring(q + 1), QUERY_ENCODE_SET, true, false);
    return new Url(scheme, hostText.toLowerCase(Locale.ROOT), port, segments, query);
  }

  /**
   * Parses a URL that is known to be valid.
   *
   * @throws IllegalArgumentException when it is not
   */
  static Url get(String text) {
    Url url = parse(text);
    if (url == null) {
      throw new IllegalArgumentException("not an http or https URL: '" + text + "'");
    }
    return url;
  }

  private static String canonicalHost(String host) {
    if (host.isEmpty()) {
      return null;
    }
    String ascii = host;
    for (int i = 0; i < host.length(); i++) {
      if (host.charAt(i) >= 0x80) {
        try {
          ascii = java.net.IDN.toASCII(host, java.net.IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
          return null;
        }
        break;
      }
    }
    for (int i = 0; i < ascii.length(); i++) {
      char c = ascii.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_';
      if (!ok) {
        return null;
      }
    }
    return ascii;
  }

  /** {@code http} or {@code https}. */
  String scheme() {
    return scheme;
  }

  /** The host, lower case; an IPv6 literal without its brackets. */
  String host() {
    return host;
  }

  /** The port, the scheme's default when the URL names none. */
  int port() {
    return port;
  }

  /** Whether the scheme is {@code https}. */
  boolean isHttps() {
    return scheme.equals("https");
  }

  /** The encoded path, starting with {@code /}. */
  String encodedPath() {
    return "/" + String.join("/", segments.subList(1, segments.size()));
  }

  /** The encoded query without its {@code ?}, or {@code null} when there is none. */
  String encodedQuery() {
    return query;
  }

  /** {@code host:port} as the request's {@code Host} header carries it (default port dropped). */
  String hostHeader() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return port == defaultPort() ? h : h + ":" + port;
  }

  private int defaultPort() {
    return isHttps() ? 443 : 80;
  }

  /** A builder that starts from this URL. */
  Builder newBuilder() {
    return new Builder(this);
  }

  @Override
  public String toString() {
    return scheme + "://" + hostHeader() + encodedPath() + (query == null ? "" : "?" + query);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Url u && u.toString().equals(toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  /** Appends path segments and query parameters to a URL. */
  static final class Builder {
    private final Url base;
    private final List<String> segments;
    private final List<String[]> query;
    private boolean hasQuery;

    private Builder(Url base) {
      this.base = base;
      this.segments = new ArrayList<>(base.segments);
      this.query = new ArrayList<>();
      this.hasQuery = base.query != null;
      if (base.query != null) {
        splitQuery(base.query);
      }
    }

    /** One segment, unencoded: a {@code /} in it is encoded. */
    Builder addPathSegment(String segment) {
      push(segments, segment, false, false);
      return this;
    }

    /** Segments separated by {@code /}, each unencoded. */
    Builder addPathSegments(String slashSeparated) {
      push(segments, slashSeparated, false, true);
      return this;
    }

    /** Segments separated by {@code /}, already encoded. */
    Builder addEncodedPathSegments(String slashSeparated) {
      push(segments, slashSeparated, true, true);
      return this;
    }

    /** Replaces the query with an already encoded one. */
    Builder encodedQuery(String encoded) {
      query.clear();
      hasQuery = encoded != null;
      if (encoded != null) {
        splitQuery(encode(encoded, QUERY_ENCODE_SET, true, true));
      }
      return this;
    }

    /** Appends a query parameter; name and value are encoded. */
    Builder addQueryParameter(String name, String value) {
      hasQuery = true;
      query.add(new String[] {encode(name, QUERY_COMPONENT_ENCODE_SET, false, true),
          value == null ? null : encode(value, QUERY_COMPONENT_ENCODE_SET, false, true)});
      return this;
    }

    /** Replaces every parameter of this name with one of this value. */
    Builder setQueryParameter(String name, String value) {
      String encodedName = encode(name, QUERY_COMPONENT_ENCODE_SET, false, true);
      for (int i = query.size() - 1; i >= 0; i--) {
        if (query.get(i)[0].equals(encodedName)) {
          query.remove(i);
        }
      }
      return addQueryParameter(name, value);
    }

    private void splitQuery(String encoded) {
      int pos = 0;
      while (pos <= encoded.length()) {
        int amp = encoded.indexOf('&', pos);
        if (amp < 0) {
          amp = encoded.length();
        }
        String pair = encoded.substring(pos, amp);
        int eq = pair.indexOf('=');
        query.add(eq < 0 ? new String[] {pair, null}
            : new String[] {pair.substring(0, eq), pair.substring(eq + 1)});
        pos = amp + 1;
      }
    }

    Url build() {
      String q = null;
      if (hasQuery) {
        StringBuilder b = new StringBuilder();
        for (String[] p : query) {
          if (b.length() > 0) {
            b.append('&');
          }
          b.append(p[0]);
          if (p[1] != null) {
            b.append('=').append(p[1]);
          }
        }
        q = b.toString();
      }
      return new Url(base.scheme, base.host, base.port, segments, q);
    }
  }

  /**
   * Pushes segments onto a path (its first element the empty root); an empty last segment (a
   * trailing slash) is replaced by the next, {@code .} is dropped and {@code ..} removes one.
   */
  private static void push(List<String> segments, String input, boolean alreadyEncoded,
      boolean split) {
    int pos = 0;
    while (true) {
      int end = input.length();
      if (split) {
        for (int i = pos; i < input.length(); i++) {
          char c = input.charAt(i);
          if (c == '/' || c == '\\') {
            end = i;
            break;
          }
        }
      }
      boolean more = end < input.length();
      String segment = encode(input.substring(pos, end), PATH_SEGMENT_ENCODE_SET, alreadyEncoded,
          false);
      if (isDot(segment)) {
        // nothing
      } else if (isDotDot(segment)) {
        if (segments.size() > 1 && segments.get(segments.size() - 1).isEmpty()) {
          segments.remove(segments.size() - 1);
        }
        if (segments.size() > 1) {
          segments.set(segments.size() - 1, "");
        } else {
          segments.add("");
        }
      } else {
        if (segments.size() > 1 && segments.get(segments.size() - 1).isEmpty()) {
          segments.set(segments.size() - 1, segment);
        } else {
          segments.add(segment);
        }
        if (more) {
          segments.add("");
        }
      }
      if (!more) {
        return;
      }
      pos = end + 1;
    }
  }

  private static boolean isDot(String s) {
    return s.equals(".") || s.equalsIgnoreCase("%2e");
  }

  private static boolean isDotDot(String s) {
    return s.equals("..") || s.equalsIgnoreCase("%2e.") || s.equalsIgnoreCase(".%2e")
        || s.equalsIgnoreCase("%2e%2e");
  }

  /**
   * Percent-encodes what a URL part cannot carry: control characters, non-ASCII (as UTF-8), the
   * characters of {@code encodeSet}, {@code %} and {@code +} (in a query component) unless the
   * text is already encoded; already encoded text loses its tabs and line breaks.
   */
  static String encode(String s, String encodeSet, boolean alreadyEncoded, boolean plusIsSpace) {
    StringBuilder out = null;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int n = Character.charCount(cp);
      boolean escape;
      if (alreadyEncoded && (cp == '\t' || cp == '\n' || cp == '\f' || cp == '\r')) {
        // dropped from encoded text, as a browser (and OkHttp) drops them
        if (out == null) {
          out = new StringBuilder(s.length()).append(s, 0, i);
        }
        i += n;
        continue;
      }
      if (cp == '%') {
        escape = !alreadyEncoded;
      } else if (cp == '+' && plusIsSpace) {
        escape = !alreadyEncoded;
      } else {
        escape = cp < 0x20 || cp == 0x7f || cp >= 0x80 || encodeSet.indexOf(cp) >= 0;
      }
      if (escape && out == null) {
        out = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (out != null) {
        if (escape) {
          for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
            out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
          }
        } else {
          out.appendCodePoint(cp);
        }
      }
      i += n;
    }
    return out == null ? s : out.toString();
  }

}
