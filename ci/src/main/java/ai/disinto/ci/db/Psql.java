package ai.disinto.ci.db;

import ai.disinto.core.process.ProcessResult;
import ai.disinto.core.process.ProcessRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code psql} client run against the Woodpecker database as {@code wpdb} in lib/env.sh runs
 * it: {@code psql -U <user> -h <host> -d <database> -t <args…>}, the password handed over in the
 * child's {@code PGPASSWORD} (never on its command line). The port is the child's {@code PGPORT},
 * as in the original, which passes none; a non-default {@link DbSettings#port()} is set there too.
 * Unlike the original, connecting is bounded ({@code PGCONNECT_TIMEOUT}, 10 s unless the
 * environment sets it) and so is the whole run.
 */
public final class Psql {
  /** How long connecting may take when the environment does not say. */
  static final String DEFAULT_CONNECT_TIMEOUT_SECONDS = "10";

  private final DbSettings settings;
  private final String program;

  /**
   * A runner of the {@code psql} found on the {@code PATH}.
   *
   * @param settings where the database is
   */
  public Psql(DbSettings settings) {
    this(settings, "psql");
  }

  /**
   * A runner of a given {@code psql} program.
   *
   * @param settings where the database is
   * @param program the program, a name looked up on the {@code PATH} or a path
   */
  public Psql(DbSettings settings, String program) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.program = Objects.requireNonNull(program, "program");
  }

  /**
   * The command line wpdb runs, without the password.
   *
   * @param args the caller's psql arguments, such as {@code -A -c "SELECT 1"}
   * @return {@code psql -U <user> -h <host> -d <database> -t <args…>}
   */
  public List<String> commandLine(List<String> args) {
    List<String> argv = new ArrayList<>(List.of(program, "-U", settings.user(), "-h",
        settings.host(), "-d", settings.database(), "-t"));
    argv.addAll(args);
    return List.copyOf(argv);
  }

  /**
   * The child's environment: the given one with {@code PGPASSWORD} set to the password (empty
   * when there is none, as the original), {@code PGPORT} when the port is not 5432, and {@code
   * PGCONNECT_TIMEOUT} unless already set.
   *
   * @param base the environment to start from, such as the caller's
   * @return a new map
   */
  public Map<String, String> environment(Map<String, String> base) {
    Map<String, String> env = new LinkedHashMap<>(base);
    env.put("PGPASSWORD", settings.password());
    if (settings.port() != DbSettings.DEFAULT_PORT) {
      env.put("PGPORT", Integer.toString(settings.port()));
    }
    env.putIfAbsent("PGCONNECT_TIMEOUT", DEFAULT_CONNECT_TIMEOUT_SECONDS);
    return env;
  }

  /**
   * Runs psql and waits for it. Its standard output is the result's; its standard error is
   * captured apart (the original discards it).
   *
   * @param args the caller's psql arguments
   * @param base the environment to start from
   * @param timeout how long psql may run
   * @return how psql ended ({@link ProcessResult.Ending#NOT_STARTED} when there is no psql)
   */
  public ProcessResult run(List<String> args, Map<String, String> base, Duration timeout) {
    return ProcessRunner.command(commandLine(args)).environment(environment(base)).run(timeout);
  }

  @Override
  public String toString() {
    return "Psql[" + program + ", " + settings + "]";
  }
}
