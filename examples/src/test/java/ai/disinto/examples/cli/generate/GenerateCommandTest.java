package ai.disinto.examples.cli.generate;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.examples.cli.InProcess;
import ai.disinto.examples.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code disinto generate …}: the original functions' arguments, output lines and exit codes. */
class GenerateCommandTest {
  @TempDir Path root;

  private Map<String, String> env() {
    return Map.of("FACTORY_ROOT", root.toString(), "PATH", root.resolve("no-bin").toString());
  }

  @Test
  void composeIsCreatedOnceWithTheWarningOnStderr() throws IOException {
    InProcess.Result r = InProcess.run(env(), "", "generate", "compose", "3001");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).isEqualTo("Created: " + root + "/docker-compose.yml\n");
    assertThat(r.stderr()).contains(
        "Warning: claude CLI not found in PATH — update docker-compose.yml volumes manually");
    String text = Files.readString(root.resolve("docker-compose.yml"));
    assertThat(text).contains("- \"3001:3000\"").contains("PROJECT_NAME: project");

    InProcess.Result again = InProcess.run(env(), "", "generate", "compose");
    assertThat(again.exitCode()).isZero();
    assertThat(again.stdout())
        .isEqualTo("Compose: " + root + "/docker-compose.yml (already exists, skipping)\n");
    assertThat(Files.readString(root.resolve("docker-compose.yml"))).isEqualTo(text);
  }

  @Test
  void composeTakesTheProjectNameAndThePortOfAForgeUrl() throws IOException {
    InProcess.Result r = InProcess.run(env(), "", "generate", "compose",
        "http://localhost:3333", "--project-name", "harb");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    String text = Files.readString(root.resolve("docker-compose.yml"));
    assertThat(text).contains("- \"3333:3000\"").contains("PROJECT_NAME: harb")
        .contains("PROJECT_REPO_ROOT: /home/agent/repos/harb");
  }

  @Test
  void composeReadsProjectNameFromTheEnvironmentAsEnvShDoes() throws IOException {
    Map<String, String> env = new java.util.HashMap<>(env());
    env.put("FORGE_REPO", "johba/harb");
    assertThat(InProcess.run(env, "", "generate", "compose").exitCode()).isZero();
    assertThat(Files.readString(root.resolve("docker-compose.yml")))
        .contains("PROJECT_NAME: harb");
  }

  @Test
  void aPortThatIsNoPortIsAUsageError() {
    InProcess.Result r = InProcess.run(env(), "", "generate", "compose", "three");
    assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(root.resolve("docker-compose.yml")).doesNotExist();
  }

  @Test
  void duplicateAgentsFailWithTheOriginalsErrorLine() throws IOException {
    Path projects = Files.createDirectories(root.resolve("projects"));
    Files.writeString(projects.resolve("a.toml"), "[agents.dev_qwen]\nbase_url = \"u\"\nmodel = \"m\"\n");
    Files.writeString(projects.resolve("b.toml"), "[agents.dev-qwen]\nbase_url = \"u\"\nmodel = \"m\"\n");
    InProcess.Result r = InProcess.run(env(), "", "generate", "compose");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("ERROR: Duplicate service name 'agents-dev-qwen' detected");
    assertThat(r.stdout()).isEmpty();
    assertThat(root.resolve("docker-compose.yml")).doesNotExist();
  }

  @Test
  void factoryRootMustBeSet() {
    InProcess.Result r = InProcess.run(Map.of(), "", "generate", "caddyfile");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("FACTORY_ROOT must be set");
  }

  @Test
  void caddyfileAndStagingIndexPrintTheOriginalsLines() {
    InProcess.Result c = InProcess.run(env(), "", "generate", "caddyfile");
    assertThat(c.stdout()).isEqualTo("Created: " + root + "/docker/Caddyfile\n");
    assertThat(InProcess.run(env(), "", "generate", "caddyfile").stdout())
        .isEqualTo("Caddyfile:  " + root + "/docker/Caddyfile (already exists, skipping)\n");
    InProcess.Result s = InProcess.run(env(), "", "generate", "staging-index");
    assertThat(s.stdout()).isEqualTo("Created: " + root + "/docker/index.html\n");
    assertThat(InProcess.run(env(), "", "generate", "staging-index").stdout())
        .isEqualTo("Staging:  " + root + "/docker/index.html (already exists, skipping)\n");
  }

  @Test
  void deployPipelinesPrintEachCreatedFileThenTheSkipLine() throws IOException {
    Path repo = Files.createDirectories(root.resolve("repo"));
    InProcess.Result r = InProcess.run(Map.of(), "", "generate", "deploy-pipelines",
        repo.toString(), "harb");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("Created: " + repo + "/.woodpecker/staging.yml\n"
        + "Created: " + repo + "/.woodpecker/production.yml\n");
    InProcess.Result again = InProcess.run(Map.of(), "", "generate", "deploy-pipelines",
        repo.toString());
    assertThat(again.stdout())
        .isEqualTo("Deploy:  .woodpecker/{staging,production}.yml (already exist)\n");
  }

  @Test
  void deployPipelinesNeedTheRepoRoot() {
    assertThat(InProcess.run("generate", "deploy-pipelines").exitCode()).isEqualTo(Main.EXIT_USAGE);
  }

  @Test
  void agentDockerWarnsAboutMissingFiles() {
    InProcess.Result r = InProcess.run(env(), "", "generate", "agent-docker");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).contains("Warning: docker/agents/Dockerfile not found — expected in repo")
        .contains("Warning: docker/agents/entrypoint.sh not found — expected in repo");
    assertThat(root.resolve("docker/agents")).isDirectory();
  }
}
