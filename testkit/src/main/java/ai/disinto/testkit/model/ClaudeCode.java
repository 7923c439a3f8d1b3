package ai.disinto.testkit.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real Claude Code CLI for tests and gives the environment that runs it offline against
 * a {@link ScriptedModel}.
 *
 * <p>{@code .ci/run} installs the pinned version with {@code npm install --prefix
 * .tools/claude-code @anthropic-ai/claude-code@}{@value #VERSION}; {@link #locate()} looks, in this
 * order, at the system property {@value #PROPERTY}, the environment variable {@value #ENV}, and
 * {@code .tools/claude-code/node_modules/.bin/claude} in the working directory and its parents (a
 * module's tests run in the module folder, below the repository root).
 */
public final class ClaudeCode {
  /** The pinned Claude Code version. */
  public static final String VERSION = "2.1.328";
  /** The system property naming the executable. */
  public static final String PROPERTY = "disinto.claude";
  /** The environment variable naming the executable. */
  public static final String ENV = "DISINTO_CLAUDE";
  private static final Path RELATIVE = Path.of(".tools", "claude-code", "node_modules", ".bin",
      "claude");

  private ClaudeCode() {}

  /**
   * Finds the executable.
   *
   * @return its path, empty when it is not installed
   */
  public static Optional<Path> locate() {
    for (String named : new String[] {System.getProperty(PROPERTY), System.getenv(ENV)}) {
      if (named != null && !named.isBlank()) {
        Path p = Path.of(named);
        return Files.isExecutable(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
      }
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path p = d.resolve(RELATIVE);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * Finds the executable for a test that needs it: without it the test is skipped with a message
   * saying how to install it, except under CI ({@code CI=true}), where it fails.
   *
   * @return the executable's path
   * @throws AssertionError under CI when Claude Code is missing
   */
  public static Path require() {
    Optional<Path> p = locate();
    if (p.isPresent()) {
      return p.get();
    }
    String how = "Claude Code " + VERSION + " is not installed: run `npm install --prefix "
        + ".tools/claude-code @anthropic-ai/claude-code@" + VERSION + "` at the repository root "
        + "(what .ci/run does) or set -D" + PROPERTY + "=PATH";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(how);
    }
    Assumptions.abort(how);
    throw new AssertionError(how);
  }

  /**
   * The environment that runs Claude Code offline against a model: {@code ANTHROPIC_BASE_URL}, a
   * dummy {@code ANTHROPIC_API_KEY}, {@code HOME}, {@code IS_SANDBOX=1} (so that root may use
   * {@code --dangerously-skip-permissions}), no retries of API errors, no telemetry, no
   * auto-update, no non-essential traffic, and this JVM's {@code PATH}.
   *
   * @param baseUrl the model's base URL ({@link ScriptedModel#baseUrl()})
   * @param home the home folder of the run (Claude Code keeps its sessions under {@code
   *     HOME/.claude})
   * @return a mutable map, for the caller to add to
   */
  public static Map<String, String> offlineEnv(String baseUrl, Path home) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin"));
    env.put("HOME", home.toString());
    env.put("ANTHROPIC_BASE_URL", baseUrl);
    env.put("ANTHROPIC_API_KEY", "dummy");
    env.put("IS_SANDBOX", "1");
    env.put("CLAUDE_CODE_MAX_RETRIES", "0");
    env.put("DISABLE_TELEMETRY", "1");
    env.put("DISABLE_ERROR_REPORTING", "1");
    env.put("DISABLE_AUTOUPDATER", "1");
    env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
    env.put("LANG", "C.UTF-8");
    return env;
  }
}
