package ai.disinto.git.worktree;

import ai.disinto.core.process.ProcessResult;
import ai.disinto.git.GitCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, recovers, removes and sweeps the linked git worktrees agents work in, so that the main
 * checkout is never touched by an agent.
 *
 * <p>Mirrors {@code worktree_create}, {@code worktree_recover}, {@code worktree_cleanup}, {@code
 * worktree_cleanup_stale} and {@code worktree_preserve} of lib/worktree.sh. Linked worktrees are
 * made and removed with the git CLI (JGit cannot write them); their layout is read in Java. The
 * methods return paths instead of changing a process-wide directory. Improvements over the
 * original: stale admin entries are pruned before every add; nothing is deleted outside the scan
 * root, nor the main checkout, its ancestors or the home folder; a clone or another repository's
 * worktree at the target path is refused instead of deleted; the Claude cache is cleared under its
 * real name; the sweep returns a count, takes the newest of the worktree's own times, sweeps only
 * linked worktrees and honours active sessions by path; a recovery that resets away local commits
 * names them and keeps them under a backup ref; the preserve marker lives in the worktree's admin
 * dir (the in-tree marker of the original is still honoured).
 */
public final class WorktreeManager {
  private static final Logger LOG = LoggerFactory.getLogger(WorktreeManager.class);
  /** The marker the original writes inside the worktree. */
  static final String LEGACY_MARKER = ".worktree-preserved";
  /** The marker this port writes in the admin dir, where {@code git add -A} cannot see it. */
  static final String ADMIN_MARKER = "disinto-preserved";

  private final WorktreeSettings settings;
  private final GitCli git;
  private final ClaudeProjectCache claudeCache;
  private final ActiveSessions sessions;
  private final Clock clock;
  private final Path home;

  /**
   * Creates the manager.
   *
   * @param settings the repository and folders
   * @param git the git CLI
   * @param claudeCache the Claude Code cache cleared with each removed worktree
   * @param sessions the running sessions the sweep spares
   * @param clock the time ages are measured against
   * @param home the user's home folder, which is never deleted
   */
  public WorktreeManager(WorktreeSettings settings, GitCli git, ClaudeProjectCache claudeCache,
      ActiveSessions sessions, Clock clock, Path home) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.git = Objects.requireNonNull(git, "git");
    this.claudeCache = Objects.requireNonNull(claudeCache, "claudeCache");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.home = Objects.requireNonNull(home, "home").toAbsolutePath().normalize();
  }

  /**
   * The settings of this manager.
   *
   * @return the settings
   */
  public WorktreeSettings settings() {
    return settings;
  }

  /**
   * Makes a fresh worktree at a path on a branch reset to a base ({@code git worktree add PATH
   * BASE -B BRANCH}), replacing whatever worktree was there, then initialises its submodules (a
   * submodule failure is logged, not fatal). Mirrors {@code worktree_create}.
   *
   * @param worktree where the worktree goes; a plain directory there is replaced
   * @param branch the branch, created or reset to the base
   * @param baseRef the start point; empty means {@code <remote>/<primary branch>}
   * @return the worktree's absolute path
   * @throws WorktreeException when git refuses (the branch is checked out elsewhere, the base is
   *     unknown) or the path is a clone, another repository's worktree, or outside the scan root;
   *     nothing is left at the path and the main checkout is unchanged
   */
  public Path create(Path worktree, String branch, Optional<String> baseRef) {
    requireName("branch", branch);
    String base = baseRef.filter(s -> !s.isEmpty())
        .orElse(settings.remote() + "/" + settings.primaryBranch());
    requireName("base ref", base);
    Path path = absolute(worktree);
    checkReplaceable(path);
    remove(path);
    add(path, base, branch);
    return path;
  }

  /**
   * Makes a fresh detached worktree at a path on a ref ({@code git worktree add PATH REF
   * --detach}), replacing whatever worktree was there, then initialises its submodules. This is
   * what the formula agents run in ({@code formula_worktree_setup} of lib/formula-session.sh): no
   * branch is created or moved.
   *
   * @param worktree where the worktree goes; a plain directory there is replaced
   * @param ref the commit to check out, such as {@code origin/main}
   * @return the worktree's absolute path
   * @throws WorktreeException when git refuses (the ref is unknown) or the path may not be
   *     replaced; nothing is left at the path and the main checkout is unchanged
   */
  public Path createDetached(Path worktree, String ref) {
    requireName("ref", ref);
    Path path = absolute(worktree);
    checkReplaceable(path);
    remove(path);
    addWorktree(path, ref + " (detached)", "worktree", "add", "--detach", path.toString(), ref);
    return path;
  }

  /**
   * Brings a worktree back after a crash or restart: fetches the branch, and when the path already
   * holds a worktree on that branch keeps it (fast-forward, else a hard reset to the remote
   * branch); otherwise makes it afresh from {@code <remote>/<branch>}. Mirrors {@code
   * worktree_recover}; a failed fetch is not an error.
   *
   * @param worktree the worktree's path
   * @param branch the branch
   * @param remote the remote; empty means the settings' remote
   * @return whether it was reused, and the local commits a reset dropped
   * @throws WorktreeException when the worktree has to be made and git refuses (typically: the
   *     remote branch does not exist), or the path may not be replaced
   */
  public RecoverResult recover(Path worktree, String branch, Optional<String> remote) {
    requireName("branch", branch);
    String from = remote.filter(s -> !s.isEmpty()).orElse(settings.remote());
    requireName("remote", from);
    Path path = absolute(worktree);
    ProcessResult fetch = git.run(settings.repoRoot(), GitCli.NETWORK_TIMEOUT, "fetch", from,
        branch);
    if (!fetch.succeeded()) {
      LOG.debug("fetch of {} from {} failed: {}", branch, from, GitCli.describe(fetch));
    }
    if (LinkedWorktree.hasGit(path) && branch.equals(currentBranch(path))) {
      return new RecoverResult(path, true, update(path, from, branch));
    }
    checkReplaceable(path);
    remove(path);
    add(path, from + "/" + branch, branch);
    return new RecoverResult(path, false, List.of());
  }

  /**
   * Removes a worktree and everything at its path, its admin entry and its Claude cache. Never
   * throws; removing what is not there is fine. A path that must not be deleted (the file system
   * root, the home folder, the main checkout or one of its ancestors, anything outside the scan
   * root) is refused with a warning. Mirrors {@code worktree_cleanup}; preserved worktrees are
   * removed too.
   *
   * @param worktree the worktree's path
   * @return false when the path was refused or could not be deleted completely
   */
  public boolean cleanup(Path worktree) {
    Path path = absolute(worktree);
    Optional<String> refusal = refusal(path);
    if (refusal.isPresent()) {
      LOG.warn("refusing to remove {}: {}", path, refusal.get());
      return false;
    }
    return remove(path);
  }

  /**
   * Removes the worktrees under the scan root that match the stale names, are linked worktrees,
   * carry no preserve marker, are older than the maximum age (by the newest of the directory's
   * and the admin dir's {@code HEAD}, {@code index} and {@code logs/HEAD} times) and hold no active
   * session; then prunes the admin entries. Mirrors {@code worktree_cleanup_stale}, whose "nothing
   * to clean" is not an error here.
   *
   * @param maxAge the age from which a worktree is stale
   * @return how many worktrees were removed; 0 is a normal result
   */
  public int cleanupStale(Duration maxAge) {
    Instant now = clock.instant();
    List<Path> active = sessions.activePaths().stream()
        .map(p -> p.toAbsolutePath().normalize()).toList();
    int cleaned = 0;
    for (Path dir : candidates()) {
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      Optional<Path> admin = LinkedWorktree.adminDir(dir);
      if (admin.isEmpty() || isPreserved(dir)) {
        continue;
      }
      Duration age = Duration.between(newestTime(dir, admin.get()), now);
      if (age.compareTo(maxAge) < 0) {
        continue;
      }
      if (active.stream().anyMatch(p -> p.startsWith(dir))) {
        LOG.debug("keeping {}: a session works in it", dir);
        continue;
      }
      if (!remove(dir)) {
        continue;
      }
      LOG.info("cleaned stale worktree: {} (age: {}h)", dir, age.toHours());
      cleaned++;
    }
    prune(settings.repoRoot());
    if (cleaned > 0) {
      LOG.info("cleaned {} stale worktree(s)", cleaned);
    }
    return cleaned;
  }

  /**
   * Marks a worktree so that the stale sweep keeps it for debugging. The marker (the reason and a
   * newline) goes into the worktree's admin dir, or into the directory itself when it is not a
   * linked worktree. Mirrors {@code worktree_preserve}.
   *
   * @param worktree the worktree's path
   * @param reason why it is kept; empty means {@code unspecified}
   * @return false when the directory does not exist (nothing is written)
   * @throws java.io.UncheckedIOException when the marker cannot be written
   */
  public boolean preserve(Path worktree, String reason) {
    Path path = absolute(worktree);
    if (!Files.isDirectory(path)) {
      return false;
    }
    String why = reason == null || reason.isEmpty() ? "unspecified" : reason;
    Path marker = LinkedWorktree.adminDir(path).filter(Files::isDirectory)
        .map(a -> a.resolve(ADMIN_MARKER)).orElse(path.resolve(LEGACY_MARKER));
    try {
      Files.writeString(marker, why + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write the preserve marker of " + path, e);
    }
    LOG.info("PRESERVED worktree for debugging: {} (reason: {})", path, why);
    return true;
  }

  /**
   * The reason a worktree was preserved with, from either marker.
   *
   * @param worktree the worktree's path
   * @return the reason, or empty when it is not preserved
   */
  public Optional<String> preservedReason(Path worktree) {
    Path path = absolute(worktree);
    List<Path> markers = new ArrayList<>();
    LinkedWorktree.adminDir(path).ifPresent(a -> markers.add(a.resolve(ADMIN_MARKER)));
    markers.add(path.resolve(LEGACY_MARKER));
    for (Path m : markers) {
      if (Files.isRegularFile(m)) {
        try {
          return Optional.of(Files.readString(m, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
          return Optional.of("");
        }
      }
    }
    return Optional.empty();
  }

  private boolean isPreserved(Path dir) {
    return preservedReason(dir).isPresent();
  }

  // ---------------------------------------------------------------------------------------------

  private void add(Path path, String base, String branch) {
    addWorktree(path, "branch " + branch + " from " + base, "worktree", "add", "-B", branch,
        path.toString(), base);
  }

  private void addWorktree(Path path, String what, String... args) {
    prune(settings.repoRoot());
    ProcessResult add = git.runMerged(settings.repoRoot(), GitCli.LOCAL_TIMEOUT, args);
    if (!add.succeeded()) {
      String out = GitCli.describe(add);
      LOG.debug("git worktree add {} failed: {}", path, out);
      throw new WorktreeException("git worktree add " + path + " (" + what + ") failed: "
          + firstLine(out), out);
    }
    LOG.debug("{}", add.stdout().strip());
    if (Files.isRegularFile(path.resolve(".gitmodules"))) {
      ProcessResult sub = git.runMerged(path, GitCli.NETWORK_TIMEOUT, "submodule", "update",
          "--init", "--recursive");
      if (!sub.succeeded()) {
        LOG.warn("submodule update failed in {}: {}", path, firstLine(GitCli.describe(sub)));
      }
    }
  }

  /** Fast-forward, else reset to the remote branch, keeping dropped commits under a backup ref. */
  private List<String> update(Path path, String remote, String branch) {
    ProcessResult pull = git.run(path, GitCli.NETWORK_TIMEOUT, "pull", "--ff-only", remote,
        branch);
    if (pull.succeeded()) {
      return List.of();
    }
    String upstream = remote + "/" + branch;
    ProcessResult ahead = git.run(path, GitCli.LOCAL_TIMEOUT, "log", "--format=%h %s",
        upstream + "..HEAD", "--");
    List<String> dropped = ahead.succeeded()
        ? ahead.stdout().lines().filter(l -> !l.isBlank()).toList() : List.of();
    if (!dropped.isEmpty()) {
      String backup = "refs/disinto/backup/" + branch + "/" + clock.instant().getEpochSecond();
      ProcessResult keep = git.run(path, GitCli.LOCAL_TIMEOUT, "update-ref", backup, "HEAD");
      LOG.warn("recovering {} resets {} to {}, dropping {} local commit(s){}: {}", path, branch,
          upstream, dropped.size(), keep.succeeded() ? " (kept as " + backup + ")" : "",
          String.join("; ", dropped));
    }
    ProcessResult reset = git.run(path, GitCli.LOCAL_TIMEOUT, "reset", "--hard", upstream);
    if (!reset.succeeded()) {
      LOG.warn("could not bring {} up to date with {}: {}", path, upstream,
          firstLine(GitCli.describe(reset)));
      return List.of();
    }
    return dropped;
  }

  /** The branch checked out at a path, {@code HEAD} when detached, empty when unreadable. */
  private String currentBranch(Path path) {
    ProcessResult r = git.run(path, GitCli.LOCAL_TIMEOUT, "rev-parse", "--abbrev-ref", "HEAD");
    return r.succeeded() ? r.stdout().strip() : "";
  }

  /** Removes what is at a path without the guard; true when nothing is left. */
  private boolean remove(Path path) {
    Optional<Path> admin = LinkedWorktree.adminDir(path);
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) || admin.isPresent()) {
      ProcessResult r = git.run(settings.repoRoot(), GitCli.LOCAL_TIMEOUT, "worktree", "remove",
          "--force", path.toString());
      if (!r.succeeded()) {
        LOG.debug("git worktree remove {}: {}", path, GitCli.describe(r));
      }
    }
    boolean gone = true;
    try {
      Trees.deleteRecursively(path);
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", path, e.getMessage());
      gone = false;
    }
    // The worktree of another repository, or one git would not remove: drop its admin entry.
    admin.filter(Files::isDirectory).filter(a -> pointsAt(a, path)).ifPresent(a -> {
      try {
        Trees.deleteRecursively(a);
      } catch (IOException e) {
        LOG.warn("could not delete the admin entry {}: {}", a, e.getMessage());
      }
    });
    claudeCache.clear(path);
    return gone;
  }

  private static boolean pointsAt(Path admin, Path worktree) {
    try {
      String gitdir = Files.readString(admin.resolve("gitdir"), StandardCharsets.UTF_8).strip();
      return Path.of(gitdir).normalize().equals(worktree.resolve(".git"));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private void prune(Path repo) {
    ProcessResult r = git.run(repo, GitCli.LOCAL_TIMEOUT, "worktree", "prune");
    if (!r.succeeded()) {
      LOG.debug("git worktree prune: {}", GitCli.describe(r));
    }
  }

  /** Refuses paths the manager must not delete, and repositories it must not replace. */
  private void checkReplaceable(Path path) {
    Optional<String> refusal = refusal(path);
    if (refusal.isPresent()) {
      throw new WorktreeException("will not replace " + path + ": " + refusal.get(), "");
    }
    if (LinkedWorktree.isClone(path)) {
      throw new WorktreeException("will not replace " + path
          + ": it is a repository of its own (its .git is a directory), not a worktree", "");
    }
    Optional<Path> admin = LinkedWorktree.adminDir(path);
    if (admin.isPresent()) {
      Path common = commonDir();
      if (!admin.get().startsWith(common.resolve("worktrees"))) {
        throw new WorktreeException("will not replace " + path
            + ": it is a worktree of another repository (" + admin.get() + ")", "");
      }
    }
  }

  private Path commonDir() {
    ProcessResult r = git.run(settings.repoRoot(), GitCli.LOCAL_TIMEOUT, "rev-parse",
        "--path-format=absolute", "--git-common-dir");
    if (r.succeeded() && !r.stdout().isBlank()) {
      return Path.of(r.stdout().strip()).normalize();
    }
    return settings.repoRoot().resolve(".git");
  }

  private Optional<String> refusal(Path path) {
    Path repo = settings.repoRoot();
    if (path.getParent() == null) {
      return Optional.of("it is the file system root");
    }
    if (repo.startsWith(path)) {
      return Optional.of(path.equals(repo) ? "it is the main checkout"
          : "it holds the main checkout " + repo);
    }
    if (home.startsWith(path)) {
      return Optional.of("it is or holds the home folder");
    }
    if (!path.startsWith(settings.scanRoot()) || path.equals(settings.scanRoot())) {
      return Optional.of("it is not inside the worktree root " + settings.scanRoot());
    }
    return Optional.empty();
  }

  private List<Path> candidates() {
    Set<Path> found = new LinkedHashSet<>();
    for (String glob : settings.staleGlobs()) {
      PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
      List<Path> matched = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(settings.scanRoot())) {
        for (Path p : ds) {
          if (m.matches(p.getFileName())) {
            matched.add(p.toAbsolutePath().normalize());
          }
        }
      } catch (IOException e) {
        LOG.debug("cannot list {}: {}", settings.scanRoot(), e.getMessage());
      }
      matched.sort(null);
      found.addAll(matched);
    }
    return List.copyOf(found);
  }

  private static Instant newestTime(Path dir, Path admin) {
    Instant newest = Instant.EPOCH;
    for (Path p : List.of(dir, admin.resolve("HEAD"), admin.resolve("index"),
        admin.resolve("logs").resolve("HEAD"))) {
      try {
        Instant t = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant();
        if (t.isAfter(newest)) {
          newest = t;
        }
      } catch (IOException missing) {
        // Not every worktree has every file (no index before the first checkout).
      }
    }
    return newest;
  }

  private static Path absolute(Path p) {
    return Objects.requireNonNull(p, "worktree").toAbsolutePath().normalize();
  }

  private static String firstLine(String text) {
    return text.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b.startsWith("fatal:")
        ? b : a).orElse(text).strip();
  }

  /** Rejects an empty name or one git would read as an option. */
  static void requireName(String what, String value) {
    Objects.requireNonNull(value, what);
    if (value.isBlank() || value.startsWith("-")) {
      throw new IllegalArgumentException(what + " must be a name, got '" + value + "'");
    }
  }
}
