package ai.disinto.examples.cli;

import ai.disinto.core.config.ProjectConfig;
import ai.disinto.core.config.ProjectConfigException;
import ai.disinto.core.config.ProjectConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code disinto project …}: the project TOML ({@code lib/load-project.sh}). */
@Command(
    name = "project",
    description = "Project TOML commands.",
    subcommands = {ProjectCommand.Env.class})
public final class ProjectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /**
   * {@code disinto project env FILE}: prints every variable that {@code source lib/load-project.sh
   * FILE} would export in this environment, as {@code KEY=value} lines sorted by key, each value
   * quoted for bash as {@link VarLines} does, so that {@code eval "$(disinto project env FILE)"}
   * sets exactly the values and runs nothing, and every variable is one line. A missing
   * FILE prints nothing and exits 0, as the original returns 0; an invalid TOML prints
   * {@code WARNING: failed to parse project TOML: <path> …} on standard error and exits 1.
   * Container mode ({@code DISINTO_CONTAINER=1}) keeps already non-empty variables, which are then
   * not printed since they are not exported. Warnings about skipped names go to the log on
   * standard error.
   */
  @Command(
      name = "env",
      description = "Print the variables load-project.sh would export for FILE, as KEY=value sorted by key.")
  public static final class Env extends CliCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "The project TOML.")
    String file;

    @Override
    public Integer call() {
      Path toml = ctx().workingDir().resolve(file);
      Optional<ProjectConfig> cfg;
      try {
        cfg = ProjectConfigLoader.loadIfExists(file.isEmpty() ? null : toml);
      } catch (ProjectConfigException e) {
        throw new CliException(1, "WARNING: " + e.getMessage(), e);
      }
      if (cfg.isEmpty()) {
        return 0;
      }
      Map<String, String> env = new HashMap<>(env());
      boolean container = "1".equals(env.get("DISINTO_CONTAINER"));
      String user = env.getOrDefault("USER", "");
      if (user.isEmpty()) {
        user = System.getProperty("user.name");
      }
      Map<String, String> exported =
          ProjectConfigLoader.apply(cfg.get(), env, container, user, new ArrayList<>());
      StringBuilder sb = new StringBuilder();
      new TreeMap<>(exported).forEach((k, v) -> sb.append(VarLines.line(k, v)).append('\n'));
      out().print(sb);
      out().flush();
      return 0;
    }
  }
}
