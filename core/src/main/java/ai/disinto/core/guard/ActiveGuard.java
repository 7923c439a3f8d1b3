package ai.disinto.core.guard;

import ai.disinto.core.DisintoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The "factory is off by default" switch: an agent may run only while its state file
 * {@code <factoryRoot>/state/.<agent>-active} exists as a regular file (content irrelevant).
 *
 * <p>Mirrors {@code check_active} in {@code lib/guard.sh} (#622, #663). Unlike the original, it
 * neither prints nor exits: {@link #check} returns the decision with the two messages the original
 * writes (the SKIP line for standard error and the log line), and the caller writes them and ends
 * as it sees fit. Agent names are validated (the original lets {@code ../x} escape
 * {@code state/}).
 */
public final class ActiveGuard {
  private static final Pattern AGENT_NAME = Pattern.compile("[a-z][a-z0-9-]*");

  /**
   * The decision of one check, with what the original says when the agent is disabled.
   *
   * @param agent the agent name
   * @param active whether the state file exists
   * @param stateFile the file checked
   */
  public record ActiveCheck(String agent, boolean active, Path stateFile) {
    /**
     * The line the original writes to standard error when the agent is disabled.
     *
     * @return {@code [check_active] SKIP: state file state/.<agent>-active not found — agent disabled}
     */
    public String skipMessage() {
      return "[check_active] SKIP: state file state/." + agent + "-active not found — agent disabled";
    }

    /**
     * The message the original logs when the agent is disabled.
     *
     * @return {@code <agent> not active — skipping}
     */
    public String logMessage() {
      return agent + " not active — skipping";
    }
  }

  private final Path factoryRoot;

  /**
   * Creates the guard.
   *
   * @param factoryRoot the factory checkout ({@code FACTORY_ROOT})
   */
  public ActiveGuard(Path factoryRoot) {
    this.factoryRoot = Objects.requireNonNull(factoryRoot, "factoryRoot");
  }

  /**
   * The state file of an agent.
   *
   * @param agent the agent name ({@code dev}, {@code reviewer}, {@code planner}, …)
   * @return {@code <factoryRoot>/state/.<agent>-active}
   * @throws IllegalArgumentException when the name is not {@code [a-z][a-z0-9-]*}
   */
  public Path stateFile(String agent) {
    if (agent == null || !AGENT_NAME.matcher(agent).matches()) {
      throw new IllegalArgumentException(
          "invalid agent name (expected lower-case letters, digits and '-'): " + agent);
    }
    return factoryRoot.resolve("state").resolve("." + agent + "-active");
  }

  /**
   * Checks like {@code check_active}, without printing anything: when the result is not
   * {@link ActiveCheck#active() active}, the caller writes {@link ActiveCheck#skipMessage()} to
   * standard error, logs {@link ActiveCheck#logMessage()} and skips the run.
   *
   * @param agent the agent name
   * @return the decision and its messages
   * @throws IllegalArgumentException when the name is invalid
   */
  public ActiveCheck check(String agent) {
    Path file = stateFile(agent);
    return new ActiveCheck(agent, Files.isRegularFile(file), file);
  }

  /**
   * Whether the agent's state file exists as a regular file (a directory or a dangling link does
   * not count).
   *
   * @param agent the agent name
   * @return true when the agent may run
   * @throws IllegalArgumentException when the name is invalid
   */
  public boolean isActive(String agent) {
    return check(agent).active();
  }

  /**
   * Creates the agent's (empty) state file, as {@code disinto agent enable} does.
   *
   * @param agent the agent name
   * @throws IllegalArgumentException when the name is invalid
   * @throws DisintoException when the file cannot be created
   */
  public void enable(String agent) {
    Path file = stateFile(agent);
    try {
      Files.createDirectories(file.getParent());
      if (!Files.isRegularFile(file)) {
        Files.createFile(file);
      }
    } catch (IOException e) {
      throw new DisintoException("cannot create the state file " + file, e);
    }
  }

  /**
   * Deletes the agent's state file, if any.
   *
   * @param agent the agent name
   * @throws IllegalArgumentException when the name is invalid
   * @throws DisintoException when the file cannot be deleted
   */
  public void disable(String agent) {
    Path file = stateFile(agent);
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new DisintoException("cannot delete the state file " + file, e);
    }
  }
}
