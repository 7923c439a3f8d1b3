package ai.disinto.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ai.disinto.ci.debug.CiDebug;
import ai.disinto.ci.helpers.CiException;
import ai.disinto.ci.helpers.CiService;
import ai.disinto.ci.helpers.CiSettings;
import ai.disinto.ci.helpers.WoodpeckerCiGate;
import ai.disinto.ci.logs.CiLogReader;
import ai.disinto.ci.woodpecker.PipelineQuery;
import ai.disinto.ci.woodpecker.WoodpeckerClient;
import ai.disinto.core.DisintoException;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.forge.pulls.CiPoller;
import ai.disinto.forge.pulls.CiResult;
import ai.disinto.forge.pulls.CiState;
import ai.disinto.forge.pulls.FailureType;
import ai.disinto.forge.pulls.PullRequests;
import ai.disinto.reliability.secrets.SecretsWatch;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.proxy.FaultProxy;
import ai.disinto.testkit.time.FakeTime;
import ai.disinto.testkit.woodpecker.MockWoodpecker;
import ai.disinto.testkit.woodpecker.WoodpeckerRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI operations of the factory against a MockWoodpecker, with every fault at every request
 * they make to Woodpecker (server rules on the mock, wire faults of a {@link FaultProxy} in front
 * of it): waiting for CI on a PR ({@link CiPoller} on the {@link WoodpeckerCiGate} the factory
 * builds, with the ci-debug digest) for a green and for an infra-failed pipeline, and restarting a
 * pipeline as a deployment ({@link CiService#promote}). A wait ends with the right verdict within
 * its fake-time timeout; a restart is sent at most once and either returns the new pipeline or
 * fails typed naming its step, never leaving a pipeline the caller believes absent unless the
 * failure says the answer was lost.
 */
class CiFaultMatrixTest {
  private static final String WP_TOKEN = "wp-tok-" + SecretsWatch.MARK;
  private static final String FORGE_TOKEN = "tok-ci-" + SecretsWatch.MARK;
  private static final Duration CASE_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration CI_TIMEOUT = Duration.ofMinutes(30);
  private static final Duration CI_INTERVAL = Duration.ofSeconds(30);
  private static final Tally TALLY = new Tally();
  /** Waits whose infra failure was read as code because a refusal hid the pipeline or its log. */
  private static final AtomicInteger CODE_WHEN_UNSURE = new AtomicInteger();

  private static MockForgejo forge;
  private static MockWoodpecker ci;
  private static FaultProxy proxy;
  @TempDir static Path dataDir;

  @BeforeAll
  static void start() throws Exception {
    forge = MockForgejo.start();
    ci = MockWoodpecker.start();
    proxy = FaultProxy.start(ci.baseUrl()).stallFor(Injection.API_STALL);
  }

  @AfterAll
  static void stop() {
    System.out.println("CI fault matrix: " + TALLY + "; an infra failure read as code or "
        + "unclassified because a refusal hid the pipeline or its log: " + CODE_WHEN_UNSURE);
    proxy.close();
    ci.close();
    forge.close();
    assertThat(TALLY.stepsPerOperation).hasSize(3)
        .allSatisfy((op, steps) -> assertThat(steps).as("steps of %s", op).isPositive());
    TALLY.assertEveryCaseEndedCleanly();
  }

  /** One CI operation of the matrix. */
  interface CiScenario {
    String name();

    /** Seeds both (reset) mocks; the operation's Woodpecker client goes through the proxy. */
    CiOp prepare(FakeTime time) throws Exception;
  }

  /** One prepared operation. */
  interface CiOp {
    Object run() throws Exception;

    /**
     * Checks the outcome (faults cleared); {@code step} is the faulted step or null; true when
     * the operation completed.
     */
    boolean check(Object outcome, FaultMatrix.Step step, Injection fault) throws Exception;
  }

  @TestFactory
  Stream<DynamicNode> everyCiOperationEveryStepEveryFault() {
    return Stream.of(matrix(new WaitGreen(), false), matrix(new WaitInfraFailure(), true),
        matrix(new Promote(), false));
  }

  /**
   * A scenario with many steps runs, unless {@code -Dmatrix.full=true}, the half of its cases
   * whose step and fault indexes add up to an even number: every step gets every other fault.
   */
  private DynamicContainer matrix(CiScenario s, boolean sampled) {
    List<FaultMatrix.Step> steps = discover(s);
    TALLY.steps(s.name(), steps.size());
    List<DynamicNode> nodes = new ArrayList<>();
    for (FaultMatrix.Step step : steps) {
      for (Injection fault : Injection.ALL) {
        if (!fault.appliesTo(step.method(), true) || (sampled
            && !GitPushFaultMatrixTest.sampled(0, step.index(), fault.ordinal()))) {
          continue;
        }
        String name = s.name() + " / step " + step.index() + " " + step.shown() + " / " + fault;
        nodes.add(DynamicTest.dynamicTest(name, () -> {
          try {
            runCase(s, step, fault);
          } catch (AssertionError e) {
            throw new AssertionError(name + ": " + e.getMessage(), e);
          }
        }));
      }
    }
    return DynamicContainer.dynamicContainer(s.name() + " (" + steps.size() + " steps)",
        nodes.stream());
  }

  private static void resetAll() {
    Clients.freshConnections();
    forge.reset();
    ci.reset();
    proxy.clear();
  }

  private static List<FaultMatrix.Step> discover(CiScenario s) {
    return assertTimeoutPreemptively(CASE_TIMEOUT, () -> {
      resetAll();
      CiOp op = s.prepare(new FakeTime());
      ci.clearJournal();
      Object outcome = op.run();
      List<WoodpeckerRequest> journal = ci.journal();
      assertThat(op.check(outcome, null, null)).as("%s completes without faults: %s", s.name(),
          outcome).isTrue();
      List<FaultMatrix.Step> steps = new ArrayList<>();
      List<String> seen = new ArrayList<>();
      for (WoodpeckerRequest r : journal) {
        String key = r.method() + " " + r.path();
        seen.add(key);
        int call = (int) seen.stream().filter(key::equals).count();
        steps.add(new FaultMatrix.Step(steps.size() + 1, r.method(), r.path(), call,
            r.method() + " " + r.apiTarget()));
      }
      return steps;
    });
  }

  private static void runCase(CiScenario s, FaultMatrix.Step step, Injection fault) {
    assertTimeoutPreemptively(CASE_TIMEOUT, () -> {
      resetAll();
      FakeTime time = new FakeTime();
      CiOp op = s.prepare(time);
      fault.rule(step.method(), step.glob(), step.call(), Injection.API_STALL)
          .ifPresent(ci::addFault);
      fault.wire(step.method(), step.glob(), step.call()).ifPresent(proxy::add);
      Object outcome;
      try {
        outcome = op.run();
      } catch (DisintoException e) {
        assertThat(e.getMessage()).as("a typed failure says what failed").isNotBlank();
        outcome = e;
      } catch (Exception e) {
        throw new AssertionError("untyped failure " + e, e);
      }
      // A request the server holds still lands after the client gave up: let it land first.
      assertThat(ci.awaitRequestsAnswered(CASE_TIMEOUT)).as("held requests answered").isTrue();
      ci.clearFaults();
      proxy.clear();
      SecretsWatch.checkOutcome(outcome);
      TALLY.cases.incrementAndGet();
      boolean completed;
      try {
        completed = op.check(outcome, step, fault);
      } catch (AssertionError | RuntimeException a) {
        TALLY.leftPartial.incrementAndGet();
        throw a;
      }
      (completed ? TALLY.completed : TALLY.failedCleanly).incrementAndGet();
    });
  }

  // ---- the operations ----

  private static WoodpeckerClient woodpecker(String url, FakeTime time) {
    return WoodpeckerClient.builder().server(url).token(WP_TOKEN)
        .retryPolicy(RetryPolicy.defaults()).readTimeout(FaultKind.READ_TIMEOUT)
        .callTimeout(Duration.ofSeconds(10)).clock(time).sleeper(time).build();
  }

  /** The factory's CI port: CiService with the ci-debug digest, its clients on fake time. */
  private static WoodpeckerCiGate gate(long repo, FakeTime time) {
    WoodpeckerClient wp = woodpecker(proxy.baseUrl(), time);
    CiSettings settings = new CiSettings(Long.toString(repo));
    CiService service = new CiService(settings, wp,
        Clients.forge(forge.baseUrl(), "o/r", FORGE_TOKEN, time),
        new CiLogReader(dataDir, settings.repoId()));
    return new WoodpeckerCiGate(service, new CiDebug(wp, repo));
  }

  private static long seedPr() {
    forge.seed().user("dev-bot", u -> u.token(FORGE_TOKEN).password("pw-ci-" + SecretsWatch.MARK));
    forge.seed().repo("o/r", r -> r.collaborator("dev-bot", "write"));
    return forge.seed().pull("o/r", p -> p.head("fix/issue-3").file("src/A.java", "class A {}\n"));
  }

  /** A wait on CI: the verdict, its fake-time bound. */
  abstract static class Wait implements CiScenario {
    abstract String status();

    /** Seeds the pipeline's steps. */
    void steps(long repo, long number) {}

    @Override
    public CiOp prepare(FakeTime time) {
      long pr = seedPr();
      String sha = forge.seed().headSha("o/r", pr);
      ci.addUser("dev-bot", WP_TOKEN, false);
      long repo = ci.addRepo("o/r");
      long n = ci.addPipeline(repo, status(), "pull_request", "fix/issue-3", sha);
      steps(repo, n);
      PullRequests prs = PullRequests.builder(Clients.forge(forge.baseUrl(), "o/r",
          FORGE_TOKEN, time)).sleeper(time).build();
      CiPoller poller = new CiPoller(prs, gate(repo, time));
      Instant start = time.instant();
      long wallStart = System.nanoTime();
      return new CiOp() {
        @Override
        public Object run() {
          return poller.poll(pr, CI_TIMEOUT, CI_INTERVAL);
        }

        @Override
        public boolean check(Object outcome, FaultMatrix.Step step, Injection fault) {
          assertThat(outcome).isInstanceOf(CiResult.class);
          CiResult r = (CiResult) outcome;
          Duration waited = Duration.between(start, time.instant());
          assertThat(waited).as("the wait's time is fake time, within the timeout")
              .isGreaterThanOrEqualTo(CI_INTERVAL).isLessThanOrEqualTo(CI_TIMEOUT.plusMinutes(5));
          assertThat(Duration.ofNanos(System.nanoTime() - wallStart))
              .as("no real wait of an interval").isLessThan(CI_INTERVAL);
          assertThat(r.sha()).isEqualTo(sha);
          verdict(r, step, fault, n);
          return true;
        }
      };
    }

    abstract void verdict(CiResult r, FaultMatrix.Step step, Injection fault, long pipeline);
  }

  /** A green pipeline. */
  static final class WaitGreen extends Wait {
    @Override
    public String name() {
      return "CI wait (green)";
    }

    @Override
    String status() {
      return "success";
    }

    @Override
    void verdict(CiResult r, FaultMatrix.Step step, Injection fault, long pipeline) {
      assertThat(r.state()).as("the verdict (%s)", r).isEqualTo(CiState.SUCCESS);
    }
  }

  /** A pipeline failed on an infrastructure fault its step's log shows. */
  static final class WaitInfraFailure extends Wait {
    @Override
    public String name() {
      return "CI wait (infra failure)";
    }

    @Override
    String status() {
      return "failure";
    }

    @Override
    void steps(long repo, long number) {
      long step = ci.addStep(repo, number, "build", "failure", 1);
      ci.addLogLines(step, "+ docker pull golang:1.22", "error: TLS handshake timeout");
    }

    @Override
    void verdict(CiResult r, FaultMatrix.Step step, Injection fault, long pipeline) {
      assertThat(r.state()).as("the verdict (%s)", r).isEqualTo(CiState.FAILURE);
      if (r.pipeline().isPresent() && r.failureType().equals(Optional.of(FailureType.INFRA))) {
        assertThat(r.pipeline()).hasValue(pipeline);
        return;
      }
      // The documented "code when unsure" (no pipeline known: no type): only where a refusal,
      // which is not retried, hid the pipeline list, the pipeline's steps or the step's log.
      assertThat(step).as("infra lost (%s)", r).isNotNull();
      assertThat(fault).as("infra lost (%s)", r).isIn(Injection.SERVER_404,
          Injection.SERVER_403, Injection.SERVER_WRONG_TYPES);
      if (r.pipeline().isPresent()) {
        assertThat(r.pipeline()).hasValue(pipeline);
        assertThat(r.failureType()).hasValue(FailureType.CODE);
        assertThat(step.glob()).matches(".*/pipelines/\\d+|.*/logs/.*");
      } else {
        assertThat(r.failureType()).isEmpty();
        assertThat(step.glob()).matches(".*/pipelines");
      }
      CODE_WHEN_UNSURE.incrementAndGet();
    }
  }

  /** A pipeline restarted as a deployment: one POST, never repeated. */
  static final class Promote implements CiScenario {
    @Override
    public String name() {
      return "pipeline restart (promote)";
    }

    @Override
    public CiOp prepare(FakeTime time) {
      ci.addUser("dev-bot", WP_TOKEN, false);
      long repo = ci.addRepo("o/r");
      ci.setAllowDeploy(repo, true);
      long n = ci.addPipeline(repo, "success", "push", "main", "0".repeat(40));
      CiService service = new CiService(new CiSettings(Long.toString(repo)),
          woodpecker(proxy.baseUrl(), time), Clients.referee(forge, "o/r", FORGE_TOKEN),
          new CiLogReader(dataDir, OptionalLong.of(repo)));
      return new CiOp() {
        @Override
        public Object run() throws CiException {
          return service.promote(repo, n, "production");
        }

        @Override
        public boolean check(Object outcome, FaultMatrix.Step step, Injection fault) {
          long pipelines = woodpecker(ci.baseUrl(), new FakeTime())
              .allPipelines(repo, PipelineQuery.firstPage()).size();
          long posts = ci.journal().stream().filter(q -> q.method().equals("POST")
              && q.status() != 0).count();
          assertThat(posts).as("restarts the server handled").isLessThanOrEqualTo(1);
          assertThat(pipelines).as("pipelines (%s)", outcome).isBetween(1L, 2L);
          if (outcome instanceof Long number) {
            assertThat(pipelines).as("a restart reported done is there").isEqualTo(2);
            assertThat(number).isEqualTo(n + 1);
            return true;
          }
          assertThat(outcome).isInstanceOf(CiException.class);
          CiException e = (CiException) outcome;
          assertThat(e.getMessage()).as("names its step").startsWith("promote");
          if (pipelines == 2) {
            // The server restarted it; the client heard no (readable) answer and says so.
            assertThat(fault.mayHaveDoneTheWork()).as("a pipeline the caller believes absent")
                .isTrue();
            assertThat(e.getMessage()).as("the failure says it may have been done")
                .contains("may have acted on it");
          }
          return false;
        }
      };
    }
  }
}
