package ai.disinto.agent.hooks;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One hook registration of Claude Code's settings: the event, the matcher and the command.
 *
 * @param event the hook event, such as {@code PreToolUse} or {@code SessionEnd}
 * @param matcher the matcher (a tool name pattern, an error type, a SessionStart source); "" for
 *     every occurrence
 * @param command the program and its arguments, quoted for the shell by {@link #commandLine()}
 */
public record HookSpec(String event, String matcher, List<String> command) {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  /** Checks the parts and freezes the command. */
  public HookSpec {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(matcher, "matcher");
    command = List.copyOf(command);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("a hook command must name a program");
    }
  }

  /**
   * The command as Claude Code runs it (through a shell): the words joined by spaces, each one that
   * is not plain quoted with single quotes, an empty one as {@code ''}.
   *
   * @return the command line
   */
  public String commandLine() {
    return command.stream().map(HookSpec::quote).collect(Collectors.joining(" "));
  }

  static String quote(String word) {
    if (PLAIN.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
