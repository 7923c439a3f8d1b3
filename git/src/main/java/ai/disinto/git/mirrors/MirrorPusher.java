package ai.disinto.git.mirrors;

import ai.disinto.core.process.ProcessResult;
import ai.disinto.core.secrets.SecretScanner;
import ai.disinto.git.GitCli;
import ai.disinto.git.creds.GitCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes the primary branch and every tag to each public mirror of the project (GitHub,
 * Codeberg…), all at once, each within a bounded time; a mirror's failure is logged and reported,
 * never thrown, and never blocks the factory.
 *
 * <p>Mirrors {@code mirror_push} of lib/mirrors.sh: one remote per mirror, named as configured
 * (original case) and (re)pointed at the configured URL; names that do not make a valid variable
 * suffix ({@code my-mirror}, {@code 1st}) and empty URLs are skipped. Improvements: remotes are
 * configured one after the other before any push starts (no race on {@code .git/config}); the push
 * names its refspec ({@code refs/heads/<primary>:refs/heads/<primary>}) so a missing local branch
 * fails visibly; git can never prompt ({@code GIT_TERMINAL_PROMPT=0}, SSH in batch mode unless
 * {@code GIT_SSH_COMMAND} is set); a push past its time is killed with its children; the log says
 * {@code started} when it starts and the real outcome when it ends; a skipped name is a warning.
 */
public final class MirrorPusher {
  private static final Logger LOG = LoggerFactory.getLogger(MirrorPusher.class);
  /** The time a push gets when none is given. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
  private static final Pattern SUFFIX = Pattern.compile("[A-Z_][A-Z0-9_]*");

  private final GitCli git;
  private final Duration pushTimeout;
  private final Executor executor;
  private final SecretScanner scanner = SecretScanner.defaults();
  private final Object remoteLock = new Object();

  /**
   * Creates the pusher; each push runs on a thread of its own.
   *
   * @param git the git CLI (its environment carries the SSH agent or keys)
   * @param pushTimeout how long one push may take before it is killed
   */
  public MirrorPusher(GitCli git, Duration pushTimeout) {
    this(git, pushTimeout, task -> {
      Thread t = new Thread(task, "mirror-push");
      t.setDaemon(true);
      t.start();
    });
  }

  /**
   * Creates the pusher with the executor the pushes run on.
   *
   * @param git the git CLI
   * @param pushTimeout how long one push may take
   * @param executor runs each push; it must run them concurrently for them to be concurrent
   */
  public MirrorPusher(GitCli git, Duration pushTimeout, Executor executor) {
    GitCli base = Objects.requireNonNull(git, "git");
    this.git = base.environmentValue("GIT_SSH_COMMAND") == null
        ? base.plusEnvironment(Map.of("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")) : base;
    this.pushTimeout = Objects.requireNonNull(pushTimeout, "pushTimeout");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /**
   * One configured mirror's push.
   *
   * @param name the mirror's (and remote's) name
   * @param result completes when the push has ended, however it ended; never exceptionally
   */
  public record MirrorPush(String name, CompletableFuture<MirrorResult> result) {}

  /**
   * How one mirror's push ended.
   *
   * @param name the mirror
   * @param outcome what happened
   * @param exitStatus git's exit status when it exited, else -1
   * @param detail git's last line of error output (redacted) when it failed, else empty
   */
  public record MirrorResult(String name, Outcome outcome, int exitStatus, String detail) {}

  /** How a mirror push ended. */
  public enum Outcome {
    /** git exited 0. */
    PUSHED,
    /** git exited with a failure status. */
    FAILED,
    /** git ran past the timeout and was killed. */
    TIMED_OUT,
    /** git could not be started or was interrupted. */
    NOT_RUN
  }

  /**
   * The mirrors the original finds in its environment: each name of {@code MIRROR_NAMES}
   * (whitespace-separated, in order) with the URL in {@code MIRROR_<NAME upper-cased>}.
   *
   * @param env the environment (or the loaded configuration's variables)
   * @return name to URL, in order; names without a URL map to an empty string
   */
  public static Map<String, String> fromEnvironment(Map<String, String> env) {
    Map<String, String> mirrors = new LinkedHashMap<>();
    for (String name : env.getOrDefault("MIRROR_NAMES", "").trim().split("\\s+")) {
      if (!name.isEmpty()) {
        mirrors.put(name, envVarName(name).map(v -> env.getOrDefault(v, "")).orElse(""));
      }
    }
    return mirrors;
  }

  /**
   * The variable that holds a mirror's URL.
   *
   * @param mirrorName the configured name
   * @return {@code MIRROR_} and the name upper-cased, or empty when that is not a valid variable
   *     name
   */
  public static Optional<String> envVarName(String mirrorName) {
    String upper = mirrorName.toUpperCase(Locale.ROOT);
    return SUFFIX.matcher(upper).matches() && upper.chars().allMatch(c -> c < 128)
        ? Optional.of("MIRROR_" + upper) : Optional.empty();
  }

  /**
   * Configures a remote per mirror and starts each push; returns at once.
   *
   * @param repoRoot the main checkout ({@code PROJECT_REPO_ROOT}); null or empty path: nothing
   *     to do
   * @param primaryBranch the branch to push ({@code PRIMARY_BRANCH}); null or empty: nothing to
   *     do
   * @param mirrors name to URL, in order
   * @return one handle per push started, in order
   */
  public List<MirrorPush> pushAll(Path repoRoot, String primaryBranch,
      Map<String, String> mirrors) {
    if (repoRoot == null || repoRoot.toString().isEmpty() || primaryBranch == null
        || primaryBranch.isEmpty() || mirrors.isEmpty()) {
      return List.of();
    }
    if (primaryBranch.startsWith("-") || !Files.isDirectory(repoRoot)) {
      LOG.warn("mirror: not pushing: {} is not a branch of {}", primaryBranch, repoRoot);
      return List.of();
    }
    List<MirrorPush> started = new ArrayList<>();
    for (Map.Entry<String, String> m : mirrors.entrySet()) {
      String name = m.getKey();
      String url = m.getValue() == null ? "" : m.getValue().trim();
      if (envVarName(name).isEmpty()) {
        LOG.warn("mirror: skipping {}: not a valid mirror name (letters, digits, _)", name);
        continue;
      }
      if (url.isEmpty()) {
        continue;
      }
      if (url.startsWith("-")) {
        LOG.warn("mirror: skipping {}: its URL looks like an option", name);
        continue;
      }
      configureRemote(repoRoot, name, url);
      started.add(start(repoRoot, primaryBranch, name));
    }
    return started;
  }

  /**
   * Pushes to every mirror and waits until all have ended (each within the timeout).
   *
   * @param repoRoot the main checkout
   * @param primaryBranch the branch
   * @param mirrors name to URL, in order
   * @return one result per mirror pushed, in order
   */
  public List<MirrorResult> pushAllAndWait(Path repoRoot, String primaryBranch,
      Map<String, String> mirrors) {
    return pushAll(repoRoot, primaryBranch, mirrors).stream().map(p -> p.result().join())
        .toList();
  }

  private void configureRemote(Path root, String name, String url) {
    synchronized (remoteLock) {
      ProcessResult get = git.run(root, GitCli.LOCAL_TIMEOUT, "remote", "get-url", name);
      ProcessResult set = get.succeeded()
          ? git.run(root, GitCli.LOCAL_TIMEOUT, "remote", "set-url", name, url)
          : git.run(root, GitCli.LOCAL_TIMEOUT, "remote", "add", name, url);
      if (!set.succeeded()) {
        LOG.warn("mirror: cannot set remote {}: {}", name, clean(lastLine(set)));
      }
    }
  }

  private MirrorPush start(Path root, String branch, String name) {
    String refspec = "refs/heads/" + branch + ":refs/heads/" + branch;
    LOG.info("mirror: push to {} started", name);
    CompletableFuture<MirrorResult> f = CompletableFuture.supplyAsync(() -> {
      ProcessResult r = git.run(root, pushTimeout, "push", name, refspec, "--tags");
      return report(name, r);
    }, executor).exceptionally(e -> {
      LOG.warn("mirror: {} failed: {}", name, e.getMessage());
      return new MirrorResult(name, Outcome.NOT_RUN, -1, clean(String.valueOf(e.getMessage())));
    });
    return new MirrorPush(name, f);
  }

  private MirrorResult report(String name, ProcessResult r) {
    if (r.succeeded()) {
      LOG.info("mirror: {} ok", name);
      return new MirrorResult(name, Outcome.PUSHED, 0, "");
    }
    String detail = clean(lastLine(r));
    switch (r.ending()) {
      case EXITED -> {
        LOG.warn("mirror: {} failed (exit {}): {}", name, r.exitStatus(), detail);
        return new MirrorResult(name, Outcome.FAILED, r.exitStatus(), detail);
      }
      case TIMED_OUT -> {
        LOG.warn("mirror: {} timed out after {} s and was killed", name,
            pushTimeout.toSeconds());
        return new MirrorResult(name, Outcome.TIMED_OUT, -1, detail);
      }
      default -> {
        LOG.warn("mirror: {} did not run: {}", name, detail);
        return new MirrorResult(name, Outcome.NOT_RUN, -1, detail);
      }
    }
  }

  private static String lastLine(ProcessResult r) {
    List<String> lines = (r.stderr() + "\n" + r.stdout()).lines()
        .filter(l -> !l.isBlank()).toList();
    String fatal = lines.stream().filter(l -> l.startsWith("fatal:") || l.startsWith("error:"))
        .reduce((a, b) -> b).orElse(null);
    return fatal != null ? fatal.strip() : lines.isEmpty() ? "" : lines.get(0).strip();
  }

  /** No URL with user information and no recognised secret reaches a log line. */
  private String clean(String text) {
    String out = Pattern.compile("(https?://)[^@/\\s]+@").matcher(text).replaceAll("$1");
    return scanner.redact(GitCredentials.stripCredentials(out));
  }
}
