package ai.disinto.examples.cli.forge;

import ai.disinto.examples.cli.CliCommand;
import ai.disinto.examples.cli.CliException;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.setup.EnvFile;
import ai.disinto.forge.setup.ForgeSetup;
import ai.disinto.forge.setup.ForgeSetupDocker;
import ai.disinto.forge.setup.ForgeSetupException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto forge setup [--rotate-tokens] FORGE_URL REPO_SLUG}: provisions the local Forgejo
 * as {@code setup_forge} of lib/forge-setup.sh does (admin, agent and local-model accounts with
 * their tokens and passwords in {@code FACTORY_ROOT/.env}, {@code .profile} repos, the project repo
 * and its collaborators), starting it through docker when it does not answer. Reads {@code
 * FACTORY_ROOT}, {@code FORGE_TOKEN}, {@code DISINTO_BARE} and {@code FORGEJO_DATA_DIR}. Exits 0
 * when done and 1 with {@code Error: ...} on stderr where the original exits 1; progress lines go
 * to the log (stderr or {@code LOGFILE}).
 */
@Command(
    name = "setup",
    description = "Provision users, tokens, .profile repos and the project repo on Forgejo "
        + "(setup_forge).")
public final class ForgeSetupCommand extends CliCommand {
  @Option(names = "--rotate-tokens",
      description = "Replace every token and password even when they still work.")
  boolean rotate;

  @Parameters(index = "0", paramLabel = "FORGE_URL", description = "The forge URL.")
  String forgeUrl;

  @Parameters(index = "1", paramLabel = "REPO_SLUG", description = "The project repo, owner/name.")
  String slug;

  /** Creates the command; picocli calls it. */
  public ForgeSetupCommand() {}

  @Override
  public Integer call() {
    Map<String, String> env = env();
    Path root = factoryRoot();
    boolean bare = "true".equals(env.get("DISINTO_BARE"));
    ForgeSetupDocker docker;
    if (bare) {
      String data = env.getOrDefault("FORGEJO_DATA_DIR", "");
      Path dataDir = data.isEmpty()
          ? Path.of(env.getOrDefault("HOME", "."), ".disinto", "forgejo") : Path.of(data);
      docker = ForgeSetupDocker.bare(root, dataDir, "docker", env);
    } else {
      docker = ForgeSetupDocker.compose(root, "docker", env);
    }
    ForgeSetup setup = ForgeSetup.builder().envFile(EnvFile.inFactory(root)).adminCli(docker)
        .launcher(docker).sleeper(sleeper())
        .initialToken(env.getOrDefault("FORGE_TOKEN", ""))
        .build();
    try {
      setup.run(forgeUrl, slug, rotate);
      return 0;
    } catch (ForgeSetupException | IllegalArgumentException e) {
      throw new CliException(1, "Error: " + e.getMessage(), e);
    } catch (ForgeException e) {
      throw new CliException(1, "Error: " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new CliException(1, "Error: " + e.getMessage(), e);
    }
  }
}
