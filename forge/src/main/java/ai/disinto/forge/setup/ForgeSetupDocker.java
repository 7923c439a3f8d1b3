package ai.disinto.forge.setup;

import ai.disinto.core.process.ProcessResult;
import ai.disinto.core.process.ProcessRunner;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Forgejo in docker: starts the container and runs {@code forgejo admin user ...} in it. Bare mode
 * ({@code DISINTO_BARE=true}) uses the container {@code disinto-forgejo} directly ({@code docker
 * start}/{@code docker run}, {@code docker exec -u git}); compose mode uses the service {@code
 * forgejo} of {@code {FACTORY_ROOT}/docker-compose.yml}. Mirrors the docker half of
 * lib/forge-setup.sh ({@code _forgejo_exec} and the start-up of {@code setup_forge}).
 *
 * <p>Passwords reach docker as command-line arguments, because that is the only way the Forgejo
 * command line takes them; forge setup therefore uses this only for the admin account and sets
 * every other password through the admin API.
 */
public final class ForgeSetupDocker implements ForgeSetupAdminCli, ForgeSetupLauncher {
  /** The container name of bare mode. */
  public static final String CONTAINER = "disinto-forgejo";
  /** The image bare mode runs. */
  public static final String IMAGE = "codeberg.org/forgejo/forgejo:11.0";
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private final List<String> docker;
  private final boolean bare;
  private final Path factoryRoot;
  private final Path dataDir;
  private final Map<String, String> environment;

  private ForgeSetupDocker(List<String> docker, boolean bare, Path factoryRoot, Path dataDir,
      Map<String, String> environment) {
    this.docker = List.copyOf(docker);
    this.bare = bare;
    this.factoryRoot = Objects.requireNonNull(factoryRoot, "factoryRoot");
    this.dataDir = dataDir;
    this.environment = Map.copyOf(environment);
  }

  /**
   * Bare mode: the container {@code disinto-forgejo} with its data in a host folder.
   *
   * @param factoryRoot the factory root
   * @param dataDir {@code FORGEJO_DATA_DIR}, mounted at {@code /data}
   * @param docker the docker program (normally {@code docker})
   * @param environment the environment of the docker processes
   * @return the launcher and command line
   */
  public static ForgeSetupDocker bare(Path factoryRoot, Path dataDir, String docker,
      Map<String, String> environment) {
    return new ForgeSetupDocker(List.of(onPath(docker, environment)), true, factoryRoot,
        Objects.requireNonNull(dataDir, "dataDir"), environment);
  }

  /**
   * Compose mode: the service {@code forgejo} of the factory's compose file.
   *
   * @param factoryRoot the factory root, holding {@code docker-compose.yml}
   * @param docker the docker program (normally {@code docker})
   * @param environment the environment of the docker processes
   * @return the launcher and command line
   */
  public static ForgeSetupDocker compose(Path factoryRoot, String docker,
      Map<String, String> environment) {
    return new ForgeSetupDocker(List.of(onPath(docker, environment)), false, factoryRoot, null,
        environment);
  }

  /**
   * The program as the given environment's {@code PATH} finds it (a child process would otherwise
   * be looked up on this process's own {@code PATH}); unchanged when it holds a slash or is not
   * found.
   */
  static String onPath(String program, Map<String, String> environment) {
    if (program.contains("/")) {
      return program;
    }
    String path = environment.getOrDefault("PATH", "");
    for (String dir : path.split(":")) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, program);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return program;
  }

  @Override
  public void start(URI forgeUrl, int port) {
    if (bare) {
      try {
        Files.createDirectories(dataDir);
      } catch (IOException e) {
        throw new ForgeSetupException("cannot create FORGEJO_DATA_DIR " + dataDir);
      }
      ProcessResult ps = docker(List.of("ps", "-a", "--format", "{{.Names}}"));
      if (ps.stdout().lines().anyMatch(CONTAINER::equals)) {
        docker(List.of("start", CONTAINER)); // a failure shows in the readiness wait
        return;
      }
      String root = forgeUrl.toString().replaceAll("/+$", "");
      ProcessResult run = docker(List.of("run", "-d", "--name", CONTAINER,
          "--restart", "unless-stopped", "-p", port + ":3000", "-p", "2222:22",
          "-v", dataDir + ":/data",
          "-e", "FORGEJO__database__DB_TYPE=sqlite3",
          "-e", "FORGEJO__server__ROOT_URL=" + root + "/",
          "-e", "FORGEJO__server__HTTP_PORT=3000",
          "-e", "FORGEJO__service__DISABLE_REGISTRATION=true", IMAGE));
      if (!run.succeeded()) {
        throw new ForgeSetupException("docker run " + CONTAINER + " failed: "
            + firstLine(run.stderr()));
      }
    } else {
      ProcessResult up = docker(List.of("compose", "-f",
          factoryRoot.resolve("docker-compose.yml").toString(), "up", "-d", "forgejo"));
      if (!up.succeeded()) {
        throw new ForgeSetupException("docker compose up forgejo failed: "
            + firstLine(up.stderr()));
      }
    }
  }

  @Override
  public boolean listUsers() {
    return exec(List.of("forgejo", "admin", "user", "list")).succeeded();
  }

  @Override
  public SetupCliResult createUser(String user, SetupSecret password, String email,
      boolean admin) {
    List<String> args = new ArrayList<>(List.of("forgejo", "admin", "user", "create"));
    if (admin) {
      args.add("--admin");
    }
    args.addAll(List.of("--username", user, "--password", password.reveal(), "--email", email,
        "--must-change-password=false"));
    return result(exec(args), password);
  }

  @Override
  public SetupCliResult changePassword(String user, SetupSecret password) {
    return result(exec(List.of("forgejo", "admin", "user", "change-password", "--username", user,
        "--password", password.reveal(), "--must-change-password=false")), password);
  }

  /** Shows the mode, never a password. */
  @Override
  public String toString() {
    return "ForgeSetupDocker[" + (bare ? "bare " + CONTAINER : "compose forgejo") + "]";
  }

  private ProcessResult exec(List<String> forgejoArgs) {
    List<String> args = new ArrayList<>();
    if (bare) {
      args.addAll(List.of("exec", "-u", "git", CONTAINER));
    } else {
      args.addAll(List.of("compose", "-f", factoryRoot.resolve("docker-compose.yml").toString(),
          "exec", "-T", "-u", "git", "forgejo"));
    }
    args.addAll(forgejoArgs);
    return docker(args);
  }

  private ProcessResult docker(List<String> args) {
    List<String> command = new ArrayList<>(docker);
    command.addAll(args);
    ProcessResult r = ProcessRunner.command(command).environment(environment).directory(factoryRoot)
        .run(TIMEOUT);
    if (r.ending() == ProcessResult.Ending.NOT_STARTED) {
      throw new ForgeSetupException("docker not found — needed to provision Forgejo");
    }
    return r;
  }

  private static SetupCliResult result(ProcessResult r, SetupSecret password) {
    String out = (r.stdout() + r.stderr()).replace(password.reveal(), "<redacted>");
    return new SetupCliResult(r.exited() ? r.exitStatus() : 1, out);
  }

  private static String firstLine(String s) {
    return s.lines().findFirst().orElse("").trim();
  }
}
