package ai.disinto.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The root {@code disinto} command. Each shell entry point of the original {@code lib/} is a
 * subcommand; see {@code shared/CLI.md} for the contract they keep.
 */
@Command(
    name = "disinto",
    mixinStandardHelpOptions = true,
    versionProvider = DisintoCommand.Version.class,
    description = "Drop-in commands for the functions and scripts of disinto's lib/.",
    subcommands = {
      // One line per subcommand class; keep them in the order of shared/CLI.md.
      ParseDepsCommand.class,
      SecretsCommand.class,
      ValidateUrlCommand.class,
      ProjectCommand.class,
      GuardCommand.class,
      MemoryGuardCommand.class,
      LockCommand.class,
      ai.disinto.examples.cli.generate.GenerateCommand.class,
      ai.disinto.examples.cli.forge.ForgeCommand.class,
      ai.disinto.examples.cli.ci.WoodpeckerCommand.class,
      ai.disinto.examples.cli.ci.CiDebugCommand.class,
      ai.disinto.examples.cli.ci.WpdbCommand.class,
      ai.disinto.examples.cli.issue.IssueCommand.class,
      ai.disinto.examples.cli.pr.PrCommand.class,
      ai.disinto.examples.cli.issue.TeaCommand.class,
      ai.disinto.examples.cli.setup.ProtectCommand.class,
      ai.disinto.examples.cli.setup.OpsCommand.class,
      ai.disinto.examples.cli.setup.HireCommand.class,
      ai.disinto.examples.cli.git.WorktreeCommand.class,
      ai.disinto.examples.cli.git.GitCredsCommand.class,
      ai.disinto.examples.cli.git.PushToForgeCommand.class,
      ai.disinto.examples.cli.git.MirrorsCommand.class,
      ai.disinto.examples.cli.ci.CiCommand.class,
      ai.disinto.examples.cli.ci.CiLogsCommand.class,
      ai.disinto.examples.cli.vault.VaultCommand.class,
      ai.disinto.examples.cli.vault.ReleaseCommand.class,
      ai.disinto.examples.cli.agent.AgentCommand.class,
      MockForgejoCommand.class,
      ai.disinto.examples.cli.ci.MockWoodpeckerCommand.class,
      ai.disinto.examples.cli.agent.MockModelCommand.class,
      ai.disinto.examples.cli.formula.FormulaCommand.class,
      ai.disinto.examples.cli.agent.HookCommand.class,
      ai.disinto.examples.cli.graph.BuildGraphCommand.class,
      DemoCommand.class,
    })
public final class DisintoCommand {
  private final CliContext context;
  private final CliLog log;

  /** Shows stack traces of failures on standard error. */
  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Print the stack trace of a failure.")
  boolean debug;

  /** Sends reads and only logs writes; {@link Main} turns it into {@code DISINTO_DRY_RUN=1}. */
  @Option(
      names = "--dry-run",
      scope = ScopeType.INHERIT,
      description = "Read from the forge and CI, but only log the writes (also DISINTO_DRY_RUN=1).")
  boolean dryRun;

  DisintoCommand(CliContext context, CliLog log) {
    this.context = context;
    this.log = log;
  }

  /** Where this invocation's log lines go (LOGFILE or standard error). */
  CliLog log() {
    return log;
  }

  /**
   * The context of this invocation.
   *
   * @return the streams, environment and working directory the command runs with
   */
  public CliContext context() {
    if (!dryRun) {
      return context;
    }
    // Every client the commands build from the environment reads the dry run from it.
    Map<String, String> env = new HashMap<>(context.env());
    env.put("DISINTO_DRY_RUN", "1");
    return new CliContext(context.in(), context.out(), context.err(), env, context.workingDir(),
        context.clock(), context.sleeper());
  }

  /**
   * Gives every command below the root its own {@code -h, --help}, which prints that command's
   * usage on standard output and exits 0 (the root has it from the standard help options).
   *
   * @param root the root command line
   */
  static void addHelpOptions(CommandLine root) {
    for (CommandLine sub : root.getSubcommands().values()) {
      CommandSpec spec = sub.getCommandSpec();
      if (spec.findOption("--help") == null && spec.findOption("-h") == null) {
        spec.addOption(OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .description("Show this help message and exit.")
            .build());
      }
      addHelpOptions(sub);
    }
  }

  /** Reads the version that Maven filtered into the jar. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties p = new Properties();
      try (InputStream in = DisintoCommand.class.getResourceAsStream("/disinto-version.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new String[] {"disinto-java " + p.getProperty("version", "unknown")};
    }
  }
}
