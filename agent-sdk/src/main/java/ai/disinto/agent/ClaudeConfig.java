package ai.disinto.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link ClaudeCodeRunner} runs Claude Code: the binary, the child's environment, the session
 * lock, the watchdog's and the hard timeout's durations, the model and the turn limits, and what
 * the nudge rule compares against. Build it with {@link #fromEnv(Map)} and adjust it with the
 * {@code with}-style methods, which return changed copies.
 *
 * @param claudeBinary the program: a path, or a name looked up on the environment's {@code PATH}
 * @param environment the child's whole environment (tokens included, as the original passes them)
 * @param lockFile the session lock, {@code ${HOME}/.claude/session.lock}
 * @param lockWait how long to wait for the session lock (600 s)
 * @param hardTimeout the ceiling of one Claude run ({@code CLAUDE_TIMEOUT}, 7200 s)
 * @param idleGrace how long Claude may linger after printing its result ({@code
 *     CLAUDE_IDLE_GRACE}, 30 s)
 * @param pollInterval how often the watchdog looks for the result (2 s)
 * @param termGrace how long a SIGTERM'd Claude gets before SIGKILL (5 s)
 * @param model the {@code --model} value, empty for none ({@code CLAUDE_MODEL})
 * @param maxTurns {@code --max-turns} of the main call (200)
 * @param nudgeMaxTurns {@code --max-turns} of the nudge call (50)
 * @param forgeRemote the remote of the nudge check ({@code FORGE_REMOTE}, {@code origin})
 * @param primaryBranch the branch of the nudge check ({@code PRIMARY_BRANCH}, {@code main})
 * @param diagFile where the last output is kept for diagnostics ({@code
 *     ${DISINTO_LOG_DIR:-/tmp}/<agent>/agent-run-last.json})
 */
public record ClaudeConfig(String claudeBinary, Map<String, String> environment, Path lockFile,
    Duration lockWait, Duration hardTimeout, Duration idleGrace, Duration pollInterval,
    Duration termGrace, String model, int maxTurns, int nudgeMaxTurns, String forgeRemote,
    String primaryBranch, Path diagFile) {

  /**
   * Checks and copies the values.
   *
   * @throws IllegalArgumentException when a duration is not positive or a turn limit below 1
   */
  public ClaudeConfig {
    Objects.requireNonNull(claudeBinary, "claudeBinary");
    environment = Map.copyOf(environment);
    Objects.requireNonNull(lockFile, "lockFile");
    for (Duration d : new Duration[] {lockWait, hardTimeout, idleGrace, pollInterval, termGrace}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("durations must be positive: " + d);
      }
    }
    model = Objects.requireNonNullElse(model, "");
    if (maxTurns < 1 || nudgeMaxTurns < 1) {
      throw new IllegalArgumentException("turn limits must be at least 1");
    }
    Objects.requireNonNull(forgeRemote, "forgeRemote");
    Objects.requireNonNull(primaryBranch, "primaryBranch");
    Objects.requireNonNull(diagFile, "diagFile");
  }

  /**
   * The configuration the original reads from its environment: {@code HOME} (lock),
   * {@code CLAUDE_TIMEOUT}, {@code CLAUDE_IDLE_GRACE}, {@code CLAUDE_MODEL}, {@code FORGE_REMOTE},
   * {@code PRIMARY_BRANCH}, {@code DISINTO_LOG_DIR} and {@code LOG_AGENT} (the diag file's folder,
   * {@code dev} by default); the binary is {@code claude} on {@code PATH}; the whole map is the
   * child's environment.
   *
   * @param env the environment
   * @return the configuration
   * @throws IllegalArgumentException when a number is malformed
   */
  public static ClaudeConfig fromEnv(Map<String, String> env) {
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    String logDir = nonEmpty(env.get("DISINTO_LOG_DIR"), "/tmp");
    String agent = nonEmpty(env.get("LOG_AGENT"), "dev");
    return new ClaudeConfig("claude", env, Path.of(home, ".claude", "session.lock"),
        Duration.ofSeconds(600), seconds(env, "CLAUDE_TIMEOUT", 7200),
        seconds(env, "CLAUDE_IDLE_GRACE", 30), Duration.ofSeconds(2), Duration.ofSeconds(5),
        env.getOrDefault("CLAUDE_MODEL", ""), 200, 50, nonEmpty(env.get("FORGE_REMOTE"), "origin"),
        nonEmpty(env.get("PRIMARY_BRANCH"), "main"),
        Path.of(logDir, agent, "agent-run-last.json"));
  }

  private static String nonEmpty(String v, String dflt) {
    return v == null || v.isEmpty() ? dflt : v;
  }

  private static Duration seconds(Map<String, String> env, String name, long dflt) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return Duration.ofSeconds(dflt);
    }
    try {
      long n = Long.parseLong(v.strip());
      if (n <= 0) {
        throw new IllegalArgumentException(name + " must be a positive number of seconds: " + v);
      }
      return Duration.ofSeconds(n);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is not a number of seconds: " + v);
    }
  }

  /**
   * The same configuration with another binary.
   *
   * @param binary a path or a name on {@code PATH}
   * @return a changed copy
   */
  public ClaudeConfig withClaudeBinary(String binary) {
    return new ClaudeConfig(binary, environment, lockFile, lockWait, hardTimeout, idleGrace,
        pollInterval, termGrace, model, maxTurns, nudgeMaxTurns, forgeRemote, primaryBranch,
        diagFile);
  }

  /**
   * The same configuration with another lock wait.
   *
   * @param wait how long to wait for the session lock
   * @return a changed copy
   */
  public ClaudeConfig withLockWait(Duration wait) {
    return new ClaudeConfig(claudeBinary, environment, lockFile, wait, hardTimeout, idleGrace,
        pollInterval, termGrace, model, maxTurns, nudgeMaxTurns, forgeRemote, primaryBranch,
        diagFile);
  }

  /**
   * The same configuration with other watchdog durations.
   *
   * @param hardTimeout the ceiling of one run
   * @param idleGrace the grace after the result
   * @param pollInterval how often to look for the result
   * @param termGrace the wait between SIGTERM and SIGKILL
   * @return a changed copy
   */
  public ClaudeConfig withTimings(Duration hardTimeout, Duration idleGrace, Duration pollInterval,
      Duration termGrace) {
    return new ClaudeConfig(claudeBinary, environment, lockFile, lockWait, hardTimeout, idleGrace,
        pollInterval, termGrace, model, maxTurns, nudgeMaxTurns, forgeRemote, primaryBranch,
        diagFile);
  }

  /**
   * The same configuration with another model.
   *
   * @param model the {@code --model} value, empty for none
   * @return a changed copy
   */
  public ClaudeConfig withModel(String model) {
    return new ClaudeConfig(claudeBinary, environment, lockFile, lockWait, hardTimeout, idleGrace,
        pollInterval, termGrace, model, maxTurns, nudgeMaxTurns, forgeRemote, primaryBranch,
        diagFile);
  }

  /**
   * The same configuration with another diag file.
   *
   * @param file where the last output is kept
   * @return a changed copy
   */
  public ClaudeConfig withDiagFile(Path file) {
    return new ClaudeConfig(claudeBinary, environment, lockFile, lockWait, hardTimeout, idleGrace,
        pollInterval, termGrace, model, maxTurns, nudgeMaxTurns, forgeRemote, primaryBranch,
        file);
  }

  /** Leaves the environment out: it holds tokens. */
  @Override
  public String toString() {
    return "ClaudeConfig[" + claudeBinary + ", lock " + lockFile + ", timeout "
        + hardTimeout.toSeconds() + " s, model " + (model.isEmpty() ? "(default)" : model) + "]";
  }
}
