package ai.disinto.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.core.DisintoException;
import ai.disinto.examples.demo.FactoryCycle;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.time.FakeTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent run of one issue ({@link FactoryCycle}: suggest, claim, worktree, agent, push, PR,
 * CI, review, merge, close, worktree removed) with a fault at each of its forge API steps. Each
 * case completes or fails naming its step, leaves nothing half-made (see {@link
 * AgentCycleRig#checkNothingHalfMade()}), and a re-run of the cycle (after an operator's unblock
 * of an issue the case blocked) ends with one merged PR and the issue closed.
 *
 * <p>Sampling (see {@link #PLAN}): with {@code -Dreliability.agentMatrix=full} every write step
 * (POST, PATCH, PUT, DELETE) gets every fault that applies to it; the build gives each write step
 * one, in turn through the write faults. The read steps, which are retried and many, get one
 * fault each, in turn through the faults that apply to a GET: every fault is injected at some
 * write step and at some read step. The agent's git fetch
 * and push go through the mock's smart HTTP too; they are not faulted here (the git push matrix
 * covers them). The agent is the shell stand-in of {@link AgentCycleRig#fastClaude}, run by the
 * real {@code ClaudeCodeRunner} under the session lock.
 */
class AgentRunFaultMatrixTest {
  private static final List<FaultKind> READ_FAULTS =
      FaultKind.ALL.stream().filter(k -> k.appliesTo("GET")).toList();

  @TempDir static Path tmp;
  private static MockForgejo mock;
  private static Path claude;
  private static final Tally TALLY = new Tally();
  private static final Map<Integer, String> STEPS = new java.util.concurrent.ConcurrentSkipListMap<>();
  private static final Set<FaultKind> INJECTED = java.util.EnumSet.noneOf(FaultKind.class);
  /** How the cases ended, and what the re-runs took, for the figures. */
  static final Map<String, Integer> OUTCOMES = new java.util.TreeMap<>();

  @BeforeAll
  static void start() {
    mock = MockForgejo.start();
    AgentCycleRig.playCiAndReview(mock);
    claude = AgentCycleRig.fastClaude(tmp.resolve("bin"));
  }

  @AfterAll
  static void stop() {
    System.out.println("agent run fault matrix" + (FULL ? " (full)" : "") + ": " + TALLY);
    STEPS.forEach((i, st) -> System.out.println("  step " + i + " " + st));
    System.out.println("  outcomes " + OUTCOMES);
    mock.close();
    assertThat(INJECTED).as("every fault is injected at some step")
        .containsExactlyInAnyOrderElementsOf(FaultKind.ALL);
    assertThat(TALLY.stepsPerOperation).containsKey("agent run");
    TALLY.assertEveryCaseEndedCleanly();
  }

  private static final List<FaultKind> WRITE_FAULTS =
      FaultKind.ALL.stream().filter(k -> k.appliesTo("POST")).toList();
  /** {@code -Dreliability.agentMatrix=full}: every write step gets every fault. */
  static final boolean FULL = "full".equals(System.getProperty("reliability.agentMatrix"));

  /**
   * API steps only. A write gets every fault in the full run, and in the build's run one, in turn
   * through the faults that apply to a write, so that every one is injected at some write step. A
   * read gets one fault, in turn through the faults that apply to a GET.
   */
  static final FaultMatrix.Plan PLAN = (step, steps) -> {
    if (!api(step)) {
      return List.of();
    }
    List<FaultKind> faults = plan(step, steps);
    STEPS.put(step.index(), step.shown() + " " + faults);
    INJECTED.addAll(faults);
    return faults;
  };

  private static List<FaultKind> plan(FaultMatrix.Step step, List<FaultMatrix.Step> steps) {
    boolean read = step.method().equals("GET");
    int ordinal = 0;
    for (FaultMatrix.Step s : steps) {
      if (s == step) {
        break;
      }
      if (api(s) && s.method().equals("GET") == read) {
        ordinal++;
      }
    }
    if (read) {
      return List.of(READ_FAULTS.get(ordinal % READ_FAULTS.size()));
    }
    if (FULL) {
      return FaultMatrix.EVERY_FAULT.faults(step, steps);
    }
    return List.of(WRITE_FAULTS.get(ordinal % WRITE_FAULTS.size()));
  }

  private static boolean api(FaultMatrix.Step step) {
    return step.glob().startsWith(MockForgejo.API_PREFIX + "/");
  }

  @TestFactory
  Stream<DynamicNode> everyWriteStepEveryFaultReadsSampled() {
    return Stream.of(FaultMatrix.of(agentRun(), mock, TALLY, PLAN));
  }

  /** The cycle as a matrix entry: run it, then check what it left and that a re-run converges. */
  static Scenario agentRun() {
    return new Scenario() {
      @Override
      public String name() {
        return "agent run";
      }

      @Override
      public Operation prepare(MockForgejo m, FakeTime time) throws IOException {
        AgentCycleRig rig = new AgentCycleRig(m, Files.createTempDirectory(tmp, "case"), time);
        AgentCycleRig.Developer dev = rig.new Developer(
            rig.claude(claude, Map.of(), Duration.ofSeconds(30)));
        return new Operation() {
          @Override
          public Object run() {
            return rig.cycle(dev).run();
          }

          @Override
          public boolean check(Object outcome) {
            boolean completed = judge(rig, outcome);
            count(outcome instanceof List<?> runs ? runs.isEmpty() ? "backlog unreadable"
                : ((FactoryCycle.IssueRun) runs.get(0)).outcome()
                : outcome.getClass().getSimpleName());
            rig.checkNothingHalfMade();
            if (rig.state().claimRef(rig.issue)
                && "closed".equals(rig.state().issue(rig.issue).state())) {
              // Litter, not a claim: nobody claims a closed issue.
              count("claim ref left on the closed issue");
            }
            boolean blocked = rig.labelled("blocked");
            int reruns = converge(rig, dev);
            if (reruns > 0) {
              count((blocked ? "converged after an unblock and " : "converged after ") + reruns
                  + " re-run" + (reruns > 1 ? "s" : ""));
            }
            return completed;
          }
        };
      }
    };
  }

  /**
   * Whether the case completed (the PR merged); otherwise its failure must name its step: the
   * cycle's outcome for the issue (claim failed, pr_create_failed, a walk's end) or a typed
   * exception's message.
   */
  static boolean judge(AgentCycleRig rig, Object outcome) {
    if (outcome instanceof DisintoException e) {
      assertThat(e.getMessage()).as("a typed failure names what failed").isNotBlank();
      return false;
    }
    assertThat(outcome).isInstanceOf(List.class);
    List<?> runs = (List<?>) outcome;
    if (runs.isEmpty()) {
      // The backlog could not be read: nothing was touched.
      assertThat(rig.labelled("backlog")).as("an untouched issue stays in the backlog").isTrue();
      return false;
    }
    FactoryCycle.IssueRun run = (FactoryCycle.IssueRun) runs.get(0);
    if (run.merged()) {
      assertThat(rig.prsOfIssue()).singleElement().satisfies(p -> assertThat(p.merged()).isTrue());
      return true;
    }
    assertThat(run.outcome()).as("the step that stopped the issue").isNotBlank();
    return false;
  }

  /** Counts an outcome of a fault case (not of the fault-free run that learns the steps). */
  static synchronized void count(String what) {
    if (Scenarios.CURRENT.get() != null) {
      OUTCOMES.merge(what, 1, Integer::sum);
    }
  }

  /**
   * A re-run (an operator unblocks a blocked issue first) ends merged, without duplicates.
   *
   * @return how many re-runs it took
   */
  static int converge(AgentCycleRig rig, FactoryCycle.Developer dev) {
    List<String> tries = new ArrayList<>();
    for (int i = 0; i < 2 && !rig.prsOfIssue().stream().anyMatch(p -> p.merged()); i++) {
      if (rig.labelled("blocked")) {
        rig.unblock();
        tries.add("unblocked");
      }
      List<FactoryCycle.IssueRun> runs = rig.cycle(dev).run();
      tries.add(runs.toString());
    }
    try {
      rig.checkConverged();
    } catch (AssertionError e) {
      throw new AssertionError("after re-runs " + tries + ": " + e.getMessage(), e);
    }
    return (int) tries.stream().filter(t -> !t.equals("unblocked")).count();
  }
}
