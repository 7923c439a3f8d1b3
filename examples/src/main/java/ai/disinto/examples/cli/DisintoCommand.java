package ai.disinto.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
    footer = {
      "",
      "Run 'disinto COMMAND --help' for the arguments and subcommands of a command.",
      "Configuration: the environment, FACTORY_ROOT/.env and PROJECT_TOML, as the shell reads them.",
      "Output: data on stdout; log lines on stderr, or appended to LOGFILE when it is set.",
      "Exit codes: the original's return codes; 64 wrong usage; 1 other failures, one line",
      "  on stderr (--debug adds the stack trace).",
      "Every command, its original and its exit codes: docs/cli.md.",
    },
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
  private final ProgressLine progress;

  /** Shows stack traces of failures on standard error. */
  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Print the stack trace of a failure.")
  boolean debug;

  DisintoCommand(CliContext context, CliLog log) {
    this(context, log, new ProgressLine(context.err(), false, context.clock()));
  }

  DisintoCommand(CliContext context, CliLog log, ProgressLine progress) {
    this.context = context;
    this.log = log;
    this.progress = progress;
  }

  /** The status line of this invocation's long waits (drawn only on a terminal). */
  ProgressLine progress() {
    return progress;
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
    return context;
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
