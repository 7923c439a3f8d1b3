package ai.disinto.forge.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link Wire} for a short-lived process (one CLI call such as {@code disinto pr merge 12})
 * talking to a forge over cleartext {@code http://}: HTTP/1.1 on a plain {@link Socket}, written
 * so that a call loads few classes beyond those the JDK has already loaded at start-up (no
 * OkHttp, no Kotlin, no {@code java.net.http}, no regular expressions, no lambdas on the way of a
 * request).
 *
 * <p>Each request gets its own connection, sent with {@code Connection: close} and closed when
 * the answer has been read (or when anything failed). The head is written as {@code Host}, the
 * request's headers in their order, {@code User-Agent: disinto-java} unless the request has one,
 * {@code Connection: close}, and {@code Content-Length} when there is a body (an empty one too);
 * the head and the body go out in one write. A {@code Host}, {@code Content-Length}, {@code
 * Connection} or {@code Transfer-Encoding} header of the request is dropped: those belong to the
 * wire. The answer's body is framed as RFC 9112 says: none for a {@code HEAD} request or a 1xx,
 * 204 or 304 answer, {@code chunked} (extensions ignored, trailers read and dropped), {@code
 * Content-Length}, or else up to the end of the stream. Interim 1xx answers ({@code 100
 * Continue}, {@code 103 Early Hints}) are skipped. The header section is limited to {@value
 * #MAX_HEAD_BYTES} bytes and a body to {@value #MAX_BODY_BYTES} bytes.
 *
 * <p>Failures are those of the JDK's sockets, named so that {@link
 * ForgeTransportException.Kind#of} reads them as it reads OkHttp's: a refused connection is a
 * {@link java.net.ConnectException}, a timeout a {@link java.net.SocketTimeoutException} or
 * {@link InterruptedIOException}, a body cut short an {@link EOFException} ("unexpected end of
 * stream"), a reset a {@link java.net.SocketException} ("Connection reset"), a malformed answer a
 * {@link ProtocolException}. A header name or value that is not printable ASCII (a CR or LF
 * above all) is an {@link IllegalArgumentException} before anything is sent.
 *
 * <p>Time: connecting waits at most the connect timeout, every read at most the read timeout,
 * each also bounded by what is left until {@link WireRequest#deadlineNanos()}. Not bounded: the
 * host name lookup ({@link InetAddress#getByName}) and the write of the request, which the
 * kernel's send buffer takes at once for a forge request's size. An interrupted thread is refused
 * before anything is sent ({@link InterruptedIOException}, the interrupt flag left set); a read
 * already blocked on the socket is not interruptible and ends only by its timeout.
 *
 * <p>What it does not do: TLS ({@code https} is an {@link IllegalArgumentException}), proxies,
 * keep-alive or connection pooling, HTTP/2, compression, redirects (a 3xx is answered as it came),
 * retries, cookies.
 *
 * <p>Stateless and thread-safe: one instance may serve any number of threads at once.
 */
final class PlainWire implements Wire {
  /** The largest header section (status line and headers, or trailers) read, in bytes. */
  static final int MAX_HEAD_BYTES = 256 * 1024;
  /** The largest body read, in bytes (256 MiB). */
  static final int MAX_BODY_BYTES = 256 * 1024 * 1024;
  /** The {@code User-Agent} sent when the request names none. */
  static final String USER_AGENT = "disinto-java";

  private static final int BUFFER_BYTES = 8192;
  private static final int MAX_CHUNK_LINE_BYTES = 8192;

  private final long connectTimeoutNanos;
  private final long readTimeoutNanos;

  /**
   * Creates the wire.
   *
   * @param connectTimeout how long to wait for the TCP connection at most; zero for no limit but
   *     the request's deadline
   * @param readTimeout how long to wait for each read at most; zero for no limit but the request's
   *     deadline
   * @throws IllegalArgumentException when a timeout is negative
   */
  PlainWire(Duration connectTimeout, Duration readTimeout) {
    this.connectTimeoutNanos = nanos(Objects.requireNonNull(connectTimeout, "connectTimeout"));
    this.readTimeoutNanos = nanos(Objects.requireNonNull(readTimeout, "readTimeout"));
  }

  private static long nanos(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("negative timeout: " + d);
    }
    return d.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L - 1 ? Long.MAX_VALUE : d.toNanos();
  }

  /**
   * Sends the request on a new connection and reads the whole answer.
   *
   * @throws IllegalArgumentException when the URL is {@code https}, or a method, header name or
   *     value cannot be written as is (a CR or LF in it, for example); nothing was sent then
   * @throws InterruptedIOException when the thread is interrupted before sending, or a timeout
   *     or the deadline struck
   * @throws IOException when no complete answer came back
   */
  @Override
  public WireResponse send(WireRequest request) throws IOException {
    Url url = request.url();
    if (url.isHttps()) {
      throw new IllegalArgumentException("PlainWire speaks cleartext HTTP only, not https");
    }
    byte[] bytes = encode(request);
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException("interrupted before the request was sent");
    }
    long deadline = request.deadlineNanos();
    InetAddress address = InetAddress.getByName(url.host());
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(address, url.port()),
          timeoutMillis(connectTimeoutNanos, deadline));
      OutputStream out = socket.getOutputStream();
      request.tag().reachedServer = true;
      out.write(bytes);
      out.flush();
      Exchange exchange = new Exchange(socket, deadline, readTimeoutNanos);
      return exchange.readResponse(request.method().equals("HEAD"));
    } finally {
      try {
        socket.close();
      } catch (IOException ignored) {
        // the answer (or the failure) is what counts
      }
    }
  }

  /**
   * The request's bytes, head and body, as they go on the wire.
   *
   * @throws IllegalArgumentException when a part cannot be written as is
   */
  static byte[] encode(WireRequest request) {
    String method = request.method();
    if (method.isEmpty() || !isToken(method)) {
      throw new IllegalArgumentException("invalid HTTP method");
    }
    Url url = request.url();
    StringBuilder head = new StringBuilder(256);
    head.append(method).append(' ').append(url.encodedPath());
    String query = url.encodedQuery();
    if (query != null) {
      head.append('?').append(query);
    }
    for (int i = method.length() + 1; i < head.length(); i++) {
      char c = head.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new IllegalArgumentException("request target holds a character that is not allowed");
      }
    }
    head.append(" HTTP/1.1\r\nHost: ").append(url.hostHeader()).append("\r\n");
    boolean userAgent = false;
    for (Map.Entry<String, String> e : request.headers().entrySet()) {
      String name = e.getKey();
      String value = e.getValue();
      checkHeader(name, value);
      if (name.equalsIgnoreCase("Host") || name.equalsIgnoreCase("Content-Length")
          || name.equalsIgnoreCase("Connection") || name.equalsIgnoreCase("Transfer-Encoding")) {
        continue;
      }
      if (name.equalsIgnoreCase("User-Agent")) {
        userAgent = true;
      }
      head.append(name).append(": ").append(value).append("\r\n");
    }
    if (!userAgent) {
      head.append("User-Agent: ").append(USER_AGENT).append("\r\n");
    }
    head.append("Connection: close\r\n");
    byte[] body = request.body();
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    int headLength = head.length();
    int bodyLength = body == null ? 0 : body.length;
    byte[] bytes = new byte[headLength + bodyLength];
    for (int i = 0; i < headLength; i++) {
      bytes[i] = (byte) head.charAt(i); // all checked to be ASCII
    }
    if (bodyLength > 0) {
      System.arraycopy(body, 0, bytes, headLength, bodyLength);
    }
    return bytes;
  }

  /** Refuses a header that would not go on the wire as given; the message never shows a value. */
  private static void checkHeader(String name, String value) {
    if (name == null || name.isEmpty() || !isToken(name)) {
      throw new IllegalArgumentException("invalid header name (empty, or a character other than"
          + " a token's: a CR, LF, space or colon, for example)");
    }
    if (value == null) {
      throw new IllegalArgumentException("header " + name + " has no value");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c >= 0x7f) {
        throw new IllegalArgumentException("header " + name + " value holds a character that is"
            + " not allowed (a CR, LF or other control character, or non-ASCII) at index " + i);
      }
    }
  }

  /** Whether every character is an RFC 9110 {@code tchar}. */
  private static boolean isToken(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * The socket timeout for the next wait: {@code limitNanos} (zero: none) or what is left until
   * the deadline, whichever is less, in milliseconds rounded up (never zero, which means no limit
   * to a socket).
   *
   * @throws InterruptedIOException when the deadline has passed
   */
  static int timeoutMillis(long limitNanos, long deadlineNanos) throws InterruptedIOException {
    long remaining = deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE
        : deadlineNanos - System.nanoTime();
    if (remaining <= 0) {
      throw new InterruptedIOException("timeout");
    }
    long n = limitNanos > 0 && limitNanos < remaining ? limitNanos : remaining;
    long ms = n / 1_000_000L + (n % 1_000_000L == 0 ? 0 : 1);
    return ms > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) ms;
  }

  /** The reading side of one request: a buffer over the socket's input, every read timed. */
  private static final class Exchange {
    private final Socket socket;
    private final InputStream in;
    private final long deadlineNanos;
    private final long readTimeoutNanos;
    private final byte[] buf = new byte[BUFFER_BYTES];
    private int pos;
    private int limit;
    private byte[] line = new byte[256];
    /** What is left of the header section's size limit. */
    private int headBudget = MAX_HEAD_BYTES;
    private byte[] body = new byte[0];
    private int bodyLength;

    Exchange(Socket socket, long deadlineNanos, long readTimeoutNanos) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.deadlineNanos = deadlineNanos;
      this.readTimeoutNanos = readTimeoutNanos;
    }

    WireResponse readResponse(boolean head) throws IOException {
      int code;
      Map<String, List<String>> headers;
      while (true) {
        String status = readLine(true, "the status line");
        code = statusCode(status);
        headers = readHeaders();
        if (code >= 200) {
          break;
        }
        if (code == 101) {
          throw new ProtocolException("unexpected 101 Switching Protocols: no upgrade was asked");
        }
        // 100 Continue, 102 Processing, 103 Early Hints: the answer follows
      }
      if (head || code == 204 || code == 304) {
        return new WireResponse(code, headers, new byte[0]);
      }
      List<String> te = headers.get("transfer-encoding");
      if (te != null) {
        readChunked(te);
      } else {
        long length = contentLength(headers.get("content-length"));
        if (length >= 0) {
          readFixed(length);
        } else {
          readToEnd();
        }
      }
      byte[] result = body.length == bodyLength ? body : Arrays.copyOf(body, bodyLength);
      return new WireResponse(code, headers, result);
    }

    /** The code of an {@code HTTP/1.x NNN [reason]} line; the message never shows the line. */
    private static int statusCode(String s) throws ProtocolException {
      if (!s.startsWith("HTTP/1.") || s.length() < 8 || s.charAt(7) < '0' || s.charAt(7) > '9') {
        throw new ProtocolException("malformed status line: not HTTP/1.x");
      }
      if (s.length() < 12) {
        throw new ProtocolException("malformed status line: too short for a status code");
      }
      if (s.charAt(8) != ' ') {
        throw new ProtocolException("malformed status line: no space after the HTTP version");
      }
      int code = 0;
      for (int i = 9; i < 12; i++) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          throw new ProtocolException("malformed status line: the status code is not 3 digits");
        }
        code = code * 10 + (c - '0');
      }
      if (code < 100) {
        throw new ProtocolException("malformed status line: status code below 100");
      }
      if (s.length() > 12 && s.charAt(12) != ' ') {
        throw new ProtocolException("malformed status line: no space after the status code");
      }
      return code;
    }

    private Map<String, List<String>> readHeaders() throws IOException {
      Map<String, List<String>> headers = new LinkedHashMap<>();
      while (true) {
        String h = readLine(true, "the headers");
        if (h.isEmpty()) {
          return headers;
        }
        char first = h.charAt(0);
        if (first == ' ' || first == '\t') {
          throw new ProtocolException("malformed header: obsolete line folding");
        }
        int colon = h.indexOf(':');
        if (colon <= 0 || !isToken(h.substring(0, colon))) {
          throw new ProtocolException("malformed header: no name, or a name that is not a token");
        }
        int start = colon + 1;
        int end = h.length();
        while (start < end && (h.charAt(start) == ' ' || h.charAt(start) == '\t')) {
          start++;
        }
        while (end > start && (h.charAt(end - 1) == ' ' || h.charAt(end - 1) == '\t')) {
          end--;
        }
        for (int i = start; i < end; i++) {
          char c = h.charAt(i);
          if ((c < 0x20 && c != '\t') || c == 0x7f) {
            throw new ProtocolException("malformed header: a control character in a value");
          }
        }
        String name = h.substring(0, colon).toLowerCase(Locale.ROOT);
        List<String> values = headers.get(name);
        if (values == null) {
          values = new ArrayList<>(1);
          headers.put(name, values);
        }
        values.add(h.substring(start, end));
      }
    }

    /** The body's length, or -1 when the answer has no Content-Length. */
    private static long contentLength(List<String> values) throws IOException {
      if (values == null) {
        return -1;
      }
      long length = -1;
      for (String v : values) {
        int pos = 0;
        while (pos <= v.length()) {
          int comma = v.indexOf(',', pos);
          int end = comma < 0 ? v.length() : comma;
          long n = parseLength(v, pos, end);
          if (length >= 0 && n != length) {
            throw new ProtocolException("conflicting Content-Length values");
          }
          length = n;
          pos = end + 1;
        }
      }
      if (length > MAX_BODY_BYTES) {
        throw new IOException("answer body of " + length + " bytes is larger than the limit of "
            + MAX_BODY_BYTES + " bytes");
      }
      return length;
    }

    private static long parseLength(String v, int from, int to) throws ProtocolException {
      while (from < to && (v.charAt(from) == ' ' || v.charAt(from) == '\t')) {
        from++;
      }
      while (to > from && (v.charAt(to - 1) == ' ' || v.charAt(to - 1) == '\t')) {
        to--;
      }
      if (from == to || to - from > 18) {
        throw new ProtocolException("invalid Content-Length");
      }
      long n = 0;
      for (int i = from; i < to; i++) {
        char c = v.charAt(i);
        if (c < '0' || c > '9') {
          throw new ProtocolException("invalid Content-Length");
        }
        n = n * 10 + (c - '0');
      }
      return n;
    }

    private void readFixed(long length) throws IOException {
      ensure((int) length);
      int n = (int) length;
      int fromBuffer = Math.min(n, limit - pos);
      System.arraycopy(buf, pos, body, bodyLength, fromBuffer);
      pos += fromBuffer;
      bodyLength += fromBuffer;
      int left = n - fromBuffer;
      while (left > 0) {
        socket.setSoTimeout(timeoutMillis(readTimeoutNanos, deadlineNanos));
        int r = in.read(body, bodyLength, left);
        if (r < 0) {
          throw new EOFException("unexpected end of stream: " + (n - left) + " of "
              + n + " body bytes (Content-Length) arrived");
        }
        bodyLength += r;
        left -= r;
      }
    }

    private void readToEnd() throws IOException {
      if (pos < limit) {
        ensure(limit - pos);
        System.arraycopy(buf, pos, body, bodyLength, limit - pos);
        bodyLength += limit - pos;
        pos = limit;
      }
      while (true) {
        if (bodyLength == body.length) {
          if (bodyLength == MAX_BODY_BYTES) {
            if (fill()) {
              throw new IOException("answer body is larger than the limit of " + MAX_BODY_BYTES
                  + " bytes");
            }
            return;
          }
          ensure(Math.min(MAX_BODY_BYTES - bodyLength, Math.max(BUFFER_BYTES, bodyLength)));
        }
        socket.setSoTimeout(timeoutMillis(readTimeoutNanos, deadlineNanos));
        int r = in.read(body, bodyLength, body.length - bodyLength);
        if (r < 0) {
          return;
        }
        bodyLength += r;
      }
    }

    private void readChunked(List<String> te) throws IOException {
      // Only "chunked" (perhaps after "identity") is understood: a compressed body is not ours.
      boolean chunked = false;
      for (String v : te) {
        int p = 0;
        while (p <= v.length()) {
          int comma = v.indexOf(',', p);
          int end = comma < 0 ? v.length() : comma;
          String coding = v.substring(p, end).trim();
          if (chunked) {
            throw new ProtocolException("chunked is not the last Transfer-Encoding");
          }
          if (coding.equalsIgnoreCase("chunked")) {
            chunked = true;
          } else if (!coding.isEmpty() && !coding.equalsIgnoreCase("identity")) {
            throw new ProtocolException("unsupported Transfer-Encoding");
          }
          p = end + 1;
        }
      }
      if (!chunked) {
        throw new ProtocolException("unsupported Transfer-Encoding");
      }
      while (true) {
        String sizeLine = readLine(false, "a chunk's size");
        long size = chunkSize(sizeLine);
        if (size == 0) {
          break;
        }
        if (size > MAX_BODY_BYTES - bodyLength) {
          throw new IOException("answer body is larger than the limit of " + MAX_BODY_BYTES
              + " bytes");
        }
        readChunkData((int) size);
        if (!readLine(false, "the end of a chunk").isEmpty()) {
          throw new ProtocolException("malformed chunked body: chunk data not followed by CRLF");
        }
      }
      headBudget = MAX_HEAD_BYTES;
      while (!readLine(true, "the trailers").isEmpty()) {
        // trailers are read and dropped
      }
    }

    private static long chunkSize(String s) throws ProtocolException {
      long n = 0;
      int digits = 0;
      int i = 0;
      for (; i < s.length(); i++) {
        char c = s.charAt(i);
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) {
          break;
        }
        if (++digits > 15) {
          throw new ProtocolException("malformed chunked body: chunk size too long");
        }
        n = n * 16 + d;
      }
      if (digits == 0) {
        throw new ProtocolException("malformed chunked body: no chunk size");
      }
      while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
        i++;
      }
      if (i < s.length() && s.charAt(i) != ';') {
        throw new ProtocolException("malformed chunked body: junk after the chunk size");
      }
      return n; // a chunk extension is ignored
    }

    private void readChunkData(int size) throws IOException {
      ensure(size);
      int left = size;
      while (left > 0) {
        if (pos == limit && !fill()) {
          throw new EOFException("unexpected end of stream in a chunk of the answer body");
        }
        int n = Math.min(left, limit - pos);
        System.arraycopy(buf, pos, body, bodyLength, n);
        pos += n;
        bodyLength += n;
        left -= n;
      }
    }

    /** Makes room in the body for {@code more} bytes. */
    private void ensure(int more) {
      int need = bodyLength + more;
      if (need > body.length) {
        int grown = body.length > MAX_BODY_BYTES / 2 ? MAX_BODY_BYTES : body.length * 2;
        body = Arrays.copyOf(body, Math.max(need, grown));
      }
    }

    /**
     * One line without its CRLF (or bare LF), as ISO-8859-1. A line of the header section (the
     * status line, headers, trailers) counts against what is left of its size limit; any other
     * (a chunk's size line) may have at most {@value #MAX_CHUNK_LINE_BYTES} bytes.
     *
     * @throws EOFException when the stream ends first
     */
    private String readLine(boolean headSection, String what) throws IOException {
      int max = headSection ? headBudget : MAX_CHUNK_LINE_BYTES;
      int n = 0;
      int read = 0;
      while (true) {
        if (pos == limit && !fill()) {
          throw new EOFException("unexpected end of stream reading " + what);
        }
        byte b = buf[pos++];
        if (++read > max) {
          throw new ProtocolException("answer's " + what + " larger than the limit of "
              + (headSection ? MAX_HEAD_BYTES : MAX_CHUNK_LINE_BYTES) + " bytes");
        }
        if (b == '\n') {
          if (headSection) {
            headBudget -= read;
          }
          if (n > 0 && line[n - 1] == '\r') {
            n--;
          }
          for (int i = 0; i < n; i++) {
            if (line[i] == '\r') {
              throw new ProtocolException("malformed answer: a CR not followed by LF in " + what);
            }
          }
          return new String(line, 0, n, StandardCharsets.ISO_8859_1);
        }
        if (n == line.length) {
          line = Arrays.copyOf(line, n * 2);
        }
        line[n++] = b;
      }
    }

    /** Refills the buffer, waiting as the timeouts allow; false at the end of the stream. */
    private boolean fill() throws IOException {
      socket.setSoTimeout(timeoutMillis(readTimeoutNanos, deadlineNanos));
      int r = in.read(buf, 0, buf.length);
      if (r < 0) {
        return false;
      }
      pos = 0;
      limit = r;
      return true;
    }
  }
}
