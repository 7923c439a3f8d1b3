package ai.disinto.examples.cli.ci;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.examples.cli.InProcess;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import ai.disinto.testkit.forgejo.RecordedRequest;
import ai.disinto.testkit.woodpecker.MockWoodpecker;
import ai.disinto.testkit.woodpecker.MockWoodpeckerExtension;
import ai.disinto.testkit.woodpecker.WoodpeckerRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code disinto ci ...}: the ci-helpers functions' stdout and return codes, over the mocks. */
@ExtendWith({MockForgejoExtension.class, MockWoodpeckerExtension.class})
class CiCommandTest {
  static final String S = "0123456789abcdef0123456789abcdef01234567";
  static final String WP_TOKEN = "wp-cli-token-77";
  @TempDir Path root;
  private MockForgejo forge;
  private MockWoodpecker ci;
  private long repo;
  private Map<String, String> env;

  @BeforeEach
  void world(MockForgejo forge, MockWoodpecker ci) {
    this.forge = forge;
    this.ci = ci;
    forge.seed().user("dev-bot", u -> u.password("pw").token("tok-dev"));
    forge.seed().repo("o/r", r -> r.collaborator("dev-bot", "write"));
    ci.addUser("bot", WP_TOKEN, true);
    repo = ci.addRepo("o/r");
    env = new HashMap<>(Map.of("FACTORY_ROOT", root.toString(), "FORGE_URL", forge.baseUrl(),
        "FORGE_REPO", "o/r", "FORGE_TOKEN", "tok-dev", "WOODPECKER_SERVER", ci.baseUrl(),
        "WOODPECKER_TOKEN", WP_TOKEN, "WOODPECKER_REPO_ID", Long.toString(repo),
        "WOODPECKER_DATA_DIR", root.resolve("wp").toString()));
  }

  private InProcess.Result run(String... args) {
    return InProcess.run(env, "", args);
  }

  @Test
  void passedAndFailedAreExitCodes() {
    assertThat(run("ci", "passed", "success").exitCode()).isZero();
    assertThat(run("ci", "passed", "pending").exitCode()).isEqualTo(1);
    assertThat(run("ci", "failed", "warning").exitCode()).isZero();
    assertThat(run("ci", "failed", "").exitCode()).isEqualTo(1);
    env.put("WOODPECKER_REPO_ID", "0");
    assertThat(run("ci", "passed", "").exitCode()).isZero();
    assertThat(run("ci", "passed", "failure").exitCode()).isEqualTo(1);
  }

  @Test
  void statusPrintsTheStateWithANewline() {
    ci.addPipeline(repo, "killed", "push", "main", S);
    InProcess.Result r = run("ci", "status", S);

    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("failure\n");
  }

  @Test
  void statusFromTheForgeKeepsItsWord() {
    forge.faults().add(Fault.on("GET", "/repos/o/r/commits/*/status").withStatus(200)
        .withBody("{\"state\":\"\"}"));
    assertThat(run("ci", "status", S).stdout()).isEqualTo("\n");
    forge.faults().clear();
    forge.faults().add(Fault.on("GET", "/repos/o/r/commits/*/status").withStatus(500));
    InProcess.Result r = run("ci", "status", S);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @Test
  void pipelinePrintsTheNumberOrNothing() {
    ci.addPipeline(repo, "success", "push", "main", S);
    assertThat(run("ci", "pipeline", S).stdout()).isEqualTo("1\n");
    InProcess.Result none = run("ci", "pipeline", "f".repeat(40));
    assertThat(none.stdout()).isEmpty();
    assertThat(none.exitCode()).isZero();
  }

  @Test
  void classifyPrintsTheVerdict() {
    long n = ci.addPipeline(repo, "failure", "push", "main", S);
    ci.addStep(repo, n, "git-clone", "failure", 128);
    InProcess.Result infra = run("ci", "classify", Long.toString(repo), Long.toString(n));
    assertThat(infra.stdout()).isEqualTo("infra git-clone exit 128 (connection failure)\n");
    assertThat(infra.exitCode()).isZero();

    InProcess.Result code = run("ci", "classify", Long.toString(repo), "404");
    assertThat(code.stdout()).isEqualTo("code\n");
    assertThat(code.exitCode()).isEqualTo(1);
  }

  @Test
  void promotePrintsTheNewPipeline() {
    long n = ci.addPipeline(repo, "success", "push", "main", S);
    ci.setAllowDeploy(repo, true);
    InProcess.Result r = run("ci", "promote", Long.toString(repo), Long.toString(n), "production");

    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo((n + 1) + "\n");
    WoodpeckerRequest req = ci.journal().get(0);
    assertThat(req.query()).isEqualTo("event=deployment&deploy_to=production");
  }

  @Test
  void promoteFailures() {
    InProcess.Result usage = run("ci", "promote", Long.toString(repo), "1");
    assertThat(usage.exitCode()).isEqualTo(1);
    assertThat(usage.stderr()).contains("Usage: ci_promote <repo_id> <pipeline_number> <environment>");
    assertThat(ci.journal()).isEmpty();

    long n = ci.addPipeline(repo, "success", "push", "main", S);
    InProcess.Result refused = run("ci", "promote", Long.toString(repo), Long.toString(n), "prod");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.stdout()).isEmpty();
    assertThat(refused.stderr()).startsWith("ERROR: promote API call failed")
        .contains("does not allow deployments").doesNotContain(WP_TOKEN);
  }

  @Test
  void logsRejectsUnknownOptions() {
    InProcess.Result r = run("ci", "logs", "5", "--foo");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).isEqualTo("Unknown option: --foo\n");
  }

  @Test
  void logsReadsTheStore() throws Exception {
    Files.createDirectories(root.resolve("wp"));
    Files.copy(CiLogsCommandTest.fixtures().resolve("blob/woodpecker.sqlite"),
        root.resolve("wp/woodpecker.sqlite"));
    env.put("WOODPECKER_REPO_ID", "1");

    InProcess.Result r = run("ci", "logs", "5", "--step", "test");
    assertThat(r.stdout()).isEqualTo("+ make test\nok all tests\n");
    assertThat(r.exitCode()).isZero();
    InProcess.Result failed = run("ci", "logs", "5", "-s", "");
    assertThat(failed.stdout()).startsWith("+ make\n").doesNotContain("deploy");
  }

  @Test
  void logsWithoutStoreExits1() {
    InProcess.Result r = run("ci", "logs", "5");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).startsWith("ERROR: Woodpecker database not found at ");
  }

  @Test
  void requiredForPrIsAnExitCode() {
    long docs = forge.seed().pull("o/r", p -> p.head("d").file("docs/a.md", "x\n"));
    long code = forge.seed().pull("o/r", p -> p.head("c").file("src/a.py", "x\n"));

    assertThat(run("ci", "required-for-pr", Long.toString(docs)).exitCode()).isEqualTo(1);
    assertThat(run("ci", "required-for-pr", Long.toString(code)).exitCode()).isZero();
  }

  @Test
  void priorityLabelPrintsTheIdWithoutNewline() {
    InProcess.Result r = run("ci", "priority-label");

    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).matches("[0-9]+");
    assertThat(forge.journal()).extracting(RecordedRequest::method).contains("POST");
    InProcess.Result again = run("ci", "priority-label");
    assertThat(again.stdout()).isEqualTo(r.stdout());
  }
}
