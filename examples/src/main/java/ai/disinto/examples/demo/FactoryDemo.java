package ai.disinto.examples.demo;

import ai.disinto.ci.debug.CiDebug;
import ai.disinto.ci.helpers.CiService;
import ai.disinto.ci.helpers.CiSettings;
import ai.disinto.ci.helpers.WoodpeckerCiGate;
import ai.disinto.ci.logs.CiLogReader;
import ai.disinto.ci.woodpecker.Pipeline;
import ai.disinto.ci.woodpecker.PipelineQuery;
import ai.disinto.ci.woodpecker.WoodpeckerClient;
import ai.disinto.core.DisintoException;
import ai.disinto.core.process.ProcessResult;
import ai.disinto.examples.demo.DemoProject.Task;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.model.PullRequest;
import ai.disinto.forge.pulls.PullRequests;
import ai.disinto.forge.pulls.PullsConfig;
import ai.disinto.git.GitCli;
import ai.disinto.git.worktree.ClaudeProjectCache;
import ai.disinto.git.worktree.WorktreeManager;
import ai.disinto.git.worktree.WorktreeSettings;
import ai.disinto.log.FactoryLogging;
import ai.disinto.log.LogTarget;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.model.ClaudeCode;
import ai.disinto.testkit.model.ScriptedModel;
import ai.disinto.testkit.time.FakeTime;
import ai.disinto.testkit.woodpecker.MockWoodpecker;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;

/**
 * The whole factory on one machine, in seconds: a mock Forgejo with real git behind it, a mock
 * Woodpecker that really runs the project's pipeline, and the real Claude Code CLI driven by a
 * scripted model. The demo seeds a small real project (a bash tool, its test script and a {@code
 * .woodpecker.yml} that runs it) and a backlog of three issues (one depending on another), then
 * runs the factory's {@link FactoryCycle} on it: suggest, claim, worktree on a real clone, agent
 * (with the factory's hooks), push over git, PR, CI, review, merge in the bare repository, close.
 * One issue's first attempt fails its test in CI; the agent reads the failing log in its CI-fix
 * prompt and pushes the fix.
 *
 * <p>Where the factory would wait (CI polls, review polls) the clock is virtual: each wait jumps it
 * forward once the Woodpecker runner is idle, and the review bot gets its turn. Without Claude Code
 * installed ({@code .tools/claude-code}, as {@code .ci/run} installs it) the testkit's fake
 * {@code claude} stands in and the demo runs the scripted commands itself; the first line says
 * which. Everything lives in one temporary folder, removed at the end with the servers.
 *
 * <pre>{@code
 * DemoReport report = FactoryDemo.builder().out(System.out).build().run();
 * }</pre>
 */
public final class FactoryDemo {
  /** The repository the demo creates unless told otherwise. */
  public static final String DEFAULT_REPO = "demo/widgets";

  private static final String DEV = "dev-bot";
  private static final String REVIEWER = "review-bot";
  private static final String CI_USER = "demo-ci";
  private static final Duration IDLE = Duration.ofSeconds(120);

  private final String forgeUrl;
  private final String woodpeckerUrl;
  private final Path woodpeckerDataDir;
  private final String repo;
  private final PrintStream out;
  private final PrintStream log;
  private final boolean fakeClaude;
  private final Consumer<Kept> whileKept;

  private FactoryDemo(Builder b) {
    this.forgeUrl = b.forgeUrl;
    this.woodpeckerUrl = b.woodpeckerUrl;
    this.woodpeckerDataDir = b.woodpeckerDataDir;
    this.repo = b.repo;
    this.out = b.out;
    this.log = b.log;
    this.fakeClaude = b.fakeClaude;
    this.whileKept = b.whileKept;
  }

  /**
   * Starts a builder: embedded servers, repository {@value #DEFAULT_REPO}, output to a sink.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Where the servers of a finished run can be reached while {@link Builder#whileKept} holds
   * them.
   *
   * @param forgeUrl the forge's base URL
   * @param cloneUrl the repository's clone URL (anonymous reads work)
   * @param woodpeckerUrl the Woodpecker's base URL
   * @param woodpeckerRepoId the repository's id in Woodpecker ({@code WOODPECKER_REPO_ID})
   * @param woodpeckerDataDir the folder of Woodpecker's SQLite store ({@code
   *     WOODPECKER_DATA_DIR}), empty when unknown
   * @param bareRepository the bare repository behind the forge, empty when the forge is elsewhere
   * @param pipelines the repository's pipelines, oldest first
   */
  public record Kept(String forgeUrl, String cloneUrl, String woodpeckerUrl,
      long woodpeckerRepoId, Optional<Path> woodpeckerDataDir, Optional<Path> bareRepository,
      List<KeptPipeline> pipelines) {
    /** Freezes the list. */
    public Kept {
      pipelines = List.copyOf(pipelines);
    }
  }

  /**
   * One pipeline of a finished run.
   *
   * @param number its number ({@code disinto ci-logs NUMBER})
   * @param status {@code success}, {@code failure}, ...
   * @param event {@code push} or {@code pull_request}
   * @param ref the ref it ran for, such as {@code refs/pull/4/head}
   */
  public record KeptPipeline(long number, String status, String event, String ref) {}

  /**
   * Finds the real Claude Code CLI the way the tests do ({@link ClaudeCode#locate()}: {@code
   * -Ddisinto.claude}, {@code DISINTO_CLAUDE}, {@code .tools/claude-code} in the working folder or
   * above), and else {@code .tools/claude-code} above the folder of this program's jar, so that
   * {@code bin/disinto demo} finds it from any working folder.
   *
   * @return the executable, empty when it is not installed
   */
  public static Optional<Path> locateClaudeCode() {
    Optional<Path> p = ClaudeCode.locate();
    if (p.isPresent()) {
      return p;
    }
    try {
      Path self = Path.of(FactoryDemo.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI()).toAbsolutePath();
      for (Path d = self.getParent(); d != null; d = d.getParent()) {
        Path c = d.resolve(".tools/claude-code/node_modules/.bin/claude");
        if (Files.isExecutable(c)) {
          return Optional.of(c);
        }
      }
    } catch (Exception e) {
      // No code source (an unusual class loader): nothing more to look at.
    }
    return Optional.empty();
  }

  /**
   * Seeds the project and the backlog, works it off and reads the outcome back from the forge.
   * Embedded servers are started for the run and stopped after it (after {@link
   * Builder#whileKept} returns); servers elsewhere are left running.
   *
   * @return what the run did
   * @throws DisintoException when a server is not a disinto mock, the repository already exists,
   *     or the agent fails
   */
  public DemoReport run() {
    Resources res = new Resources();
    Thread hook = new Thread(res::close, "disinto-demo-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      Path root = res.root(Files.createTempDirectory("disinto-demo-"));
      String fUrl = forgeUrl;
      String wUrl = woodpeckerUrl;
      Path dataDir = woodpeckerDataDir;
      Optional<MockForgejo> embeddedForge = Optional.empty();
      CiIdle idle;
      if (fUrl == null) {
        MockForgejo forge = res.add(MockForgejo.start());
        dataDir = root.resolve("woodpecker-data");
        MockWoodpecker wp = res.add(MockWoodpecker.builder().linkedTo(forge).execute(true)
            .dataDir(dataDir).workDir(Files.createDirectories(root.resolve("woodpecker-runs")))
            .stepTimeout(Duration.ofSeconds(60)).start());
        fUrl = forge.baseUrl();
        wUrl = wp.baseUrl();
        embeddedForge = Optional.of(forge);
        idle = () -> wp.awaitIdle(IDLE);
      } else {
        idle = null;
      }
      ScriptedModel model = res.add(ScriptedModel.start(0));
      return runOn(root, fUrl, wUrl, dataDir, embeddedForge, idle, model);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set up the demo", e);
    } finally {
      res.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down already; the hook does the same cleanup.
      }
    }
  }

  /** Waits until the CI runner has nothing left to run. */
  @FunctionalInterface
  private interface CiIdle {
    boolean await() throws InterruptedException;
  }

  private DemoReport runOn(Path root, String baseUrl, String wpUrl, Path dataDir,
      Optional<MockForgejo> embedded, CiIdle embeddedIdle, ScriptedModel model)
      throws IOException {
    long startNanos = System.nanoTime();
    AtomicLong apiRequests = new AtomicLong();
    OkHttpClient http = new OkHttpClient.Builder()
        .addInterceptor(chain -> {
          if (chain.request().url().encodedPath().startsWith(MockForgejo.API_PREFIX + "/")) {
            apiRequests.incrementAndGet();
          }
          return chain.proceed(chain.request());
        })
        .build();
    MockControl control = new MockControl(http, baseUrl);
    String devToken = newToken();
    String devPassword = newToken();
    String reviewToken = newToken();
    String wpToken = newToken();
    List<Task> tasks = DemoProject.backlog();
    List<Long> backlog = seed(control, tasks, devToken, devPassword, reviewToken);
    long repoId = seedWoodpecker(http, wpUrl, wpToken);
    Map<Long, Task> byIssue = new LinkedHashMap<>();
    for (int i = 0; i < backlog.size(); i++) {
      byIssue.put(backlog.get(i), tasks.get(i));
    }

    FakeTime time = new FakeTime(Instant.parse("2026-04-03T09:00:00Z"));
    Instant start = time.instant();
    ForgeClient dev = ForgeClient.builder().baseUrl(baseUrl).repo(repo).token(devToken)
        .httpClient(http).retryPolicy(RetryPolicy.none()).build();
    ForgeClient reviewer = dev.withToken(reviewToken);
    WoodpeckerClient wp = WoodpeckerClient.builder().server(wpUrl).token(wpToken)
        .retryPolicy(RetryPolicy.none()).clock(time).sleeper(time).build();
    CiIdle idle = embeddedIdle != null ? embeddedIdle : () -> pollIdle(wp, repoId);
    ReviewBot bot = new ReviewBot(dev, reviewer);
    time.afterEachSleep(() -> {
      try {
        if (!idle.await()) {
          throw new DisintoException("the Woodpecker runner did not finish within " + IDLE);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DisintoException("interrupted while waiting for the Woodpecker runner", e);
      }
      bot.tick();
    });

    String cloneUrl = baseUrl + "/" + repo + ".git";
    Map<String, String> gitEnv = gitEnv(root, cloneUrl, devPassword);
    DemoAgent agent = new DemoAgent(fakeClaude ? Optional.empty() : locateClaudeCode(), model,
        root, gitEnv, byIssue, out);
    Optional<Path> storeDir = Optional.ofNullable(dataDir);
    out.printf("disinto demo: %d backlog issues in %s/%s (mock Forgejo, git over HTTP)%n",
        backlog.size(), baseUrl, repo);
    out.printf("  CI: mock Woodpecker %s running .woodpecker.yml for real (repo id %d)%n", wpUrl,
        repoId);
    out.printf("  agent: %s%n", agent.describe());
    out.flush();

    Workspace workspace = new Workspace(root, cloneUrl, gitEnv);
    CiService ci = new CiService(new CiSettings(Long.toString(repoId)), wp, dev,
        new CiLogReader(storeDir.orElse(root.resolve("no-woodpecker-store")),
            OptionalLong.of(repoId)));
    WoodpeckerCiGate gate = new WoodpeckerCiGate(ci, new CiDebug(wp, repoId));
    PullRequests prs = PullRequests.builder(dev)
        .config(PullsConfig.defaults().withReviewBots(Set.of(REVIEWER)))
        .sleeper(time)
        .build();
    FactoryCycle cycle = FactoryCycle.builder(dev, prs, gate, workspace, agent)
        .clock(time).out(out).requestCounter(apiRequests::get)
        .ciRuns(pr -> ciRuns(wp, repoId, pr)).maxIssues(backlog.size() + 2).build();

    List<FactoryCycle.IssueRun> runs;
    // The services log through SLF4J: for this run, their lines go where the demo's log goes,
    // stamped with the demo's virtual time.
    try (var bound = FactoryLogging.bind(LogTarget.printingTo("dev", time, log))) {
      runs = cycle.run();
    }
    // The merge's own pipeline on main, so that the kept store holds every run.
    time.sleep(Duration.ZERO);

    List<Long> closed = backlog.stream()
        .filter(n -> "closed".equals(dev.get("/issues/" + n, Issue.class).state())).toList();
    List<Long> pulls = runs.stream().filter(r -> r.pr().isPresent())
        .map(r -> r.pr().getAsLong()).toList();
    List<Long> merged = pulls.stream()
        .filter(p -> dev.get("/pulls/" + p, PullRequest.class).merged()).toList();
    boolean logCarried = agent.fixPrompts().stream()
        .anyMatch(p -> p.contains(DemoProject.FAILING_LINE));
    DemoReport report = new DemoReport(backlog, closed, pulls, merged, runs, agent.turns(),
        agent.guardRefusals(), logCarried, agent.real(), apiRequests.get(),
        Duration.ofNanos(System.nanoTime() - startNanos), Duration.between(start, time.instant()));
    printSummary(report);
    if (whileKept != null) {
      List<KeptPipeline> pipelines = wp.allPipelines(repoId, PipelineQuery.firstPage()).stream()
          .sorted(Comparator.comparingLong(Pipeline::number))
          .map(p -> new KeptPipeline(p.number(), p.status(), p.event(), p.ref())).toList();
      whileKept.accept(new Kept(baseUrl, cloneUrl, wpUrl, repoId, storeDir,
          embedded.map(f -> f.bareRepository(owner(), name())), pipelines));
    }
    return report;
  }

  private void printSummary(DemoReport r) {
    out.println();
    out.printf("  %-6s %-5s %-8s %-12s %-9s %s%n", "issue", "PR", "CI runs", "agent turns",
        "requests", "time");
    for (FactoryCycle.IssueRun run : r.runs()) {
      out.printf("  %-6s %-5s %-8s %-12d %-9d %.1f s (%s of factory time)%s%n",
          "#" + run.issue(), run.pr().isPresent() ? "#" + run.pr().getAsLong() : "-",
          run.ciRuns() < 0 ? "?" : Long.toString(run.ciRuns()), run.agentTurns(),
          run.requests(), run.wall().toMillis() / 1000.0, FactoryCycle.clockText(run.factory()),
          run.merged() ? "" : "  " + run.outcome());
    }
    out.println();
    int fixes = r.ciFailures();
    out.printf("summary: %d/%d issues closed, %d/%d PRs merged, %d CI fix%s (failing log %s the"
            + " agent); %s: %d turns, guard refused %d; %d forge requests in %d ms (%s of"
            + " factory time)%n",
        r.closedIssues().size(), r.issues().size(), r.mergedPulls().size(), r.pulls().size(),
        fixes, fixes == 1 ? "" : "es", r.failingLogReachedAgent() ? "reached" : "did NOT reach",
        r.realClaude() ? "Claude Code" : "fake claude", r.agentTurns(), r.guardRefusals(),
        r.forgeRequests(), r.real().toMillis(), FactoryCycle.clockText(r.virtual()));
    out.flush();
  }

  private static boolean pollIdle(WoodpeckerClient wp, long repoId) throws InterruptedException {
    long deadline = System.nanoTime() + IDLE.toNanos();
    while (System.nanoTime() < deadline) {
      boolean busy = wp.allPipelines(repoId, PipelineQuery.firstPage()).stream()
          .map(Pipeline::status)
          .anyMatch(s -> "pending".equals(s) || "running".equals(s));
      if (!busy) {
        return true;
      }
      // A server elsewhere: nothing to wait on but its answers.
      Thread.sleep(50);
    }
    return false;
  }

  private static long ciRuns(WoodpeckerClient wp, long repoId, long pr) {
    String ref = "refs/pull/" + pr + "/head";
    return wp.allPipelines(repoId, PipelineQuery.firstPage()).stream()
        .filter(p -> ref.equals(p.ref())).count();
  }

  private List<Long> seed(MockControl control, List<Task> tasks, String devToken,
      String devPassword, String reviewToken) {
    Map<String, Object> repoSpec = new LinkedHashMap<>();
    repoSpec.put("full_name", repo);
    repoSpec.put("default_branch", "main");
    repoSpec.put("auto_init", true);
    repoSpec.put("files", DemoProject.files());
    repoSpec.put("collaborators", Map.of(DEV, "write", REVIEWER, "write"));
    repoSpec.put("labels", List.of(
        Map.of("name", "backlog", "color", "#0075ca"),
        Map.of("name", "in-progress", "color", "#1d76db"),
        Map.of("name", "blocked", "color", "#e11d48")));
    repoSpec.put("issues", tasks.stream().map(t -> Map.of("title", t.title(), "body", t.body(),
        "user", DEV, "labels", List.of("backlog"))).toList());
    Map<String, Object> document = Map.of(
        "users", List.of(user(owner(), null, newToken()), user(DEV, devToken, devPassword),
            user(REVIEWER, reviewToken, newToken())),
        "repos", List.of(repoSpec));
    Map<String, Object> created = control.seed(document);
    @SuppressWarnings("unchecked")
    Map<String, Object> repos = (Map<String, Object>) created.get("repos");
    @SuppressWarnings("unchecked")
    Map<String, Object> ours = (Map<String, Object>) repos.get(repo);
    @SuppressWarnings("unchecked")
    List<Number> numbers = (List<Number>) ours.get("issues");
    return numbers.stream().map(Number::longValue).toList();
  }

  private long seedWoodpecker(OkHttpClient http, String wpUrl, String token) {
    Map<String, Object> answer = MockControl.seedWoodpecker(http, wpUrl, Map.of(
        "users", List.of(Map.of("login", CI_USER, "token", token, "admin", true)),
        "repos", List.of(Map.of("full_name", repo))));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> repos = (List<Map<String, Object>>) answer.get("repos");
    return ((Number) repos.get(0).get("id")).longValue();
  }

  private static Map<String, Object> user(String login, String token, String password) {
    Map<String, Object> u = new LinkedHashMap<>();
    u.put("login", login);
    u.put("password", password);
    u.put("email", login + "@demo.invalid");
    if (token != null) {
      u.put("tokens", List.of(token));
    }
    return u;
  }

  /**
   * The environment of every git command of the run, the agent's included: the dev bot's
   * identity, and its password in a credential store file of the run (never in a URL or a log).
   */
  private static Map<String, String> gitEnv(Path root, String cloneUrl, String password)
      throws IOException {
    Path store = root.resolve("git-credentials");
    URI u = URI.create(cloneUrl);
    Files.writeString(store, u.getScheme() + "://" + DEV + ":"
        + URLEncoder.encode(password, StandardCharsets.UTF_8) + "@" + u.getHost()
        + (u.getPort() < 0 ? "" : ":" + u.getPort()) + "\n");
    Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-------"));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin"));
    env.put("HOME", Files.createDirectories(root.resolve("home")).toString());
    env.put("LANG", "C.UTF-8");
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_CONFIG_COUNT", "3");
    env.put("GIT_CONFIG_KEY_0", "credential.helper");
    env.put("GIT_CONFIG_VALUE_0", "store --file=" + store);
    env.put("GIT_CONFIG_KEY_1", "commit.gpgsign");
    env.put("GIT_CONFIG_VALUE_1", "false");
    env.put("GIT_CONFIG_KEY_2", "advice.detachedHead");
    env.put("GIT_CONFIG_VALUE_2", "false");
    env.put("GIT_AUTHOR_NAME", DEV);
    env.put("GIT_AUTHOR_EMAIL", DEV + "@demo.invalid");
    env.put("GIT_COMMITTER_NAME", DEV);
    env.put("GIT_COMMITTER_EMAIL", DEV + "@demo.invalid");
    return env;
  }

  private String owner() {
    return repo.substring(0, repo.indexOf('/'));
  }

  private String name() {
    return repo.substring(repo.indexOf('/') + 1);
  }

  private static String newToken() {
    byte[] bytes = new byte[20];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** A real clone of the repository and one worktree per issue, through the git module. */
  private static final class Workspace implements FactoryCycle.Workspace {
    private final GitCli git;
    private final Path clone;
    private final Path worktreeRoot;
    private final WorktreeManager worktrees;

    Workspace(Path root, String cloneUrl, Map<String, String> env) throws IOException {
      this.git = GitCli.withEnvironment(env);
      this.clone = root.resolve("clone");
      this.worktreeRoot = Files.createDirectories(root.resolve("worktrees"));
      ProcessResult r = git.runMerged(root, GitCli.NETWORK_TIMEOUT, "clone", "-q", cloneUrl,
          clone.toString());
      if (!r.succeeded()) {
        throw new DisintoException("git clone failed: " + GitCli.describe(r));
      }
      // The hooks' settings live in each worktree's .claude/; they are not the project's.
      Files.writeString(clone.resolve(".git/info/exclude"), ".claude/\n");
      Path home = Path.of(env.get("HOME"));
      this.worktrees = new WorktreeManager(WorktreeSettings.of(clone).withScanRoot(worktreeRoot),
          git, new ClaudeProjectCache(home.resolve(".claude")), List::of, Clock.systemUTC(),
          home);
    }

    @Override
    public Path create(long issue, String branch) {
      ProcessResult r = git.runMerged(clone, GitCli.NETWORK_TIMEOUT, "fetch", "-q", "origin");
      if (!r.succeeded()) {
        throw new DisintoException("git fetch failed: " + GitCli.describe(r));
      }
      return worktrees.create(worktreeRoot.resolve("issue-" + issue), branch, Optional.empty());
    }

    @Override
    public boolean remove(Path worktree) {
      return worktrees.cleanup(worktree);
    }
  }

  /**
   * The review bot: approves a PR head once its CI passed, with the comment format the review
   * agent writes.
   */
  private static final class ReviewBot {
    private final ForgeClient dev;
    private final ForgeClient reviewer;
    private final Set<String> reviewed = new HashSet<>();

    ReviewBot(ForgeClient dev, ForgeClient reviewer) {
      this.dev = dev;
      this.reviewer = reviewer;
    }

    void tick() {
      for (PullRequest pr : dev.getAll("/pulls?state=open", PullRequest.class)) {
        String sha = pr.head().sha();
        if (reviewed.contains(sha)) {
          continue;
        }
        Map<?, ?> status = dev.get("/commits/" + sha + "/status", Map.class);
        if (!"success".equals(status.get("state"))) {
          continue;
        }
        reviewed.add(sha);
        reviewer.call("POST", "/issues/" + pr.number() + "/comments", Map.of("body",
            "## AI Review\n<!-- reviewed: " + sha + " -->\n\n"
                + "The change does what the issue asks and its test covers it.\n\n"
                + "### Verdict\n**APPROVE** — ready to merge\n\n---\n"
                + "*Reviewed at `" + sha.substring(0, 7) + "`*"), Void.class);
      }
    }
  }

  /** What a run holds: the servers it started and its folder; closed once, in reverse order. */
  private static final class Resources {
    private final Deque<AutoCloseable> open = new ArrayDeque<>();
    private Path root;
    private boolean closed;

    synchronized <T extends AutoCloseable> T add(T resource) {
      open.push(resource);
      return resource;
    }

    synchronized Path root(Path dir) {
      this.root = dir;
      return dir;
    }

    synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      while (!open.isEmpty()) {
        try {
          open.pop().close();
        } catch (Exception e) {
          // Keep closing the rest; the folder goes below in any case.
        }
      }
      if (root != null) {
        deleteTree(root);
      }
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // Reported below by what is left.
        }
      });
    } catch (IOException e) {
      // Reported below.
    }
    if (Files.exists(root)) {
      throw new UncheckedIOException(new IOException("could not remove " + root));
    }
  }

  /** Settings of a demo run. */
  public static final class Builder {
    private String forgeUrl;
    private String woodpeckerUrl;
    private Path woodpeckerDataDir;
    private String repo = DEFAULT_REPO;
    private PrintStream out = new PrintStream(OutputStream.nullOutputStream());
    private PrintStream log = new PrintStream(OutputStream.nullOutputStream());
    private boolean fakeClaude;
    private Consumer<Kept> whileKept;

    private Builder() {}

    /**
     * Runs against servers elsewhere instead of embedded ones: a mock Forgejo ({@code disinto
     * mock-forgejo}, answering {@code /_mock/} control requests) and a mock Woodpecker linked to
     * it and running pipelines. Both or neither.
     *
     * @param forge the forge's base URL, such as {@code http://127.0.0.1:3000}; {@code null} for
     *     embedded servers
     * @param woodpecker the Woodpecker's base URL
     * @return this builder
     * @throws IllegalArgumentException when only one is given
     */
    public Builder servers(String forge, String woodpecker) {
      if ((forge == null) != (woodpecker == null)) {
        throw new IllegalArgumentException(
            "a forge elsewhere needs its Woodpecker too: give both URLs or neither");
      }
      this.forgeUrl = forge == null ? null : forge.replaceAll("/+$", "");
      this.woodpeckerUrl = woodpecker == null ? null : woodpecker.replaceAll("/+$", "");
      return this;
    }

    /**
     * The folder of the Woodpecker's SQLite store when it runs elsewhere, for the failing log in
     * the CI-fix prompt (without it the prompt carries the API's digest only).
     *
     * @param dir the folder holding {@code woodpecker.sqlite}, or {@code null}
     * @return this builder
     */
    public Builder woodpeckerDataDir(Path dir) {
      this.woodpeckerDataDir = dir;
      return this;
    }

    /**
     * The repository to create and work in; it must not exist yet.
     *
     * @param ownerAndName {@code owner/name}
     * @return this builder
     */
    public Builder repo(String ownerAndName) {
      if (ownerAndName == null || !ownerAndName.matches("[A-Za-z0-9._-]+/[A-Za-z0-9._-]+")) {
        throw new IllegalArgumentException("repo must be owner/name, got: " + ownerAndName);
      }
      this.repo = ownerAndName;
      return this;
    }

    /**
     * Uses the fake {@code claude} even where Claude Code is installed.
     *
     * @param fake whether to
     * @return this builder
     */
    public Builder fakeClaude(boolean fake) {
      this.fakeClaude = fake;
      return this;
    }

    /**
     * Where the step lines and the summary go.
     *
     * @param stream the stream
     * @return this builder
     */
    public Builder out(PrintStream stream) {
      this.out = Objects.requireNonNull(stream, "stream");
      return this;
    }

    /**
     * Where the lifecycles' own log lines go (nowhere by default).
     *
     * @param stream the stream
     * @return this builder
     */
    public Builder log(PrintStream stream) {
      this.log = Objects.requireNonNull(stream, "stream");
      return this;
    }

    /**
     * Called after the summary with the servers still up; they stop when it returns.
     *
     * @param hold what to do meanwhile, such as waiting for standard input to close
     * @return this builder
     */
    public Builder whileKept(Consumer<Kept> hold) {
      this.whileKept = hold;
      return this;
    }

    /**
     * Builds the demo.
     *
     * @return the demo, ready to {@link FactoryDemo#run()}
     */
    public FactoryDemo build() {
      return new FactoryDemo(this);
    }
  }
}
