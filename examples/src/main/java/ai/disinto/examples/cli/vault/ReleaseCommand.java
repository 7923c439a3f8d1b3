package ai.disinto.examples.cli.vault;

import ai.disinto.core.config.EnvLoadOptions;
import ai.disinto.core.config.EnvLoader;
import ai.disinto.core.config.FactoryEnv;
import ai.disinto.examples.cli.CliCommand;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.vault.release.ReleaseConfig;
import ai.disinto.vault.release.ReleaseException;
import ai.disinto.vault.release.ReleaseResult;
import ai.disinto.vault.release.ReleaseService;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto release VERSION}: the drop-in for {@code disinto_release} of lib/release.sh.
 * Prints {@code Created vault item: <path>} and, once the PR is open, the original's block of
 * next steps with {@code Release PR created: <url>} on standard output; errors ({@code Error:
 * ...}) and the auto-merge warning on standard error. Exit 0 when the PR is open, 1 otherwise.
 *
 * <p>The project TOML is {@code PROJECT_TOML} when set, else {@code projects/<PROJECT_NAME>.toml}
 * under the factory root, else the first {@code projects/*.toml} by name; the required globals are
 * checked after it is loaded. The ops checkout is {@code OPS_REPO_ROOT}.
 */
@Command(name = "release", description = "File a release vault item and open its PR"
    + " (disinto_release).")
public final class ReleaseCommand extends CliCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "VERSION") String version;

  /** Creates the command; picocli calls it. */
  public ReleaseCommand() {}

  @Override
  public Integer call() throws IOException {
    PrintStream out = out();
    PrintStream err = err();
    try {
      ReleaseService.requireValidVersion(version);
      FactoryEnv env = loadWithProject();
      ReleaseConfig cfg = ReleaseConfig.fromEnv(withGitPath(env));
      ForgeClient forge = ForgeClient.fromEnv(env);
      ReleaseResult r = new ReleaseService(cfg, forge).release(version);
      if (!r.existingPr()) {
        out.println("Created vault item: " + r.vaultFile());
      }
      if (!r.autoMergeRequested() && !r.existingPr()) {
        err.println("Warning: failed to enable auto-merge (may already be enabled or not"
            + " supported)");
      }
      out.println();
      out.println("Release PR created: " + r.prUrl());
      out.println();
      out.println("Next steps:");
      out.println("  1. Review the PR");
      out.println("  2. Approve the PR (auto-merge will trigger after approval)");
      out.println("  3. The vault runner will execute the release formula");
      out.println();
      out.println("After merge, the release will:");
      out.println("  1. Tag Forgejo main with " + version);
      out.println("  2. Push tag to mirrors (Codeberg, GitHub)");
      out.println("  3. Build and tag the agents Docker image");
      out.println("  4. Restart agent containers");
      return 0;
    } catch (ReleaseException e) {
      e.vaultFile().ifPresent(f -> out.println("Created vault item: " + f));
      err.println(e.errorLines());
      return 1;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private Map<String, String> withGitPath(FactoryEnv env) {
    Map<String, String> m = env.childProcessEnv();
    m.put("FACTORY_ROOT", factoryRoot().toString());
    return m;
  }

  /** The configuration with the project TOML release.sh would load. */
  private FactoryEnv loadWithProject() throws IOException {
    Map<String, String> vars = new HashMap<>(env());
    if (vars.getOrDefault("PROJECT_TOML", "").isEmpty()) {
      Path projects = factoryRoot().resolve("projects");
      String name = vars.getOrDefault("PROJECT_NAME", "");
      Optional<Path> toml = Optional.empty();
      if (!name.isEmpty()) {
        Path named = projects.resolve(name + ".toml");
        toml = Files.isRegularFile(named) ? Optional.of(named) : Optional.empty();
      } else if (Files.isDirectory(projects)) {
        try (Stream<Path> s = Files.list(projects)) {
          toml = s.filter(p -> p.getFileName().toString().endsWith(".toml"))
              .filter(Files::isRegularFile).sorted().findFirst();
        }
      }
      toml.ifPresent(p -> vars.put("PROJECT_TOML", p.toString()));
    }
    return EnvLoader.load(EnvLoadOptions.of(factoryRoot(), vars));
  }
}
