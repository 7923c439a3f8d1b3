package ai.disinto.git.worktree;

import ai.disinto.core.process.ProcessResult;
import ai.disinto.core.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The directories in which an agent session is working right now; the stale sweep never removes
 * a worktree that holds one of them.
 */
@FunctionalInterface
public interface ActiveSessions {

  /**
   * The working directories of the running sessions.
   *
   * @return absolute paths; empty when none or unknown
   */
  List<Path> activePaths();

  /**
   * No session is known to be active.
   *
   * @return the empty provider
   */
  static ActiveSessions none() {
    return List::of;
  }

  /**
   * The current directories of every tmux pane of this user, as the original asks {@code tmux
   * list-panes -a}; an absent or failing tmux gives none.
   *
   * @return the tmux-backed provider
   */
  static ActiveSessions tmuxPanes() {
    return () -> {
      ProcessResult r = ProcessRunner.command("tmux", "list-panes", "-a", "-F",
          "#{pane_current_path}").run(Duration.ofSeconds(10));
      if (!r.succeeded()) {
        return List.of();
      }
      return r.stdout().lines().map(String::strip).filter(s -> s.startsWith("/"))
          .map(Path::of).toList();
    };
  }
}
