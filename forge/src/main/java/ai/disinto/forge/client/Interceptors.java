package ai.disinto.forge.client;

import ai.disinto.core.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OkHttp interceptors of a {@link ForgeClient}, one job each. Application interceptors, in
 * order: {@link Auth} (the {@code Authorization} header), {@link Retry} (repeats what is safe to
 * repeat), {@link Logging} (one redacted DEBUG line per attempt). Network interceptors: {@link
 * WireTracker} (notes that a request reached an open connection) and {@link HideRetryAfter}.
 */
final class Interceptors {
  /** Where the interceptors log unless a test gives another logger. */
  static final Logger LOG = LoggerFactory.getLogger(ForgeClient.class);

  private Interceptors() {}

  /** The per-call facts the interceptors read, carried as the request's tag. */
  static final class CallTag {
    final ForgeAuth auth;
    final boolean repeatable;
    /** Set once the request was handed to an open connection: the forge may have seen it. */
    volatile boolean reachedServer;
    /** How many times the request was repeated. */
    volatile int retries;

    CallTag(ForgeAuth auth, boolean repeatable) {
      this.auth = auth;
      this.repeatable = repeatable;
    }

    static CallTag of(Request request) {
      CallTag tag = request.tag(CallTag.class);
      return tag != null ? tag : new CallTag(ForgeAuth.none(), false);
    }
  }

  /** Thrown when the thread is interrupted while waiting to retry. */
  static final class RetryInterrupted extends InterruptedIOException {
    private static final long serialVersionUID = 1L;

    RetryInterrupted() {
      super("interrupted while waiting to retry");
    }
  }

  /** Sets the {@code Authorization} header from the call's credentials. */
  static final class Auth implements Interceptor {
    @Override
    public Response intercept(Chain chain) throws IOException {
      Request request = chain.request();
      String value = CallTag.of(request).auth.headerValue();
      if (value == null) {
        return chain.proceed(request.newBuilder().removeHeader("Authorization").build());
      }
      return chain.proceed(request.newBuilder().header("Authorization", value).build());
    }
  }

  /**
   * Repeats a request that may pass on a second try (no answer, 429, 5xx) when it is safe to
   * repeat, waiting as the {@link RetryPolicy} and {@code Retry-After} say, on the injected clock
   * and sleeper.
   */
  static final class Retry implements Interceptor {
    private final Logger log;
    private final RetryPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    Retry(RetryPolicy policy, Clock clock, Sleeper sleeper, DoubleSupplier random, Logger log) {
      this.log = log;
      this.policy = policy;
      this.clock = clock;
      this.sleeper = sleeper;
      this.random = random;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      Request request = chain.request();
      CallTag tag = CallTag.of(request);
      String what = request.method() + " " + Logging.pathOf(request.url());
      Instant start = clock.instant();
      for (int retry = 0; ; retry++) {
        Response response = null;
        IOException failure = null;
        try {
          response = HideRetryAfter.restore(chain.proceed(request));
          if (tag.repeatable) {
            // Read here, so that a body cut short is one more transient failure to retry.
            response = buffered(response);
          }
        } catch (IOException e) {
          if (response != null) {
            response.close();
            response = null;
          }
          failure = e;
        }
        boolean transientFailure =
            failure != null || response.code() == 429 || response.code() >= 500;
        // A 429 is a refusal before any work: safe to send again whatever the method.
        boolean repeatable = tag.repeatable || (response != null && response.code() == 429);
        if (!transientFailure || !repeatable || retry >= policy.maxRetries()) {
          return finish(response, failure);
        }
        int next = retry + 1;
        Duration wait =
            Optional.ofNullable(response)
                .flatMap(r -> RetryAfter.parse(r.header("Retry-After"), clock))
                .orElseGet(() -> policy.backoff(next, random.getAsDouble()));
        // Compared against what is left of the budget, never summed: a Retry-After of 2^63-1
        // seconds must stop the retries, not overflow.
        Duration elapsed = Duration.between(start, clock.instant());
        Duration left = policy.maxElapsed().minus(elapsed.isNegative() ? Duration.ZERO : elapsed);
        if (wait.compareTo(left) > 0) {
          log.debug("{}: not retrying, the wait asked for ({} s) is more than the {} s left of"
              + " the retry budget", what, wait.getSeconds(), left.getSeconds());
          return finish(response, failure);
        }
        if (response != null) {
          response.close();
        }
        log.debug("{}: retry {} of {} in {}", what, next, policy.maxRetries(), wait);
        tag.retries = next;
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new RetryInterrupted();
        }
      }
    }

    private static Response buffered(Response response) throws IOException {
      okhttp3.ResponseBody body = response.body();
      if (body == null) {
        return response;
      }
      okhttp3.MediaType type = body.contentType();
      byte[] bytes = body.bytes();
      return response.newBuilder().body(okhttp3.ResponseBody.create(bytes, type)).build();
    }

    private static Response finish(Response response, IOException failure) throws IOException {
      if (failure != null) {
        throw failure;
      }
      return response;
    }
  }

  /** One DEBUG line per attempt: method, secret-free path, kind of credentials, outcome, time. */
  static final class Logging implements Interceptor {
    private final Logger log;

    Logging(Logger log) {
      this.log = log;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      Request request = chain.request();
      if (!log.isDebugEnabled()) {
        return chain.proceed(request);
      }
      long t0 = System.nanoTime();
      String outcome = "?";
      try {
        Response response = chain.proceed(request);
        outcome = Integer.toString(response.code());
        return response;
      } catch (IOException e) {
        outcome = e.getClass().getSimpleName();
        throw e;
      } finally {
        log.debug("{} {} (Authorization: {}) -> {} in {} ms", request.method(),
            pathOf(request.url()), authKind(request.header("Authorization")), outcome,
            (System.nanoTime() - t0) / 1_000_000);
      }
    }

    static String authKind(String header) {
      if (header == null) {
        return "none";
      }
      int space = header.indexOf(' ');
      return (space < 0 ? header : header.substring(0, space)) + " <redacted>";
    }

    static String pathOf(Url url) {
      String query = url.encodedQuery();
      return Bodies.redactQuery(url.encodedPath() + (query == null ? "" : "?" + query));
    }

    static String pathOf(HttpUrl url) {
      String query = url.encodedQuery();
      return Bodies.redactQuery(url.encodedPath() + (query == null ? "" : "?" + query));
    }
  }

  /** Notes, before a request goes out on an open connection, that the forge may now see it. */
  static final class WireTracker implements Interceptor {
    @Override
    public Response intercept(Chain chain) throws IOException {
      CallTag.of(chain.request()).reachedServer = true;
      return chain.proceed(chain.request());
    }
  }

  /**
   * Keeps {@code Retry-After} from OkHttp's own follow-up logic, which re-sends any request
   * (a POST included) once on a 503 with {@code Retry-After: 0} and cannot read a delay above
   * {@link Integer#MAX_VALUE}; {@link #restore} puts the header back for {@link Retry} and the
   * caller.
   */
  static final class HideRetryAfter implements Interceptor {
    static final String HIDDEN = "X-Disinto-Retry-After";

    @Override
    public Response intercept(Chain chain) throws IOException {
      Response response = chain.proceed(chain.request());
      String value = response.header("Retry-After");
      if (value == null) {
        return response;
      }
      return response.newBuilder().removeHeader("Retry-After").header(HIDDEN, value).build();
    }

    static Response restore(Response response) {
      String value = response.header(HIDDEN);
      if (value == null) {
        return response;
      }
      return response.newBuilder().removeHeader(HIDDEN).header("Retry-After", value).build();
    }
  }
}
