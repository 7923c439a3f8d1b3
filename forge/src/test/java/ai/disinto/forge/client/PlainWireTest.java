package ai.disinto.forge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.disinto.forge.client.ForgeTransportException.Kind;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link PlainWire} against a raw loopback socket that answers canned bytes and keeps the bytes it
 * received, and against the mock Forgejo next to OkHttp. Nothing here sleeps: a server that must
 * not answer blocks on a latch until the test closes it.
 */
class PlainWireTest {
  private static final Duration SHORT = Duration.ofMillis(200);
  private static final Duration LONG = Duration.ofSeconds(10);

  private final PlainWire wire = new PlainWire(LONG, LONG);

  // ---------------------------------------------------------------- what goes on the wire

  @Test
  @DisplayName("a GET: request line, Host with the port, headers in order, no Content-Length")
  void aGetIsWrittenExactly() throws Exception {
    try (Canned server = Canned.answering("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")) {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Authorization", "token t0k");
      headers.put("Accept", "application/json");
      Interceptors.CallTag tag = tag();
      WireResponse r = wire.send(request("GET",
          server.url("/api/v1/repos/o/r/issues?state=open&page=2"), headers, null, tag));

      assertThat(r.code()).isEqualTo(200);
      assertThat(r.text()).isEqualTo("ok");
      assertThat(tag.reachedServer).isTrue();
      assertThat(server.nextRequest()).isEqualTo(
          "GET /api/v1/repos/o/r/issues?state=open&page=2 HTTP/1.1\r\n"
              + "Host: 127.0.0.1:" + server.port() + "\r\n"
              + "Authorization: token t0k\r\n"
              + "Accept: application/json\r\n"
              + "User-Agent: disinto-java\r\n"
              + "Connection: close\r\n"
              + "\r\n");
    }
  }

  @Test
  @DisplayName("a POST: the body after a Content-Length; the caller's connection headers dropped")
  void aPostCarriesItsBodyAndTheWiresOwnHeaders() throws Exception {
    try (Canned server = Canned.answering("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n")) {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Host", "evil.example");
      headers.put("Content-Type", "application/json");
      headers.put("content-length", "99");
      headers.put("Connection", "keep-alive");
      headers.put("Transfer-Encoding", "chunked");
      headers.put("user-agent", "mine/1");
      byte[] body = "{\"title\":\"t\"}".getBytes(StandardCharsets.UTF_8);
      WireResponse r = wire.send(request("POST", server.url("/p"), headers, body, tag()));

      assertThat(r.code()).isEqualTo(201);
      assertThat(r.body()).isEmpty();
      assertThat(server.nextRequest()).isEqualTo("POST /p HTTP/1.1\r\n"
          + "Host: 127.0.0.1:" + server.port() + "\r\n"
          + "Content-Type: application/json\r\n"
          + "user-agent: mine/1\r\n"
          + "Connection: close\r\n"
          + "Content-Length: 13\r\n"
          + "\r\n"
          + "{\"title\":\"t\"}");
    }
  }

  @Test
  @DisplayName("an empty POST body is sent as Content-Length: 0")
  void anEmptyPostBodyHasContentLengthZero() throws Exception {
    try (Canned server = Canned.answering("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")) {
      wire.send(request("POST", server.url("/merge"), Map.of(), new byte[0], tag()));

      assertThat(server.nextRequest()).isEqualTo("POST /merge HTTP/1.1\r\n"
          + "Host: 127.0.0.1:" + server.port() + "\r\n"
          + "User-Agent: disinto-java\r\n"
          + "Connection: close\r\n"
          + "Content-Length: 0\r\n"
          + "\r\n");
    }
  }

  @Test
  @DisplayName("Host drops the default port 80, keeps another, brackets an IPv6 literal")
  void theHostHeaderFollowsThePort() {
    assertThat(head("http://forge.example/a")).startsWith(
        "GET /a HTTP/1.1\r\nHost: forge.example\r\n");
    assertThat(head("http://forge.example:80/a")).startsWith(
        "GET /a HTTP/1.1\r\nHost: forge.example\r\n");
    assertThat(head("http://forge.example:3000/a/b/")).startsWith(
        "GET /a/b/ HTTP/1.1\r\nHost: forge.example:3000\r\n");
    assertThat(head("http://[::1]:3000/")).startsWith("GET / HTTP/1.1\r\nHost: [::1]:3000\r\n");
  }

  private static String head(String url) {
    byte[] bytes = PlainWire.encode(request("GET", url, Map.of(), null, tag()));
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  @Test
  @DisplayName("a CR or LF in a header name or value is refused before anything is sent")
  void crOrLfInAHeaderIsRefusedBeforeConnecting() throws Exception {
    try (Canned server = Canned.answering("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")) {
      List<Map<String, String>> bad = List.of(
          Map.of("X-A", "v\r\nX-Injected: 1"),
          Map.of("X-A", "v\nX-Injected: 1"),
          Map.of("X-A", "v\r"),
          Map.of("X-A\r\nX-Injected", "1"),
          Map.of("X A", "1"),
          Map.of("", "1"));
      for (Map<String, String> headers : bad) {
        Interceptors.CallTag tag = tag();
        assertThatThrownBy(() -> wire.send(request("GET", server.url("/x"), headers, null, tag)))
            .isInstanceOf(IllegalArgumentException.class)
            .message().doesNotContain("Injected");
        assertThat(tag.reachedServer).isFalse();
      }
      // The first connection the server sees is the good request after the bad ones.
      wire.send(request("GET", server.url("/good"), Map.of(), null, tag()));
      assertThat(server.nextRequest()).startsWith("GET /good HTTP/1.1\r\n");
    }
  }

  @Test
  @DisplayName("an https URL is refused: PlainWire has no TLS")
  void httpsIsRefused() {
    assertThatThrownBy(() -> wire.send(request("GET", "https://forge.example/x", Map.of(), null,
        tag()))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
  }

  @Test
  @DisplayName("an interrupted thread sends nothing and keeps its interrupt flag")
  void anInterruptedThreadSendsNothing() throws Exception {
    try (Canned server = Canned.answering("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")) {
      Interceptors.CallTag tag = tag();
      Thread.currentThread().interrupt();
      Throwable thrown;
      boolean stillInterrupted;
      try {
        thrown = catchThrowableOfType(
            () -> wire.send(request("POST", server.url("/once"), Map.of(), new byte[0], tag)),
            InterruptedIOException.class);
      } finally {
        stillInterrupted = Thread.interrupted();
      }
      assertThat(thrown).isNotNull();
      assertThat(stillInterrupted).isTrue();
      assertThat(tag.reachedServer).isFalse();
      wire.send(request("GET", server.url("/after"), Map.of(), null, tag()));
      assertThat(server.nextRequest()).startsWith("GET /after HTTP/1.1\r\n");
    }
  }

  // ---------------------------------------------------------------- reading the answer

  @Test
  @DisplayName("headers: names lower-cased, values of repeated names kept in order, OWS trimmed")
  void headersAreCaseFoldedAndMultiValued() throws Exception {
    String answer = "HTTP/1.1 200 OK\r\n"
        + "Content-Type: application/json\r\n"
        + "X-Thing: one\r\n"
        + "x-thing:two\r\n"
        + "X-THING: \t three \t\r\n"
        + "Link: <a>; rel=\"next\"\r\n"
        + "Content-Length: 2\r\n"
        + "\r\n"
        + "{}";
    try (Canned server = Canned.answering(answer)) {
      WireResponse r = wire.send(request("GET", server.url("/h"), Map.of(), null, tag()));

      assertThat(r.headers()).containsOnlyKeys("content-type", "x-thing", "link",
          "content-length");
      assertThat(r.headers().get("x-thing")).containsExactly("one", "two", "three");
      assertThat(r.header("Link")).isEqualTo("<a>; rel=\"next\"");
      assertThat(r.text()).isEqualTo("{}");
    }
  }

  @Test
  @DisplayName("a Content-Length body is read to its length, not to the end of the stream")
  void aContentLengthBodyStopsAtItsLength() throws Exception {
    // The server keeps the connection open: reading past the length would wait for a timeout.
    String answer = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
    try (Canned server = Canned.answering(answer, Then.HOLD)) {
      WireResponse r = new PlainWire(LONG, SHORT)
          .send(request("GET", server.url("/cl"), Map.of(), null, tag()));
      assertThat(r.text()).isEqualTo("hello");
    }
  }

  @Test
  @DisplayName("a large Content-Length body arrives whole, beyond the read buffer's size")
  void aLargeBodyArrivesWhole() throws Exception {
    StringBuilder big = new StringBuilder();
    for (int i = 0; big.length() < 100_000; i++) {
      big.append(i).append(',');
    }
    String answer = "HTTP/1.1 200 OK\r\nContent-Length: " + big.length() + "\r\n\r\n" + big;
    try (Canned server = Canned.answering(answer)) {
      WireResponse r = wire.send(request("GET", server.url("/big"), Map.of(), null, tag()));
      assertThat(r.text()).isEqualTo(big.toString());
    }
  }

  @Test
  @DisplayName("chunked: extensions ignored, trailers read and dropped, stops at the last chunk")
  void aChunkedBodyIsDecoded() throws Exception {
    String answer = "HTTP/1.1 200 OK\r\n"
        + "Transfer-Encoding: chunked\r\n"
        + "Trailer: Expires\r\n"
        + "\r\n"
        + "4;name=value\r\nWiki\r\n"
        + "5 ; quoted=\"a;b\"\r\npedia\r\n"
        + "E\r\n in\r\n\r\nchunks.\r\n"
        + "0;last\r\n"
        + "Expires: never\r\n"
        + "X-Checksum: 1\r\n"
        + "\r\n";
    try (Canned server = Canned.answering(answer, Then.HOLD)) {
      WireResponse r = new PlainWire(LONG, SHORT)
          .send(request("GET", server.url("/chunks"), Map.of(), null, tag()));

      assertThat(r.text()).isEqualTo("Wikipedia in\r\n\r\nchunks.");
      assertThat(r.headers()).doesNotContainKeys("expires", "x-checksum");
    }
  }

  @Test
  @DisplayName("without Content-Length or chunked, the body is what comes until the end")
  void aBodyWithoutFramingIsReadToTheEnd() throws Exception {
    for (String version : List.of("HTTP/1.1", "HTTP/1.0")) {
      try (Canned server = Canned.answering(version + " 200 OK\r\nX-A: 1\r\n\r\nall of it\n")) {
        WireResponse r = wire.send(request("GET", server.url("/eof"), Map.of(), null, tag()));
        assertThat(r.text()).isEqualTo("all of it\n");
      }
    }
  }

  @Test
  @DisplayName("HEAD, 204 and 304 answers have no body, whatever their headers say")
  void headAnd204And304HaveNoBody() throws Exception {
    // Each server keeps the connection open after the head: reading a body would time out.
    String[][] cases = {
        {"HEAD", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"},
        {"HEAD", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"},
        {"DELETE", "HTTP/1.1 204 No Content\r\n\r\n"},
        {"GET", "HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n"},
    };
    for (String[] c : cases) {
      try (Canned server = Canned.answering(c[1], Then.HOLD)) {
        WireResponse r = new PlainWire(LONG, SHORT)
            .send(request(c[0], server.url("/n"), Map.of(), null, tag()));
        assertThat(r.body()).as(c[0] + " " + c[1]).isEmpty();
        assertThat(r.code()).isEqualTo(Integer.parseInt(c[1].substring(9, 12)));
      }
    }
  }

  @Test
  @DisplayName("interim 100 Continue and 103 Early Hints are skipped for the real answer")
  void interimAnswersAreSkipped() throws Exception {
    String answer = "HTTP/1.1 100 Continue\r\n\r\n"
        + "HTTP/1.1 103 Early Hints\r\nLink: </style.css>\r\n\r\n"
        + "HTTP/1.1 201 Created\r\nContent-Length: 4\r\nX-Final: yes\r\n\r\ndone";
    try (Canned server = Canned.answering(answer)) {
      WireResponse r = wire.send(request("POST", server.url("/c"), Map.of(), new byte[0], tag()));

      assertThat(r.code()).isEqualTo(201);
      assertThat(r.text()).isEqualTo("done");
      assertThat(r.headers()).containsKey("x-final").doesNotContainKey("link");
    }
  }

  @Test
  @DisplayName("a status line without a reason phrase is accepted")
  void aStatusLineWithoutReasonIsAccepted() throws Exception {
    try (Canned server = Canned.answering("HTTP/1.1 404\r\nContent-Length: 1\r\n\r\nx")) {
      assertThat(wire.send(request("GET", server.url("/"), Map.of(), null, tag())).code())
          .isEqualTo(404);
    }
  }

  @Test
  @DisplayName("a malformed status line is a ProtocolException that does not quote the answer")
  void aMalformedStatusLineIsRefused() throws Exception {
    List<String> answers = List.of(
        "SSH-2.0-OpenSSH_9.6 s3cret\r\n",
        "HTTP/2 200 s3cret\r\n\r\n",
        "HTTP/1.1 2x0 s3cret\r\n\r\n",
        "HTTP/1.1 20\r\n\r\n",
        "HTTP/1.1 099 s3cret\r\n\r\n",
        "HTTP/1.1 2000 s3cret\r\n\r\n",
        "HTTP/1.1  200 s3cret\r\n\r\n",
        "{\"token\":\"s3cret\"}\r\n\r\n");
    for (String answer : answers) {
      try (Canned server = Canned.answering(answer)) {
        assertThatThrownBy(() -> wire.send(request("GET", server.url("/"), Map.of(), null, tag())))
            .as(answer)
            .isInstanceOf(ProtocolException.class)
            .hasMessageStartingWith("malformed status line")
            .message().doesNotContain("s3cret");
      }
    }
  }

  @Test
  @DisplayName("malformed headers are refused: folding, no colon, a space before the colon")
  void malformedHeadersAreRefused() throws Exception {
    List<String> answers = List.of(
        "HTTP/1.1 200 OK\r\nX-A: 1\r\n  folded\r\n\r\n",
        "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX-A : 1\r\n\r\n",
        "HTTP/1.1 200 OK\r\n: 1\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX-A: 1\r2\r\n\r\n");
    for (String answer : answers) {
      try (Canned server = Canned.answering(answer)) {
        assertThatThrownBy(() -> wire.send(request("GET", server.url("/"), Map.of(), null, tag())))
            .as(answer).isInstanceOf(ProtocolException.class);
      }
    }
  }

  @Test
  @DisplayName("Content-Length: invalid or conflicting values are refused; equal repeats accepted")
  void contentLengthIsChecked() throws Exception {
    List<String> refused = List.of("-1", "abc", "", "5, 6", "0x10", "99999999999999999999");
    for (String value : refused) {
      String answer = "HTTP/1.1 200 OK\r\nContent-Length: " + value + "\r\n\r\nhello";
      try (Canned server = Canned.answering(answer)) {
        assertThatThrownBy(() -> wire.send(request("GET", server.url("/"), Map.of(), null, tag())))
            .as(value).isInstanceOf(ProtocolException.class)
            .hasMessageContaining("Content-Length");
      }
    }
    String conflicting = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 4\r\n\r\nhello";
    try (Canned server = Canned.answering(conflicting)) {
      assertThatThrownBy(() -> wire.send(request("GET", server.url("/"), Map.of(), null, tag())))
          .isInstanceOf(ProtocolException.class).hasMessageContaining("conflicting");
    }
    String repeated = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5, 5\r\n\r\nhello";
    try (Canned server = Canned.answering(repeated)) {
      assertThat(wire.send(request("GET", server.url("/"), Map.of(), null, tag())).text())
          .isEqualTo("hello");
    }
  }

  @Test
  @DisplayName("a transfer coding other than chunked is refused (it is not ours to decode)")
  void otherTransferCodingsAreRefused() throws Exception {
    for (String te : List.of("gzip", "chunked, gzip", "gzip, chunked")) {
      String answer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: " + te + "\r\n\r\n0\r\n\r\n";
      try (Canned server = Canned.answering(answer)) {
        assertThatThrownBy(() -> wire.send(request("GET", server.url("/"), Map.of(), null, tag())))
            .as(te).isInstanceOf(ProtocolException.class)
            .hasMessageContaining("Transfer-Encoding");
      }
    }
  }

  @Test
  @DisplayName("the body is capped at 256 MiB: a larger Content-Length fails before reading it")
  void aBodyAboveTheCapIsRefused() throws Exception {
    String answer = "HTTP/1.1 200 OK\r\nContent-Length: " + (PlainWire.MAX_BODY_BYTES + 1L)
        + "\r\n\r\n";
    try (Canned server = Canned.answering(answer, Then.HOLD)) {
      IOException e = catchThrowableOfType(
          () -> wire.send(request("GET", server.url("/"), Map.of(), null, tag())),
          IOException.class);
      assertThat(e).hasMessageContaining("larger than the limit");
      assertThat(Kind.of(e)).isEqualTo(Kind.IO);
    }
    String chunk = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + Integer.toHexString(PlainWire.MAX_BODY_BYTES + 1) + "\r\n";
    try (Canned server = Canned.answering(chunk, Then.HOLD)) {
      assertThatThrownBy(() -> wire.send(request("GET", server.url("/"), Map.of(), null, tag())))
          .isInstanceOf(IOException.class).hasMessageContaining("larger than the limit");
    }
  }

  @Test
  @DisplayName("the header section is capped at 256 KiB")
  void aHeaderSectionAboveTheCapIsRefused() throws Exception {
    StringBuilder answer = new StringBuilder("HTTP/1.1 200 OK\r\n");
    String line = "X-Filler: " + "f".repeat(1000) + "\r\n";
    while (answer.length() <= PlainWire.MAX_HEAD_BYTES) {
      answer.append(line);
    }
    answer.append("Content-Length: 0\r\n\r\n");
    try (Canned server = Canned.answering(answer.toString())) {
      assertThatThrownBy(() -> wire.send(request("GET", server.url("/"), Map.of(), null, tag())))
          .isInstanceOf(ProtocolException.class).hasMessageContaining("limit");
    }
    StringBuilder fits = new StringBuilder("HTTP/1.1 200 OK\r\n");
    while (fits.length() < PlainWire.MAX_HEAD_BYTES - 2 * line.length()) {
      fits.append(line);
    }
    fits.append("Content-Length: 0\r\n\r\n");
    try (Canned server = Canned.answering(fits.toString())) {
      assertThat(wire.send(request("GET", server.url("/"), Map.of(), null, tag())).code())
          .isEqualTo(200);
    }
  }

  // ---------------------------------------------------------------- failures, as classified

  @Test
  @DisplayName("connection refused: ConnectException (CONNECTION_REFUSED), reachedServer false")
  void aRefusedConnectionIsConnectException() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Interceptors.CallTag tag = tag();
    ConnectException e = catchThrowableOfType(() -> wire.send(request("POST",
        "http://127.0.0.1:" + port + "/x", Map.of(), new byte[0], tag)), ConnectException.class);

    assertThat(e).isNotNull();
    assertThat(Kind.of(e)).isEqualTo(Kind.CONNECTION_REFUSED);
    assertThat(tag.reachedServer).isFalse();
  }

  @Test
  @DisplayName("a server that never answers: a timeout after the read timeout (TIMEOUT)")
  void aSilentServerTimesOutAfterTheReadTimeout() throws Exception {
    try (Canned server = Canned.answering("", Then.HOLD)) {
      Interceptors.CallTag tag = tag();
      long t0 = System.nanoTime();
      SocketTimeoutException e = catchThrowableOfType(() -> new PlainWire(LONG, SHORT).send(
          request("GET", server.url("/"), Map.of(), null, tag, Duration.ofSeconds(30))),
          SocketTimeoutException.class);
      long ms = (System.nanoTime() - t0) / 1_000_000;

      assertThat(e).isNotNull();
      assertThat(Kind.of(e)).isEqualTo(Kind.TIMEOUT);
      assertThat(ms).isBetween(150L, 5_000L);
      assertThat(tag.reachedServer).isTrue();
      assertThat(server.nextRequest()).startsWith("GET / HTTP/1.1\r\n");
    }
  }

  @Test
  @DisplayName("a deadline shorter than the read timeout ends the wait at the deadline")
  void theDeadlineIsHonouredWhenShorterThanTheReadTimeout() throws Exception {
    try (Canned server = Canned.answering("", Then.HOLD)) {
      long t0 = System.nanoTime();
      InterruptedIOException e = catchThrowableOfType(() -> new PlainWire(LONG, LONG).send(
          request("GET", server.url("/"), Map.of(), null, tag(), SHORT)),
          InterruptedIOException.class);
      long ms = (System.nanoTime() - t0) / 1_000_000;

      assertThat(e).isNotNull();
      assertThat(Kind.of(e)).isEqualTo(Kind.TIMEOUT);
      assertThat(ms).isBetween(150L, 5_000L);
    }
  }

  @Test
  @DisplayName("a server that trickles an answer is cut off at the deadline, not per read")
  void aTricklingAnswerEndsAtTheDeadline() throws Exception {
    // The head arrives at once, the body never completes: each read waits anew, the deadline
    // still ends it.
    String answer = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial";
    try (Canned server = Canned.answering(answer, Then.HOLD)) {
      long t0 = System.nanoTime();
      InterruptedIOException e = catchThrowableOfType(() -> new PlainWire(LONG, LONG).send(
          request("GET", server.url("/"), Map.of(), null, tag(), SHORT)),
          InterruptedIOException.class);
      assertThat(e).isNotNull();
      assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(150L, 5_000L);
    }
  }

  @Test
  @DisplayName("a deadline already passed: a timeout before connecting, nothing sent")
  void aPassedDeadlineSendsNothing() throws Exception {
    try (Canned server = Canned.answering("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")) {
      Interceptors.CallTag tag = tag();
      WireRequest late = new WireRequest("POST", Url.get(server.url("/late")), Map.of(),
          new byte[0], tag, System.nanoTime() - 1);
      assertThatThrownBy(() -> wire.send(late)).isInstanceOf(InterruptedIOException.class)
          .satisfies(e -> assertThat(Kind.of((IOException) e)).isEqualTo(Kind.TIMEOUT));
      assertThat(tag.reachedServer).isFalse();
      wire.send(request("GET", server.url("/next"), Map.of(), null, tag()));
      assertThat(server.nextRequest()).startsWith("GET /next HTTP/1.1\r\n");
    }
  }

  @Test
  @DisplayName("a body cut short is an EOFException, CONNECTION_CLOSED, in either framing")
  void aBodyCutShortIsConnectionClosed() throws Exception {
    List<String> answers = List.of(
        "",
        "HTTP/1.1 200 OK\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n");
    for (String answer : answers) {
      try (Canned server = Canned.answering(answer)) {
        Interceptors.CallTag tag = tag();
        EOFException e = catchThrowableOfType(
            () -> wire.send(request("GET", server.url("/"), Map.of(), null, tag)),
            EOFException.class);
        assertThat(e).as(answer).isNotNull();
        assertThat(e).hasMessageStartingWith("unexpected end of stream");
        assertThat(Kind.of(e)).isEqualTo(Kind.CONNECTION_CLOSED);
        assertThat(tag.reachedServer).isTrue();
      }
    }
  }

  @Test
  @DisplayName("a server that resets the connection (SO_LINGER 0): CONNECTION_RESET")
  void aResetIsConnectionReset() throws Exception {
    // Seen on Linux: the read gets SocketException("Connection reset"), as OkHttp's would.
    try (Canned server = Canned.answering("", Then.RESET)) {
      Interceptors.CallTag tag = tag();
      IOException e = catchThrowableOfType(
          () -> wire.send(request("POST", server.url("/"), Map.of(), new byte[0], tag)),
          IOException.class);
      assertThat(e).isInstanceOf(SocketException.class);
      assertThat(Kind.of(e)).isEqualTo(Kind.CONNECTION_RESET);
      assertThat(tag.reachedServer).isTrue();
    }
  }

  @Test
  @DisplayName("IPv6 loopback: http://[::1]:port/ connects and sends Host: [::1]:port")
  void ipv6Loopback() throws Exception {
    InetAddress v6;
    Canned server;
    try {
      v6 = InetAddress.getByName("::1");
      server = Canned.on(v6, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nv6", Then.CLOSE);
    } catch (IOException e) {
      Assumptions.abort("no IPv6 loopback here: " + e);
      return;
    }
    try (server) {
      WireResponse r = wire.send(request("GET", "http://[::1]:" + server.port() + "/six",
          Map.of(), null, tag()));
      assertThat(r.text()).isEqualTo("v6");
      assertThat(server.nextRequest()).startsWith(
          "GET /six HTTP/1.1\r\nHost: [::1]:" + server.port() + "\r\n");
    }
  }

  // ---------------------------------------------------------------- next to OkHttp on the mock

  @Test
  @DisplayName("GET, POST, PATCH, DELETE on the mock Forgejo answer as they do through OkHttp")
  void onMockForgejoAnswersAsOkHttp() throws Exception {
    Clock fixed = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    OkHttpClient okhttp = new OkHttpClient.Builder().followRedirects(false).build();
    String issues = MockForgejo.API_PREFIX + "/repos/o/r/issues";
    String[][] exchanges = {
        {"GET", issues + "/1", null},
        {"GET", issues + "?state=all&limit=5", null},
        {"POST", issues, "{\"title\":\"new\",\"body\":\"made here\"}"},
        {"PATCH", issues + "/1", "{\"title\":\"renamed\",\"state\":\"closed\"}"},
        {"DELETE", issues + "/1/labels", null},
        {"GET", issues + "/999", null},
    };
    try (MockForgejo forge = MockForgejo.builder().clock(fixed).start()) {
      for (String[] x : exchanges) {
        String method = x[0];
        String url = forge.baseUrl() + x[1];
        byte[] body = x[2] == null ? null : x[2].getBytes(StandardCharsets.UTF_8);

        seed(forge);
        RequestBody okBody = body == null ? null
            : RequestBody.create(body, MediaType.get("application/json"));
        Request okRequest = new Request.Builder().url(url).method(method, okBody)
            .header("Authorization", "token " + TOKEN).header("Accept", "application/json")
            .build();
        int okCode;
        String okText;
        String okType;
        try (Response response = okhttp.newCall(okRequest).execute()) {
          okCode = response.code();
          okText = response.body().string();
          okType = response.header("Content-Type");
        }
        forge.reset();

        seed(forge);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "token " + TOKEN);
        headers.put("Accept", "application/json");
        if (body != null) {
          headers.put("Content-Type", "application/json; charset=utf-8");
        }
        WireResponse plain = wire.send(request(method, url, headers, body, tag()));
        List<RecordedRequest> journal = forge.journal();
        forge.reset();

        assertThat(plain.code()).as(method + " " + x[1]).isEqualTo(okCode);
        assertThat(plain.text()).as(method + " " + x[1]).isEqualTo(okText);
        assertThat(plain.header("Content-Type")).isEqualTo(okType);
        assertThat(journal).singleElement().satisfies(r -> {
          assertThat(r.method()).isEqualTo(method);
          assertThat(r.principal()).isEqualTo("dev-bot");
        });
      }
    }
    okhttp.dispatcher().executorService().shutdown();
    okhttp.connectionPool().evictAll();
  }

  private static final String TOKEN = "tok-dev-0123456789";

  private static void seed(MockForgejo forge) {
    forge.seed().user("o", "pw-o").user("dev-bot", u -> u.password("pw-dev").token(TOKEN));
    forge.seed().repo("o/r", r -> r.collaborator("dev-bot", "write"));
    forge.seed().issue("o/r", i -> i.title("first").body("the body").author("dev-bot")
        .labels("bug"));
    forge.seed().issue("o/r", i -> i.title("second").body("another").author("o"));
  }

  // ---------------------------------------------------------------- helpers

  private static Interceptors.CallTag tag() {
    return new Interceptors.CallTag(ForgeAuth.none(), false);
  }

  private static WireRequest request(String method, String url, Map<String, String> headers,
      byte[] body, Interceptors.CallTag tag) {
    return request(method, url, headers, body, tag, Duration.ofSeconds(30));
  }

  private static WireRequest request(String method, String url, Map<String, String> headers,
      byte[] body, Interceptors.CallTag tag, Duration budget) {
    return new WireRequest(method, Url.get(url), headers, body, tag,
        System.nanoTime() + budget.toNanos());
  }

  /** What the canned server does after it has read a request (and written its answer). */
  enum Then {
    /** Closes the connection. */
    CLOSE,
    /** Keeps the connection open, silent, until the server is closed. */
    HOLD,
    /** Resets the connection (SO_LINGER 0, then close) without answering. */
    RESET
  }

  /**
   * A loopback server that reads each request (head and Content-Length body), keeps its bytes,
   * answers the same canned bytes, then does what {@link Then} says. Connections are served one
   * after the other.
   */
  static final class Canned implements AutoCloseable {
    private final ServerSocket server;
    private final byte[] answer;
    private final Then then;
    private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    private Canned(InetAddress address, String answer, Then then) throws IOException {
      this.server = new ServerSocket(0, 50, address);
      this.answer = answer.getBytes(StandardCharsets.ISO_8859_1);
      this.then = then;
      Thread t = new Thread(this::serve, "canned-server");
      t.setDaemon(true);
      t.start();
    }

    static Canned answering(String answer) throws IOException {
      return answering(answer, Then.CLOSE);
    }

    static Canned answering(String answer, Then then) throws IOException {
      return new Canned(InetAddress.getByName("127.0.0.1"), answer, then);
    }

    static Canned on(InetAddress address, String answer, Then then) throws IOException {
      return new Canned(address, answer, then);
    }

    int port() {
      return server.getLocalPort();
    }

    String url(String pathAndQuery) {
      return "http://127.0.0.1:" + port() + pathAndQuery;
    }

    /** The next request received, as ISO-8859-1 text; waits for it 10 s at most. */
    String nextRequest() throws InterruptedException {
      String r = requests.poll(10, TimeUnit.SECONDS);
      assertThat(r).as("a request reached the server").isNotNull();
      return r;
    }

    private void serve() {
      while (!server.isClosed()) {
        try (Socket s = server.accept()) {
          requests.add(readRequest(s.getInputStream()));
          if (then == Then.RESET) {
            s.setSoLinger(true, 0);
            continue;
          }
          OutputStream out = s.getOutputStream();
          out.write(answer);
          out.flush();
          if (then == Then.HOLD) {
            closed.await();
          }
        } catch (IOException | InterruptedException e) {
          // closed, or the client went away: serve the next one, if any
        }
      }
    }

    private static String readRequest(InputStream in) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int state = 0;
      while (state < 4) {
        int b = in.read();
        if (b < 0) {
          return bytes.toString(StandardCharsets.ISO_8859_1);
        }
        bytes.write(b);
        state = (b == '\r' && state % 2 == 0) || (b == '\n' && state % 2 == 1) ? state + 1
            : b == '\r' ? 1 : 0;
      }
      String head = bytes.toString(StandardCharsets.ISO_8859_1);
      int length = 0;
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).trim());
        }
      }
      bytes.write(in.readNBytes(length));
      return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
      closed.countDown();
      server.close();
    }
  }
}
