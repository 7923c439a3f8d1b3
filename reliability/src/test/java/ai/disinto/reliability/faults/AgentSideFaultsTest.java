package ai.disinto.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.core.DisintoException;
import ai.disinto.examples.demo.FactoryCycle;
import ai.disinto.reliability.secrets.SecretsWatch;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.model.ClaudeCode;
import ai.disinto.testkit.model.ScriptedModel;
import ai.disinto.testkit.model.Turn;
import ai.disinto.testkit.time.FakeTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent run of one issue with the real Claude Code CLI against a scripted model that
 * misbehaves: overloaded, rate limited with a Retry-After, a stream cut short (Claude Code asks
 * again), a model that hangs
 * (stopped by the run's hard timeout of a few real seconds), Claude killed in the middle of its
 * run. Each run completes or fails naming its step; afterwards the session lock is free, the
 * worktree is removed, no Claude process is left, the issue is back in the backlog (or done), and
 * a re-run (with the fast stand-in for Claude) ends with one merged PR.
 */
class AgentSideFaultsTest {
  private static final AtomicInteger CASES = new AtomicInteger();
  private static final AtomicInteger COMPLETED = new AtomicInteger();
  private static final AtomicInteger FAILED = new AtomicInteger();

  @TempDir Path tmp;
  private static MockForgejo mock;
  private ScriptedModel model;
  private AgentCycleRig rig;
  private Path claude;

  @BeforeAll
  static void startForge() {
    mock = MockForgejo.start();
    AgentCycleRig.playCiAndReview(mock);
  }

  @AfterAll
  static void stopForge() {
    System.out.println("agent-side faults (real Claude Code): " + CASES + " cases, " + COMPLETED
        + " completed, " + FAILED + " failed naming their step, 0 left partial state");
    mock.close();
  }

  @BeforeEach
  void world() throws Exception {
    claude = ClaudeCode.require();
    mock.reset();
    model = ScriptedModel.start(0);
    rig = new AgentCycleRig(mock, Files.createDirectories(tmp.resolve("case")), new FakeTime());
    rig.out = System.out; // the cycle's step lines, in the test's report
  }

  @AfterEach
  void stopModel() {
    if (model != null) {
      model.close();
    }
  }

  /** The scripted turns of an agent that does the work: commit and push, then say so. */
  private List<Turn> work() {
    return List.of(Turn.bash("echo 'hello from claude' > " + AgentCycleRig.FILE + " && git add "
        + AgentCycleRig.FILE + " && git commit -qm greeting && git push -q -f origin"
        + " HEAD:refs/heads/$(git rev-parse --abbrev-ref HEAD) && echo pushed"),
        Turn.text("Pushed the greeting."));
  }

  private FactoryCycle.Developer realClaude(Duration hardTimeout, Map<String, String> extra) {
    Map<String, String> env = new LinkedHashMap<>(ClaudeCode.offlineEnv(model.baseUrl(),
        rig.home));
    env.putAll(extra);
    return rig.new Developer(rig.claude(claude, env, hardTimeout));
  }

  /** Runs the cycle; checks it failed naming its step or completed, and what it left. */
  private Object runAndCheck(FactoryCycle.Developer dev) {
    Object outcome;
    try {
      outcome = rig.cycle(dev).run();
    } catch (DisintoException e) {
      outcome = e;
    }
    SecretsWatch.checkOutcome(outcome);
    SecretsWatch.checkJournal(mock);
    CASES.incrementAndGet();
    boolean completed = AgentRunFaultMatrixTest.judge(rig, outcome);
    rig.checkNothingHalfMade();
    assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
        .orElse("").contains(rig.dir.toString()) && p.isAlive()).toList())
        .as("processes of the case still running").isEmpty();
    if (!completed) {
      assertThat(rig.labelled("backlog")).as("a failed agent run gives the issue back").isTrue();
      assertThat(rig.labelled("in-progress")).isFalse();
      assertThat(rig.state().claimRef(rig.issue)).as("claim ref").isFalse();
      assertThat(rig.prsOfIssue()).as("no PR for a failed agent run").isEmpty();
    }
    (completed ? COMPLETED : FAILED).incrementAndGet();
    // The next run, with an agent that works, finishes the issue.
    AgentRunFaultMatrixTest.converge(rig, rig.new Developer(rig.claude(
        AgentCycleRig.fastClaude(rig.dir.resolve("fast-bin")), Map.of(), Duration.ofSeconds(30))));
    return outcome;
  }

  private static void assertFailedInImplement(Object outcome) {
    assertThat(outcome).isInstanceOf(FactoryCycle.StepFailedException.class);
    FactoryCycle.StepFailedException e = (FactoryCycle.StepFailedException) outcome;
    assertThat(e.step()).isEqualTo("implement");
    assertThat(e.getMessage()).contains("issue #1", "implement", "back in the backlog");
  }

  @Test
  void anOverloadedModelFailsTheRunAndGivesTheIssueBack() {
    model.enqueue(Turn.error(529, "overloaded_error", "Overloaded"));

    Object outcome = runAndCheck(realClaude(Duration.ofSeconds(60), Map.of()));

    assertFailedInImplement(outcome);
    assertThat(((Exception) outcome).getMessage()).contains("exit 1");
  }

  @Test
  void aRateLimitWithRetryAfterIsWaitedOutAndTheRunCompletes() {
    model.enqueue(Turn.error(429, "rate_limit_error", "slow down").withRetryAfter(1));
    model.enqueue(work().toArray(Turn[]::new));

    Object outcome = runAndCheck(realClaude(Duration.ofSeconds(60),
        Map.of("CLAUDE_CODE_MAX_RETRIES", "2")));

    assertThat(outcome).isInstanceOf(List.class);
    assertThat(((FactoryCycle.IssueRun) ((List<?>) outcome).get(0)).merged()).isTrue();
    assertThat(model.journal().stream().filter(r -> r.status() == 429)).hasSize(1);
  }

  @Test
  void aStreamCutShortIsAskedAgainByClaudeCodeAndTheRunCompletes() {
    List<Turn> work = work();
    model.enqueue(work.get(0).cutAfterEvents(2), work.get(0), work.get(1));

    Object outcome = runAndCheck(realClaude(Duration.ofSeconds(60), Map.of()));

    assertThat(outcome).isInstanceOf(List.class);
    assertThat(((FactoryCycle.IssueRun) ((List<?>) outcome).get(0)).merged()).isTrue();
    assertThat(model.requests()).as("the cut request, its repeat, the tool result").hasSize(3);
  }

  @Test
  void aHangingModelIsStoppedByTheHardTimeout() {
    model.enqueue(Turn.text("never comes").withEventDelay(Duration.ofSeconds(60)));
    long t0 = System.nanoTime();

    Object outcome = runAndCheck(realClaude(Duration.ofSeconds(3), Map.of()));

    assertFailedInImplement(outcome);
    assertThat(((Exception) outcome).getMessage()).contains("exit 124");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void claudeKilledInTheMiddleOfItsRunFailsTheRun() {
    model.enqueue(Turn.bash("kill -9 $PPID"), Turn.text("not reached"));

    Object outcome = runAndCheck(realClaude(Duration.ofSeconds(60), Map.of()));

    assertFailedInImplement(outcome);
    assertThat(((Exception) outcome).getMessage()).as("killed by SIGKILL").contains("exit 137");
  }
}
