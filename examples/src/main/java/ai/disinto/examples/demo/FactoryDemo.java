package ai.disinto.examples.demo;

import ai.disinto.core.agent.AgentResult;
import ai.disinto.core.agent.AgentRunner;
import ai.disinto.ci.gate.ForgeStatusCiGate;
import ai.disinto.core.secrets.SecretScanner;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.model.PullRequest;
import ai.disinto.forge.issues.ClaimResult;
import ai.disinto.forge.issues.IssueLifecycle;
import ai.disinto.forge.pulls.CreateResult;
import ai.disinto.forge.pulls.MergeWalk;
import ai.disinto.forge.pulls.PullRequests;
import ai.disinto.forge.pulls.PullsConfig;
import ai.disinto.forge.pulls.RetriggerResult;
import ai.disinto.forge.pulls.WalkResult;
import ai.disinto.log.FactoryLogging;
import ai.disinto.log.LogTarget;
import ai.disinto.testkit.forgejo.MockForgejo;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * One whole factory cycle on a mock Forgejo: a small backlog (one issue depending on another) is
 * worked off the way the dev agent does it, through the library's real lifecycles over real HTTP.
 *
 * <p>For each round: {@link IssueLifecycle#suggestNext() suggest} the next ready issue, {@link
 * IssueLifecycle#claim claim} it, push a branch (what the agent's work ends with), {@link
 * PullRequests#create open a PR}, {@link MergeWalk#walk walk it} through CI and review to
 * the merge, and {@link IssueLifecycle#close close} the issue; then the next round, until no
 * backlog issue is ready. CI, the review bot and the agent are scripted stand-ins (see {@link
 * DemoWorld}): one branch fails CI once, so the walk asks the agent for a fix. Each step prints
 * one line with its wall-clock time; a summary closes the run.
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

  private final String forgeUrl;
  private final String repo;
  private final PrintStream out;
  private final PrintStream log;

  private FactoryDemo(Builder b) {
    this.forgeUrl = b.forgeUrl;
    this.repo = b.repo;
    this.out = b.out;
    this.log = b.log;
  }

  /**
   * Starts a builder: embedded mock, repository {@value #DEFAULT_REPO}, output to a sink.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Seeds the backlog, works it off and reads the outcome back from the forge. With no forge URL
   * an embedded mock is started for the run and stopped after it.
   *
   * @return what the run did
   * @throws ai.disinto.core.DisintoException when the forge is not a disinto mock Forgejo, or the
   *     repository already exists there
   */
  public DemoReport run() {
    if (forgeUrl != null) {
      return runOn(forgeUrl);
    }
    try (MockForgejo mock = MockForgejo.start()) {
      return runOn(mock.baseUrl());
    }
  }

  private DemoReport runOn(String baseUrl) {
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
    String reviewToken = newToken();
    List<Long> backlog = seed(control, devToken, reviewToken);
    out.printf("disinto demo: %d backlog issues in %s/%s (mock Forgejo)%n",
        backlog.size(), baseUrl, repo);

    ForgeClient dev = ForgeClient.builder()
        .baseUrl(baseUrl).repo(repo).token(devToken).httpClient(http).build();
    ForgeClient review = dev.withToken(reviewToken);
    Set<String> flaky = Set.of(branch(backlog.get(1)));
    DemoWorld world = new DemoWorld(dev, review, flaky);
    ScriptedAgent agent = new ScriptedAgent(control);

    IssueLifecycle issues =
        new IssueLifecycle(dev, SecretScanner.defaults(), world.time());
    PullRequests prs = PullRequests.builder(dev)
        .config(PullsConfig.defaults().withReviewBots(Set.of(REVIEWER)))
        .sleeper(world.time())
        .build();
    MergeWalk walker = MergeWalk.builder(prs, new ForgeStatusCiGate(dev, "1"), agent,
        (worktree, remote, primary) -> new RetriggerResult(0, "")).build();
    // The services log through SLF4J: for this run, their lines go where the demo's log goes,
    // stamped with the demo's virtual time.
    try (var bound = FactoryLogging.bind(LogTarget.printingTo("dev", world.time(), log))) {
      return work(dev, control, backlog, world, agent, issues, prs, walker, apiRequests,
          startNanos);
    }
  }

  private DemoReport work(ForgeClient dev, MockControl control, List<Long> backlog,
      DemoWorld world, ScriptedAgent agent, IssueLifecycle issues, PullRequests prs,
      MergeWalk walker, AtomicLong apiRequests, long startNanos) {

    List<Long> pulls = new ArrayList<>();
    OptionalLong next;
    while ((next = step("suggest-next", null, issues::suggestNext, r -> r.isPresent()
        ? "#" + r.getAsLong() + " is ready: " + title(dev, r.getAsLong())
        : "no ready backlog issue left")).isPresent()) {
      long n = next.getAsLong();
      ClaimResult claim = step("claim", n, () -> issues.claim(n), r -> r instanceof
          ClaimResult.Claimed c ? "assigned to " + c.login() + ", labelled in-progress" : r.toString());
      if (!claim.claimed()) {
        break;
      }
      String branch = branch(n);
      String sha = step("implement", n, () -> control.push(repo, branch),
          s -> "pushed " + branch + " at " + s.substring(0, 7));
      CreateResult pr = step("pr-create", n,
          () -> prs.create(branch, title(dev, n), "Fixes #" + n + "\n\nImplements the issue."),
          r -> r.ok() ? "opened PR #" + r.number().getAsLong()
              : "failed (HTTP " + r.httpStatus() + "): " + r.message());
      if (!pr.ok()) {
        break;
      }
      long p = pr.number().getAsLong();
      pulls.add(p);
      agent.workOn(branch, n);
      Duration before = world.elapsed();
      WalkResult walk = step("walk", n, () -> walker.walk(p, "", Path.of("").toAbsolutePath()),
          w -> "PR #" + p + " " + w.reason().wireName() + " (CI fixes " + w.ciFixes()
              + ", review rounds " + w.reviewRounds() + ", " + clock(world.elapsed().minus(before))
              + " of factory time)");
      if (!walk.merged()) {
        step("block", n, () -> issues.block(n, walk.reason().wireName(), null),
            r -> r.ok() ? "blocked: " + walk.reason().wireName()
                : "block failed: " + r.firstFailure().orElseThrow().describe());
        continue;
      }
      step("close", n, () -> issues.close(n),
          r -> r.ok() ? "closed" : "close failed: " + r.firstFailure().orElseThrow().describe());
    }

    List<Long> closed = backlog.stream()
        .filter(n -> "closed".equals(dev.get("/issues/" + n, Issue.class).state())).toList();
    List<Long> merged = pulls.stream()
        .filter(p -> dev.get("/pulls/" + p, PullRequest.class).merged()).toList();
    DemoReport report = new DemoReport(backlog, closed, pulls, merged, agent.runs(),
        apiRequests.get(), Duration.ofNanos(System.nanoTime() - startNanos), world.elapsed());
    out.printf("summary: %d/%d issues closed, %d/%d PRs merged, %d agent fix%s; %d forge requests"
            + " in %d ms (%s of factory time)%n",
        closed.size(), backlog.size(), merged.size(), pulls.size(), report.agentRuns(),
        report.agentRuns() == 1 ? "" : "es", report.forgeRequests(), report.real().toMillis(),
        clock(report.virtual()));
    return report;
  }

  /** Runs one step, printing its line: name, issue, what happened, wall-clock milliseconds. */
  private <T> T step(String name, Long issue, Supplier<T> action,
      Function<T, String> describe) {
    long t0 = System.nanoTime();
    T result = action.get();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    out.printf("  %-12s %-5s %-72s %5d ms%n",
        name, issue == null ? "" : "#" + issue, describe.apply(result), ms);
    out.flush();
    return result;
  }

  private List<Long> seed(MockControl control, String devToken, String reviewToken) {
    String owner = repo.substring(0, repo.indexOf('/'));
    List<Map<String, Object>> backlog = List.of(
        issue("Document the widgets command",
            "Describe `widgets list` and `widgets add` in the README."),
        issue("Parse the widgets config file",
            "Read `widgets.toml` into a typed config; reject unknown keys."),
        issue("Validate widget names from the config",
            "Names must be lower-case and unique.\n\n## Depends on\n- #2"));
    Map<String, Object> repoSpec = new LinkedHashMap<>();
    repoSpec.put("full_name", repo);
    repoSpec.put("default_branch", "main");
    repoSpec.put("auto_init", true);
    repoSpec.put("collaborators", Map.of(DEV, "write", REVIEWER, "write"));
    repoSpec.put("labels", List.of(
        Map.of("name", "backlog", "color", "#0075ca"),
        Map.of("name", "in-progress", "color", "#1d76db"),
        Map.of("name", "blocked", "color", "#e11d48")));
    repoSpec.put("issues", backlog);
    Map<String, Object> document = Map.of(
        "users", List.of(
            user(owner, null), user(DEV, devToken), user(REVIEWER, reviewToken)),
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

  private static Map<String, Object> issue(String title, String body) {
    return Map.of("title", title, "body", body, "user", DEV, "labels", List.of("backlog"));
  }

  private static Map<String, Object> user(String login, String token) {
    Map<String, Object> u = new LinkedHashMap<>();
    u.put("login", login);
    u.put("password", newToken());
    u.put("email", login + "@demo.invalid");
    if (token != null) {
      u.put("tokens", List.of(token));
    }
    return u;
  }

  private static String title(ForgeClient forge, long issue) {
    return forge.get("/issues/" + issue, Issue.class).title();
  }

  private static String branch(long issue) {
    return "fix/issue-" + issue;
  }

  private static String newToken() {
    byte[] bytes = new byte[20];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static String clock(Duration d) {
    long minutes = d.toMinutes();
    return minutes >= 60
        ? minutes / 60 + "h" + String.format("%02d", minutes % 60) + "m"
        : minutes + "m" + String.format("%02d", d.toSecondsPart()) + "s";
  }

  /** The agent's stand-in: asked to fix CI, it pushes a new commit to the branch under work. */
  private final class ScriptedAgent implements AgentRunner {
    private final MockControl control;
    private String branch;
    private long issue;
    private int runs;

    ScriptedAgent(MockControl control) {
      this.control = control;
    }

    void workOn(String branch, long issue) {
      this.branch = branch;
      this.issue = issue;
    }

    int runs() {
      return runs;
    }

    @Override
    public AgentResult run(String prompt, String resumeSessionId, Path worktree) {
      runs++;
      String firstLine = prompt.lines().findFirst().orElse("");
      String sha = step("agent", issue, () -> control.push(repo, branch),
          s -> "answered \"" + firstLine + "\": pushed " + s.substring(0, 7));
      return new AgentResult(0, "demo-session-" + issue, "pushed " + sha);
    }
  }

  /** Settings of a demo run. */
  public static final class Builder {
    private String forgeUrl;
    private String repo = DEFAULT_REPO;
    private PrintStream out = new PrintStream(OutputStream.nullOutputStream());
    private PrintStream log = new PrintStream(OutputStream.nullOutputStream());

    private Builder() {}

    /**
     * Runs against a running mock Forgejo ({@code disinto mock-forgejo}) instead of an embedded
     * one; it must answer the {@code /_mock/} control endpoints.
     *
     * @param url its base URL, such as {@code http://127.0.0.1:3000}; {@code null} for embedded
     * @return this builder
     */
    public Builder forgeUrl(String url) {
      this.forgeUrl = url == null ? null : url.replaceAll("/+$", "");
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
     * Builds the demo.
     *
     * @return the demo, ready to {@link FactoryDemo#run()}
     */
    public FactoryDemo build() {
      return new FactoryDemo(this);
    }
  }
}
