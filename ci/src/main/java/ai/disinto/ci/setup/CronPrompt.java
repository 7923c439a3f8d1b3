package ai.disinto.ci.setup;

import java.util.Optional;

/** Asks the person running init whether to install the cron entries. */
public interface CronPrompt {
  /**
   * Whether someone can answer (standard input is a terminal).
   *
   * @return true when {@link #ask} may be called
   */
  boolean interactive();

  /**
   * Shows the question and reads one line.
   *
   * @param question the question, e.g. {@code Install these cron entries? [y/N] }
   * @return the answer, or empty at end of input
   */
  Optional<String> ask(String question);

  /**
   * A prompt nobody answers (non-interactive runs).
   *
   * @return the prompt
   */
  static CronPrompt none() {
    return new CronPrompt() {
      @Override
      public boolean interactive() {
        return false;
      }

      @Override
      public Optional<String> ask(String question) {
        return Optional.empty();
      }
    };
  }
}
