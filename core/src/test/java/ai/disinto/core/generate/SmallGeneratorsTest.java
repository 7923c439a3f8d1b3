package ai.disinto.core.generate;

import static ai.disinto.core.generate.ComposeGeneratorTest.list;
import static ai.disinto.core.generate.ComposeGeneratorTest.map;
import static ai.disinto.core.generate.ComposeGeneratorTest.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Caddyfile, the staging index, the deploy pipelines and the agents' docker check. */
class SmallGeneratorsTest {
  @TempDir Path root;

  @Test
  void caddyfileRoutesForgejoCiAndStaging() throws IOException {
    Generated g = CaddyfileGenerator.generate(root);
    assertThat(g.result()).isEqualTo(GenerationResult.CREATED);
    assertThat(g.file()).isEqualTo(root.resolve("docker/Caddyfile"));
    String text = Files.readString(g.file());
    assertThat(text).startsWith("# Caddyfile — edge proxy configuration\n");
    assertThat(text).containsSubsequence(":80 {", "handle /forgejo/* {",
        "reverse_proxy forgejo:3000", "handle /ci/* {", "reverse_proxy woodpecker:8000",
        "handle {", "reverse_proxy staging:80");
  }

  @Test
  void caddyfileStripsThePrefixBeforeProxying() {
    String text = CaddyfileGenerator.render();
    assertThat(text).containsSubsequence("handle /forgejo/* {", "uri strip_prefix /forgejo",
        "reverse_proxy forgejo:3000");
    assertThat(text).containsSubsequence("handle /ci/* {", "uri strip_prefix /ci",
        "reverse_proxy woodpecker:8000");
  }

  @Test
  void caddyfileIsNotRegenerated() throws IOException {
    CaddyfileGenerator.generate(root);
    Files.writeString(root.resolve("docker/Caddyfile"), "mine");
    Generated again = CaddyfileGenerator.generate(root);
    assertThat(again.result()).isEqualTo(GenerationResult.SKIPPED_EXISTS);
    assertThat(Files.readString(root.resolve("docker/Caddyfile"))).isEqualTo("mine");
  }

  @Test
  void stagingIndexSaysNothingShippedYet() throws IOException {
    Generated g = StagingIndexGenerator.generate(root);
    assertThat(g.result()).isEqualTo(GenerationResult.CREATED);
    assertThat(g.file()).isEqualTo(root.resolve("docker/index.html"));
    String html = Files.readString(g.file());
    assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">")
        .contains("<title>Nothing shipped yet</title>")
        .contains("<h1>Nothing shipped yet</h1>")
        .contains("CI pipelines will update this page with your staging artifacts.")
        .contains("linear-gradient(135deg, #667eea 0%, #764ba2 100%)");
    assertThat(StagingIndexGenerator.generate(root).result())
        .isEqualTo(GenerationResult.SKIPPED_EXISTS);
  }

  @Test
  void stagingIndexGoesToTheDedicatedSiteDirectoryWhenChosen() {
    Generated g = StagingIndexGenerator.generate(root, StagingSite.DEDICATED_DIR);
    assertThat(g.file()).isEqualTo(root.resolve("docker/site/index.html")).exists();
    assertThat(root.resolve("docker/index.html")).doesNotExist();
  }

  @Test
  void deployPipelinesAreBothCreatedInAnEmptyRepo() throws IOException {
    DeployPipelineGenerator.Result r = DeployPipelineGenerator.generate(root);
    assertThat(r.staging()).isEqualTo(GenerationResult.CREATED);
    assertThat(r.production()).isEqualTo(GenerationResult.CREATED);
    assertThat(r.bothExisted()).isFalse();
    String staging = Files.readString(root.resolve(".woodpecker/staging.yml"));
    assertThat(staging).contains("event: deployment").contains("environment: staging")
        .contains("${CI_PIPELINE_NUMBER}").contains("${CI_PIPELINE_PARENT}");
    assertPipeline(staging, "staging", "Deploying to staging environment...",
        "Pipeline ${CI_PIPELINE_NUMBER} promoted from CI #${CI_PIPELINE_PARENT}",
        "Staging deployment complete", "Verifying staging deployment...",
        "Staging verification complete");
    assertPipeline(Files.readString(root.resolve(".woodpecker/production.yml")), "production",
        "Deploying to production environment...",
        "Pipeline ${CI_PIPELINE_NUMBER} promoted from staging", "Production deployment complete",
        "Verifying production deployment...", "Production verification complete");
  }

  private static void assertPipeline(String text, String env, String deploy1, String deploy2,
      String deploy3, String verify1, String verify2) {
    Map<String, Object> p = yaml(text);
    assertThat(map(p.get("when"))).containsExactly(Map.entry("event", "deployment"),
        Map.entry("environment", env));
    List<Object> steps = list(p.get("steps"));
    assertThat(steps).hasSize(2);
    assertThat(map(steps.get(0))).containsEntry("name", "deploy-" + env)
        .containsEntry("image", "docker:27")
        .containsEntry("commands", List.of("echo \"" + deploy1 + "\"", "echo \"" + deploy2 + "\"",
            "echo \"" + deploy3 + "\""));
    assertThat(map(steps.get(1))).containsEntry("name", "verify-" + env)
        .containsEntry("image", "alpine:3")
        .containsEntry("commands", List.of("echo \"" + verify1 + "\"", "echo \"" + verify2 + "\""));
    assertThat(text).startsWith("# .woodpecker/" + env + ".yml — ");
  }

  @Test
  void theCommandNamingTheParentPipelineIsNotCutShortByAYamlComment() {
    Map<String, Object> p = yaml(DeployPipelineGenerator.renderStaging());
    assertThat(map(list(p.get("steps")).get(0)).get("commands").toString())
        .contains("promoted from CI #${CI_PIPELINE_PARENT}\"");
  }

  @Test
  void onlyTheMissingDeployPipelineIsCreated() throws IOException {
    Path staging = Files.createDirectories(root.resolve(".woodpecker")).resolve("staging.yml");
    Files.writeString(staging, "Y");
    DeployPipelineGenerator.Result r = DeployPipelineGenerator.generate(root);
    assertThat(r.staging()).isEqualTo(GenerationResult.SKIPPED_EXISTS);
    assertThat(r.production()).isEqualTo(GenerationResult.CREATED);
    assertThat(Files.readString(staging)).isEqualTo("Y");
    assertThat(root.resolve(".woodpecker/production.yml")).exists();
  }

  @Test
  void nothingIsWrittenWhenBothDeployPipelinesExist() throws IOException {
    Path dir = Files.createDirectories(root.resolve(".woodpecker"));
    Files.writeString(dir.resolve("staging.yml"), "S");
    Files.writeString(dir.resolve("production.yml"), "P");
    DeployPipelineGenerator.Result r = DeployPipelineGenerator.generate(root);
    assertThat(r.bothExisted()).isTrue();
    assertThat(Files.readString(dir.resolve("staging.yml"))).isEqualTo("S");
    assertThat(Files.readString(dir.resolve("production.yml"))).isEqualTo("P");
    try (var files = Files.list(dir)) {
      assertThat(files).hasSize(2);
    }
  }

  @Test
  void agentDockerCheckCreatesTheDirectoryAndNamesMissingFiles() throws IOException {
    assertThat(AgentDockerCheck.warnings(root)).containsExactly(
        "docker/agents/Dockerfile not found — expected in repo",
        "docker/agents/entrypoint.sh not found — expected in repo");
    assertThat(root.resolve("docker/agents")).isDirectory();
    Files.writeString(root.resolve("docker/agents/Dockerfile"), "FROM x");
    Files.writeString(root.resolve("docker/agents/entrypoint.sh"), "#!/bin/sh");
    assertThat(AgentDockerCheck.warnings(root)).isEmpty();
  }

  @Test
  void templatesRefuseMissingAndUnusedValues() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Template.of("a {{x}}").render())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("x");
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> Template.of("a").with("y", "1").render())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("y");
    assertThat(Template.of("${A:-b} {{x}}").with("x", "${y}").render()).isEqualTo("${A:-b} ${y}");
  }

  @Test
  void yamlQuotingEscapesWhatYamlAndComposeWouldInterpret() {
    assertThat(Yaml.quoted("a\"b\\c$d\ne")).isEqualTo("\"a\\\"b\\\\c$$d\\ne\"");
    assertThat(yaml("k: " + Yaml.quoted("a\"b\\c$d\ne\u0001"))).containsEntry("k", "a\"b\\c$$d\ne\u0001");
    assertThat(Yaml.plainOrQuoted("project")).isEqualTo("project");
    assertThat(Yaml.plainOrQuoted("true")).isEqualTo("\"true\"");
    assertThat(Yaml.plainOrQuoted("123")).isEqualTo("\"123\"");
    assertThat(Yaml.plainOrQuoted("a b")).isEqualTo("\"a b\"");
  }
}
