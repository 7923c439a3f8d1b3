package ai.disinto.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ai.disinto.core.DisintoException;
import ai.disinto.reliability.secrets.SecretsWatch;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.RecordedRequest;
import ai.disinto.testkit.time.FakeTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/** Builds the dynamic tests of a scenario: operation x step x fault. */
final class FaultMatrix {
  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  /** A commit id in a path (a commit's status, a retired claim ref): new in every run. */
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
  private static final Duration CASE_TIMEOUT = Duration.ofSeconds(60);

  /** One request of the operation's fault-free run. */
  record Step(int index, String method, String glob, int call, String shown) {}

  private FaultMatrix() {}

  /** Which faults a step gets; a step that gets none is not counted. */
  interface Plan {
    List<FaultKind> faults(Step step, List<Step> steps);
  }

  /** Every fault that applies to the step's method. */
  static final Plan EVERY_FAULT = (step, steps) ->
      FaultKind.ALL.stream().filter(k -> k.appliesTo(step.method())).toList();

  static DynamicContainer of(Scenario s, MockForgejo mock, Tally tally) {
    return of(s, mock, tally, EVERY_FAULT);
  }

  static DynamicContainer of(Scenario s, MockForgejo mock, Tally tally, Plan plan) {
    List<Step> steps = discover(s, mock);
    tally.steps(s.name(), (int) steps.stream().filter(st -> !plan.faults(st, steps).isEmpty())
        .count());
    List<DynamicNode> nodes = new ArrayList<>();
    for (Step step : steps) {
      for (FaultKind kind : plan.faults(step, steps)) {
        if (!s.samples(steps, step, kind)) {
          continue;
        }
        String name = s.name() + " / step " + step.index() + " " + step.shown() + " / " + kind;
        nodes.add(DynamicTest.dynamicTest(name, () -> {
          try {
            runCase(s, mock, step, kind, tally);
          } catch (AssertionError e) {
            throw new AssertionError(name + ": " + e.getMessage(), e);
          } catch (RuntimeException e) {
            throw new AssertionError(name + ": checking the state afterwards failed: " + e, e);
          }
        }));
      }
    }
    return DynamicContainer.dynamicContainer(s.name() + " (" + steps.size() + " steps)",
        nodes.stream());
  }

  /** The requests of a fault-free run, which must complete. */
  static List<Step> discover(Scenario s, MockForgejo mock) {
    return assertTimeoutPreemptively(CASE_TIMEOUT, () -> {
      Clients.freshConnections();
      mock.reset();
      FakeTime time = new FakeTime();
      Scenario.Operation op = s.prepare(mock, time);
      mock.clearJournal();
      List<RecordedRequest> journal;
      try {
        Object result = op.run();
        journal = mock.journal();
        assertThat(op.check(result)).as("%s completes without faults: %s", s.name(), result)
            .isTrue();
      } finally {
        op.cleanup();
      }
      List<Step> steps = new ArrayList<>();
      List<String> seen = new ArrayList<>();
      for (RecordedRequest r : journal) {
        if (r.path().startsWith("/_mock/")) {
          continue;
        }
        String glob = SHA.matcher(UUID.matcher(r.path()).replaceAll("*")).replaceAll("*");
        String key = r.method() + " " + glob;
        seen.add(key);
        int call = (int) seen.stream().filter(key::equals).count();
        String shown = r.method() + " " + r.apiPath().replaceAll(UUID.pattern(), "UUID")
            .replaceAll(SHA.pattern(), "SHA");
        steps.add(new Step(steps.size() + 1, r.method(), glob, call, shown));
      }
      return steps;
    });
  }

  private static void runCase(Scenario s, MockForgejo mock, Step step, FaultKind kind,
      Tally tally) {
    assertTimeoutPreemptively(CASE_TIMEOUT, () -> {
      Clients.freshConnections();
      mock.reset();
      FakeTime time = new FakeTime();
      Scenario.Operation op = s.prepare(mock, time);
      try {
        runOne(op, mock, step, kind, tally);
      } finally {
        op.cleanup();
      }
    });
  }

  private static void runOne(Scenario.Operation op, MockForgejo mock, Step step, FaultKind kind,
      Tally tally) throws Exception {
    mock.faults().add(kind.rule(step.method(), step.glob(), step.call()));
    Scenarios.CURRENT.set(kind);
    Object outcome;
    try {
      outcome = op.run();
    } catch (DisintoException e) {
      assertThat(e.getMessage()).as("a typed failure says what failed").isNotBlank();
      outcome = e;
    } catch (Exception | Error e) {
      if (e instanceof AssertionError a) {
        throw a;
      }
      throw new AssertionError("untyped failure " + e, e);
    }
    mock.faults().clear();
    SecretsWatch.checkOutcome(outcome);
    SecretsWatch.checkJournal(mock);
    tally.cases.incrementAndGet();
    boolean completed;
    try {
      completed = op.check(outcome);
    } catch (AssertionError a) {
      tally.leftPartial.incrementAndGet();
      throw a;
    }
    (completed ? tally.completed : tally.failedCleanly).incrementAndGet();
  }

  static Stream<DynamicNode> all(List<Scenario> scenarios, MockForgejo mock, Tally tally) {
    String only = System.getProperty("matrix.only", "");
    return scenarios.stream().filter(s -> only.isEmpty() || s.name().equals(only))
        .map(s -> of(s, mock, tally));
  }
}
