package ai.disinto.core.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Generates a project's deployment pipelines, {@code .woodpecker/staging.yml} and {@code
 * .woodpecker/production.yml}: template steps that run on Woodpecker's {@code deployment} event for
 * their environment, which the runner triggers through the promote API once a human has approved.
 *
 * <p>Mirrors {@code generate_deploy_pipelines} in lib/generators.sh: each file is written only when
 * missing. The original's project-name argument is unused there and has no counterpart here.
 * {@code ${CI_PIPELINE_NUMBER}} and {@code ${CI_PIPELINE_PARENT}} are written literally, for
 * Woodpecker to fill in. The command that echoes them is a quoted YAML scalar: in the original the
 * {@code " #"} of {@code CI #${CI_PIPELINE_PARENT}} starts a YAML comment, which cuts the command
 * short and leaves its shell quote open.
 */
public final class DeployPipelineGenerator {
  private static final String PIPELINE = """
      # .woodpecker/{{env}}.yml — {{Env}} deployment pipeline
      # Triggered by runner via Woodpecker promote API.
      # Human approves promotion in vault → runner calls promote → this runs.

      when:
        event: deployment
        environment: {{env}}

      steps:
        - name: deploy-{{env}}
          image: docker:27
          commands:
            - echo "Deploying to {{env}} environment..."
            - 'echo "Pipeline ${CI_PIPELINE_NUMBER} promoted from {{origin}}"'
            # Pull the image {{image_source}} and deploy it to {{env}}; for example:
            # - docker compose -f docker-compose.yml {{compose_args}}up -d
            - echo "{{Env}} deployment complete"

        - name: verify-{{env}}
          image: alpine:3
          commands:
            - echo "Verifying {{env}} deployment..."
            # Health checks, smoke or integration tests go here; for example:
            # - curl -sf http://{{env}}:8080/health || exit 1
            - echo "{{Env}} verification complete"
      """;

  private DeployPipelineGenerator() {}

  /**
   * What happened to each pipeline file.
   *
   * @param staging the outcome for {@code staging.yml}
   * @param production the outcome for {@code production.yml}
   * @param stagingFile the path of {@code staging.yml}
   * @param productionFile the path of {@code production.yml}
   */
  public record Result(GenerationResult staging, GenerationResult production, Path stagingFile,
      Path productionFile) {
    /**
     * Whether both files existed already, so nothing was written.
     *
     * @return true when both were skipped
     */
    public boolean bothExisted() {
      return staging == GenerationResult.SKIPPED_EXISTS
          && production == GenerationResult.SKIPPED_EXISTS;
    }
  }

  /**
   * Creates {@code <projectRepoRoot>/.woodpecker/} and writes whichever pipeline is missing.
   *
   * @param projectRepoRoot the project's checkout
   * @return what happened to each file
   * @throws GenerationException when a file or the directory cannot be written
   */
  public static Result generate(Path projectRepoRoot) {
    Path dir = projectRepoRoot.resolve(".woodpecker");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new GenerationException("cannot create " + dir + ": " + e.getMessage(), e);
    }
    Path staging = dir.resolve("staging.yml");
    Path production = dir.resolve("production.yml");
    return new Result(write(staging, renderStaging()), write(production, renderProduction()),
        staging, production);
  }

  /**
   * The staging pipeline's text.
   *
   * @return the pipeline
   */
  public static String renderStaging() {
    return render("staging", "Staging", "CI #${CI_PIPELINE_PARENT}", "built by CI",
        "--profile staging ");
  }

  /**
   * The production pipeline's text.
   *
   * @return the pipeline
   */
  public static String renderProduction() {
    return render("production", "Production", "staging", "verified on staging", "");
  }

  private static String render(String env, String title, String origin, String imageSource,
      String composeArgs) {
    return Template.of(PIPELINE).with("env", env).with("Env", title).with("origin", origin)
        .with("image_source", imageSource).with("compose_args", composeArgs).render();
  }

  private static GenerationResult write(Path file, String text) {
    if (Files.exists(file)) {
      return GenerationResult.SKIPPED_EXISTS;
    }
    Writes.atomically(file, text);
    return GenerationResult.CREATED;
  }
}
