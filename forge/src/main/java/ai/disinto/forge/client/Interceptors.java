package ai.disinto.forge.client;

import ai.disinto.core.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The layers of a {@link ForgeClient}'s HTTP stack above the wire, one job each, in order: {@link
 * Auth} (the {@code Authorization} header), {@link Retry} (repeats what is safe to repeat), the
 * host limits ({@link HostLimits#wrap}), {@link Logging} (one redacted DEBUG line per attempt).
 * Each wraps the next {@link Wire}; the same layers run over either wire.
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
  }

  /** Thrown when the thread is interrupted while waiting to retry. */
  static final class RetryInterrupted extends InterruptedIOException {
    private static final long serialVersionUID = 1L;

    RetryInterrupted() {
      super("interrupted while waiting to retry");
    }
  }

  /** Sets the {@code Authorization} header from the call's credentials. */
  static final class Auth implements Wire {
    private final Wire next;

    Auth(Wire next) {
      this.next = next;
    }

    @Override
    public WireResponse send(WireRequest request) throws IOException {
      return next.send(request.withHeader("Authorization", request.tag().auth.headerValue()));
    }
  }

  /**
   * Repeats a request that may pass on a second try (no answer, 429, 5xx) when it is safe to
   * repeat, waiting as the {@link RetryPolicy} and {@code Retry-After} say, on the injected clock
   * and sleeper.
   */
  static final class Retry implements Wire {
    private final Wire next;
    private final Logger log;
    private final RetryPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    Retry(Wire next, RetryPolicy policy, Clock clock, Sleeper sleeper, DoubleSupplier random,
        Logger log) {
      this.next = next;
      this.log = log;
      this.policy = policy;
      this.clock = clock;
      this.sleeper = sleeper;
      this.random = random;
    }

    @Override
    public WireResponse send(WireRequest request) throws IOException {
      CallTag tag = request.tag();
      String what = request.method() + " " + Logging.pathOf(request.url());
      Instant start = clock.instant();
      for (int retry = 0; ; retry++) {
        WireResponse response = null;
        IOException failure = null;
        try {
          response = next.send(request);
        } catch (IOException e) {
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
        Duration wait = null;
        if (response != null) {
          wait = RetryAfter.parse(response.header("Retry-After"), clock).orElse(null);
        }
        if (wait == null) {
          wait = policy.backoff(next, random.getAsDouble());
        }
        // Compared against what is left of the budget, never summed: a Retry-After of 2^63-1
        // seconds must stop the retries, not overflow.
        Duration elapsed = Duration.between(start, clock.instant());
        Duration left = policy.maxElapsed().minus(elapsed.isNegative() ? Duration.ZERO : elapsed);
        if (wait.compareTo(left) > 0) {
          log.debug("{}: not retrying, the wait asked for ({} s) is more than the {} s left of"
              + " the retry budget", what, wait.getSeconds(), left.getSeconds());
          return finish(response, failure);
        }
        if (wait.compareTo(Duration.ofNanos(Math.max(0, request.remainingNanos()))) >= 0) {
          log.debug("{}: not retrying, the call's time is up before the wait ({}) is over", what,
              wait);
          return finish(response, failure);
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

    private static WireResponse finish(WireResponse response, IOException failure)
        throws IOException {
      if (failure != null) {
        throw failure;
      }
      return response;
    }
  }

  /** One DEBUG line per attempt: method, secret-free path, kind of credentials, outcome, time. */
  static final class Logging implements Wire {
    private final Wire next;
    private final Logger log;

    Logging(Wire next, Logger log) {
      this.next = next;
      this.log = log;
    }

    @Override
    public WireResponse send(WireRequest request) throws IOException {
      if (!log.isDebugEnabled()) {
        return next.send(request);
      }
      long t0 = System.nanoTime();
      String outcome = "?";
      try {
        WireResponse response = next.send(request);
        outcome = Integer.toString(response.code());
        return response;
      } catch (IOException e) {
        outcome = e.getClass().getSimpleName();
        throw e;
      } finally {
        log.debug("{} {} (Authorization: {}) -> {} in {} ms", request.method(),
            pathOf(request.url()), authKind(request.header("Authorization")), outcome,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
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
  }
}
