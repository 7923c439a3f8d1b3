package ai.disinto.git;

import ai.disinto.core.process.ProcessResult;
import ai.disinto.core.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one place of the git module that runs the {@code git} command, for what JGit cannot do
 * (linked worktrees, submodules, SSH mirrors).
 *
 * <p>Each call is an argument array, never a shell string, run through {@link ProcessRunner} with
 * an explicit timeout and this instance's environment. Git never prompts: {@code
 * GIT_TERMINAL_PROMPT=0} is always set, so a missing credential is a failure instead of a hang. No
 * credential is ever passed on a command line or in the environment by this class; messages
 * name only the program.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class GitCli {
  /** The timeout of local commands (worktree add, remove, prune, config). */
  public static final Duration LOCAL_TIMEOUT = Duration.ofMinutes(2);
  /** The timeout of commands that talk to a remote (fetch, pull, push, submodule update). */
  public static final Duration NETWORK_TIMEOUT = Duration.ofMinutes(10);

  private final String program;
  private final Map<String, String> environment;

  private GitCli(String program, Map<String, String> environment) {
    this.program = program;
    this.environment = environment;
  }

  /**
   * A git CLI that runs {@code git} from {@code PATH} with the given environment, plus {@code
   * GIT_TERMINAL_PROMPT=0}.
   *
   * @param environment the whole environment of every git child (for example the process
   *     environment of the CLI); a missing {@code PATH} gets {@code /usr/local/bin:/usr/bin:/bin}
   * @return the git CLI
   */
  public static GitCli withEnvironment(Map<String, String> environment) {
    Map<String, String> env = new HashMap<>(environment);
    env.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.put("GIT_TERMINAL_PROMPT", "0");
    return new GitCli("git", Map.copyOf(env));
  }

  /**
   * The same git CLI with more environment variables (they replace variables of the same name).
   *
   * @param extra the variables to add
   * @return a changed copy
   */
  public GitCli plusEnvironment(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(environment);
    env.putAll(extra);
    return new GitCli(program, Map.copyOf(env));
  }

  /**
   * The value an environment variable of the git children has.
   *
   * @param name the variable
   * @return its value, or {@code null} when unset
   */
  public String environmentValue(String name) {
    return environment.get(name);
  }

  /**
   * Runs {@code git -C <dir> <args…>} with standard error kept apart.
   *
   * @param dir the directory git runs in (passed as {@code -C})
   * @param timeout how long git may run
   * @param args git's arguments, such as {@code "worktree", "prune"}
   * @return how git ended and what it wrote
   */
  public ProcessResult run(Path dir, Duration timeout, String... args) {
    return runner(dir, args).run(timeout);
  }

  /**
   * Runs {@code git -C <dir> <args…>} with standard error merged into standard output, in the
   * order written, as the original's {@code 2>&1} shows it.
   *
   * @param dir the directory git runs in
   * @param timeout how long git may run
   * @param args git's arguments
   * @return how git ended; {@link ProcessResult#stdout()} holds both streams
   */
  public ProcessResult runMerged(Path dir, Duration timeout, String... args) {
    return runner(dir, args).mergeStderr().run(timeout);
  }

  private ProcessRunner runner(Path dir, String... args) {
    Objects.requireNonNull(dir, "dir");
    List<String> command = new ArrayList<>(args.length + 3);
    command.add(program);
    command.add("-C");
    command.add(dir.toString());
    command.addAll(List.of(args));
    return ProcessRunner.command(command).directory(dir.toFile().isDirectory() ? dir : Path.of("/"))
        .environment(environment);
  }

  /**
   * The text of a result for a message: what git wrote, trimmed, or how it ended when it wrote
   * nothing.
   *
   * @param result a result of this class
   * @return one block of text
   */
  public static String describe(ProcessResult result) {
    String text = (result.stdout() + result.stderr()).strip();
    if (!text.isEmpty()) {
      return text;
    }
    return result.exited() ? "git exited with status " + result.exitStatus()
        : "git " + result.ending().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  @Override
  public String toString() {
    return "GitCli[" + program + "]";
  }
}
