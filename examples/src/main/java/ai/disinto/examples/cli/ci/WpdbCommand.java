package ai.disinto.examples.cli.ci;

import ai.disinto.ci.db.DbSettings;
import ai.disinto.ci.db.Psql;
import ai.disinto.core.config.FactoryEnv;
import ai.disinto.core.process.ProcessResult;
import ai.disinto.examples.cli.CliCommand;
import ai.disinto.examples.cli.CliException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto wpdb [psql args…]}: runs {@code psql -U <user> -h <host> -d <database> -t <args…>}
 * against the Woodpecker database, as {@code wpdb} in lib/env.sh does, with {@code
 * WOODPECKER_DB_USER}, {@code WOODPECKER_DB_HOST}, {@code WOODPECKER_DB_NAME} (defaults {@code
 * woodpecker}, {@code 127.0.0.1}, {@code woodpecker}) and {@code WOODPECKER_DB_PASSWORD} handed to
 * psql as {@code PGPASSWORD} in its environment, never on its command line. psql's standard output
 * and exit code pass through; its standard error is dropped, as the original drops it. Unlike the
 * original, connecting is bounded ({@code PGCONNECT_TIMEOUT}, 10 s unless set) and psql gets at
 * most 10 minutes (then exit 124). Without psql it exits 127 and says so.
 */
@Command(
    name = "wpdb",
    description = "Run psql against the Woodpecker database (lib/env.sh's wpdb); args go to psql.",
    modelTransformer = WpdbCommand.PsqlArguments.class)
public final class WpdbCommand extends CliCommand {
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  @Parameters(arity = "0..*", paramLabel = "PSQL_ARGS",
      description = "Arguments for psql, such as -A -c SQL.")
  List<String> psqlArgs = new ArrayList<>();

  /** Lets psql's options ({@code -A}, {@code -c}, ...) through as arguments, in order. */
  public static final class PsqlArguments implements IModelTransformer {
    /** Creates the transformer; picocli calls it. */
    public PsqlArguments() {}

    @Override
    public CommandSpec transform(CommandSpec spec) {
      spec.parser().unmatchedOptionsArePositionalParams(true);
      return spec;
    }
  }

  /** Creates the command; picocli calls it. */
  public WpdbCommand() {}

  @Override
  public Integer call() {
    FactoryEnv env = factoryEnv();
    DbSettings settings;
    try {
      settings = DbSettings.fromEnv(env);
    } catch (IllegalArgumentException e) {
      throw new CliException(1, "disinto: wpdb: " + e.getMessage(), e);
    }
    ProcessResult r = new Psql(settings).run(psqlArgs, env.childProcessEnv(), TIMEOUT);
    out().print(r.stdout());
    out().flush();
    return switch (r.ending()) {
      case EXITED -> r.exitStatus();
      case TIMED_OUT -> throw new CliException(124, "disinto: wpdb: psql timed out after "
          + TIMEOUT.toMinutes() + " minutes");
      case INTERRUPTED -> throw new CliException(130, "disinto: wpdb: interrupted");
      case NOT_STARTED -> throw new CliException(127, "disinto: wpdb: psql not found");
    };
  }
}
