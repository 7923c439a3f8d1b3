package ai.disinto.forge.client;

import ai.disinto.core.Sleeper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.DoubleSupplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The HTTP side of {@link ForgeClient}: the OkHttp client with its interceptor chain, one request
 * sent through it, and the mapping of what went wrong on the wire to the {@link
 * ForgeTransportException} family. Shared by every view of one client.
 */
final class Transport {
  private static final Set<String> IDEMPOTENT =
      Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE");
  private static final Set<String> BODY_REQUIRED = Set.of("POST", "PUT", "PATCH");
  private static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient http;

  private Transport(OkHttpClient http) {
    this.http = http;
  }

  /**
   * Derives the client of every request from {@code base} (its pool and dispatcher are shared).
   * Application interceptors run in the order added: credentials, then retries, then one log line
   * per attempt. OkHttp's own retry on a dropped connection is off: it re-sent writes the forge
   * had already done (two issues filed, a comment posted twice).
   */
  static Transport create(OkHttpClient base, Duration connectTimeout, Duration readTimeout,
      Duration callTimeout, RetryPolicy retry, Clock clock, Sleeper sleeper,
      DoubleSupplier random, HostLimits hostLimits) {
    OkHttpClient derived =
        base.newBuilder()
            .connectTimeout(connectTimeout)
            .readTimeout(readTimeout)
            .writeTimeout(readTimeout)
            .callTimeout(callTimeout)
            .followRedirects(false)
            .followSslRedirects(false)
            .retryOnConnectionFailure(false)
            .addInterceptor(new Interceptors.Auth())
            .addInterceptor(
                new Interceptors.Retry(retry, clock, sleeper, random, Interceptors.LOG))
            .addInterceptor(hostLimits.interceptor(clock, sleeper, retry))
            .addInterceptor(new Interceptors.Logging(Interceptors.LOG))
            .addNetworkInterceptor(new Interceptors.WireTracker())
            .addNetworkInterceptor(new Interceptors.HideRetryAfter())
            .build();
    return new Transport(derived);
  }

  /** The OkHttp client, for tests of pool sharing. */
  OkHttpClient http() {
    return http;
  }

  /**
   * Sends a request through the interceptors (auth, retry, logging); an error body is redacted.
   * POST and PATCH are repeatable only when {@code idempotentWrites} says so.
   */
  ForgeResponse execute(ForgeAuth auth, Redactor redactor, boolean idempotentWrites,
      String method, HttpUrl url, Object body) {
    Objects.requireNonNull(method, "method");
    String verb = method.toUpperCase(Locale.ROOT);
    String path = Interceptors.Logging.pathOf(url);
    Interceptors.CallTag tag =
        new Interceptors.CallTag(auth, idempotentWrites || IDEMPOTENT.contains(verb));
    Request request = request(verb, url, body, tag);
    try (Response r = http.newCall(request).execute()) {
      String text = r.body().string();
      int status = r.code();
      if (status >= 400) {
        text = redactor.redact(text);
      }
      return new ForgeResponse(verb, path, status, text, r.headers().toMultimap());
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

  private static Request request(String verb, HttpUrl url, Object body,
      Interceptors.CallTag tag) {
    Request.Builder b = new Request.Builder().url(url).tag(Interceptors.CallTag.class, tag);
    // forge_api sends the JSON content type on every request, GET and DELETE included.
    b.header("Content-Type", JSON.toString());
    RequestBody rb = null;
    if (body != null) {
      if (verb.equals("GET") || verb.equals("HEAD")) {
        throw new IllegalArgumentException(verb + " requests cannot carry a body");
      }
      String text = body instanceof String s ? s : Json.MOSHI.adapter(Object.class).toJson(body);
      rb = RequestBody.create(text.getBytes(StandardCharsets.UTF_8), JSON);
    } else if (BODY_REQUIRED.contains(verb)) {
      rb = RequestBody.create(new byte[0], JSON);
    }
    return b.method(verb, rb).build();
  }
}
