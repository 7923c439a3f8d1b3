package ai.disinto.forge.client;

import ai.disinto.core.Sleeper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.DoubleSupplier;
import okhttp3.OkHttpClient;

/**
 * The HTTP side of {@link ForgeClient}: the layers (credentials, retries, host limits, logging)
 * over the wire, one request sent through them, and the mapping of what went wrong on the wire
 * to the {@link ForgeTransportException} family. Shared by every view of one client.
 */
final class Transport {
  private static final Set<String> IDEMPOTENT =
      Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE");
  private static final Set<String> BODY_REQUIRED = Set.of("POST", "PUT", "PATCH");
  private static final String JSON = "application/json";
  private static final byte[] EMPTY = new byte[0];

  private final Wire layers;
  private final OkHttpWire okHttp;
  private final long callTimeoutNanos;

  /** Longer than any call: a deadline this far off never overflows {@link System#nanoTime()}. */
  private static final Duration NO_BOUND = Duration.ofNanos(Long.MAX_VALUE / 4);

  private Transport(Wire layers, OkHttpWire okHttp, Duration callTimeout) {
    this.layers = layers;
    this.okHttp = okHttp;
    this.callTimeoutNanos = callTimeout.isZero() || callTimeout.compareTo(NO_BOUND) > 0
        ? NO_BOUND.toNanos() : callTimeout.toNanos();
  }

  /**
   * Puts the layers over a wire: {@link PlainWire} when {@code base} is {@code null} (a
   * short-lived client of a cleartext forge), else an {@link OkHttpWire} derived from {@code
   * base}. The layers run in this order: credentials, retries, host limits, one log line per
   * attempt. {@code callTimeout} bounds a whole call, its retries and their waits included (zero:
   * no bound).
   */
  static Transport create(OkHttpClient base, Duration connectTimeout, Duration readTimeout,
      Duration callTimeout, RetryPolicy retry, Clock clock, Sleeper sleeper,
      DoubleSupplier random, HostLimits hostLimits) {
    OkHttpWire okHttp = null;
    Wire wire;
    if (base != null) {
      okHttp = new OkHttpWire(base, connectTimeout, readTimeout);
      wire = okHttp;
    } else {
      wire = new PlainWire(connectTimeout, readTimeout);
    }
    Wire layers = new Interceptors.Auth(
        new Interceptors.Retry(
            hostLimits.wrap(new Interceptors.Logging(wire, Interceptors.LOG), clock, sleeper,
                retry),
            retry, clock, sleeper, random, Interceptors.LOG));
    return new Transport(layers, okHttp, callTimeout);
  }

  /** The OkHttp client, for tests of pool sharing; {@code null} on the plain wire. */
  OkHttpClient http() {
    return okHttp == null ? null : okHttp.http();
  }

  /**
   * Sends a request through the layers (auth, retry, host limits, logging); an error body is
   * redacted. POST and PATCH are repeatable only when {@code idempotentWrites} says so.
   */
  ForgeResponse execute(ForgeAuth auth, Redactor redactor, boolean idempotentWrites,
      String method, Url url, Object body) {
    Objects.requireNonNull(method, "method");
    String verb = method.toUpperCase(Locale.ROOT);
    String path = Interceptors.Logging.pathOf(url);
    Interceptors.CallTag tag =
        new Interceptors.CallTag(auth, idempotentWrites || IDEMPOTENT.contains(verb));
    WireRequest request = request(verb, url, body, tag);
    try {
      WireResponse r = layers.send(request);
      String text = r.text();
      int status = r.code();
      if (status >= 400) {
        text = redactor.redact(text);
      }
      return new ForgeResponse(verb, path, status, text, r.headers());
    } catch (IOException e) {
      throw transportFailure(verb, path, e, tag, redactor);
    }
  }

  private static ForgeTransportException transportFailure(String verb, String path,
      IOException failure, Interceptors.CallTag tag, Redactor redactor) {
    ForgeTransportException.Kind kind = kindOf(failure);
    String detail = failure.getMessage() == null ? failure.getClass().getSimpleName()
        : failure.getClass().getSimpleName() + ": " + redactor.redact(failure.getMessage());
    int retries = tag.retries;
    String after = retries == 0 ? "" : " after " + retries + (retries == 1 ? " retry" : " retries");
    String what = kind.description();
    if (!tag.repeatable && tag.reachedServer && kind != ForgeTransportException.Kind.INTERRUPTED) {
      return new ForgeAmbiguousWriteException(kind, verb, path,
          "sent, but no answer came back (" + what + ", " + detail + "); the forge may or may not"
              + " have done it, and it was not sent again", failure);
    }
    return new ForgeTransportException(kind, verb, path, what + after + " (" + detail + ")",
        failure);
  }

  /** Names an I/O failure by what happened on the wire. */
  static ForgeTransportException.Kind kindOf(IOException failure) {
    if (failure instanceof Interceptors.RetryInterrupted) {
      return ForgeTransportException.Kind.INTERRUPTED;
    }
    return ForgeTransportException.Kind.of(failure);
  }

  private WireRequest request(String verb, Url url, Object body, Interceptors.CallTag tag) {
    Map<String, String> headers = new LinkedHashMap<>();
    // forge_api sends the JSON content type on every request, GET and DELETE included.
    headers.put("Content-Type", JSON);
    byte[] bytes = null;
    if (body != null) {
      if (verb.equals("GET") || verb.equals("HEAD")) {
        throw new IllegalArgumentException(verb + " requests cannot carry a body");
      }
      bytes = PlainJson.bodyText(body).getBytes(StandardCharsets.UTF_8);
    } else if (BODY_REQUIRED.contains(verb)) {
      bytes = EMPTY;
    }
    return new WireRequest(verb, url, headers, bytes, tag, System.nanoTime() + callTimeoutNanos);
  }
}
