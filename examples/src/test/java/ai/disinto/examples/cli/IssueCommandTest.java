package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.model.Label;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import ai.disinto.testkit.forgejo.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code disinto issue …} in-process against the mock Forgejo: exit codes, stdout, --vars. */
@ExtendWith(MockForgejoExtension.class)
class IssueCommandTest {
  private static final String REPO = "o/r";

  @TempDir Path root;

  private Map<String, String> env(MockForgejo m) {
    m.seed().user("dev-bot", u -> u.token("tok-dev-bot"));
    m.seed().user("dev-qwen", u -> u.token("tok-dev-qwen"));
    m.seed().repo(REPO, r -> r.collaborator("dev-bot", "write").collaborator("dev-qwen", "write"));
    m.seed().label(REPO, "backlog", "#0075ca");
    m.seed().label(REPO, "in-progress", "#1d76db");
    m.seed().label(REPO, "blocked", "#e11d48");
    return Map.of("FORGE_URL", m.baseUrl(), "FORGE_REPO", REPO, "FORGE_TOKEN", "tok-dev-bot",
        "FACTORY_ROOT", root.toString(), "LOG_AGENT", "dev");
  }


  private static List<String> issueLabels(MockForgejo m, long n) {
    ForgeClient client = ForgeClient.builder().baseUrl(m.baseUrl()).repo(REPO)
        .token("tok-dev-bot").build();
    return client.get("/issues/" + n, Issue.class).labels().stream().map(Label::name).toList();
  }

  @Test
  void claimExitsZeroPrintsNothingAndLogsToStderr(MockForgejo m) {
    Map<String, String> env = env(m);
    long n = m.seed().issue(REPO, i -> i.title("t").labels("backlog"));

    InProcess.Result r = InProcess.run(env, "", "issue", "claim", Long.toString(n));

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).contains("dev: issue-lifecycle: claimed issue #" + n);
    assertThat(m.journal()).extracting(RecordedRequest::method, RecordedRequest::apiPath)
        .contains(org.assertj.core.groups.Tuple.tuple("PATCH", "/repos/o/r/issues/" + n));
  }

  @Test
  void claimOfIssueHeldByAnotherAgentExitsOne(MockForgejo m) {
    Map<String, String> env = env(m);
    long n = m.seed().issue(REPO, i -> i.title("t").assignees("dev-qwen"));

    InProcess.Result r = InProcess.run(env, "", "issue", "claim", Long.toString(n));

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).contains("dev-qwen");
  }

  @Test
  void logLinesGoToLogfileWhenSet(MockForgejo m) throws Exception {
    Map<String, String> env = new java.util.HashMap<>(env(m));
    Path logFile = root.resolve("dev.log");
    env.put("LOGFILE", logFile.toString());
    long n = m.seed().issue(REPO, i -> i.title("t").labels("in-progress"));

    InProcess.Result r = InProcess.run(env, "", "issue", "release", Long.toString(n));

    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).isEmpty();
    assertThat(Files.readString(logFile)).contains("released issue #" + n);
  }

  @Test
  void blockReadsDiagnosticFromStdinWithDash(MockForgejo m) {
    Map<String, String> env = env(m);
    long n = m.seed().issue(REPO, i -> i.title("t").labels("in-progress"));

    InProcess.Result r = InProcess.run(env, "pane tail\nTOKEN=abcdefghijklmnopqrstuvwxyz\n",
        "issue", "block", Long.toString(n), "ci_exhausted", "-");

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    String comment = m.journal().stream()
        .filter(q -> q.method().equals("POST") && q.apiPath().endsWith("/comments"))
        .findFirst().orElseThrow().body();
    assertThat(comment).contains("pane tail").contains("TOKEN=[REDACTED]")
        .doesNotContain("abcdefghijklmnopqrstuvwxyz");
    assertThat(issueLabels(m, n)).containsExactly("blocked");
  }

  @Test
  void closeExitsZero(MockForgejo m) {
    Map<String, String> env = env(m);
    long n = m.seed().issue(REPO, i -> i.title("t"));

    InProcess.Result r = InProcess.run(env, "", "issue", "close", Long.toString(n));

    assertThat(r.exitCode()).isZero();
    assertThat(m.journal()).filteredOn(q -> q.method().equals("PATCH")).hasSize(1);
  }

  @Test
  void checkDepsPrintsOutputVariablesOnlyWithVars(MockForgejo m) {
    Map<String, String> env = env(m);
    long dep = m.seed().issue(REPO, i -> i.title("dep"));
    long n = m.seed().issue(REPO, i -> i.title("t").body("Depends on #" + dep));

    InProcess.Result plain = InProcess.run(env, "", "issue", "check-deps", Long.toString(n));
    InProcess.Result vars =
        InProcess.run(env, "", "issue", "check-deps", "--vars", Long.toString(n));

    assertThat(plain.exitCode()).isEqualTo(1);
    assertThat(plain.stdout()).isEmpty();
    assertThat(vars.exitCode()).isEqualTo(1);
    assertThat(vars.stdout())
        .isEqualTo("_ISSUE_BLOCKED_BY=" + dep + "\n_ISSUE_SUGGESTION=" + dep + "\n");
  }

  @Test
  void checkDepsQuotesSeveralBlockersSoThatEvalRestoresTheList(MockForgejo m) {
    Map<String, String> env = env(m);
    long a = m.seed().issue(REPO, i -> i.title("a"));
    long b = m.seed().issue(REPO, i -> i.title("b"));
    long n = m.seed().issue(REPO, i -> i.title("t").body("## Depends on\n- #" + a + "\n- #" + b));

    InProcess.Result r = InProcess.run(env, "", "issue", "check-deps", "--vars", Long.toString(n));

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).startsWith("_ISSUE_BLOCKED_BY=$'" + a + " " + b + "'\n");
  }

  @Test
  void checkDepsOfReadyIssueExitsZeroWithEmptyVariables(MockForgejo m) {
    Map<String, String> env = env(m);
    long n = m.seed().issue(REPO, i -> i.title("t"));

    InProcess.Result r = InProcess.run(env, "", "issue", "check-deps", "--vars", Long.toString(n));

    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("_ISSUE_BLOCKED_BY=\n_ISSUE_SUGGESTION=\n");
  }

  @Test
  void checkDepsOfUnreadableIssueExitsTwo(MockForgejo m) {
    Map<String, String> env = env(m);

    InProcess.Result r = InProcess.run(env, "", "issue", "check-deps", "--vars", "99");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).contains("#99").doesNotContain("\tat ");
  }

  @Test
  void suggestNextPrintsIssueNextWithVars(MockForgejo m) {
    Map<String, String> env = env(m);
    long n = m.seed().issue(REPO, i -> i.title("t").labels("backlog"));

    InProcess.Result r = InProcess.run(env, "", "issue", "suggest-next", "--vars");

    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("_ISSUE_NEXT=" + n + "\n");
  }

  @Test
  void suggestNextWithoutCandidatesExitsOne(MockForgejo m) {
    Map<String, String> env = env(m);

    InProcess.Result r = InProcess.run(env, "", "issue", "suggest-next", "--vars");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).isEqualTo("_ISSUE_NEXT=\n");
  }

  @Test
  void refuseReadsBodyFromStdinAndSkipsDuplicate(MockForgejo m) {
    Map<String, String> env = env(m);
    long n = m.seed().issue(REPO, i -> i.title("t"));

    InProcess.Result first =
        InProcess.run(env, "too big", "issue", "refuse", Long.toString(n), "📏",
            "Too large for single session");
    InProcess.Result second =
        InProcess.run(env, "", "issue", "refuse", Long.toString(n), "📏",
            "Too large for single session", "again");

    assertThat(first.exitCode()).isZero();
    assertThat(second.exitCode()).isZero();
    assertThat(m.journal()).filteredOn(q -> q.method().equals("POST")).singleElement()
        .satisfies(q -> assertThat(q.body())
            .startsWith("{\"body\":\"📏 **Dev-agent: Too large for single session**\\n\\ntoo big"));
  }

  @Test
  void nonNumericIssueIsAUsageError(MockForgejo m) {
    InProcess.Result r = InProcess.run(env(m), "", "issue", "claim", "seven");

    assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(m.journal()).isEmpty();
  }

  @Test
  void claimOfIssueZeroOrNegativeIsAUsageErrorWithoutAnyRequest(MockForgejo m) {
    Map<String, String> env = env(m);

    InProcess.Result zero = InProcess.run(env, "", "issue", "claim", "0");
    InProcess.Result negative = InProcess.run(env, "", "issue", "claim", "-1");

    assertThat(zero.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(negative.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(zero.stderr()).contains("0").doesNotContain("\tat ");
    assertThat(m.journal()).isEmpty();
  }

  /** Every request to the repository answers 500. */
  private static void failEverything(MockForgejo m) {
    m.faults().add(Fault.on("*", "/repos/o/r/**").withStatus(500));
  }

  @Test
  void claimAgainstAFailingForgeExitsOneAndSaysWhy(MockForgejo m) {
    Map<String, String> env = env(m);
    long n = m.seed().issue(REPO, i -> i.title("t").labels("backlog"));
    failEverything(m);

    InProcess.Result r = InProcess.run(env, "", "issue", "claim", Long.toString(n));

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).contains("#" + n).contains("500").doesNotContain("claimed issue");
  }

  @Test
  void releaseAgainstAFailingForgeExitsZeroAsTheOriginalButLogsNoSuccess(MockForgejo m) {
    Map<String, String> env = env(m);
    long n = m.seed().issue(REPO, i -> i.title("t").labels("in-progress").assignees("dev-bot"));
    failEverything(m);

    InProcess.Result r = InProcess.run(env, "", "issue", "release", Long.toString(n));

    assertThat(r.exitCode()).isZero();
    assertThat(r.stderr()).doesNotContain("released issue").contains("release of issue #" + n)
        .contains("500");
  }

  @Test
  void blockAgainstAFailingForgeExitsZeroAsTheOriginalButLogsNoSuccess(MockForgejo m) {
    Map<String, String> env = env(m);
    long n = m.seed().issue(REPO, i -> i.title("t").labels("in-progress").assignees("dev-bot"));
    failEverything(m);

    InProcess.Result r =
        InProcess.run(env, "", "issue", "block", Long.toString(n), "ci_exhausted");

    assertThat(r.exitCode()).isZero();
    assertThat(r.stderr()).doesNotContain("blocked issue").contains("block of issue #" + n)
        .contains("500");
  }

  @Test
  void closeAgainstAFailingForgeExitsZeroAsTheOriginalButLogsNoSuccess(MockForgejo m) {
    Map<String, String> env = env(m);
    long n = m.seed().issue(REPO, i -> i.title("t").assignees("dev-bot"));
    failEverything(m);

    InProcess.Result r = InProcess.run(env, "", "issue", "close", Long.toString(n));

    assertThat(r.exitCode()).isZero();
    assertThat(r.stderr()).doesNotContain("closed issue").contains("close of issue #" + n)
        .contains("500");
  }

  @Test
  void refuseAgainstAFailingForgeExitsZeroAsTheOriginalButLogsNoSuccess(MockForgejo m) {
    Map<String, String> env = env(m);
    long n = m.seed().issue(REPO, i -> i.title("t"));
    failEverything(m);

    InProcess.Result r = InProcess.run(env, "", "issue", "refuse", Long.toString(n), "🚧",
        "Unmet dependency", "x");

    assertThat(r.exitCode()).isZero();
    assertThat(r.stderr()).doesNotContain("posted refusal").contains("could not post")
        .contains("500");
  }
}
