package ai.disinto.git.worktree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-directory session cache of Claude Code ({@code <config>/projects/<encoded path>}),
 * cleared when a worktree goes so that a new session at the same path does not resume stale
 * context.
 *
 * <p>Mirrors {@code _worktree_clear_claude_cache} in lib/worktree.sh, with the name Claude Code
 * really writes: the absolute path with every character that is not an ASCII letter or digit
 * replaced by {@code -}, leading {@code -} kept ({@code /tmp/p-worktree-5} gives {@code
 * -tmp-p-worktree-5}). The original's name ({@code /} replaced, one leading {@code -} removed) is
 * removed too. Nothing outside {@code <config>/projects} is ever deleted.
 */
public final class ClaudeProjectCache {
  private static final Logger LOG = LoggerFactory.getLogger(ClaudeProjectCache.class);

  private final Path projects;

  /**
   * A cache under a Claude configuration directory.
   *
   * @param claudeConfigDir {@code CLAUDE_CONFIG_DIR} when set, else {@code $HOME/.claude}
   */
  public ClaudeProjectCache(Path claudeConfigDir) {
    this.projects = claudeConfigDir.toAbsolutePath().normalize().resolve("projects");
  }

  /**
   * The project directory names Claude Code may have used for a working directory: the current
   * encoding first, then the original's.
   *
   * @param dir the working directory
   * @return one or two names
   */
  public static List<String> projectNames(Path dir) {
    String path = dir.toAbsolutePath().normalize().toString();
    String current = path.replaceAll("[^A-Za-z0-9]", "-");
    String legacy = path.replace('/', '-');
    if (legacy.startsWith("-")) {
      legacy = legacy.substring(1);
    }
    List<String> names = new ArrayList<>();
    names.add(current);
    if (!legacy.equals(current)) {
      names.add(legacy);
    }
    return names;
  }

  /**
   * Deletes the cache directories of a working directory; a missing one is fine, a failure is
   * logged and never thrown.
   *
   * @param dir the working directory whose cache goes
   */
  public void clear(Path dir) {
    for (String name : projectNames(Objects.requireNonNull(dir, "dir"))) {
      Path target = projects.resolve(name).normalize();
      if (name.isEmpty() || !projects.equals(target.getParent())) {
        LOG.warn("not clearing Claude cache {}: not a directory of {}", target, projects);
        continue;
      }
      try {
        Trees.deleteRecursively(target);
      } catch (IOException e) {
        LOG.warn("could not clear Claude cache {}: {}", target, e.getMessage());
      }
    }
  }

  /**
   * The folder the project directories live in.
   *
   * @return {@code <config>/projects}
   */
  public Path projectsDir() {
    return projects;
  }

  @Override
  public String toString() {
    return "ClaudeProjectCache[" + projects + "]";
  }
}
