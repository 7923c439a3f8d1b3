package ai.disinto.agent.hooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Installs hooks into a worktree's Claude Code project settings, {@code <workdir>/.claude/settings.json}:
 *
 * <pre>{@code
 * {"hooks": {"PreToolUse": [{"matcher": "Bash",
 *                            "hooks": [{"type": "command", "command": "/abs/bin/disinto hook on-pretooluse-guard main /wt dev-1"}]}],
 *            ...}}
 * }</pre>
 *
 * <p>Mirrors the registration of the session manager the original removed in #262
 * ({@code lib/agent-session.sh}): a hook whose command string is already registered for its event is
 * not added again. What the file held before (other keys, other hooks) is kept; a hook joins an
 * existing group with the same matcher. The file is replaced atomically; a file that is not a JSON
 * object is left untouched and reported.
 *
 * <p>Timing (seen with Claude Code 2.1.328 in {@code -p} mode): Claude Code does not wait for
 * StopFailure hooks before it exits, so a hook that needs more than a few hundred milliseconds (a
 * JVM start on a busy machine) may be killed before it writes the phase file; SessionEnd hooks are
 * waited for. A runner of {@code claude -p} should therefore also record an API error from the
 * result it parses ({@code is_error}) rather than rely on the StopFailure hook alone.
 */
public final class HookSettings {
  /** The matcher of the StopFailure hook: the API errors that end a turn. */
  public static final String API_ERRORS = "rate_limit|server_error|authentication_failed|billing_error";

  private HookSettings() {}

  /**
   * The six hooks of one agent session, each running {@code <hook command> <hook name> <args>}.
   *
   * @param hookCommand the command that runs a hook by name, such as
   *     {@code [/opt/disinto-java/bin/disinto, hook]}
   * @param files the session's phase file and markers
   * @param primaryBranch the project's primary branch, for the guard
   * @param worktree the session's worktree, for the guard
   * @param session the session name, for the guard and the nudges
   * @return the hooks, in the original's order: Stop, PostToolUse, StopFailure, PreToolUse,
   *     SessionEnd, SessionStart
   */
  public static List<HookSpec> standard(List<String> hookCommand, SessionFiles files,
      String primaryBranch, Path worktree, String session) {
    Objects.requireNonNull(files, "files");
    String phase = files.phaseFile().toString();
    return List.of(
        spec(hookCommand, "Stop", "", "on-idle-stop", files.idleMarker().toString(), phase, session),
        spec(hookCommand, "PostToolUse", "Bash|Write|Edit|MultiEdit", "on-phase-change", phase,
            files.phaseMarker().toString()),
        spec(hookCommand, "StopFailure", API_ERRORS, "on-stop-failure", phase,
            files.phaseMarker().toString()),
        spec(hookCommand, "PreToolUse", "Bash", "on-pretooluse-guard",
            primaryBranch.isEmpty() ? "main" : primaryBranch, worktree.toString(), session),
        spec(hookCommand, "SessionEnd", "", "on-session-end", files.exitMarker().toString()),
        spec(hookCommand, "SessionStart", "compact", "on-compact-reinject",
            files.contextFile().toString()));
  }

  private static HookSpec spec(List<String> hookCommand, String event, String matcher,
      String... args) {
    return new HookSpec(event, matcher,
        Stream.concat(hookCommand.stream(), Stream.of(args)).toList());
  }

  /**
   * Adds hooks to {@code <workdir>/.claude/settings.json}, creating the file (and folder) when
   * missing.
   *
   * @param workdir the worktree whose project settings are written
   * @param specs the hooks
   * @return the settings file
   * @throws IOException when the file cannot be read or written, or does not hold a JSON object
   *     (it is then left as it was)
   */
  public static Path install(Path workdir, List<HookSpec> specs) throws IOException {
    Path file = workdir.resolve(".claude").resolve("settings.json");
    String existing = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    String merged = merge(existing, specs, file);
    Files.createDirectories(file.getParent());
    HookFiles.write(file, merged);
    return file;
  }

  /**
   * The settings text with the hooks added.
   *
   * @param existing the current settings text; blank for none
   * @param specs the hooks
   * @return the new settings text (indented JSON and a newline)
   * @throws IOException when the existing text is not a JSON object, or its {@code hooks} are not
   *     in Claude Code's shape
   */
  public static String merge(String existing, List<HookSpec> specs) throws IOException {
    return merge(existing, specs, null);
  }

  @SuppressWarnings("unchecked")
  private static String merge(String existing, List<HookSpec> specs, Path file) throws IOException {
    String where = file == null ? "settings" : file.toString();
    Map<String, Object> root;
    if (existing.isBlank()) {
      root = new LinkedHashMap<>();
    } else {
      Object parsed;
      try {
        parsed = Json.parse(existing);
      } catch (IOException | RuntimeException e) {
        throw new IOException(where + " is not valid JSON: " + e.getMessage(), e);
      }
      if (!(parsed instanceof Map)) {
        throw new IOException(where + " does not hold a JSON object");
      }
      root = (Map<String, Object>) parsed;
    }
    Object hooksValue = root.computeIfAbsent("hooks", k -> new LinkedHashMap<String, Object>());
    if (!(hooksValue instanceof Map)) {
      throw new IOException(where + ": \"hooks\" is not an object");
    }
    Map<String, Object> hooks = (Map<String, Object>) hooksValue;
    for (HookSpec spec : specs) {
      Object groupsValue = hooks.computeIfAbsent(spec.event(), k -> new ArrayList<Object>());
      if (!(groupsValue instanceof List)) {
        throw new IOException(where + ": hooks." + spec.event() + " is not an array");
      }
      List<Object> groups = (List<Object>) groupsValue;
      String line = spec.commandLine();
      if (registered(groups, line)) {
        continue;
      }
      Map<String, Object> hook = new LinkedHashMap<>();
      hook.put("type", "command");
      hook.put("command", line);
      Map<String, Object> group = null;
      for (Object g : groups) {
        if (g instanceof Map<?, ?> m && spec.matcher().equals(m.get("matcher") == null ? "" : m.get("matcher"))
            && m.get("hooks") instanceof List) {
          group = (Map<String, Object>) m;
          break;
        }
      }
      if (group == null) {
        group = new LinkedHashMap<>();
        group.put("matcher", spec.matcher());
        group.put("hooks", new ArrayList<Object>());
        groups.add(group);
      }
      ((List<Object>) group.get("hooks")).add(hook);
    }
    return Json.write(root) + "\n";
  }

  private static boolean registered(List<Object> groups, String line) {
    for (Object g : groups) {
      if (g instanceof Map<?, ?> m && m.get("hooks") instanceof List<?> list) {
        for (Object h : list) {
          if (h instanceof Map<?, ?> hm && line.equals(hm.get("command"))) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
