package ai.disinto.reliability.faults;

import ai.disinto.testkit.forgejo.Fault;
import java.time.Duration;
import java.util.List;

/** The faults the matrix injects at a step, each as a MockForgejo rule for one call. */
enum FaultKind {
  /** Three 500s in a row (a retried GET sees all three, a write its first). */
  BURST_500,
  /** One 502 from a proxy in front of the forge. */
  BAD_GATEWAY_502,
  /** A 503 with Retry-After: 1. */
  UNAVAILABLE_503_RETRY_AFTER,
  /** Two 429s with Retry-After: 2. */
  RATE_LIMITED_429,
  /** The connection closes before the forge saw the request. */
  RESET_BEFORE,
  /** The forge did the work; the connection closes before the answer. */
  RESET_AFTER,
  /** The forge does the work; its answer would come after the client's read timeout. */
  TIMEOUT,
  /** The normal answer, its JSON cut in half. */
  TRUNCATED_JSON,
  /** A 200 whose JSON has the wrong types and lacks fields (only on reads: nothing is done). */
  WRONG_TYPES_JSON,
  /** 404 Not Found. */
  NOT_FOUND_404,
  /** 409 Conflict. */
  CONFLICT_409,
  /** 405 Method Not Allowed. */
  NOT_ALLOWED_405,
  /** 422 Unprocessable Entity. */
  UNPROCESSABLE_422;

  /** The client's read timeout in the matrix; {@link #TIMEOUT} answers after twice that. */
  static final Duration READ_TIMEOUT = Duration.ofMillis(600);

  static final List<FaultKind> ALL = List.of(values());

  /** Whether this fault makes sense on a request of this method. */
  boolean appliesTo(String method) {
    boolean read = method.equals("GET");
    return switch (this) {
      case WRONG_TYPES_JSON -> read;
      // A timeout costs real time: injected on writes, where it matters (ambiguous answers).
      case TIMEOUT -> !read;
      default -> true;
    };
  }

  Fault rule(String method, String glob, int call) {
    Fault on = Fault.on(method, glob);
    return switch (this) {
      case BURST_500 -> on.withStatus(500).onCalls(call, 3);
      case BAD_GATEWAY_502 -> on.withStatus(502).withBody("<html>bad gateway</html>")
          .onCalls(call, 1);
      case UNAVAILABLE_503_RETRY_AFTER -> on.withStatus(503).withRetryAfter(1).onCalls(call, 1);
      case RATE_LIMITED_429 -> on.withRateLimit(2).onCalls(call, 2);
      case RESET_BEFORE -> on.dropBeforeProcessing().onCalls(call, 1);
      case RESET_AFTER -> on.dropAfterProcessing().onCalls(call, 1);
      case TIMEOUT -> on.withDelay(READ_TIMEOUT.multipliedBy(5).dividedBy(2)).dropAfterProcessing()
          .onCalls(call, 1);
      case TRUNCATED_JSON -> on.withMalformedBody().onCalls(call, 1);
      case WRONG_TYPES_JSON -> on.withStatus(200)
          .withBody("{\"id\":\"seven\",\"number\":[1],\"labels\":{\"a\":1},\"state\":42,"
              + "\"name\":null,\"login\":false,\"commit\":\"x\"}")
          .onCalls(call, 1);
      case NOT_FOUND_404 -> on.withStatus(404).withBody("{\"message\":\"not found\"}")
          .onCalls(call, 1);
      case CONFLICT_409 -> on.withStatus(409).withBody("{\"message\":\"conflict\"}")
          .onCalls(call, 1);
      case NOT_ALLOWED_405 -> on.withStatus(405).withBody("{\"message\":\"not allowed\"}")
          .onCalls(call, 1);
      case UNPROCESSABLE_422 -> on.withStatus(422).withBody("{\"message\":\"invalid\"}")
          .onCalls(call, 1);
    };
  }
}
