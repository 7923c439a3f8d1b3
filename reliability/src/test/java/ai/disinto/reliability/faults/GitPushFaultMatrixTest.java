package ai.disinto.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ai.disinto.forge.pulls.RetriggerResult;
import ai.disinto.git.GitAuth;
import ai.disinto.git.push.ForgePush;
import ai.disinto.git.push.GitCliRetrigger;
import ai.disinto.git.push.PushResult;
import ai.disinto.reliability.secrets.SecretsWatch;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.RecordedRequest;
import ai.disinto.testkit.proxy.FaultProxy;
import ai.disinto.testkit.time.FakeTime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every git push the factory makes, with every fault at every step of git's smart HTTP exchange
 * (info/refs, upload-pack, receive-pack) and of the push's verification through the API: the push
 * of a clone to the forge ({@link ForgePush}, JGit) and the push of an agent's branch from a
 * linked worktree, confined to the push namespace ({@link GitCliRetrigger}, the git CLI). Each
 * case ends pushed (the forge's ref is the local commit) or failed naming its step with the
 * forge's ref untouched or, when the forge took the push whose answer was lost, a retry that
 * converges; the clone keeps its worktrees registered and no lock file.
 */
class GitPushFaultMatrixTest {
  private static final String USER = "dev-bot";
  private static final String PASSWORD = "pw-git-" + SecretsWatch.MARK;
  private static final String TOKEN = "tok-git-" + SecretsWatch.MARK;
  private static final String BRANCH = "fix/issue-7";
  private static final Duration CASE_TIMEOUT = Duration.ofSeconds(60);
  private static final Tally TALLY = new Tally();
  private static final AtomicInteger RUN = new AtomicInteger();

  private static MockForgejo mock;
  private static FaultProxy proxy;
  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws IOException {
    mock = MockForgejo.start();
    proxy = FaultProxy.start(mock.baseUrl());
  }

  @AfterAll
  static void stop() {
    System.out.println("git push fault matrix: " + TALLY);
    proxy.close();
    mock.close();
    assertThat(TALLY.stepsPerOperation).hasSize(2)
        .allSatisfy((op, steps) -> assertThat(steps).as("steps of %s", op).isPositive());
    TALLY.assertEveryCaseEndedCleanly();
  }

  /** One push of the matrix. */
  interface PushScenario {
    String name();

    /**
     * Seeds the (reset) mock and restores the scenario's clone (made on the first call); the
     * push goes through {@code via}.
     */
    PushOp prepare(String via) throws Exception;
  }

  /** One prepared push. */
  interface PushOp {
    Object run() throws Exception;

    /** Checks outcome and state (faults cleared); true when the push completed. */
    boolean check(Object outcome, Injection fault) throws Exception;
  }

  @TestFactory
  Stream<DynamicNode> everyPushEveryStepEveryFault() {
    return Stream.of(matrix(new PushToForge(), 0), matrix(new WorktreeBranchPush(), 1));
  }

  /**
   * Whether a case runs: with {@code -Dmatrix.full=true} all; otherwise the half where step, fault
   * and scenario indexes add up to an even number, so that every step gets every other fault and
   * the steps the two pushes share (info/refs, receive-pack) get every fault between the two.
   */
  static boolean sampled(int scenario, int step, int fault) {
    return Boolean.getBoolean("matrix.full") || (scenario + step + fault) % 2 == 0;
  }

  private DynamicContainer matrix(PushScenario s, int index) {
    List<FaultMatrix.Step> steps = discover(s);
    TALLY.steps(s.name(), steps.size());
    List<DynamicNode> nodes = new ArrayList<>();
    for (FaultMatrix.Step step : steps) {
      boolean api = step.glob().startsWith("/api/");
      for (Injection fault : Injection.ALL) {
        if (!fault.appliesTo(step.method(), api)
            || !sampled(index, step.index(), fault.ordinal())) {
          continue;
        }
        String name = s.name() + " / step " + step.index() + " " + step.shown() + " / " + fault;
        nodes.add(DynamicTest.dynamicTest(name, () -> {
          try {
            runCase(s, step, fault);
          } catch (AssertionError e) {
            throw new AssertionError(name + ": " + e.getMessage(), e);
          }
        }));
      }
    }
    return DynamicContainer.dynamicContainer(s.name() + " (" + steps.size() + " steps)",
        nodes.stream());
  }

  private static Path freshDir() throws IOException {
    return Files.createDirectories(tmp.resolve("run-" + RUN.incrementAndGet()));
  }

  private static List<FaultMatrix.Step> discover(PushScenario s) {
    return assertTimeoutPreemptively(CASE_TIMEOUT, () -> {
      mock.reset();
      proxy.clear();
      PushOp op = s.prepare(proxy.baseUrl());
      mock.clearJournal();
      Object outcome = op.run();
      assertThat(op.check(outcome, null)).as("%s completes without faults: %s", s.name(),
          outcome).isTrue();
      List<FaultMatrix.Step> steps = new ArrayList<>();
      List<String> seen = new ArrayList<>();
      for (RecordedRequest r : mock.journal()) {
        String key = r.method() + " " + r.path();
        seen.add(key);
        int call = (int) seen.stream().filter(key::equals).count();
        String shown = r.method() + " " + r.path() + (r.query().isEmpty() ? "" : "?" + r.query())
            + " (" + r.status() + ")";
        steps.add(new FaultMatrix.Step(steps.size() + 1, r.method(), r.path(), call, shown));
      }
      return steps;
    });
  }

  private static void runCase(PushScenario s, FaultMatrix.Step step, Injection fault) {
    assertTimeoutPreemptively(CASE_TIMEOUT, () -> {
      mock.reset();
      proxy.clear();
      PushOp op = s.prepare(proxy.baseUrl());
      Duration stall = step.glob().startsWith("/api/") ? Injection.API_STALL : Injection.GIT_STALL;
      proxy.stallFor(stall);
      fault.rule(step.method(), step.glob(), step.call(), stall).ifPresent(mock.faults()::add);
      fault.wire(step.method(), step.glob(), step.call()).ifPresent(proxy::add);
      Object outcome;
      try {
        outcome = op.run();
      } catch (ai.disinto.core.DisintoException e) {
        assertThat(e.getMessage()).as("a typed failure says what failed").isNotBlank();
        outcome = e;
      } catch (Exception e) {
        throw new AssertionError("untyped failure " + e, e);
      }
      mock.faults().clear();
      proxy.clear();
      SecretsWatch.checkOutcome(outcome);
      SecretsWatch.checkJournal(mock);
      TALLY.cases.incrementAndGet();
      boolean completed;
      try {
        completed = op.check(outcome, fault);
      } catch (AssertionError | RuntimeException a) {
        TALLY.leftPartial.incrementAndGet();
        throw a;
      }
      (completed ? TALLY.completed : TALLY.failedCleanly).incrementAndGet();
    });
  }

  // ---- the pushes ----

  /** {@code disinto push-to-forge}: every branch of a clone, then the forge's API is asked. */
  static final class PushToForge implements PushScenario {
    @Override
    public String name() {
      return "push-to-forge";
    }

    private Template template;
    private String first;
    private String second;

    @Override
    public PushOp prepare(String via) throws Exception {
      seed(false);
      Path dir = tmp.resolve("push-to-forge");
      Path clone = dir.resolve("clone");
      if (template == null) {
        try (Git git = Git.init().setDirectory(clone.toFile()).setInitialBranch("main").call()) {
          first = commit(git, clone, "README.md", "hello\n", "first");
        }
        git(clone, "worktree", "add", "-q", "-b", BRANCH, dir.resolve("wt").toString(), "main");
        try (Git git = Git.open(clone.toFile())) {
          second = commit(git, clone, "README.md", "hello again\n", "second");
        }
        template = Template.of(dir, clone);
      } else {
        template.restore();
      }
      // The forge has the first commit: the push under faults moves main to the second.
      pushRefs(clone, first + ":refs/heads/main", "refs/heads/" + BRANCH + ":refs/heads/" + BRANCH);
      LocalState before = template.state();
      FakeTime time = new FakeTime();
      return new PushOp() {
        @Override
        public Object run() {
          return new ForgePush(Clients.forge(via, "o/r", TOKEN, time), time)
              .push(clone, via, "o/r", new GitAuth(USER, PASSWORD));
        }

        @Override
        public boolean check(Object outcome, Injection fault) throws Exception {
          assertThat(outcome).isInstanceOf(PushResult.class);
          PushResult r = (PushResult) outcome;
          LocalState.of(clone).assertSameAs(before);
          Optional<String> head = mock.branchHead("o/r", "main");
          assertThat(head).as("the forge's main is the old or the new commit (%s)", r)
              .isPresent().get().isIn(first, second);
          if (r.succeeded()) {
            assertThat(r.outcome()).isIn(PushResult.Outcome.PUSHED_VERIFIED,
                PushResult.Outcome.PUSHED_UNVERIFIED);
            assertThat(head).as("a push reported done is on the forge (%s)", r).contains(second);
            return true;
          }
          // A failure names its step: the branches' push, or the verification after it.
          assertThat(r.outcome()).isIn(PushResult.Outcome.BRANCHES_FAILED,
              PushResult.Outcome.STILL_EMPTY);
          assertThat(r.detail()).as("why").isNotBlank();
          if (r.outcome() == PushResult.Outcome.STILL_EMPTY) {
            assertThat(head).contains(second);
          }
          // Whatever the forge took, a retry converges.
          FakeTime again = new FakeTime();
          PushResult retry = new ForgePush(Clients.forge(mock.baseUrl(), "o/r", TOKEN, again),
              again).push(clone, mock.baseUrl(), "o/r", new GitAuth(USER, PASSWORD));
          assertThat(retry.outcome()).as("the retry after %s", r)
              .isEqualTo(PushResult.Outcome.PUSHED_VERIFIED);
          assertThat(mock.branchHead("o/r", "main")).contains(second);
          LocalState.of(clone).assertSameAs(before);
          return false;
        }
      };
    }
  }

  /**
   * The push of an agent's branch from its linked worktree, confined to {@code fix/}: the
   * walk-to-merge retrigger (empty commit, fetch, rebase, push with lease).
   */
  static final class WorktreeBranchPush implements PushScenario {
    @Override
    public String name() {
      return "worktree branch push (fix/ namespace)";
    }

    private Template template;
    private String pushed;

    @Override
    public PushOp prepare(String via) throws Exception {
      Path dir = tmp.resolve("worktree-push");
      Path clone = dir.resolve("clone");
      Path wt = dir.resolve("wt");
      Map<String, String> env = env(dir);
      if (template == null) {
        seed(true);
        Files.createDirectories(dir);
        run(env, dir, "git", "clone", "-q", mock.baseUrl() + "/o/r.git", clone.toString());
        run(env, clone, "git", "worktree", "add", "-q", "-b", BRANCH, wt.toString(),
            "origin/main");
        Files.writeString(wt.resolve("fix.txt"), "the fix\n");
        run(env, wt, "git", "add", "fix.txt");
        run(env, wt, "git", "commit", "-q", "-m", "fix");
        run(env, wt, "git", "push", "-q", "-u", "origin", BRANCH);
        pushed = run(env, wt, "git", "rev-parse", "HEAD").strip();
        run(env, clone, "git", "remote", "set-url", "origin", via + "/o/r.git");
        template = Template.of(dir, clone);
      } else {
        seed(false);
        template.restore();
        pushRefs(clone, "refs/remotes/origin/main:refs/heads/main",
            "refs/heads/" + BRANCH + ":refs/heads/" + BRANCH);
      }
      // The forge's main moved on since: the retrigger rebases onto it.
      mock.pushBranch("o/r", "main", null);
      LocalState before = template.state();
      Map<String, String> confined = new HashMap<>(env);
      confined.put("DISINTO_CONFINE_PUSHES", "1");
      confined.put("DISINTO_PUSH_NAMESPACE", "fix/");
      return new PushOp() {
        @Override
        public Object run() {
          return new GitCliRetrigger(confined).retrigger(wt, "origin", "main");
        }

        @Override
        public boolean check(Object outcome, Injection fault) throws Exception {
          assertThat(outcome).isInstanceOf(RetriggerResult.class);
          RetriggerResult r = (RetriggerResult) outcome;
          LocalState.of(clone).assertSameAs(before);
          assertThat(Files.exists(gitDirOf(wt).resolve("rebase-merge"))
              || Files.exists(gitDirOf(wt).resolve("rebase-apply")))
              .as("left mid-rebase").isFalse();
          String local = cleanHead(env, wt);
          Optional<String> remote = mock.branchHead("o/r", BRANCH);
          if (r.exitStatus() == 0) {
            assertThat(remote).as("a push reported done is on the forge (%s)", r)
                .contains(local);
            return true;
          }
          assertThat(r.output()).as("why").isNotBlank();
          assertThat(r.step()).as("the failed step").isIn("fetch", "push");
          assertThat(remote).as("the forge's branch is the old or the new commit (%s)", r)
              .isPresent().get().isIn(pushed, local);
          // A retry converges, whatever the forge took.
          RetriggerResult retry = new GitCliRetrigger(confined).retrigger(wt, "origin", "main");
          String after = cleanHead(env, wt);
          assertThat(retry.exitStatus()).as("the retry after %s: %s", r, retry.output())
              .isZero();
          assertThat(mock.branchHead("o/r", BRANCH)).contains(after);
          LocalState.of(clone).assertSameAs(before);
          return false;
        }
      };
    }
  }

  @Test
  void aBranchOutsideTheNamespaceIsNotPushedAndNothingReachesTheForge() throws Exception {
    mock.reset();
    seed(true);
    Path dir = freshDir();
    Path clone = dir.resolve("clone");
    Map<String, String> env = env(dir);
    run(env, dir, "git", "clone", "-q", mock.baseUrl() + "/o/r.git", clone.toString());
    run(env, clone, "git", "worktree", "add", "-q", "-b", "feature/x", dir.resolve("wt").toString(),
        "origin/main");
    mock.clearJournal();
    Map<String, String> confined = new HashMap<>(env);
    confined.put("DISINTO_CONFINE_PUSHES", "1");
    RetriggerResult r = new GitCliRetrigger(confined).retrigger(dir.resolve("wt"), "origin", "main");
    assertThat(r.exitStatus()).isEqualTo(1);
    assertThat(r.output()).contains("BLOCKED", "feature/x");
    assertThat(mock.journal()).isEmpty();
    assertThat(mock.branchHead("o/r", "feature/x")).isEmpty();
  }

  // ---- helpers ----

  /**
   * A clone made once and restored at the same path for every case (its linked worktree's links
   * are absolute paths), so that a case costs its push and not the making of a clone.
   */
  record Template(Path dir, Path snapshot, LocalState state) {
    static Template of(Path dir, Path clone) throws Exception {
      Path snapshot = tmp.resolve(dir.getFileName() + "-template");
      copy(dir, snapshot);
      return new Template(dir, snapshot, LocalState.of(clone));
    }

    void restore() throws IOException {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
      copy(snapshot, dir);
    }

    private static void copy(Path from, Path to) throws IOException {
      try (Stream<Path> files = Files.walk(from)) {
        for (Path f : files.toList()) {
          Files.copy(f, to.resolve(from.relativize(f).toString()),
              java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /** Gives the freshly seeded forge the clone's refs, straight to the mock (no faults). */
  private static void pushRefs(Path clone, String... refSpecs) throws Exception {
    try (Git git = Git.open(clone.toFile())) {
      var push = git.push().setRemote(mock.baseUrl() + "/o/r.git")
          .setCredentialsProvider(new GitAuth(USER, PASSWORD).credentialsProvider());
      for (String spec : refSpecs) {
        push.add(spec);
      }
      for (var result : push.call()) {
        for (var update : result.getRemoteUpdates()) {
          assertThat(update.getStatus()).as("seeding %s", update.getRemoteName())
              .isEqualTo(org.eclipse.jgit.transport.RemoteRefUpdate.Status.OK);
        }
      }
    }
  }

  private static void seed(boolean autoInit) {
    mock.seed().user(USER, u -> u.token(TOKEN).password(PASSWORD));
    mock.seed().repo("o/r", r -> r.collaborator(USER, "write").autoInit(autoInit));
  }

  private static String commit(Git git, Path dir, String file, String text, String message)
      throws Exception {
    Files.writeString(dir.resolve(file), text);
    git.add().addFilepattern(file).call();
    return git.commit().setMessage(message).setAuthor("t", "t@example.invalid")
        .setCommitter("t", "t@example.invalid").call().getName();
  }

  /** The git CLI's environment: no user config, a credential helper with the bot's password. */
  private static Map<String, String> env(Path dir) {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.put("HOME", dir.toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("GIT_AUTHOR_NAME", "dev-bot");
    env.put("GIT_AUTHOR_EMAIL", "dev-bot@example.invalid");
    env.put("GIT_COMMITTER_NAME", "dev-bot");
    env.put("GIT_COMMITTER_EMAIL", "dev-bot@example.invalid");
    env.put("GIT_CONFIG_COUNT", "1");
    env.put("GIT_CONFIG_KEY_0", "credential.helper");
    env.put("GIT_CONFIG_VALUE_0",
        "!f() { echo username=" + USER + "; echo password=" + PASSWORD + "; }; f");
    return env;
  }

  private static String git(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git"));
    cmd.addAll(List.of(args));
    return run(env(dir.getParent()), dir, cmd.toArray(String[]::new));
  }

  /** Runs a command that must succeed; its standard output. */
  static String run(Map<String, String> env, Path dir, String... cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("%s: %s", String.join(" ", cmd), out).isZero();
    return out;
  }

  /** The worktree's HEAD, checking that it has no change (one git process for both). */
  private static String cleanHead(Map<String, String> env, Path wt) throws Exception {
    List<String> lines = run(env, wt, "git", "status", "--porcelain=v2", "--branch").lines()
        .toList();
    assertThat(lines.stream().filter(l -> !l.startsWith("# "))).as("the worktree is clean")
        .isEmpty();
    return lines.stream().filter(l -> l.startsWith("# branch.oid ")).findFirst().orElseThrow()
        .substring("# branch.oid ".length()).strip();
  }

  private static Path gitDirOf(Path worktree) throws IOException {
    String line = Files.readString(worktree.resolve(".git")).strip();
    return Path.of(line.substring("gitdir:".length()).strip());
  }

  /**
   * What must not change in the clone: its registered worktrees (what {@code git worktree list}
   * reads: {@code .git/worktrees/<name>/gitdir} and {@code locked}), and no lock file anywhere.
   */
  record LocalState(List<String> worktrees) {
    static LocalState of(Path clone) throws IOException {
      Path gitDir = clone.resolve(".git");
      try (Stream<Path> files = Files.walk(gitDir)) {
        List<Path> locks = files.filter(f -> f.getFileName().toString().endsWith(".lock"))
            .toList();
        assertThat(locks).as("lock files left").isEmpty();
      }
      List<String> registered = new ArrayList<>();
      Path worktrees = gitDir.resolve("worktrees");
      if (Files.isDirectory(worktrees)) {
        try (Stream<Path> names = Files.list(worktrees)) {
          for (Path w : names.sorted().toList()) {
            registered.add(w.getFileName() + " -> " + Files.readString(w.resolve("gitdir")).strip()
                + (Files.exists(w.resolve("locked")) ? " locked" : ""));
          }
        }
      }
      return new LocalState(registered);
    }

    void assertSameAs(LocalState before) {
      assertThat(worktrees).as("registered worktrees").isEqualTo(before.worktrees)
          .isNotEmpty();
    }
  }
}
