package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code disinto tea …} in-process against the mock Forgejo: exit codes 0, 3, 4 and stdout. */
@ExtendWith(MockForgejoExtension.class)
class TeaCommandTest {
  private static final String REPO = "o/r";

  @TempDir Path root;

  private Map<String, String> env(MockForgejo m) {
    m.seed().user("planner-bot", u -> u.token("tok-planner"));
    m.seed().repo(REPO, r -> r.collaborator("planner-bot", "write"));
    m.seed().label(REPO, "bug", "#ee0701");
    m.seed().label(REPO, "backlog", "#0075ca");
    return Map.of("FORGE_URL", m.baseUrl(), "FORGE_REPO", REPO, "FORGE_TOKEN", "tok-planner",
        "FACTORY_ROOT", root.toString());
  }

  @Test
  void fileIssuePrintsTheNewNumber(MockForgejo m) {
    Map<String, String> env = env(m);

    InProcess.Result r = InProcess.run(env, "", "tea", "file-issue", "T", "b", "bug", "backlog");

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).isEqualTo("1\n");
    assertThat(m.journal()).filteredOn(q -> q.method().equals("POST")).singleElement()
        .satisfies(q -> assertThat(q.body()).contains("\"labels\":["));
  }

  @Test
  void fileIssueWithVarsPrintsFiledIssueNum(MockForgejo m) {
    Map<String, String> env = env(m);
    m.seed().issue(REPO, i -> i.title("first"));

    InProcess.Result r = InProcess.run(env, "", "tea", "file-issue", "--vars", "T", "b");

    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("FILED_ISSUE_NUM=2\n");
  }

  @Test
  void secretsExitFourWithoutRequest(MockForgejo m) {
    Map<String, String> env = env(m);

    InProcess.Result r = InProcess.run(env, "", "tea", "file-issue", "T",
        "TOKEN=abcdefghijklmnopqrstuvwxyz");

    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).contains("BLOCKED — issue body contains potential secrets")
        .doesNotContain("abcdefghijklmnopqrstuvwxyz");
    assertThat(m.journal()).isEmpty();
  }

  @Test
  void unknownLabelExitsThree(MockForgejo m) {
    Map<String, String> env = env(m);

    InProcess.Result r = InProcess.run(env, "", "tea", "file-issue", "T", "b", "nope");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stderr()).contains("nope");
    assertThat(m.journal()).noneMatch(q -> q.method().equals("POST"));
  }

  @Test
  void apiErrorExitsThree(MockForgejo m) {
    Map<String, String> env = env(m);
    m.faults().add(Fault.on("POST", "/repos/o/r/issues").withStatus(403));

    InProcess.Result r = InProcess.run(env, "", "tea", "file-issue", "T", "b");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stderr()).contains("403").doesNotContain("\tat ");
  }

  @Test
  void relabelReplacesLabels(MockForgejo m) {
    Map<String, String> env = env(m);
    long n = m.seed().issue(REPO, i -> i.title("t").labels("bug"));

    InProcess.Result r = InProcess.run(env, "", "tea", "relabel", Long.toString(n), "backlog");

    assertThat(r.exitCode()).isZero();
    assertThat(m.journal()).filteredOn(q -> q.method().equals("PUT")).singleElement()
        .satisfies(q -> assertThat(q.apiPath()).isEqualTo("/repos/o/r/issues/" + n + "/labels"));
  }

  @Test
  void commentTakesBodyFromStdinWhenOmitted(MockForgejo m) {
    Map<String, String> env = env(m);
    long n = m.seed().issue(REPO, i -> i.title("t"));

    InProcess.Result r = InProcess.run(env, "from stdin", "tea", "comment", Long.toString(n));

    assertThat(r.exitCode()).isZero();
    assertThat(m.journal()).filteredOn(q -> q.method().equals("POST")).singleElement()
        .satisfies(q -> assertThat(q.body()).isEqualTo("{\"body\":\"from stdin\"}"));
  }

  @Test
  void commentWithSecretExitsFour(MockForgejo m) {
    Map<String, String> env = env(m);

    InProcess.Result r = InProcess.run(env, "", "tea", "comment", "1",
        "Bearer abcdefghijklmnopqrstuvwxyz");

    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(m.journal()).isEmpty();
  }

  @Test
  void closeOfMissingIssueExitsThree(MockForgejo m) {
    Map<String, String> env = env(m);

    InProcess.Result r = InProcess.run(env, "", "tea", "close", "42");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stderr()).contains("404");
  }

  @Test
  void everyTeaWriteAgainstAFailingForgeExitsThreeWithStatusAndMessage(MockForgejo m) {
    Map<String, String> env = env(m);
    long n = m.seed().issue(REPO, i -> i.title("t"));
    m.faults().add(Fault.on("*", "/repos/o/r/**").withStatus(500));

    for (String[] args : new String[][] {
        {"tea", "file-issue", "T", "b"},
        {"tea", "relabel", Long.toString(n)},
        {"tea", "comment", Long.toString(n), "hello"},
        {"tea", "close", Long.toString(n)}}) {
      InProcess.Result r = InProcess.run(env, "", args);

      assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(3);
      assertThat(r.stdout()).isEmpty();
      assertThat(r.stderr()).contains("500").contains("injected fault").doesNotContain("\tat ");
    }
  }

  @Test
  void fileIssueWhoseAnswerIsLostPrintsTheNumberOfTheOneIssueFiled(MockForgejo m) {
    Map<String, String> env = env(m);
    m.faults().add(Fault.on("POST", "/repos/o/r/issues").dropAfterProcessing().times(1));

    InProcess.Result r = InProcess.run(env, "", "tea", "file-issue", "T", "b");

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).isEqualTo("1\n");
    assertThat(m.journal()).filteredOn(q -> q.method().equals("POST")).hasSize(1);
  }

  @Test
  void fileIssueCutBeforeTheForgeSawItExitsThreeAndSaysItMayExist(MockForgejo m) {
    Map<String, String> env = env(m);
    m.faults().add(Fault.on("POST", "/repos/o/r/issues").dropBeforeProcessing().times(1));

    InProcess.Result r = InProcess.run(env, "", "tea", "file-issue", "T", "b");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).contains("may or may not").doesNotContain("\tat ");
    assertThat(m.journal()).filteredOn(q -> q.method().equals("POST")).hasSize(1);
  }
}
