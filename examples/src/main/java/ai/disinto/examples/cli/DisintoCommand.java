package ai.disinto.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
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
    footer = {
      "",
      "Run 'disinto COMMAND --help' for the arguments and subcommands of a command.",
      "Configuration: the environment, FACTORY_ROOT/.env and PROJECT_TOML, as the shell reads them.",
      "Output: data on stdout; log lines on stderr, or appended to LOGFILE when it is set.",
      "Exit codes: the original's return codes; 64 wrong usage; 1 other failures, one line",
      "  on stderr (--debug adds the stack trace).",
      "Every command, its original and its exit codes: docs/cli.md.",
    })
public final class DisintoCommand {
  /**
   * The top-level commands, in the order {@code disinto --help} lists them (that of {@code
   * shared/CLI.md}): one line per command, its name and its class. Only the invoked command's
   * class is handed to picocli (see {@link #register}), so a call pays for the model of one
   * command, not of the whole tree; {@code --help}, no command and an unknown word register all.
   */
  static final List<Subcommand> SUBCOMMANDS = List.of(
      sub("parse-deps", ParseDepsCommand.class),
      sub("secrets", SecretsCommand.class),
      sub("validate-url", ValidateUrlCommand.class),
      sub("project", ProjectCommand.class),
      sub("guard", GuardCommand.class),
      sub("memory-guard", MemoryGuardCommand.class),
      sub("lock", LockCommand.class),
      sub("generate", ai.disinto.examples.cli.generate.GenerateCommand.class),
      sub("forge", ai.disinto.examples.cli.forge.ForgeCommand.class),
      sub("woodpecker", ai.disinto.examples.cli.ci.WoodpeckerCommand.class),
      sub("ci-debug", ai.disinto.examples.cli.ci.CiDebugCommand.class),
      sub("wpdb", ai.disinto.examples.cli.ci.WpdbCommand.class),
      sub("issue", ai.disinto.examples.cli.issue.IssueCommand.class),
      sub("pr", ai.disinto.examples.cli.pr.PrCommand.class),
      sub("tea", ai.disinto.examples.cli.issue.TeaCommand.class),
      sub("protect", ai.disinto.examples.cli.setup.ProtectCommand.class),
      sub("ops", ai.disinto.examples.cli.setup.OpsCommand.class),
      sub("hire", ai.disinto.examples.cli.setup.HireCommand.class),
      sub("worktree", ai.disinto.examples.cli.git.WorktreeCommand.class),
      sub("git-creds", ai.disinto.examples.cli.git.GitCredsCommand.class),
      sub("push-to-forge", ai.disinto.examples.cli.git.PushToForgeCommand.class),
      sub("mirrors", ai.disinto.examples.cli.git.MirrorsCommand.class),
      sub("ci", ai.disinto.examples.cli.ci.CiCommand.class),
      sub("ci-logs", ai.disinto.examples.cli.ci.CiLogsCommand.class),
      sub("vault", ai.disinto.examples.cli.vault.VaultCommand.class),
      sub("release", ai.disinto.examples.cli.vault.ReleaseCommand.class),
      sub("agent", ai.disinto.examples.cli.agent.AgentCommand.class),
      sub("mock-forgejo", MockForgejoCommand.class),
      sub("mock-woodpecker", ai.disinto.examples.cli.ci.MockWoodpeckerCommand.class),
      sub("mock-model", ai.disinto.examples.cli.agent.MockModelCommand.class),
      sub("formula", ai.disinto.examples.cli.formula.FormulaCommand.class),
      sub("hook", ai.disinto.examples.cli.agent.HookCommand.class),
      sub("build-graph", ai.disinto.examples.cli.graph.BuildGraphCommand.class),
      sub("demo", DemoCommand.class),
      sub("batch", ai.disinto.examples.cli.batch.BatchCommand.class)
  );

  /** A top-level command: the word that invokes it and its picocli class. */
  record Subcommand(String name, Class<?> type) {}

  private static Subcommand sub(String name, Class<?> type) {
    return new Subcommand(name, type);
  }

  private final CliContext context;
  private final CliLog log;
  private final ProgressLine progress;

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
   * Registers on the root command line the top-level command that {@code args} invoke, or every
   * command when they invoke none: no command word, an unknown one, or an option other than
   * {@code --debug} before it (such as {@code --help}, whose listing needs every command); none
   * for a lone {@code --version}. The
   * command word is the first argument that does not start with {@code -}; the root has no option
   * that takes a value.
   *
   * @param root the root command line, without subcommands
   * @param args the arguments after {@code disinto}
   */
  static void register(CommandLine root, String... args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      return; // the version needs no command
    }
    for (String a : args) {
      if (a.startsWith("-")) {
        if (a.equals("--debug") || a.equals("--dry-run")) {
          continue;
        }
        break;
      }
      for (Subcommand s : SUBCOMMANDS) {
        if (s.name().equals(a)) {
          add(root, s);
          return;
        }
      }
      break;
    }
    registerAll(root);
  }

  /**
   * Registers every top-level command, in the order of {@link #SUBCOMMANDS}.
   *
   * @param root the root command line, without subcommands
   */
  static void registerAll(CommandLine root) {
    for (Subcommand s : SUBCOMMANDS) {
      add(root, s);
    }
  }

  private static void add(CommandLine root, Subcommand s) {
    root.addSubcommand(s.name(), s.type());
    reapplyTransformers(root.getSubcommands().get(s.name()));
  }

  /**
   * {@code addSubcommand} gives the added tree the parser settings of its parent, which undoes
   * what a command's model transformer set (such as {@code unmatchedOptionsArePositionalParams}
   * of the commands that parse their arguments the original's way); they are applied again.
   */
  private static void reapplyTransformers(CommandLine cl) {
    Object user = cl.getCommandSpec().userObject();
    Class<?> type = user instanceof Class<?> c ? c : user.getClass();
    Command command = type.getAnnotation(Command.class);
    if (command != null
        && !command.modelTransformer().getSimpleName().equals("NoOpModelTransformer")) {
      try {
        CommandLine.defaultFactory().create(command.modelTransformer())
            .transform(cl.getCommandSpec());
      } catch (Exception e) {
        throw new IllegalStateException("cannot apply the model transformer of " + type, e);
      }
    }
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (sub.getParent() == cl) {
        reapplyTransformers(sub);
      }
    }
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
