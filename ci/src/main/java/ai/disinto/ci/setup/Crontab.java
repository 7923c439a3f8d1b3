package ai.disinto.ci.setup;

import ai.disinto.core.process.ProcessResult;
import ai.disinto.core.process.ProcessRunner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The user's crontab, as {@code crontab -l} reads it and {@code crontab -} replaces it. */
public interface Crontab {
  /**
   * Whether a crontab program is there at all.
   *
   * @return false when {@code crontab} cannot be run
   */
  boolean available();

  /**
   * The current crontab.
   *
   * @return its text, or empty when there is none or it cannot be read
   */
  Optional<String> read();

  /**
   * Replaces the crontab.
   *
   * @param text the new crontab
   * @return whether it was installed
   */
  boolean write(String text);

  /**
   * The system's {@code crontab} program.
   *
   * @param environment the environment it runs with (its {@code PATH} finds the program)
   * @return the crontab
   */
  static Crontab system(Map<String, String> environment) {
    Map<String, String> env = Map.copyOf(environment);
    return new Crontab() {
      private ProcessResult run(List<String> args, String stdin) {
        ProcessRunner r = ProcessRunner.command(args).environment(env);
        if (stdin != null) {
          r = r.stdin(stdin);
        }
        return r.run(Duration.ofSeconds(30));
      }

      @Override
      public boolean available() {
        return run(List.of("crontab", "-l"), null).ending() != ProcessResult.Ending.NOT_STARTED;
      }

      @Override
      public Optional<String> read() {
        ProcessResult r = run(List.of("crontab", "-l"), null);
        return r.succeeded() ? Optional.of(r.stdout()) : Optional.empty();
      }

      @Override
      public boolean write(String text) {
        return run(List.of("crontab", "-"), text).succeeded();
      }
    };
  }
}
