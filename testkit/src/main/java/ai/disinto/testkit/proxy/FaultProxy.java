package ai.disinto.testkit.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * An HTTP/1.1 proxy on loopback in front of one upstream server (a {@link
 * ai.disinto.testkit.forgejo.MockForgejo}, a {@link ai.disinto.testkit.woodpecker.MockWoodpecker})
 * that does to the wire what a server cannot do to itself: reset the connection before the
 * request was forwarded or after the upstream answered, cut the answer's body short, or stall
 * past the client's read timeout. Point a client at {@link #baseUrl()} instead of the upstream's.
 *
 * <p>Each request is read whole, sent upstream on a fresh connection with {@code Connection:
 * close}, and the upstream's whole answer read before it is passed on (with {@code Connection:
 * close}, so no connection is reused). A rule hits matching requests (method, a regular
 * expression on the path) from its {@code fromCall}-th on, {@code times} of them (0: all). The
 * first rule that hits a request decides its fate. Thread-safe; close it to stop.
 */
public final class FaultProxy implements AutoCloseable {
  /** What a rule does to a request it hits. */
  public enum Mode {
    /** Forward as usual. */
    PASS,
    /** Reset the client's connection before anything is forwarded: the upstream never sees it. */
    RESET_BEFORE,
    /** Forward and let the upstream do the work, then reset the client's connection unanswered. */
    RESET_AFTER,
    /** Forward, then pass the status line, the headers and half of the body, and close. */
    TRUNCATE,
    /** Read the request and answer nothing until the stall time passed (or the proxy closes). */
    STALL
  }

  /**
   * One rule.
   *
   * @param mode what to do
   * @param method HTTP method, or {@code *}
   * @param pathRegex regular expression the whole request path (without query) must match
   * @param fromCall first matching request hit, 1-based
   * @param times how many matching requests are hit, 0 for all from {@code fromCall} on
   */
  public record Rule(Mode mode, String method, String pathRegex, int fromCall, int times) {
    /** Validates the rule. */
    public Rule {
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(method, "method");
      Pattern.compile(pathRegex);
      if (fromCall < 1 || times < 0) {
        throw new IllegalArgumentException("fromCall must be >= 1 and times >= 0");
      }
    }
  }

  private final String upstreamHost;
  private final int upstreamPort;
  private final ServerSocket server;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fault-proxy");
    t.setDaemon(true);
    return t;
  });
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<AtomicInteger> counts = new CopyOnWriteArrayList<>();
  private final List<String> hits = new CopyOnWriteArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile Duration stall = Duration.ofSeconds(30);

  private FaultProxy(String upstreamHost, int upstreamPort) throws IOException {
    this.upstreamHost = upstreamHost;
    this.upstreamPort = upstreamPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    pool.execute(this::acceptLoop);
  }

  /**
   * Starts a proxy for an upstream base URL ({@code http://127.0.0.1:PORT}, any path ignored).
   *
   * @param upstreamBaseUrl the upstream's base URL, plain HTTP
   * @return the running proxy
   * @throws IOException when no loopback port can be bound
   */
  public static FaultProxy start(String upstreamBaseUrl) throws IOException {
    java.net.URI uri = java.net.URI.create(upstreamBaseUrl);
    if (!"http".equals(uri.getScheme())) {
      throw new IllegalArgumentException("only plain http upstreams are proxied");
    }
    return new FaultProxy(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
  }

  /**
   * The proxy's base URL, {@code http://127.0.0.1:PORT}.
   *
   * @return the URL clients should use
   */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /**
   * Adds a rule.
   *
   * @param rule the rule
   * @return this, for chaining
   */
  public FaultProxy add(Rule rule) {
    synchronized (rules) {
      rules.add(rule);
      counts.add(new AtomicInteger());
    }
    return this;
  }

  /**
   * Adds a rule for the first {@code times} requests matching method and path.
   *
   * @param mode what to do
   * @param method HTTP method, or {@code *}
   * @param pathRegex regular expression on the path
   * @param times how many requests, 0 for all
   * @return this, for chaining
   */
  public FaultProxy on(Mode mode, String method, String pathRegex, int times) {
    return add(new Rule(mode, method, pathRegex, 1, times));
  }

  /** Removes every rule and forgets what was hit. */
  public void clear() {
    synchronized (rules) {
      rules.clear();
      counts.clear();
      hits.clear();
    }
  }

  /**
   * How long a {@link Mode#STALL} holds a request (default 30 s).
   *
   * @param duration the stall
   * @return this, for chaining
   */
  public FaultProxy stallFor(Duration duration) {
    this.stall = Objects.requireNonNull(duration, "duration");
    return this;
  }

  /**
   * The requests a rule other than {@link Mode#PASS} hit, as {@code MODE METHOD path}.
   *
   * @return an immutable copy
   */
  public List<String> hits() {
    return List.copyOf(hits);
  }

  /** Stops accepting, ends stalls and closes the port. */
  @Override
  public void close() {
    closed.countDown();
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    pool.shutdownNow();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        pool.execute(() -> serve(client));
      } catch (IOException e) {
        return;
      } catch (java.util.concurrent.RejectedExecutionException e) {
        return;
      }
    }
  }

  private Mode decide(String method, String path) {
    synchronized (rules) {
      for (int i = 0; i < rules.size(); i++) {
        Rule r = rules.get(i);
        if ((r.method().equals("*") || r.method().equalsIgnoreCase(method))
            && path.matches(r.pathRegex())) {
          int n = counts.get(i).incrementAndGet();
          if (n >= r.fromCall() && (r.times() == 0 || n < r.fromCall() + r.times())) {
            if (r.mode() != Mode.PASS) {
              hits.add(r.mode() + " " + method + " " + path);
            }
            return r.mode();
          }
        }
      }
    }
    return Mode.PASS;
  }

  private void serve(Socket client) {
    try (client) {
      client.setSoTimeout(60_000);
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      while (true) {
        Head head = Head.read(in);
        if (head == null) {
          return;
        }
        byte[] body = readBody(in, head);
        String[] requestLine = head.first.split(" ", 3);
        String method = requestLine[0];
        String target = requestLine.length > 1 ? requestLine[1] : "/";
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        Mode mode = decide(method, path);
        if (mode == Mode.RESET_BEFORE) {
          reset(client);
          return;
        }
        if (mode == Mode.STALL) {
          closed.await(stall.toMillis(), TimeUnit.MILLISECONDS);
          reset(client);
          return;
        }
        byte[] answer = forward(head, body);
        if (mode == Mode.RESET_AFTER) {
          reset(client);
          return;
        }
        if (mode == Mode.TRUNCATE) {
          out.write(truncate(answer));
          out.flush();
          return;
        }
        out.write(answer);
        out.flush();
        return; // Connection: close was sent with the answer
      }
    } catch (IOException | InterruptedException e) {
      // the client went away or the proxy closed
    }
  }

  private static void reset(Socket client) throws SocketException {
    client.setSoLinger(true, 0);
  }

  private byte[] forward(Head head, byte[] body) throws IOException {
    try (Socket up = new Socket()) {
      up.connect(new InetSocketAddress(upstreamHost, upstreamPort), 10_000);
      up.setSoTimeout(120_000);
      StringBuilder h = new StringBuilder(head.first).append("\r\n");
      for (String line : head.headers) {
        String name = line.substring(0, Math.max(0, line.indexOf(':'))).trim()
            .toLowerCase(Locale.ROOT);
        if (name.equals("connection") || name.equals("transfer-encoding")
            || name.equals("content-length") || name.equals("host")) {
          continue;
        }
        h.append(line).append("\r\n");
      }
      h.append("Host: ").append(upstreamHost).append(':').append(upstreamPort).append("\r\n");
      h.append("Content-Length: ").append(body.length).append("\r\n");
      h.append("Connection: close\r\n\r\n");
      OutputStream o = up.getOutputStream();
      o.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
      o.write(body);
      o.flush();
      InputStream i = up.getInputStream();
      Head answerHead = Head.read(i);
      if (answerHead == null) {
        throw new IOException("upstream closed without answering");
      }
      byte[] answerBody = readBody(i, answerHead);
      StringBuilder a = new StringBuilder(answerHead.first).append("\r\n");
      for (String line : answerHead.headers) {
        String name = line.substring(0, Math.max(0, line.indexOf(':'))).trim()
            .toLowerCase(Locale.ROOT);
        if (name.equals("connection") || name.equals("transfer-encoding")
            || name.equals("content-length")) {
          continue;
        }
        a.append(line).append("\r\n");
      }
      a.append("Content-Length: ").append(answerBody.length).append("\r\n");
      a.append("Connection: close\r\n\r\n");
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      all.write(a.toString().getBytes(StandardCharsets.ISO_8859_1));
      all.write(answerBody);
      return all.toByteArray();
    }
  }

  /** Keeps the head and half of the body; Content-Length still promises the whole. */
  private static byte[] truncate(byte[] answer) {
    int split = indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)) + 4;
    int bodyLength = answer.length - split;
    int keep = split + Math.max(bodyLength / 2, bodyLength > 0 ? 1 : 0);
    if (bodyLength <= 1) {
      keep = split;
    }
    byte[] out = new byte[keep];
    System.arraycopy(answer, 0, out, 0, keep);
    return out;
  }

  private static int indexOf(byte[] data, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= data.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return data.length - 4;
  }

  private static byte[] readBody(InputStream in, Head head) throws IOException {
    String length = head.header("content-length");
    String te = head.header("transfer-encoding");
    if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      while (true) {
        String sizeLine = Head.line(in);
        if (sizeLine == null) {
          throw new IOException("chunked body ended early");
        }
        int semi = sizeLine.indexOf(';');
        int size = Integer.parseInt((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(),
            16);
        if (size == 0) {
          while (true) {
            String trailer = Head.line(in);
            if (trailer == null || trailer.isEmpty()) {
              return body.toByteArray();
            }
          }
        }
        body.write(in.readNBytes(size));
        Head.line(in);
      }
    }
    if (length != null) {
      return in.readNBytes(Integer.parseInt(length.trim()));
    }
    if (head.first.startsWith("HTTP/")) {
      String[] parts = head.first.split(" ");
      int status = parts.length > 1 ? Integer.parseInt(parts[1]) : 200;
      if (status == 204 || status == 304 || status / 100 == 1) {
        return new byte[0];
      }
      return in.readAllBytes();
    }
    return new byte[0];
  }

  /** A request or status line and its header lines. */
  private static final class Head {
    final String first;
    final List<String> headers;

    Head(String first, List<String> headers) {
      this.first = first;
      this.headers = headers;
    }

    String header(String name) {
      for (String line : headers) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }

    static Head read(InputStream in) throws IOException {
      String first = line(in);
      if (first == null || first.isEmpty()) {
        return null;
      }
      List<String> headers = new ArrayList<>();
      while (true) {
        String l = line(in);
        if (l == null || l.isEmpty()) {
          return new Head(first, headers);
        }
        headers.add(l);
      }
    }

    static String line(InputStream in) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      int c;
      while ((c = in.read()) >= 0) {
        if (c == '\n') {
          byte[] bytes = b.toByteArray();
          int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1
              : bytes.length;
          return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
        }
        b.write(c);
      }
      return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
