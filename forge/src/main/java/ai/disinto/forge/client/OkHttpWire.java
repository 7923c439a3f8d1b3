package ai.disinto.forge.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The default {@link Wire}: OkHttp, with its connection pool (shared by every client derived from
 * one OkHttp client), TLS and HTTP/2. OkHttp's own retry on a dropped connection and its redirects
 * are off: the retry re-sent writes the forge had already done (two issues filed, a comment posted
 * twice).
 */
final class OkHttpWire implements Wire {
  /** Where {@code Retry-After} waits while OkHttp's own follow-up logic could see it. */
  static final String HIDDEN_RETRY_AFTER = "X-Disinto-Retry-After";

  private final OkHttpClient http;

  /** Derives the client of every request from {@code base} (its pool and dispatcher are shared). */
  OkHttpWire(OkHttpClient base, Duration connectTimeout, Duration readTimeout) {
    this.http =
        base.newBuilder()
            .connectTimeout(connectTimeout)
            .readTimeout(readTimeout)
            .writeTimeout(readTimeout)
            .followRedirects(false)
            .followSslRedirects(false)
            .retryOnConnectionFailure(false)
            .addNetworkInterceptor(OkHttpWire::onTheWire)
            .build();
  }

  /** The OkHttp client, for tests of pool sharing. */
  OkHttpClient http() {
    return http;
  }

  @Override
  public WireResponse send(WireRequest request) throws IOException {
    long remaining = request.remainingNanos();
    if (remaining <= 0) {
      throw new InterruptedIOException("timeout");
    }
    Request.Builder b = new Request.Builder().url(request.url().toString())
        .tag(Interceptors.CallTag.class, request.tag());
    for (Map.Entry<String, String> h : request.headers().entrySet()) {
      b.header(h.getKey(), h.getValue());
    }
    RequestBody body = null;
    if (request.body() != null) {
      String type = request.header("Content-Type");
      body = RequestBody.create(request.body(), type == null ? null : MediaType.parse(type));
    }
    Call call = http.newCall(b.method(request.method(), body).build());
    call.timeout().timeout(remaining, TimeUnit.NANOSECONDS);
    try (Response r = call.execute()) {
      byte[] bytes = r.body().bytes();
      Map<String, java.util.List<String>> headers = new java.util.LinkedHashMap<>(
          r.headers().toMultimap());
      java.util.List<String> hidden = headers.remove(HIDDEN_RETRY_AFTER.toLowerCase(
          java.util.Locale.ROOT));
      if (hidden != null) {
        headers.put("retry-after", hidden);
      }
      return new WireResponse(r.code(), headers, bytes);
    }
  }

  /**
   * The network interceptor: notes, before the request goes out on an open connection, that the
   * forge may now see it, and keeps {@code Retry-After} from OkHttp's follow-up logic, which
   * re-sends any request (a POST included) once on a 503 with {@code Retry-After: 0} and cannot
   * read a delay above {@link Integer#MAX_VALUE}; {@link #send} puts it back.
   */
  private static Response onTheWire(Interceptor.Chain chain) throws IOException {
    Interceptors.CallTag tag = chain.request().tag(Interceptors.CallTag.class);
    if (tag != null) {
      tag.reachedServer = true;
    }
    Response response = chain.proceed(chain.request());
    String value = response.header("Retry-After");
    if (value == null) {
      return response;
    }
    return response.newBuilder().removeHeader("Retry-After").header(HIDDEN_RETRY_AFTER, value)
        .build();
  }
}
