package ai.disinto.examples.cli.generate;

import ai.disinto.core.config.FactoryEnv;
import ai.disinto.core.generate.AgentDockerCheck;
import ai.disinto.core.generate.CaddyfileGenerator;
import ai.disinto.core.generate.ComposeGenerator;
import ai.disinto.core.generate.ComposeSettings;
import ai.disinto.core.generate.DeployPipelineGenerator;
import ai.disinto.core.generate.Generated;
import ai.disinto.core.generate.GenerationException;
import ai.disinto.core.generate.GenerationResult;
import ai.disinto.core.generate.StagingIndexGenerator;
import ai.disinto.core.generate.StagingSite;
import ai.disinto.examples.cli.CliCommand;
import ai.disinto.examples.cli.CliException;
import ai.disinto.examples.cli.Main;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto generate …}: the drop-ins for the generators of lib/generators.sh, which {@code
 * disinto init} runs. Each writes its file only when it does not exist and prints what the
 * original prints: {@code Created: <path>}, or the skip line. {@code FACTORY_ROOT} must be set for
 * the factory's files, as sourcing the original requires.
 */
@Command(name = "generate",
    description = "Generate the files disinto init needs (lib/generators.sh).",
    subcommands = {GenerateCommand.Compose.class, GenerateCommand.Caddyfile.class,
        GenerateCommand.StagingIndex.class, GenerateCommand.DeployPipelines.class,
        GenerateCommand.AgentDocker.class})
public final class GenerateCommand extends CliCommand {
  /** Creates the command; picocli calls it. */
  public GenerateCommand() {}

  @Override
  public Integer call() {
    throw new CliException(Main.EXIT_USAGE, "disinto generate: missing subcommand"
        + " (compose | caddyfile | staging-index | deploy-pipelines | agent-docker)");
  }

  /** The shared parts: the factory root as given, warnings, failures. */
  abstract static class GeneratorCommand extends CliCommand {
    /** {@code FACTORY_ROOT} as the user wrote it, for the printed paths. */
    String rootAsGiven() {
      String root = env().getOrDefault("FACTORY_ROOT", "");
      if (root.isEmpty()) {
        throw new CliException(1, "FACTORY_ROOT must be set");
      }
      return root;
    }

    void warn(List<String> warnings) {
      warnings.forEach(w -> err().println("Warning: " + w));
      err().flush();
    }

    Integer failed(GenerationException e) {
      err().println("ERROR: " + e.getMessage());
      err().flush();
      return 1;
    }
  }

  /** {@code disinto generate compose [FORGE_PORT]}: {@code generate_compose}. */
  @Command(name = "compose", description = "Write docker-compose.yml in FACTORY_ROOT unless it"
      + " exists (generate_compose).")
  public static final class Compose extends GeneratorCommand {
    /** Creates the command; picocli calls it. */
    public Compose() {}

    @Parameters(arity = "0..1", paramLabel = "FORGE_PORT",
        description = "Host port of Forgejo, or the forge URL to take it from (default 3000).")
    String forgePort;

    @Option(names = "--project-name", paramLabel = "NAME",
        description = "The project being initialised (default: PROJECT_NAME, else the FORGE_REPO"
            + " name, else project).")
    String projectName;

    @Option(names = "--api-keys-from-env",
        description = "Write $${AGENT_<NAME>_API_KEY:-} instead of each local model's API key.")
    boolean apiKeysFromEnv;

    @Option(names = "--dedicated-site",
        description = "Let staging serve docker/site instead of the whole docker directory.")
    boolean dedicatedSite;

    @Override
    public Integer call() {
      String root = rootAsGiven();
      int port = port(forgePort);
      FactoryEnv fenv = factoryEnv();
      String name = projectName != null ? projectName : fenv.getOrEmpty("PROJECT_NAME");
      String repo = fenv.getOrEmpty("FORGE_REPO");
      ComposeSettings settings;
      try {
        settings = ComposeSettings.builder()
            .forgeHostPort(port)
            .projectName(name.isEmpty() ? "project" : name)
            .forgeRepoForLocalAgents(repo.isEmpty() ? "disinto-admin/disinto" : repo)
            .claudeBinary(ComposeGenerator.findClaude(env().get("PATH")))
            .apiKeysFromEnvironment(apiKeysFromEnv)
            .stagingSite(dedicatedSite ? StagingSite.DEDICATED_DIR : StagingSite.DOCKER_DIR)
            .build();
      } catch (IllegalArgumentException e) {
        throw new CliException(Main.EXIT_USAGE, "disinto generate compose: " + e.getMessage());
      }
      Generated g;
      try {
        g = new ComposeGenerator(factoryRoot(), settings).generate();
      } catch (GenerationException e) {
        return failed(e);
      }
      String shown = root + "/docker-compose.yml";
      if (g.result() == GenerationResult.SKIPPED_EXISTS) {
        out().println("Compose: " + shown + " (already exists, skipping)");
      } else {
        warn(g.warnings());
        out().println("Created: " + shown);
      }
      out().flush();
      return 0;
    }

    /** A port number, or the port of a forge URL (its scheme's default when it names none). */
    static int port(String arg) {
      if (arg == null || arg.isEmpty()) {
        return 3000;
      }
      if (arg.matches("[0-9]{1,5}")) {
        return Integer.parseInt(arg);
      }
      try {
        URI uri = new URI(arg);
        if (uri.getHost() != null) {
          if (uri.getPort() > 0) {
            return uri.getPort();
          }
          if ("https".equalsIgnoreCase(uri.getScheme())) {
            return 443;
          }
          if ("http".equalsIgnoreCase(uri.getScheme())) {
            return 80;
          }
        }
      } catch (URISyntaxException e) {
        // Falls through to the usage error.
      }
      throw new CliException(Main.EXIT_USAGE,
          "disinto generate compose: not a port or forge URL: " + arg);
    }
  }

  /** {@code disinto generate caddyfile}: {@code generate_caddyfile}. */
  @Command(name = "caddyfile", description = "Write docker/Caddyfile unless it exists"
      + " (generate_caddyfile).")
  public static final class Caddyfile extends GeneratorCommand {
    /** Creates the command; picocli calls it. */
    public Caddyfile() {}

    @Override
    public Integer call() {
      String root = rootAsGiven();
      try {
        Generated g = CaddyfileGenerator.generate(factoryRoot());
        String shown = root + "/docker/Caddyfile";
        out().println(g.created() ? "Created: " + shown
            : "Caddyfile:  " + shown + " (already exists, skipping)");
        out().flush();
        return 0;
      } catch (GenerationException e) {
        return failed(e);
      }
    }
  }

  /** {@code disinto generate staging-index}: {@code generate_staging_index}. */
  @Command(name = "staging-index", description = "Write docker/index.html unless it exists"
      + " (generate_staging_index).")
  public static final class StagingIndex extends GeneratorCommand {
    /** Creates the command; picocli calls it. */
    public StagingIndex() {}

    @Option(names = "--dedicated-site", description = "Write docker/site/index.html instead.")
    boolean dedicatedSite;

    @Override
    public Integer call() {
      String root = rootAsGiven();
      StagingSite site = dedicatedSite ? StagingSite.DEDICATED_DIR : StagingSite.DOCKER_DIR;
      try {
        Generated g = StagingIndexGenerator.generate(factoryRoot(), site);
        String shown = root + "/" + site.directory() + "/index.html";
        out().println(g.created() ? "Created: " + shown
            : "Staging:  " + shown + " (already exists, skipping)");
        out().flush();
        return 0;
      } catch (GenerationException e) {
        return failed(e);
      }
    }
  }

  /** {@code disinto generate deploy-pipelines REPO_ROOT [PROJECT_NAME]}. */
  @Command(name = "deploy-pipelines", description = "Write .woodpecker/staging.yml and"
      + " production.yml in the project repo, whichever is missing (generate_deploy_pipelines).")
  public static final class DeployPipelines extends GeneratorCommand {
    /** Creates the command; picocli calls it. */
    public DeployPipelines() {}

    @Parameters(index = "0", paramLabel = "REPO_ROOT", description = "The project's checkout.")
    String repoRoot;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PROJECT_NAME",
        description = "Accepted for compatibility; unused, as in the original.")
    String projectName;

    @Override
    public Integer call() {
      try {
        DeployPipelineGenerator.Result r =
            DeployPipelineGenerator.generate(ctx().workingDir().resolve(Path.of(repoRoot)));
        if (r.bothExisted()) {
          out().println("Deploy:  .woodpecker/{staging,production}.yml (already exist)");
        } else {
          if (r.staging() == GenerationResult.CREATED) {
            out().println("Created: " + repoRoot + "/.woodpecker/staging.yml");
          }
          if (r.production() == GenerationResult.CREATED) {
            out().println("Created: " + repoRoot + "/.woodpecker/production.yml");
          }
        }
        out().flush();
        return 0;
      } catch (GenerationException e) {
        return failed(e);
      }
    }
  }

  /** {@code disinto generate agent-docker}: {@code generate_agent_docker}. */
  @Command(name = "agent-docker", description = "Create docker/agents and warn about missing"
      + " repo files (generate_agent_docker).")
  public static final class AgentDocker extends GeneratorCommand {
    /** Creates the command; picocli calls it. */
    public AgentDocker() {}

    @Override
    public Integer call() {
      rootAsGiven();
      try {
        warn(AgentDockerCheck.warnings(factoryRoot()));
        return 0;
      } catch (GenerationException e) {
        return failed(e);
      }
    }
  }
}
