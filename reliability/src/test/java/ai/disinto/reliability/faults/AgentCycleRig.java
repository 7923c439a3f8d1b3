package ai.disinto.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.agent.ClaudeCodeRunner;
import ai.disinto.agent.ClaudeConfig;
import ai.disinto.agent.SessionStore;
import ai.disinto.ci.gate.ForgeStatusCiGate;
import ai.disinto.core.DisintoException;
import ai.disinto.core.agent.AgentResult;
import ai.disinto.core.agent.AgentRunner;
import ai.disinto.core.lock.StackLock;
import ai.disinto.core.process.ProcessResult;
import ai.disinto.core.process.ProcessRunner;
import ai.disinto.core.secrets.SecretScanner;
import ai.disinto.examples.demo.FactoryCycle;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.model.Label;
import ai.disinto.forge.client.model.PullRequest;
import ai.disinto.forge.issues.IssueLifecycle;
import ai.disinto.forge.pulls.PullRequests;
import ai.disinto.forge.pulls.PullsConfig;
import ai.disinto.git.GitCli;
import ai.disinto.git.worktree.ClaudeProjectCache;
import ai.disinto.git.worktree.WorktreeManager;
import ai.disinto.git.worktree.WorktreeSettings;
import ai.disinto.testkit.forgejo.ForgeListener;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.PullRequestEvent;
import ai.disinto.testkit.forgejo.PushEvent;
import ai.disinto.testkit.time.FakeTime;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One factory cycle for one issue, the way the factory runs it ({@link FactoryCycle}: suggest,
 * claim, worktree, agent, PR, walk through CI and review, merge, close, worktree removed), on a
 * {@link MockForgejo} with real git behind its smart HTTP, a real clone with linked worktrees
 * ({@link WorktreeManager}), the forge's commit status as CI ({@link ForgeStatusCiGate}) and an
 * agent run by {@link ClaudeCodeRunner} under the Claude session lock, holding the project's stack
 * lock while it works.
 *
 * <p>The agent is given by a {@code claude} binary: a shell stand-in ({@link #fastClaude}) that
 * does what the prompt asks in milliseconds (edit a file, commit, push the branch, print Claude's
 * result object), or the real Claude Code CLI against a scripted model. The mock plays CI and the
 * review bot: each push of a {@code fix/} branch gets a green commit status, each PR opened or
 * moved gets the review bot's approval of its head.
 */
final class AgentCycleRig {
  static final String REPO = "acme/app";
  static final String DEV = "dev-bot";
  static final String REVIEWER = "review-bot";
  static final String TOKEN = "tok-dev-bot-5ecret";
  static final String PASSWORD = "pw-dev-bot-5ecret";
  static final String PROJECT = "app";
  static final String FILE = "greeting.txt";

  final MockForgejo mock;
  final Path dir;
  final FakeTime time;
  final long issue;
  final long blockedLabel;
  final long backlogLabel;
  final Path clone;
  final Path worktreeRoot;
  final Path home;
  final Path lockDir;
  final Map<String, String> gitEnv;
  private final GitCli git;
  /** Where the cycle's step lines go (nowhere unless a test says). */
  PrintStream out = new PrintStream(OutputStream.nullOutputStream());

  /** Registers the CI and review stand-ins once per mock (a reset keeps listeners). */
  static void playCiAndReview(MockForgejo mock) {
    mock.addListener(new ForgeListener() {
      @Override
      public void onPush(PushEvent e) {
        if (e.repo().equals(REPO) && e.branch().startsWith("fix/")) {
          mock.seed().status(REPO, e.after(), "ci/woodpecker", "success",
              "http://ci.invalid/repos/1/pipeline/7");
        }
      }

      @Override
      public void onPullRequest(PullRequestEvent e) {
        if (e.repo().equals(REPO)) {
          mock.seed().comment(REPO, e.number(), REVIEWER, "## AI Review\n<!-- reviewed: "
              + e.headSha() + " -->\n\nLooks right.\n\n### Verdict\n**APPROVE** — ready\n");
        }
      }
    });
  }

  /** Seeds the forge (reset before) and clones it into {@code dir}. */
  AgentCycleRig(MockForgejo mock, Path dir, FakeTime time) {
    this.mock = mock;
    this.dir = dir;
    this.time = time;
    mock.seed().user("acme", u -> u.password("pw-acme-5ecret"))
        .user(DEV, u -> u.password(PASSWORD).token(TOKEN))
        .user(REVIEWER, u -> u.password("pw-review-5ecret").token("tok-review-5ecret"))
        .repo(REPO, r -> r.autoInit(true).collaborator(DEV, "write")
            .collaborator(REVIEWER, "write"));
    backlogLabel = mock.seed().label(REPO, "backlog", "#0075ca");
    mock.seed().label(REPO, "in-progress", "#e4e669");
    blockedLabel = mock.seed().label(REPO, "blocked", "#d73a4a");
    issue = mock.seed().issue(REPO, i -> i.title("greet the user")
        .body("Write a greeting to " + FILE + ".").labels("backlog"));
    try {
      home = Files.createDirectories(dir.resolve("home"));
      lockDir = Files.createDirectories(dir.resolve("locks"));
      worktreeRoot = Files.createDirectories(dir.resolve("worktrees"));
      gitEnv = gitEnv(dir, home, mock.baseUrl());
      git = GitCli.withEnvironment(gitEnv);
      clone = dir.resolve("clone");
      run(dir, "clone", "-q", mock.baseUrl() + "/" + REPO + ".git", clone.toString());
      // The agent's session files are not the project's.
      Files.writeString(clone.resolve(".git/info/exclude"), ".claude/\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The shell stand-in for Claude: the prompt's work and Claude's result line, in milliseconds. */
  static Path fastClaude(Path binDir) {
    try {
      Files.createDirectories(binDir);
      Path bin = binDir.resolve("claude");
      Files.writeString(bin, "#!/bin/sh\n"
          + "# A stand-in for Claude Code: edits, commits and pushes the worktree's branch.\n"
          + "set -e\n"
          + "n=$(cat \"$FAST_CLAUDE_COUNT\" 2>/dev/null || echo 0); n=$((n+1))\n"
          + "echo $n > \"$FAST_CLAUDE_COUNT\"\n"
          + "echo \"hello (attempt $n)\" > " + FILE + "\n"
          + "git add " + FILE + " >&2\n"
          + "git commit -q -m \"greeting, attempt $n\" >&2\n"
          + "git push -q -f origin \"HEAD:refs/heads/$(git rev-parse --abbrev-ref HEAD)\" >&2\n"
          + "printf '{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,"
          + "\"result\":\"pushed\",\"num_turns\":1,"
          + "\"session_id\":\"00000000-0000-4000-8000-00000000000%s\"}' \"$n\"\n");
      Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
      return bin;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The agent's Claude settings: this binary, this environment, short real timeouts. */
  ClaudeConfig claude(Path binary, Map<String, String> extraEnv, Duration hardTimeout) {
    Map<String, String> env = new LinkedHashMap<>(gitEnv);
    env.put("FAST_CLAUDE_COUNT", dir.resolve("attempts").toString());
    env.put("DISINTO_LOG_DIR", dir.resolve("logs").toString());
    env.putAll(extraEnv);
    return ClaudeConfig.fromEnv(env).withClaudeBinary(binary.toString())
        .withLockWait(Duration.ofSeconds(5))
        .withTimings(hardTimeout, Duration.ofSeconds(2), Duration.ofMillis(50),
            Duration.ofSeconds(1));
  }

  /** The cycle's developer: the runner under the stack lock; a failed run is a typed failure. */
  final class Developer implements FactoryCycle.Developer {
    final ClaudeCodeRunner runner;
    private final StackLock stack;
    private int turns;

    Developer(ClaudeConfig cfg) {
      this.runner = new ClaudeCodeRunner(cfg, new SessionStore(dir.resolve("dev.sid")));
      this.stack = StackLock.builder(lockDir).clock(time).build();
    }

    @Override
    public String implement(long n, String title, String body, String branch, Path worktree) {
      return agent().run("Implement issue #" + n + ": " + title + "\n\n" + body
          + "\n\nCommit on " + branch + " and push it.", "", worktree).sessionId();
    }

    @Override
    public AgentRunner runner() {
      return agent();
    }

    private AgentRunner agent() {
      return (prompt, session, worktree) -> {
        StackLock.Lease lease = stack.tryAcquire(DEV, PROJECT)
            .orElseThrow(() -> new DisintoException("the stack lock of " + PROJECT + " is held"));
        try (lease) {
          turns++;
          AgentResult r = runner.run(prompt, session, worktree);
          if (!r.succeeded()) {
            throw new DisintoException("the agent failed (exit " + r.exitStatus() + "): "
                + SecretScanner.defaults().redact(tail(r.output())));
          }
          return r;
        }
      };
    }

    @Override
    public int turns() {
      return turns;
    }
  }

  /** The cycle's workspace: a fetch, then a linked worktree per issue from origin/main. */
  final class Workspace implements FactoryCycle.Workspace {
    private final WorktreeManager worktrees = new WorktreeManager(
        WorktreeSettings.of(clone).withScanRoot(worktreeRoot), git,
        new ClaudeProjectCache(home.resolve(".claude")), List::of, Clock.systemUTC(), home);

    @Override
    public Path create(long n, String branch) {
      AgentCycleRig.this.run(clone, "fetch", "-q", "--prune", "origin");
      return worktrees.create(worktreeRoot.resolve("issue-" + n), branch, Optional.empty());
    }

    @Override
    public boolean remove(Path worktree) {
      return worktrees.cleanup(worktree);
    }
  }

  /** A cycle of at most one issue with fresh clients (production retries, fake time). */
  FactoryCycle cycle(FactoryCycle.Developer developer) {
    ForgeClient dev = Clients.forge(mock.baseUrl(), REPO, TOKEN, time);
    PullRequests prs = PullRequests.builder(dev)
        .config(PullsConfig.defaults().withReviewBots(Set.of(REVIEWER))).sleeper(time).build();
    return FactoryCycle.builder(dev, prs, new ForgeStatusCiGate(dev, "1"), new Workspace(),
            developer)
        .issues(new IssueLifecycle(dev, SecretScanner.defaults(), time)).clock(time)
        .maxIssues(1).out(out).build();
  }

  // ---------------------------------------------------------------- invariants

  ForgeState state() {
    return new ForgeState(Clients.referee(mock, REPO, TOKEN));
  }

  /**
   * What no case may leave behind, whatever it ended with: an issue both in-progress and backlog,
   * one that looks claimed without its claim ref, a comment twice, two PRs of one branch, a
   * worktree registered beside the main checkout or a folder of one, the Claude session lock held,
   * the stack lock file.
   */
  void checkNothingHalfMade() {
    ForgeState s = state();
    s.checkIssue(issue, DEV);
    s.checkPulls();
    String list = run(clone, "worktree", "list", "--porcelain");
    assertThat(list.lines().filter(l -> l.startsWith("worktree ")).count())
        .as("worktrees registered beside the main checkout:\n%s", list).isEqualTo(1);
    try (Stream<Path> left = Files.list(worktreeRoot)) {
      assertThat(left.toList()).as("worktree folders left").isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(sessionLockFree()).as("the Claude session lock is free").isTrue();
    assertThat(StackLock.builder(lockDir).build().lockFile(PROJECT)).as("the stack lock file")
        .doesNotExist();
  }

  boolean sessionLockFree() {
    Path lock = home.resolve(".claude/session.lock");
    if (!Files.exists(lock)) {
      return true;
    }
    return ProcessRunner.command("flock", "-n", lock.toString(), "true")
        .run(Duration.ofSeconds(5)).succeeded();
  }

  /** The issue's PRs (all states) of its branch. */
  List<PullRequest> prsOfIssue() {
    return state().pulls().stream()
        .filter(p -> p.head() != null && ("fix/issue-" + issue).equals(p.head().ref())).toList();
  }

  /** Whether the issue carries a label. */
  boolean labelled(String name) {
    Issue i = state().issue(issue);
    return i.labels().stream().map(Label::name).anyMatch(name::equals);
  }

  /** The operator's answer to a blocked issue: back to the backlog. */
  void unblock() {
    ForgeClient c = Clients.referee(mock, REPO, TOKEN);
    c.send("DELETE", "/issues/" + issue + "/labels/" + blockedLabel, null);
    c.send("POST", "/issues/" + issue + "/labels", Map.of("labels", List.of(backlogLabel)));
  }

  /** The end every case must reach after re-runs: one PR, merged, the work on main, closed. */
  void checkConverged() {
    checkNothingHalfMade();
    List<PullRequest> prs = prsOfIssue();
    assertThat(prs).as("PRs of fix/issue-%d", issue).hasSize(1);
    assertThat(prs.get(0).merged()).as("the PR is merged").isTrue();
    assertThat(state().issue(issue).state()).as("the issue").isEqualTo("closed");
    String head = mock.branchHead(REPO, "main").orElseThrow();
    assertThat(mock.filesAt(REPO, head)).as("main holds the agent's work").containsKey(FILE);
  }

  // ---------------------------------------------------------------- git

  String run(Path in, String... args) {
    ProcessResult r = git.runMerged(in, GitCli.NETWORK_TIMEOUT, args);
    if (!r.succeeded()) {
      throw new DisintoException("git " + args[0] + " failed: " + GitCli.describe(r));
    }
    return r.stdout();
  }

  private static String tail(String s) {
    return s.length() <= 300 ? s : s.substring(s.length() - 300);
  }

  /** git's environment: the dev bot's identity and password in a credential store file. */
  private static Map<String, String> gitEnv(Path dir, Path home, String baseUrl)
      throws IOException {
    Path store = dir.resolve("git-credentials");
    URI u = URI.create(baseUrl);
    Files.writeString(store, u.getScheme() + "://" + DEV + ":" + PASSWORD + "@" + u.getHost()
        + ":" + u.getPort() + "\n");
    Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-------"));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin"));
    env.put("HOME", home.toString());
    env.put("LANG", "C.UTF-8");
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_CONFIG_COUNT", "2");
    env.put("GIT_CONFIG_KEY_0", "credential.helper");
    env.put("GIT_CONFIG_VALUE_0", "store --file=" + store);
    env.put("GIT_CONFIG_KEY_1", "commit.gpgsign");
    env.put("GIT_CONFIG_VALUE_1", "false");
    env.put("GIT_AUTHOR_NAME", DEV);
    env.put("GIT_AUTHOR_EMAIL", DEV + "@example.invalid");
    env.put("GIT_COMMITTER_NAME", DEV);
    env.put("GIT_COMMITTER_EMAIL", DEV + "@example.invalid");
    return env;
  }
}
