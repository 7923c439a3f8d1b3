package ai.disinto.reliability.secrets;

import ai.disinto.log.FactoryLogging;
import ai.disinto.log.LogTarget;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.RecordedRequest;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.event.Level;

/**
 * Watches the whole suite for leaked credentials: every token and password the suite configures
 * contains {@link #MARK}. Registered for every test class by autodetection ({@code
 * junit-platform.properties}): it makes the process's default log target capture every logger at
 * every level (threads without a target of their own), and the fault matrix hands it every
 * result, exception message and {@code toString()} it sees, and every request the mock journals.
 * After each class, any text holding the mark fails it.
 */
public final class SecretsWatch implements BeforeAllCallback, AfterAllCallback {
  /** The part every configured secret of the suite shares. */
  public static final String MARK = "5ecret";
  private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
  private static final AtomicLong LOG_LINES = new AtomicLong();
  private static final AtomicLong TEXTS = new AtomicLong();
  private static final AtomicLong REQUESTS = new AtomicLong();
  private static volatile boolean installed;

  @Override
  public void beforeAll(ExtensionContext context) {
    synchronized (SecretsWatch.class) {
      if (!installed) {
        FactoryLogging.setDefault(LogTarget.of("suite", Clock.systemUTC(), line -> {
          LOG_LINES.incrementAndGet();
          check("log line", line);
        }).withThreshold(Level.TRACE));
        installed = true;
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (!LEAKS.isEmpty()) {
      List<String> found = List.copyOf(LEAKS);
      LEAKS.clear();
      throw new AssertionError("a configured secret leaked in " + found.size() + " texts, e.g. "
          + found.subList(0, Math.min(5, found.size())));
    }
  }

  /**
   * Checks a text the suite produced (a result, a message, a {@code toString()}).
   *
   * @param what where it came from
   * @param text the text, may be null
   */
  public static void check(String what, String text) {
    TEXTS.incrementAndGet();
    if (text != null && text.contains(MARK)) {
      int at = text.indexOf(MARK);
      LEAKS.add(what + ": ..." + text.substring(Math.max(0, at - 40),
          Math.min(text.length(), at + 20)) + "...");
    }
  }

  /**
   * Checks an outcome: its {@code toString()}, and for a throwable every message of its chain.
   *
   * @param outcome a result or a throwable
   */
  public static void checkOutcome(Object outcome) {
    check("toString", String.valueOf(outcome));
    if (outcome instanceof Throwable t) {
      for (Throwable c = t; c != null; c = c.getCause()) {
        check("exception message", c.getMessage());
        check("exception toString", c.toString());
      }
    }
  }

  /**
   * Checks what reached the forge: every journaled request's path, query and body.
   *
   * @param mock the mock
   */
  public static void checkJournal(MockForgejo mock) {
    for (RecordedRequest r : mock.journal()) {
      REQUESTS.incrementAndGet();
      check("request to the forge " + r.method() + " " + r.path(),
          r.path() + "?" + r.query() + " " + r.body());
    }
  }

  /**
   * The figures so far.
   *
   * @return a line for docs/reliability.md
   */
  public static String figures() {
    return LOG_LINES.get() + " log lines (all levels), " + TEXTS.get()
        + " texts (results, exception messages, toString) and " + REQUESTS.get()
        + " requests that reached the mock scanned for configured secrets";
  }
}
