package ai.disinto.reliability.faults;

import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.proxy.FaultProxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The faults of the git push and CI matrices at one step: a rule on the mock server (MockForgejo
 * for git's smart HTTP, MockWoodpecker for CI; both take {@link Fault} rules) or a wire fault of
 * the {@link FaultProxy} between the client and the mock. The server rules reuse {@link
 * FaultKind}'s; the mock cannot cut a git or Woodpecker body short, so truncation is the proxy's.
 */
enum Injection {
  /** Three 500s in a row. */
  SERVER_500_BURST(FaultKind.BURST_500),
  /** One 502. */
  SERVER_502(FaultKind.BAD_GATEWAY_502),
  /** A 503 with Retry-After: 1. */
  SERVER_503_RETRY_AFTER(FaultKind.UNAVAILABLE_503_RETRY_AFTER),
  /** Two 429s with Retry-After: 2. */
  SERVER_429_RETRY_AFTER(FaultKind.RATE_LIMITED_429),
  /** 404. */
  SERVER_404(FaultKind.NOT_FOUND_404),
  /** 403 (a token or user without the permission). */
  SERVER_403(null),
  /** A 200 whose JSON has wrong types (API reads only). */
  SERVER_WRONG_TYPES(FaultKind.WRONG_TYPES_JSON),
  /** The server does the work, then answers nothing for longer than the read timeout (writes). */
  SERVER_STALL_AFTER_WORK(FaultKind.TIMEOUT),
  /** The proxy resets the connection before forwarding: the server never sees the request. */
  WIRE_RESET_BEFORE(null),
  /** The proxy forwards, the server does the work, the client's connection is reset. */
  WIRE_RESET_AFTER(null),
  /** The proxy passes the head and half of the answer's body, and closes. */
  WIRE_TRUNCATE(null),
  /** The proxy holds the request past the read timeout, then resets (the server never sees it). */
  WIRE_STALL(null);

  static final List<Injection> ALL = List.of(values());

  private final FaultKind kind;

  Injection(FaultKind kind) {
    this.kind = kind;
  }

  /** Whether this fault is injected on a request: {@code api} says a JSON API (not git). */
  boolean appliesTo(String method, boolean api) {
    boolean read = method.equals("GET");
    return switch (this) {
      case SERVER_WRONG_TYPES -> read && api;
      // Costs real time (the stall): where an answer lost after the work matters, on writes.
      case SERVER_STALL_AFTER_WORK -> !read;
      default -> true;
    };
  }

  /**
   * The server-side rule for the {@code call}-th request of that method and path, if any; {@code
   * stall} is how long {@link #SERVER_STALL_AFTER_WORK} holds the answer.
   */
  Optional<Fault> rule(String method, String glob, int call, Duration stall) {
    if (this == SERVER_STALL_AFTER_WORK) {
      return Optional.of(Fault.on(method, glob).withDelay(stall).dropAfterProcessing()
          .onCalls(call, 1));
    }
    if (this == SERVER_403) {
      return Optional.of(Fault.on(method, glob).withStatus(403)
          .withBody("{\"message\":\"forbidden\"}").onCalls(call, 1));
    }
    return kind == null ? Optional.empty() : Optional.of(kind.rule(method, glob, call));
  }

  /** The proxy's rule for the {@code call}-th request of that method and exact path, if any. */
  Optional<FaultProxy.Rule> wire(String method, String path, int call) {
    FaultProxy.Mode mode = switch (this) {
      case WIRE_RESET_BEFORE -> FaultProxy.Mode.RESET_BEFORE;
      case WIRE_RESET_AFTER -> FaultProxy.Mode.RESET_AFTER;
      case WIRE_TRUNCATE -> FaultProxy.Mode.TRUNCATE;
      case WIRE_STALL -> FaultProxy.Mode.STALL;
      default -> null;
    };
    return mode == null ? Optional.empty()
        : Optional.of(new FaultProxy.Rule(mode, method, Pattern.quote(path), call, 1));
  }

  /** Whether the server may have done the work of a write although the client heard no answer. */
  boolean mayHaveDoneTheWork() {
    return this == SERVER_STALL_AFTER_WORK || this == WIRE_RESET_AFTER || this == WIRE_TRUNCATE;
  }

  /** How long a stall lasts on an API request: past the matrices' read timeout. */
  static final Duration API_STALL = FaultKind.READ_TIMEOUT.multipliedBy(2);

  /**
   * How long a stall lasts on a git request. Git has no read timeout short of the push's own
   * ({@code ForgePush.PUSH_TIMEOUT}, {@code GitCliRetrigger.STEP_TIMEOUT}: 10 minutes), so a
   * stall is silence ended by a reset; its length does not matter to git.
   */
  static final Duration GIT_STALL = Duration.ofMillis(300);
}
