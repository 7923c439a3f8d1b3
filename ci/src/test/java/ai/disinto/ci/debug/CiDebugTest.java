package ai.disinto.ci.debug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.ci.woodpecker.WoodpeckerClient;
import ai.disinto.ci.woodpecker.WoodpeckerNotFoundException;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.time.FakeTime;
import ai.disinto.testkit.woodpecker.MockWoodpecker;
import ai.disinto.testkit.woodpecker.MockWoodpeckerExtension;
import ai.disinto.testkit.woodpecker.WoodpeckerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** CiDebug over real HTTP against the mock Woodpecker: requests made and the text rendered. */
@ExtendWith(MockWoodpeckerExtension.class)
class CiDebugTest {
  private static final String TOKEN = "ci-debug-test-token";
  private final FakeTime time = new FakeTime();

  /** Repository with pipeline 1 (push, success) and 2 (pull_request, failure: clone ok, test failed). */
  private static final class World {
    final MockWoodpecker ci;
    final long repo;
    final long testStepId;
    final CiDebug debug;

    World(MockWoodpecker ci, FakeTime time) {
      this.ci = ci;
      ci.addUser("disinto-admin", TOKEN, true);
      repo = ci.addRepo("disinto/proj");
      long p1 = ci.addPipeline(repo, "success", "pull_request", "fix", "1234567890abcdef");
      ci.setMessage(repo, p1, "x".repeat(70) + "\nbody");
      ci.addStep(repo, p1, "clone", "success", 0);
      long p2 = ci.addPipeline(repo, "failure", "push", "main", "abcdef1234567890");
      ci.setMessage(repo, p2, "fix: thing (#5)\n");
      ci.addStep(repo, p2, "clone", "success", 0);
      testStepId = ci.addStep(repo, p2, "test", "failure", 1);
      WoodpeckerClient client = WoodpeckerClient.builder().server(ci.baseUrl()).token(TOKEN)
          .clock(time).sleeper(time).retryPolicy(RetryPolicy.none()).build();
      debug = new CiDebug(client, repo);
      ci.clearJournal();
    }

    List<String> targets() {
      return ci.journal().stream().map(WoodpeckerRequest::apiTarget).toList();
    }
  }

  @Test
  void listAsksForThatManyAndPrintsOneLinePerPipeline(MockWoodpecker ci) {
    World w = new World(ci, time);

    String out = w.debug.list(2);

    assertThat(out).isEqualTo("#2 failure push abcdef1 fix: thing (#5)\n"
        + "#1 success pull_request 1234567 " + "x".repeat(60) + "\n");
    assertThat(w.targets()).containsExactly("/repos/" + w.repo + "/pipelines?page=1&perPage=2");
  }

  @Test
  void listPagesWhenMoreThanFiftyAreAskedFor(MockWoodpecker ci) {
    World w = new World(ci, time);
    for (int i = 0; i < 60; i++) {
      ci.addPipeline(w.repo, "success", "push", "main", "c" + i);
    }
    ci.clearJournal();

    assertThat(w.debug.list(55).lines()).hasSize(55).first().asString().startsWith("#62 ");
    assertThat(w.targets()).containsExactly(
        "/repos/" + w.repo + "/pipelines?page=1&perPage=50",
        "/repos/" + w.repo + "/pipelines?page=2&perPage=50");
  }

  @Test
  void aNullMessageIsPrintedEmpty(MockWoodpecker ci) {
    World w = new World(ci, time);
    ci.setMessage(w.repo, 2, null);

    assertThat(w.debug.list(1)).isEqualTo("#2 failure push abcdef1 \n");
  }

  @Test
  void statusShowsThePipelineAndItsStepsFromOneRequest(MockWoodpecker ci) {
    World w = new World(ci, time);

    String out = w.debug.status(2);

    assertThat(out).isEqualTo("""
        Pipeline #2:
          Status: failure  Event: push  Commit: abcdef1
        Steps:
          [woodpecker]
            [2] clone → success (exit 0)
            [3] test → failure (exit 1)
        """);
    assertThat(w.targets()).containsExactly("/repos/" + w.repo + "/pipelines/2");
  }

  @Test
  void statusWithoutANumberResolvesTheNewestWithOnePipelineAskedFor(MockWoodpecker ci) {
    World w = new World(ci, time);

    assertThat(w.debug.status()).startsWith("Pipeline #2:\n");
    assertThat(w.targets()).containsExactly("/repos/" + w.repo + "/pipelines?page=1&perPage=1",
        "/repos/" + w.repo + "/pipelines/2");
    assertThat(w.debug.latestPipeline()).hasValue(2);
  }

  @Test
  void statusOfAMissingPipelineKeepsTheHeaderAndTheStatus(MockWoodpecker ci) {
    World w = new World(ci, time);

    assertThatThrownBy(() -> w.debug.status(99)).isInstanceOfSatisfying(CiDebugException.class,
        e -> {
          assertThat(e.partialOutput()).isEqualTo("Pipeline #99:\n");
          assertThat(e.reason()).isEqualTo(CiDebugException.Reason.REQUEST_FAILED);
          assertThat(e.requestStatus()).hasValue(404);
          assertThat(e.getCause()).isInstanceOf(WoodpeckerNotFoundException.class);
          assertThat(e.getMessage()).doesNotContain(TOKEN);
        });
  }

  @Test
  void anEmptyRepositoryHasNoLatestPipeline(MockWoodpecker ci) {
    ci.addUser("disinto-admin", TOKEN, true);
    long repo = ci.addRepo("disinto/empty");
    CiDebug debug = new CiDebug(WoodpeckerClient.builder().server(ci.baseUrl()).token(TOKEN)
        .build(), repo);

    assertThat(debug.latestPipeline()).isEqualTo(OptionalLong.empty());
    assertThatThrownBy(debug::failures).isInstanceOfSatisfying(CiDebugException.class,
        e -> assertThat(e.reason()).isEqualTo(CiDebugException.Reason.NO_PIPELINE));
    assertThat(debug.list(10)).isEmpty();
  }

  @Test
  void failuresWithoutFailedStepsSaysSo(MockWoodpecker ci) {
    World w = new World(ci, time);

    assertThat(w.debug.failures(1)).isEqualTo("No failed steps in pipeline #1\n");
  }

  @Test
  void failuresPrintsTheLast200DecodedLinesOfEachFailedStep(MockWoodpecker ci) {
    World w = new World(ci, time);
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 250; i++) {
      lines.add("line " + i);
    }
    ci.addLogLines(w.testStepId, lines.toArray(String[]::new));
    ci.clearJournal();

    String out = w.debug.failures(2);

    StringBuilder expected = new StringBuilder("=== FAILED: test (step 3) ===\n");
    for (int i = 51; i <= 250; i++) {
      expected.append("line ").append(i).append('\n');
    }
    assertThat(out).isEqualTo(expected.append('\n').toString());
    assertThat(w.targets()).containsExactly("/repos/" + w.repo + "/pipelines/2",
        "/repos/" + w.repo + "/logs/2/" + w.testStepId);
  }

  @Test
  void failuresCountsEmbeddedNewlinesAsLinesAsTailDoes(MockWoodpecker ci) {
    World w = new World(ci, time);
    List<String> lines = new ArrayList<>(List.of("first\nsecond"));
    for (int i = 1; i <= 199; i++) {
      lines.add("l" + i);
    }
    ci.addLogLines(w.testStepId, lines.toArray(String[]::new));

    String out = w.debug.failures(2);

    assertThat(out).startsWith("=== FAILED: test (step 3) ===\nsecond\nl1\n").endsWith("l199\n\n");
  }

  @Test
  void failuresSkipsErrorAndKilledStepsAsTheScriptDoes(MockWoodpecker ci) {
    World w = new World(ci, time);
    ci.addStep(w.repo, 2, "lint", "error", 2);
    ci.addStep(w.repo, 2, "deploy", "killed", 137);

    assertThat(w.debug.failedSteps(2)).extracting(s -> s.name()).containsExactly("test");
  }

  @Test
  void aLogThatCannotBeReadStopsAfterTheHeaderAndKeepsIt(MockWoodpecker ci) {
    World w = new World(ci, time);
    ci.addFault(Fault.on("GET", "/api/repos/" + w.repo + "/logs/**").withStatus(500));

    assertThatThrownBy(() -> w.debug.failures(2)).isInstanceOfSatisfying(CiDebugException.class,
        e -> {
          assertThat(e.partialOutput()).isEqualTo("=== FAILED: test (step 3) ===\n");
          assertThat(e.requestStatus()).hasValue(500);
          assertThat(e.reason()).isEqualTo(CiDebugException.Reason.LOG_UNREADABLE);
        });
  }

  @Test
  void logsFindsTheStepByPidAndFetchesItByItsDatabaseId(MockWoodpecker ci) {
    World w = new World(ci, time);
    ci.addLogLines(w.testStepId, "hello", "wörld");
    ci.addLogBytes(w.testStepId, new byte[] {'b', (byte) 0xFF, 'd'});
    ci.clearJournal();

    String out = w.debug.logs(2, "3");

    assertThat(out).isEqualTo("hello\nwörld\nb\uFFFDd\n");
    assertThat(w.targets()).containsExactly("/repos/" + w.repo + "/pipelines/2",
        "/repos/" + w.repo + "/logs/2/" + w.testStepId);
  }

  @Test
  void logsFindsTheStepByName(MockWoodpecker ci) {
    World w = new World(ci, time);
    ci.addLogLines(w.testStepId, "hello");

    assertThat(w.debug.logs(2, "test")).isEqualTo("hello\n");
    assertThat(w.debug.stepLog(2, "test")).containsExactly("hello");
  }

  @Test
  void logsOfAnUnknownStepNamesIt(MockWoodpecker ci) {
    World w = new World(ci, time);

    assertThatThrownBy(() -> w.debug.logs(2, "9")).isInstanceOfSatisfying(CiDebugException.class,
        e -> {
          assertThat(e.getMessage()).isEqualTo("no step with number or name '9' found");
          assertThat(e.reason()).isEqualTo(CiDebugException.Reason.UNKNOWN_STEP);
        });
  }

  @Test
  void helpIsTheScriptsText() {
    assertThat(CiDebug.help()).startsWith("ci-debug.sh — Query Woodpecker CI\n\nCommands:\n")
        .contains("  logs <pipeline> <step#>   Full step logs (step# = pid from status)\n")
        .endsWith("(last 200 lines each)\n");
  }

  @Test
  void prefixCountsCodePoints() {
    assertThat(CiDebug.prefix("😀😀😀", 2)).isEqualTo("😀😀");
    assertThat(CiDebug.prefix("ab", 7)).isEqualTo("ab");
  }

  @Test
  void tailLinesKeepsTheLastN() {
    assertThat(CiDebug.tailLines("a\nb\nc\n", 2)).isEqualTo("b\nc\n");
    assertThat(CiDebug.tailLines("a\nb\n", 5)).isEqualTo("a\nb\n");
    assertThat(CiDebug.tailLines("", 5)).isEmpty();
  }
}
