package ai.disinto.testkit.woodpecker;

import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.FaultJson;
import ai.disinto.testkit.forgejo.ForgeListener;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.PullRequestEvent;
import ai.disinto.testkit.forgejo.PushEvent;
import ai.disinto.testkit.http.QueryStrings;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stateful mock of the Woodpecker v3 REST API on a random loopback port, for the calls the
 * factory makes: the token's user, repository lookup, activation and patch, pipelines (list with {@code page}/{@code
 * perPage} and filters, one with workflows and steps, restart), and a step's log. Paths, field
 * names and statuses are the published API's ({@code woodpecker-swagger.json}); log {@code data}
 * is base64 as Go writes {@code []byte}.
 *
 * <p>Every API call but {@code GET /api/version} needs {@code Authorization: Bearer <token>} of a
 * seeded token: 401 otherwise. Errors are plain text, as the server's. Pages hold at most 50 items
 * (a {@code perPage} outside 1..50 is 50) and carry no total.
 *
 * <p>Under {@code /_mock/} it answers control requests, as {@code MockForgejo} does: {@code GET
 * /_mock/journal} and {@code DELETE /_mock/journal}, {@code POST /_mock/reset}, {@code POST
 * /_mock/seed} (see {@link #seedJson(String)}) and {@code POST|GET|DELETE /_mock/faults} (the rule
 * format of {@link FaultJson}). Fault rules ({@link Fault}) answer a status, wait, or drop the
 * connection before or after the request is handled; their path patterns match the full path or
 * the path below {@code /api}.
 *
 * <p><b>Running pipelines.</b> Built with {@link Builder#linkedTo(MockForgejo)} (or {@link
 * #linkedTo(MockForgejo)}), the mock is the forge's webhook target: a push to a branch, or a pull
 * request opened or updated, in a forge repository whose {@code owner/name} is an active
 * repository here ({@link #addRepo(String)} or activation) creates a pipeline for that commit
 * (event {@code push} or {@code pull_request}, branch, ref, commit, message, author) with the
 * workflows and steps of its configuration ({@code .woodpecker/*.yml} or {@code .woodpecker.yml},
 * see {@link Builder#execute(boolean)}); a commit without configuration, or whose workflows'
 * {@code when} all exclude the event, gets no pipeline, as in Woodpecker. With execution on, a
 * background thread runs the pipelines one after the other: per workflow a fresh checkout of the
 * commit (JGit, from the forge's bare repository) in a temporary folder, then each step's {@code
 * commands} with {@code bash -e} in that folder, one log entry per output line (stdout and stderr
 * merged), states {@code pending → running → success|failure|killed|skipped}, exit codes and
 * times; a step that runs past the step time limit has its process tree killed ({@code killed},
 * exit code 137). <b>Images are ignored</b>: commands run on the host, with a small environment
 * ({@code PATH}, {@code HOME}, {@code LANG}, Woodpecker's {@code CI_*} variables and the step's
 * {@code environment}; {@code from_secret} values are left out). Of {@code when} (workflow and
 * step, a map or a list of alternatives) the mock honours {@code event}, {@code branch} (values,
 * globs, {@code include}/{@code exclude}; for pull requests the target branch) and {@code status}
 * ({@code [failure]} runs a step after a failure); other conditions ({@code path}, {@code
 * evaluate}, ...) count as met. Workflows run in file order ({@code depends_on} is not read),
 * each with a {@code clone} step first unless {@code skip_clone: true}; a step with {@code
 * failure: ignore} does not fail its workflow. After each workflow the mock
 * posts the commit status to the forge as Woodpecker does: context {@code
 * ci/woodpecker/<push|pr|tag|deploy|...>/<workflow>}, {@code pending} at the start, then {@code
 * success}, {@code failure} or {@code error}, the target URL {@code
 * <baseUrl>/repos/<id>/pipeline/<number>/<workflow pid>} (a plain-text page of the mock). {@link
 * #awaitIdle(Duration)} waits until every queued pipeline has finished.
 *
 * <p><b>SQLite store.</b> With {@link Builder#dataDir(Path)} the mock also writes repositories,
 * pipelines, workflows, steps and log entries (data as BLOB) into {@code
 * <dir>/woodpecker.sqlite} with Woodpecker 3's table and column names, as they change, so that a
 * reader of Woodpecker's database (such as {@code disinto ci-logs}) reads what the mock ran.
 */
public final class MockWoodpecker implements AutoCloseable {
  /** The API root below the base URL. */
  public static final String API_PREFIX = "/api";
  private static final Logger LOG = LoggerFactory.getLogger(MockWoodpecker.class);
  private static final JsonAdapter<Object> JSON =
      new Moshi.Builder().build().adapter(Object.class).serializeNulls();
  private static final int MAX_PER_PAGE = 50;
  private static final Pattern PIPELINE_PAGE =
      Pattern.compile("/repos/([0-9]+)/pipeline/([0-9]+)(?:/[0-9]+)?");

  /** The exit code of a step killed for running past its time limit (SIGKILL). */
  public static final int EXIT_KILLED = 137;

  private final HttpServer server;
  private final ExecutorService executor;
  private final Clock clock;
  private final MockForgejo forge;
  private final boolean execute;
  private volatile Duration stepTimeout;
  private final Path configuredWorkDir;
  private Path tempWorkDir;
  private final SqliteStore store;
  private final ExecutorService runner;
  private final Object idle = new Object();
  private int busy;
  private final List<Route> routes = new ArrayList<>();
  private final List<WoodpeckerRequest> journal = new ArrayList<>();
  private final List<Fault> faults = new ArrayList<>();
  private final List<Integer> faultCounts = new ArrayList<>();
  private final Object lock = new Object();
  /** API requests being answered (guarded by itself; signalled when one ends). */
  private final int[] inFlight = {0};
  private volatile WebLogin webLogin;
  private final String baseUrl;

  // State, guarded by lock.
  private final Map<String, UserS> tokens = new LinkedHashMap<>();
  private final Map<Long, RepoS> repos = new LinkedHashMap<>();
  private final Map<Long, StepS> steps = new LinkedHashMap<>();
  private final Map<String, String> redirects = new LinkedHashMap<>();
  private final Map<Long, String> forgeRepos = new LinkedHashMap<>();
  private long nextId = 1;
  private long logSeq = 1;

  private MockWoodpecker(Builder b) throws IOException {
    this.clock = b.clock;
    this.forge = b.forge;
    this.execute = b.execute == null ? b.forge != null : b.execute;
    this.stepTimeout = b.stepTimeout;
    this.configuredWorkDir = b.workDir;
    this.store = b.dataDir == null ? null : SqliteStore.open(b.dataDir);
    this.runner = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "mock-woodpecker-runner");
      t.setDaemon(true);
      return t;
    });
    registerRoutes();
    this.server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 64);
    AtomicInteger n = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "mock-woodpecker-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    LOG.debug("mock Woodpecker listening on {}", baseUrl);
    if (forge != null) {
      forge.addListener(hook);
    }
  }

  /**
   * A builder of a mock: port, clock, the forge it is linked to, whether it runs pipelines, the
   * step time limit and the data folder of its SQLite store.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a mock on a random port linked to a forge, running the pipelines the forge's pushes
   * and pull requests trigger, without a SQLite store: {@code builder().linkedTo(forge).start()}.
   *
   * @param forge the mock forge whose webhook target the mock becomes
   * @return the running mock
   * @throws UncheckedIOException when no port can be bound
   */
  public static MockWoodpecker linkedTo(MockForgejo forge) {
    return builder().linkedTo(forge).start();
  }

  /** Settings of a mock before it starts. */
  public static final class Builder {
    private int port;
    private Clock clock = Clock.systemUTC();
    private MockForgejo forge;
    private Boolean execute;
    private Duration stepTimeout = Duration.ofMinutes(10);
    private Path dataDir;
    private Path workDir;

    private Builder() {}

    /**
     * The loopback port; 0 (the default) for any free one.
     *
     * @param port the port
     * @return this builder
     */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * The clock of the {@code created}, {@code started} and {@code finished} stamps (default the
     * system clock). Step time limits are measured in real time, whatever this clock says.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Links the mock to a forge: it registers as the forge's webhook target (see the class
     * description) and runs the triggered pipelines unless {@link #execute(boolean)} says not
     * to.
     *
     * @param forge the mock forge
     * @return this builder
     */
    public Builder linkedTo(MockForgejo forge) {
      this.forge = Objects.requireNonNull(forge, "forge");
      return this;
    }

    /**
     * Whether triggered pipelines run (default: yes when linked). Off, a push still creates the
     * pipeline with its workflows and steps, all {@code pending}, for tests that set states
     * themselves.
     *
     * @param execute whether to run pipelines
     * @return this builder
     */
    public Builder execute(boolean execute) {
      this.execute = execute;
      return this;
    }

    /**
     * How long one step may run before its process tree is killed (default 10 minutes).
     *
     * @param limit the limit, positive
     * @return this builder
     */
    public Builder stepTimeout(Duration limit) {
      this.stepTimeout = positive(limit);
      return this;
    }

    /**
     * The data folder of the SQLite store: the mock writes {@code <dir>/woodpecker.sqlite}
     * (created when missing). Without it the mock keeps no database.
     *
     * @param dir the folder
     * @return this builder
     */
    public Builder dataDir(Path dir) {
      this.dataDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /**
     * The folder of the workflows' temporary checkouts (default: a temporary folder the mock
     * deletes on close).
     *
     * @param dir the folder
     * @return this builder
     */
    public Builder workDir(Path dir) {
      this.workDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /**
     * Starts the mock.
     *
     * @return the running mock
     * @throws UncheckedIOException when the port cannot be bound
     */
    public MockWoodpecker start() {
      try {
        return new MockWoodpecker(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the mock Woodpecker", e);
      }
    }
  }

  private static Duration positive(Duration d) {
    Objects.requireNonNull(d, "limit");
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("a step time limit must be positive");
    }
    return d;
  }

  /**
   * Starts a mock on a random loopback port, timestamps from the system clock.
   *
   * @return the running mock
   * @throws UncheckedIOException when no port can be bound
   */
  public static MockWoodpecker start() {
    return start(0, Clock.systemUTC());
  }

  /**
   * Starts a mock on a port (0 for a random one) with a clock for {@code created} stamps.
   *
   * @param port the loopback port, 0 for any
   * @param clock the clock of new pipelines' timestamps
   * @return the running mock
   * @throws UncheckedIOException when the port cannot be bound
   */
  public static MockWoodpecker start(int port, Clock clock) {
    return builder().port(port).clock(clock).start();
  }

  /**
   * The server's base URL, what {@code WOODPECKER_SERVER} holds, such as
   * {@code http://127.0.0.1:41234}.
   *
   * @return the base URL, without a trailing slash
   */
  public String baseUrl() {
    return baseUrl;
  }

  /**
   * The port the mock listens on.
   *
   * @return the port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * The SQLite file the mock writes, when it was built with a data folder.
   *
   * @return {@code <dataDir>/woodpecker.sqlite}, or empty
   */
  public Optional<Path> databaseFile() {
    return store == null ? Optional.empty() : Optional.of(store.file());
  }

  /**
   * Changes the step time limit for steps started from now on.
   *
   * @param limit the limit, positive
   */
  public void setStepTimeout(Duration limit) {
    this.stepTimeout = positive(limit);
  }

  /**
   * Waits until no triggered pipeline is queued or running (pipelines that a finishing pipeline
   * triggers, such as a merge its success status allowed, are waited for too). Waits on a
   * condition the runner signals; it does not poll.
   *
   * @param timeout how long to wait at most
   * @return true when idle, false when the time ran out first
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      while (busy > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(idle, left);
      }
      return true;
    }
  }

  /** Stops serving and running (a running step's process tree is killed), unlinks the forge. */
  @Override
  public void close() {
    if (forge != null) {
      forge.removeListener(hook);
    }
    server.stop(0);
    executor.shutdownNow();
    runner.shutdownNow();
    try {
      runner.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (store != null) {
      store.close();
    }
    synchronized (idle) {
      if (tempWorkDir != null) {
        PipelineRunner.deleteTree(tempWorkDir);
      }
    }
  }

  // ---- seeding ----

  /**
   * Adds a user with a personal access token.
   *
   * @param login the login
   * @param token the token the user's requests present
   * @param admin whether the user is an administrator
   * @return the user's id
   */
  public long addUser(String login, String token, boolean admin) {
    synchronized (lock) {
      UserS u = new UserS(nextId++, login, login + "@example.invalid", admin);
      tokens.put(token, u);
      return u.id;
    }
  }

  /**
   * Lets users log in through the forge ({@code GET /authorize}, {@code GET /web-config.js},
   * {@code POST /api/user/token} with the session cookie and CSRF header), as an open Woodpecker
   * ({@code WOODPECKER_OPEN=true}) wired to a Forgejo OAuth2 application does; a user the forge
   * names is created on first login.
   *
   * @param login where the forge is and the application's credentials
   * @return this mock
   */
  public MockWoodpecker forgeLogin(ForgeLogin login) {
    this.webLogin = new WebLogin(login, new WebLogin.Accounts() {
      @Override
      public boolean ensureUser(String name) {
        if (find(name) == null) {
          UserS u = new UserS(nextId++, name, name + "@example.invalid", false);
          tokens.put("login-only-" + u.id + "-" + Long.toHexString(System.nanoTime()), u);
        }
        return true;
      }

      @Override
      public String issueToken(String name) {
        UserS u = find(name);
        String token = "wpat" + Long.toHexString(nextId++) + Long.toHexString(System.nanoTime());
        tokens.put(token, u);
        return token;
      }

      private UserS find(String name) {
        for (UserS u : tokens.values()) {
          if (u.login.equals(name)) {
            return u;
          }
        }
        return null;
      }
    });
    return this;
  }

  /**
   * Activates a repository, with deployments not allowed (as Woodpecker does for new ones).
   *
   * @param fullName {@code owner/name}
   * @return Woodpecker's repository id
   */
  public long addRepo(String fullName) {
    synchronized (lock) {
      long id = nextId++;
      RepoS r = new RepoS(id, fullName);
      repos.put(id, r);
      stored(r);
      return id;
    }
  }

  /**
   * Makes a forge repository known, not yet active: {@code POST /api/repos?forge_remote_id=ID}
   * activates it.
   *
   * @param forgeRemoteId the forge's id of the repository
   * @param fullName {@code owner/name}
   */
  public void addForgeRepo(long forgeRemoteId, String fullName) {
    synchronized (lock) {
      forgeRepos.put(forgeRemoteId, fullName);
    }
  }

  /**
   * Allows or forbids deployments of a repository (what restarting with {@code
   * event=deployment} checks).
   *
   * @param repoId the repository id
   * @param allow whether deployments are allowed
   */
  public void setAllowDeploy(long repoId, boolean allow) {
    synchronized (lock) {
      repo(repoId).allowDeploy = allow;
      stored(repo(repoId));
    }
  }

  /**
   * Adds a pipeline to a repository, numbered after the last one, with one workflow
   * ({@code woodpecker}) and no steps yet.
   *
   * @param repoId the repository id
   * @param status the pipeline status, such as {@code success}
   * @param event the event, such as {@code push} or {@code pull_request}
   * @param branch the branch
   * @param commit the commit id
   * @return the pipeline number
   */
  public long addPipeline(long repoId, String status, String event, String branch,
      String commit) {
    synchronized (lock) {
      RepoS r = repo(repoId);
      PipelineS p = new PipelineS();
      p.id = nextId++;
      p.number = r.pipelines.isEmpty() ? 1 : r.pipelines.get(r.pipelines.size() - 1).number + 1;
      p.status = status;
      p.event = event;
      p.branch = branch;
      p.commit = commit;
      p.ref = "refs/heads/" + branch;
      p.created = clock.instant().getEpochSecond();
      p.started = p.created;
      p.finished = "pending".equals(status) || "running".equals(status) ? 0 : p.created;
      WorkflowS w = new WorkflowS(nextId++, 1, "woodpecker", status);
      p.workflows.add(w);
      r.pipelines.add(p);
      stored(r.id, p);
      stored(p, w);
      return p.number;
    }
  }

  /**
   * Sets a pipeline's commit message (empty unless set; {@code null} is served as JSON
   * {@code null}, as a server with a broken record might).
   *
   * @param repoId the repository id
   * @param number the pipeline number
   * @param message the message, or {@code null}
   */
  public void setMessage(long repoId, long number, String message) {
    synchronized (lock) {
      pipeline(repo(repoId), number).message = message;
    }
  }

  /**
   * Adds a step to a pipeline's first workflow.
   *
   * @param repoId the repository id
   * @param number the pipeline number
   * @param name the step name
   * @param state the step state, such as {@code failure}
   * @param exitCode the step's exit code
   * @return the step's database id (the {@code step_id} of its logs)
   */
  public long addStep(long repoId, long number, String name, String state, int exitCode) {
    synchronized (lock) {
      PipelineS p = pipeline(repo(repoId), number);
      WorkflowS w = p.workflows.get(0);
      StepS s = new StepS(nextId++, p.id, w.steps.size() + 2, w.pid, name, state, exitCode);
      w.steps.add(s);
      steps.put(s.id, s);
      stored(s);
      return s.id;
    }
  }

  /**
   * Appends lines to a step's log, each stored as the base64 of its UTF-8 bytes.
   *
   * @param stepId the step's database id
   * @param lines the lines, without newlines
   */
  public void addLogLines(long stepId, String... lines) {
    for (String line : lines) {
      addLogBytes(stepId, line.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Appends one line of raw bytes (which need not be UTF-8) to a step's log.
   *
   * @param stepId the step's database id
   * @param bytes the line's bytes
   */
  public void addLogBytes(long stepId, byte[] bytes) {
    addLogData(stepId, Base64.getEncoder().encodeToString(bytes));
  }

  /**
   * Appends one line whose wire {@code data} is this text as it is (to serve data that is not
   * base64).
   *
   * @param stepId the step's database id
   * @param data the {@code data} field as sent
   */
  public void addLogData(long stepId, String data) {
    synchronized (lock) {
      StepS s = steps.get(stepId);
      if (s == null) {
        throw new IllegalArgumentException("no step " + stepId);
      }
      LogS l = new LogS(logSeq++, s.logs.size(), 0, clock.instant().getEpochSecond(), 0, data);
      s.logs.add(l);
      if (store != null) {
        store.log(s, l);
      }
    }
  }

  /**
   * Seeds from JSON, the format of {@code POST /_mock/seed}: {@code {"users":[{"login":"a",
   * "token":"t","admin":true}], "repos":[{"full_name":"o/r","allow_deploy":false,
   * "pipelines":[{"status":"failure","event":"push","branch":"main","commit":"abc","message":"m",
   * "steps":[{"name":"test","state":"failure","exit_code":1,"log":["line 1","line 2"]}]}]}]}}.
   *
   * @param json the seed
   * @return {@code {"repos":[{"full_name":..,"id":..,"pipelines":[{"number":..,"steps":[ids]}]}]}}
   * @throws IllegalArgumentException when the JSON is malformed
   */
  public Map<String, Object> seedJson(String json) {
    Map<String, Object> root = obj(parse(json));
    if (root == null) {
      throw new IllegalArgumentException("seed must be a JSON object");
    }
    for (Object o : list(root.get("users"))) {
      Map<String, Object> u = obj(o);
      addUser(str(u, "login"), str(u, "token"), Boolean.TRUE.equals(u.get("admin")));
    }
    List<Object> outRepos = new ArrayList<>();
    for (Object o : list(root.get("repos"))) {
      Map<String, Object> r = obj(o);
      long id = addRepo(str(r, "full_name"));
      setAllowDeploy(id, Boolean.TRUE.equals(r.get("allow_deploy")));
      List<Object> outPipes = new ArrayList<>();
      for (Object po : list(r.get("pipelines"))) {
        Map<String, Object> p = obj(po);
        long number = addPipeline(id, orDefault(str(p, "status"), "success"), orDefault(str(p, "event"), "push"),
            orDefault(str(p, "branch"), "main"), orDefault(str(p, "commit"), ""));
        if (p.containsKey("message")) {
          setMessage(id, number, p.get("message") == null ? null : String.valueOf(p.get("message")));
        }
        List<Object> stepIds = new ArrayList<>();
        for (Object so : list(p.get("steps"))) {
          Map<String, Object> s = obj(so);
          Object code = s.get("exit_code");
          long stepId = addStep(id, number, str(s, "name"), orDefault(str(s, "state"), "success"),
              code instanceof Number n ? n.intValue() : 0);
          for (Object line : list(s.get("log"))) {
            addLogLines(stepId, String.valueOf(line));
          }
          stepIds.add(stepId);
        }
        outPipes.add(map("number", number, "steps", stepIds));
      }
      outRepos.add(map("full_name", str(r, "full_name"), "id", id, "pipelines", outPipes));
    }
    return map("repos", outRepos);
  }

  /**
   * Answers requests of one path (any method, any query) with {@code 302 Found} to another path
   * of this server, as a server behind a moved prefix does. The redirect is in the journal.
   *
   * @param fromPath the full path redirected, such as {@code /api/repos/1/pipelines}
   * @param toPath the target path and query, such as {@code /api/repos/2/pipelines}
   */
  public void addRedirect(String fromPath, String toPath) {
    synchronized (lock) {
      redirects.put(fromPath, toPath);
    }
  }

  // ---- journal, faults, reset ----

  /**
   * Every API request answered so far, in order ({@code /_mock/} requests excluded).
   *
   * @return an immutable copy
   */
  public List<WoodpeckerRequest> journal() {
    synchronized (journal) {
      return List.copyOf(journal);
    }
  }

  /** Forgets the journal. */
  public void clearJournal() {
    synchronized (journal) {
      journal.clear();
    }
  }

  /**
   * Adds a fault rule; its call count starts at zero.
   *
   * @param fault the rule
   * @return this mock, for chaining
   */
  public MockWoodpecker addFault(Fault fault) {
    synchronized (faults) {
      faults.add(fault);
      faultCounts.add(0);
    }
    return this;
  }

  /** Removes every fault rule. */
  public void clearFaults() {
    synchronized (faults) {
      faults.clear();
      faultCounts.clear();
    }
  }

  /** Drops all users, repositories, pipelines and logs, the journal and the fault rules. */
  public void reset() {
    synchronized (lock) {
      tokens.clear();
      redirects.clear();
      forgeRepos.clear();
      repos.clear();
      steps.clear();
      nextId = 1;
      logSeq = 1;
      if (store != null) {
        store.clear();
      }
    }
    clearJournal();
    clearFaults();
  }

  // ---- HTTP ----

  /**
   * Waits until no API request is being answered, such as one a fault holds before its work
   * after its client gave up on it: a test lets it land before it looks at the state. Waits on a
   * condition each request signals when it ends; it does not poll.
   *
   * @param timeout how long to wait at most
   * @return true when none is in flight, false when the time ran out first
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public boolean awaitRequestsAnswered(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (inFlight) {
      while (inFlight[0] > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(inFlight, left);
      }
      return true;
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    synchronized (inFlight) {
      inFlight[0]++;
    }
    try {
      answer(ex);
    } finally {
      synchronized (inFlight) {
        inFlight[0]--;
        inFlight.notifyAll();
      }
    }
  }

  private void answer(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
      URI uri = ex.getRequestURI();
      String path = uri.getPath();
      String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      if (path.startsWith("/_mock/")) {
        send(ex, method, control(method, path, body));
        return;
      }
      String header = ex.getRequestHeaders().getFirst("Authorization");
      WoodpeckerRequest.AuthKind kind = header == null ? WoodpeckerRequest.AuthKind.NONE
          : header.regionMatches(true, 0, "Bearer", 0, 6) ? WoodpeckerRequest.AuthKind.BEARER
          : WoodpeckerRequest.AuthKind.OTHER;
      UserS user = null;
      if (kind == WoodpeckerRequest.AuthKind.BEARER) {
        synchronized (lock) {
          user = tokens.get(header.substring(6).trim());
        }
      }
      Reply reply = null;
      Fault.Drop drop = Fault.Drop.NONE;
      for (Fault f : hits(method, path)) {
        if (f.drop() == Fault.Drop.BEFORE_PROCESSING
            || (f.drop() == Fault.Drop.AFTER_PROCESSING && drop == Fault.Drop.NONE)) {
          drop = f.drop();
        }
        if (!f.delay().isZero()) {
          pause(f.delay());
        }
        if (reply == null && f.status() > 0) {
          reply = new Reply(f.status(), f.body() == null ? "" : f.body(), "text/plain");
          if (f.retryAfterSeconds() >= 0) {
            reply.headers.put("Retry-After", Integer.toString(f.retryAfterSeconds()));
          }
        }
      }
      String principal = user == null ? null : user.login;
      if (drop == Fault.Drop.BEFORE_PROCESSING) {
        record(method, path, query, principal, kind, body, 0);
        return; // closing an exchange that sent no headers closes the connection
      }
      String target;
      synchronized (lock) {
        target = redirects.get(path);
      }
      if (reply == null && target != null) {
        reply = Reply.text(302, "");
        reply.headers.put("Location", baseUrl + target);
      }
      if (reply == null && webLogin != null) {
        synchronized (lock) {
          reply = webLogin.handle(method, path, parseQuery(query),
              ex.getRequestHeaders().getFirst("Cookie"),
              ex.getRequestHeaders().getFirst("X-CSRF-Token"));
        }
      }
      if (reply == null) {
        reply = dispatch(method, path, query, body, user);
      }
      record(method, path, query, principal, kind, body, reply.status);
      if (drop == Fault.Drop.AFTER_PROCESSING) {
        return;
      }
      send(ex, method, reply);
    } catch (RuntimeException e) {
      LOG.warn("mock Woodpecker failed on {} {}", ex.getRequestMethod(),
          ex.getRequestURI().getPath(), e);
      throw e;
    }
  }

  private List<Fault> hits(String method, String path) {
    List<Fault> hit = new ArrayList<>();
    synchronized (faults) {
      for (int i = 0; i < faults.size(); i++) {
        Fault f = faults.get(i);
        if (faultMatches(f, method, path)) {
          int n = faultCounts.get(i) + 1;
          faultCounts.set(i, n);
          if (n >= f.fromCall() && (f.times() == 0 || n < f.fromCall() + f.times())) {
            hit.add(f);
          }
        }
      }
    }
    return hit;
  }

  static boolean faultMatches(Fault f, String method, String path) {
    if (!f.method().equals("*") && !f.method().equalsIgnoreCase(method)) {
      return false;
    }
    Pattern p = glob(f.pathPattern());
    return p.matcher(path).matches() || (path.startsWith(API_PREFIX + "/")
        && p.matcher(path.substring(API_PREFIX.length())).matches());
  }

  private static Pattern glob(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        re.append(".*");
        i++;
      } else if (c == '*') {
        re.append("[^/]*");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }

  private void record(String method, String path, String query, String principal,
      WoodpeckerRequest.AuthKind kind, String body, int status) {
    synchronized (journal) {
      journal.add(new WoodpeckerRequest(method, path, query, principal, kind, body, status));
    }
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange ex, String method, Reply reply) throws IOException {
    reply.headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    byte[] bytes = reply.body.getBytes(StandardCharsets.UTF_8);
    boolean noBody = bytes.length == 0 || method.equals("HEAD") || reply.status == 204;
    ex.sendResponseHeaders(reply.status, noBody ? -1 : bytes.length);
    if (!noBody) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  // ---- routes ----

  /** A response before it is written. */
  static final class Reply {
    final int status;
    final String body;
    final Map<String, String> headers = new LinkedHashMap<>();

    Reply(int status, String body, String type) {
      this.status = status;
      this.body = body;
      if (type != null) {
        headers.put("Content-Type", type + "; charset=utf-8");
      }
    }

    static Reply json(Object tree) {
      return new Reply(200, JSON.toJson(tree), "application/json");
    }

    static Reply text(int status, String text) {
      return new Reply(status, text, "text/plain");
    }
  }

  /** One request being handled. */
  record Call(Map<String, String> params, Map<String, List<String>> query, UserS user,
      String body) {
    long num(String name) {
      return Long.parseLong(params.get(name));
    }

    String q(String name) {
      List<String> v = query.get(name);
      return v == null || v.isEmpty() ? null : v.get(0);
    }
  }

  interface Handler {
    Reply handle(Call call);
  }

  /**
   * One route: method and the swagger path template; {@code auth} says whether a token is needed.
   */
  record Route(String method, String template, Pattern regex, List<String> params, boolean auth,
      Handler handler) {}

  /** The routes the mock serves, for the contract test. */
  List<Route> routes() {
    return List.copyOf(routes);
  }

  private void route(String method, String template, boolean auth, Handler handler) {
    List<String> names = new ArrayList<>();
    StringBuilder re = new StringBuilder();
    Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
    int last = 0;
    while (m.find()) {
      re.append(Pattern.quote(template.substring(last, m.start())));
      String name = m.group(1);
      names.add(name);
      re.append(name.equals("repo_full_name") ? "(.+)"
          : name.endsWith("_id") || name.endsWith("_number") ? "([0-9]+)" : "([^/]+)");
      last = m.end();
    }
    re.append(Pattern.quote(template.substring(last)));
    routes.add(new Route(method, template, Pattern.compile(re.toString()), names, auth, handler));
  }

  private void registerRoutes() {
    route("GET", "/version", false, c -> Reply.json(map("source", "mock", "version", "3.0.0")));
    route("GET", "/user", true, c -> Reply.json(c.user().json()));
    route("GET", "/repos/lookup/{repo_full_name}", true, c -> {
      for (RepoS r : repos.values()) {
        if (r.fullName.equals(c.params().get("repo_full_name"))) {
          return Reply.json(r.json());
        }
      }
      return Reply.text(404, "Repository not found");
    });
    route("GET", "/repos/{repo_id}", true, c -> Reply.json(repo(c.num("repo_id")).json()));
    route("POST", "/repos", true, this::activate);
    route("PATCH", "/repos/{repo_id}", true, c -> {
      RepoS r = repo(c.num("repo_id"));
      Map<String, Object> patch;
      try {
        patch = c.body().isBlank() ? Map.of() : obj(parse(c.body()));
      } catch (IllegalArgumentException e) {
        return Reply.text(400, "Error parsing repository options");
      }
      if (patch.get("timeout") instanceof Number n) {
        r.timeout = n.longValue();
      }
      if (patch.get("allow_deploy") instanceof Boolean b) {
        r.allowDeploy = b;
      }
      stored(r);
      return Reply.json(r.json());
    });
    route("GET", "/repos/{repo_id}/pipelines", true, this::listPipelines);
    route("GET", "/repos/{repo_id}/pipelines/{pipeline_number}", true,
        c -> Reply.json(pipeline(repo(c.num("repo_id")), c.num("pipeline_number")).json(true)));
    route("POST", "/repos/{repo_id}/pipelines/{pipeline_number}", true, this::restart);
    route("GET", "/repos/{repo_id}/logs/{pipeline_number}/{step_id}", true, c -> {
      PipelineS p = pipeline(repo(c.num("repo_id")), c.num("pipeline_number"));
      StepS s = steps.get(c.num("step_id"));
      if (s == null || s.pipelineId != p.id) {
        throw new NotFound("Step not found");
      }
      List<Object> out = new ArrayList<>();
      for (LogS l : s.logs) {
        out.add(map("id", l.id, "step_id", s.id, "time", l.time, "line", l.line,
            "data", l.data, "type", (long) l.type));
      }
      return Reply.json(out);
    });
  }

  private Reply listPipelines(Call c) {
    RepoS r = repo(c.num("repo_id"));
    int page = intParam(c.q("page"), 1);
    int perPage = intParam(c.q("perPage"), MAX_PER_PAGE);
    if (page < 1) {
      page = 1;
    }
    if (perPage < 1 || perPage > MAX_PER_PAGE) {
      perPage = MAX_PER_PAGE;
    }
    List<String> events = c.q("event") == null ? List.of()
        : List.of(c.q("event").split(","));
    List<PipelineS> matching = new ArrayList<>();
    for (int i = r.pipelines.size() - 1; i >= 0; i--) {
      PipelineS p = r.pipelines.get(i);
      if ((c.q("branch") == null || c.q("branch").equals(p.branch))
          && (events.isEmpty() || events.contains(p.event))
          && (c.q("status") == null || c.q("status").equals(p.status))) {
        matching.add(p);
      }
    }
    List<Object> out = new ArrayList<>();
    for (int i = (page - 1) * perPage; i < Math.min(matching.size(), page * perPage); i++) {
      out.add(matching.get(i).json(false));
    }
    return Reply.json(out);
  }

  private Reply activate(Call c) {
    long remote = intParam(c.q("forge_remote_id"), 0);
    if (remote <= 0) {
      return Reply.text(400, "forge_remote_id is required");
    }
    String fullName = forgeRepos.get(remote);
    if (fullName == null) {
      return Reply.text(404, "Could not fetch repository from forge");
    }
    for (RepoS r : repos.values()) {
      if (r.fullName.equals(fullName)) {
        return Reply.text(409, "Repository is already active");
      }
    }
    RepoS r = new RepoS(nextId++, fullName);
    r.forgeRemoteId = Long.toString(remote);
    repos.put(r.id, r);
    stored(r);
    return Reply.json(r.json());
  }

  private Reply restart(Call c) {
    RepoS r = repo(c.num("repo_id"));
    PipelineS old = pipeline(r, c.num("pipeline_number"));
    String event = c.q("event");
    if (event != null && !event.isEmpty() && !event.equals("deployment")) {
      return Reply.text(400, "Invalid event " + event);
    }
    boolean deploy = "deployment".equals(event);
    if (deploy && !r.allowDeploy) {
      return Reply.text(403, "Deployments are not allowed for this repository");
    }
    PipelineS p = new PipelineS();
    p.id = nextId++;
    p.number = r.pipelines.get(r.pipelines.size() - 1).number + 1;
    p.parent = old.number;
    p.status = "pending";
    p.event = deploy ? "deployment" : old.event;
    p.branch = old.branch;
    p.commit = old.commit;
    p.ref = old.ref;
    p.deployTo = deploy && c.q("deploy_to") != null ? c.q("deploy_to") : "";
    p.created = clock.instant().getEpochSecond();
    p.refspec = old.refspec;
    p.title = old.title;
    p.message = old.message;
    p.author = old.author;
    p.email = old.email;
    p.sender = old.sender;
    p.forgeUrl = old.forgeUrl;
    p.forgeRepo = old.forgeRepo;
    c.query().forEach((k, v) -> {
      if (!k.equals("event") && !k.equals("deploy_to") && !k.equals("deploy_task")) {
        p.variables.put(k, v.isEmpty() ? "" : v.get(0));
      }
    });
    for (WorkflowS w : old.workflows) {
      WorkflowS copy = new WorkflowS(nextId++, w.pid, w.name, "pending");
      for (StepS s : w.steps) {
        StepS ns = new StepS(nextId++, p.id, s.pid, s.ppid, s.name, "pending", 0);
        copy.steps.add(ns);
        steps.put(ns.id, ns);
      }
      p.workflows.add(copy);
    }
    r.pipelines.add(p);
    stored(r.id, p);
    for (WorkflowS w : p.workflows) {
      stored(p, w);
      w.steps.forEach(this::stored);
    }
    if (execute && forge != null && p.forgeRepo != null) {
      // The runner reads the commit's configuration again and runs it.
      enqueue(r.id, p.id);
    }
    return Reply.json(p.json(true));
  }

  private static int intParam(String v, int fallback) {
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** Thrown by handlers for a 404; the text is the body. */
  static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(message, null, false, false);
    }
  }

  private RepoS repo(long id) {
    RepoS r = repos.get(id);
    if (r == null) {
      throw new NotFound("Repository not found");
    }
    return r;
  }

  private static PipelineS pipeline(RepoS r, long number) {
    for (PipelineS p : r.pipelines) {
      if (p.number == number) {
        return p;
      }
    }
    throw new NotFound("Pipeline not found");
  }

  private Reply dispatch(String method, String path, String query, String body, UserS user) {
    if (!path.startsWith(API_PREFIX + "/")) {
      Matcher page = PIPELINE_PAGE.matcher(path);
      if (page.matches() && method.equals("GET")) {
        synchronized (lock) {
          try {
            return Reply.text(200, pipelinePage(Long.parseLong(page.group(1)),
                Long.parseLong(page.group(2))));
          } catch (NotFound e) {
            return Reply.text(404, e.getMessage());
          }
        }
      }
      return Reply.text(404, "404 page not found");
    }
    String apiPath = path.substring(API_PREFIX.length());
    boolean pathKnown = false;
    for (Route r : routes) {
      Matcher m = r.regex().matcher(apiPath);
      if (!m.matches()) {
        continue;
      }
      pathKnown = true;
      if (!r.method().equals(method)) {
        continue;
      }
      if (r.auth() && user == null) {
        return Reply.text(401, "User not authorized");
      }
      Map<String, String> params = new LinkedHashMap<>();
      for (int i = 0; i < r.params().size(); i++) {
        params.put(r.params().get(i), m.group(i + 1));
      }
      synchronized (lock) {
        try {
          return r.handler().handle(new Call(params, parseQuery(query), user, body));
        } catch (NotFound e) {
          return Reply.text(404, e.getMessage());
        }
      }
    }
    return pathKnown ? Reply.text(405, "405 method not allowed")
        : Reply.text(404, "404 page not found");
  }

  static Map<String, List<String>> parseQuery(String raw) {
    return QueryStrings.parse(raw);
  }

  // ---- pipelines a linked forge triggers ----

  /** What a webhook delivery says about the pipeline to create. */
  record Hook(String forgeRepo, String sha, String event, String branch, String ref,
      String refspec, String title, String message, String author, String email, String sender,
      String forgeUrl) {}

  private final ForgeListener hook = new ForgeListener() {
    @Override
    public void onPush(PushEvent e) {
      trigger(new Hook(e.repo(), e.after(), "push", e.branch(), "refs/heads/" + e.branch(), "",
          "", e.message(), e.pusher(), e.authorEmail(), e.pusher(),
          forge.baseUrl() + "/" + e.repo() + "/commit/" + e.after()));
    }

    @Override
    public void onPullRequest(PullRequestEvent e) {
      trigger(new Hook(e.repo(), e.headSha(), "pull_request", e.baseBranch(),
          "refs/pull/" + e.number() + "/head", e.headBranch() + ":" + e.baseBranch(), e.title(),
          e.message(), e.sender(), e.authorEmail(), e.sender(),
          forge.baseUrl() + "/" + e.repo() + "/pulls/" + e.number()));
    }
  };

  /** Called on the forge's thread, with its lock held: no Woodpecker lock is held here. */
  private void trigger(Hook h) {
    long repoId = -1;
    synchronized (lock) {
      for (RepoS r : repos.values()) {
        if (r.fullName.equalsIgnoreCase(h.forgeRepo())) {
          repoId = r.id;
        }
      }
    }
    if (repoId < 0) {
      LOG.debug("mock Woodpecker: {} is not active, {} of {} ignored", h.forgeRepo(), h.event(),
          h.sha());
      return;
    }
    PipelineConfig.Trigger t = new PipelineConfig.Trigger(h.event(), h.branch());
    List<PipelineConfig.Workflow> plan;
    String error = null;
    try {
      plan = plan(forge.filesAt(h.forgeRepo(), h.sha()), t);
    } catch (PipelineConfig.ConfigException e) {
      plan = List.of();
      error = e.getMessage();
    }
    if (error == null && plan.isEmpty()) {
      LOG.debug("mock Woodpecker: no workflow of {} at {} runs on {}", h.forgeRepo(), h.sha(),
          h.event());
      return;
    }
    long pipelineId;
    synchronized (lock) {
      RepoS r = repos.get(repoId);
      if (r == null) {
        return;
      }
      PipelineS p = new PipelineS();
      p.id = nextId++;
      p.number = r.pipelines.isEmpty() ? 1 : r.pipelines.get(r.pipelines.size() - 1).number + 1;
      p.status = "pending";
      p.event = h.event();
      p.branch = h.branch();
      p.commit = h.sha();
      p.ref = h.ref();
      p.refspec = h.refspec();
      p.title = h.title();
      p.message = h.message() == null ? "" : h.message();
      p.author = h.author();
      p.email = h.email() == null ? "" : h.email();
      p.sender = h.sender();
      p.forgeUrl = h.forgeUrl();
      p.forgeRepo = h.forgeRepo();
      p.created = clock.instant().getEpochSecond();
      r.pipelines.add(p);
      if (error != null) {
        p.status = "error";
        p.finished = p.created;
        p.errors.add(map("type", "linter", "message", error, "is_warning", false, "data", null));
      }
      materialize(p, plan);
      stored(r.id, p);
      for (WorkflowS w : p.workflows) {
        stored(p, w);
        w.steps.forEach(this::stored);
      }
      pipelineId = p.id;
      LOG.debug("mock Woodpecker: pipeline #{} of {} for {} {}", p.number, r.fullName, h.event(),
          h.sha());
    }
    if (execute) {
      enqueue(repoId, pipelineId);
    }
  }

  /** The workflows of a commit that run on an event, their steps filtered by event and branch. */
  static List<PipelineConfig.Workflow> plan(Map<String, byte[]> files, PipelineConfig.Trigger t)
      throws PipelineConfig.ConfigException {
    List<PipelineConfig.Workflow> out = new ArrayList<>();
    for (Map.Entry<String, byte[]> f : PipelineConfig.configFiles(files).entrySet()) {
      PipelineConfig.Workflow w = PipelineConfig.parse(f.getKey(), f.getValue(), t);
      if (w == null) {
        continue;
      }
      List<PipelineConfig.Step> kept = new ArrayList<>();
      for (PipelineConfig.Step s : w.steps()) {
        if (s.when().matches(t, false) || s.when().matches(t, true)) {
          kept.add(s);
        }
      }
      if (!kept.isEmpty()) {
        out.add(new PipelineConfig.Workflow(w.name(), w.skipClone(), kept));
      }
    }
    return out;
  }

  /** Gives a pipeline the workflows and pending steps of a plan; callers hold the lock. */
  void materialize(PipelineS p, List<PipelineConfig.Workflow> plan) {
    p.plan = plan;
    int pid = 1;
    for (PipelineConfig.Workflow wp : plan) {
      WorkflowS w = new WorkflowS(nextId++, pid++, wp.name(), "pending");
      if (!wp.skipClone()) {
        StepS clone = new StepS(nextId++, p.id, pid++, w.pid, "clone", "pending", 0);
        clone.type = "clone";
        w.steps.add(clone);
        steps.put(clone.id, clone);
      }
      for (PipelineConfig.Step sp : wp.steps()) {
        StepS s = new StepS(nextId++, p.id, pid++, w.pid, sp.name(), "pending", 0);
        w.steps.add(s);
        steps.put(s.id, s);
      }
      p.workflows.add(w);
    }
  }

  /** Replaces a pipeline's workflows by a plan's (a restart reading the configuration again). */
  void replan(PipelineS p, List<PipelineConfig.Workflow> plan) {
    for (WorkflowS w : p.workflows) {
      for (StepS s : w.steps) {
        steps.remove(s.id);
      }
    }
    p.workflows.clear();
    materialize(p, plan);
  }

  private void enqueue(long repoId, long pipelineId) {
    synchronized (idle) {
      busy++;
    }
    try {
      runner.execute(() -> {
        try {
          new PipelineRunner(this).run(repoId, pipelineId);
        } catch (RuntimeException e) {
          LOG.warn("mock Woodpecker: running pipeline {} failed", pipelineId, e);
        } finally {
          done();
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      done();
    }
  }

  private void done() {
    synchronized (idle) {
      busy--;
      idle.notifyAll();
    }
  }

  private String pipelinePage(long repoId, long number) {
    RepoS r = repo(repoId);
    PipelineS p = pipeline(r, number);
    StringBuilder b = new StringBuilder();
    b.append(r.fullName).append(" pipeline #").append(p.number).append(": ").append(p.status)
        .append(" (").append(p.event).append(' ').append(p.branch).append(' ').append(p.commit)
        .append(")\n");
    for (Map<String, Object> e : p.errors) {
      b.append("error: ").append(e.get("message")).append('\n');
    }
    for (WorkflowS w : p.workflows) {
      b.append(w.name).append(": ").append(w.state).append('\n');
      for (StepS s : w.steps) {
        b.append("  ").append(s.name).append(": ").append(s.state).append(" (exit ")
            .append(s.exitCode).append(")\n");
      }
    }
    return b.toString();
  }

  // ---- what the runner uses (package-private) ----

  Object lock() {
    return lock;
  }

  Clock clock() {
    return clock;
  }

  MockForgejo forge() {
    return forge;
  }

  Duration stepTimeout() {
    return stepTimeout;
  }

  /** The checkouts' folder; a temporary one is made on first use. */
  Path workDir() throws IOException {
    if (configuredWorkDir != null) {
      return configuredWorkDir;
    }
    synchronized (idle) {
      if (tempWorkDir == null) {
        tempWorkDir = Files.createTempDirectory("mock-woodpecker-");
      }
      return tempWorkDir;
    }
  }

  /** The repository and pipeline of ids, or null once a reset dropped them; callers hold the lock. */
  PipelineS pipelineById(long repoId, long pipelineId) {
    RepoS r = repos.get(repoId);
    if (r == null) {
      return null;
    }
    for (PipelineS p : r.pipelines) {
      if (p.id == pipelineId) {
        return p;
      }
    }
    return null;
  }

  /** Appends an output line of a running step; callers hold the lock. */
  void appendLog(StepS s, byte[] bytes, long time) {
    LogS l = new LogS(logSeq++, s.logs.size(), time, clock.instant().getEpochSecond(), 0,
        Base64.getEncoder().encodeToString(bytes));
    s.logs.add(l);
    if (store != null) {
      store.log(s, l);
    }
  }

  void stored(RepoS r) {
    if (store != null) {
      store.repo(r);
    }
  }

  void stored(long repoId, PipelineS p) {
    if (store != null) {
      store.pipeline(repoId, p);
    }
  }

  void stored(PipelineS p, WorkflowS w) {
    if (store != null) {
      store.workflow(p, w);
    }
  }

  void stored(StepS s) {
    if (store != null) {
      store.step(s);
    }
  }

  // ---- /_mock/ control endpoints ----

  private Reply control(String method, String path, String body) {
    try {
      switch (method + " " + path) {
        case "GET /_mock/journal":
          List<Object> out = new ArrayList<>();
          for (WoodpeckerRequest r : journal()) {
            out.add(map("method", r.method(), "path", r.path(), "query", r.query(),
                "principal", r.principal(), "auth", r.auth().name().toLowerCase(Locale.ROOT),
                "body", r.body(), "status", (long) r.status()));
          }
          return Reply.json(out);
        case "DELETE /_mock/journal":
          clearJournal();
          return new Reply(204, "", null);
        case "POST /_mock/reset":
          reset();
          return new Reply(204, "", null);
        case "POST /_mock/seed":
          return Reply.json(seedJson(body));
        case "POST /_mock/faults":
          List<Fault> added = FaultJson.parse(body);
          added.forEach(this::addFault);
          return Reply.json(map("added", (long) added.size()));
        case "GET /_mock/faults":
          synchronized (faults) {
            return Reply.json(FaultJson.toJson(List.copyOf(faults)));
          }
        case "DELETE /_mock/faults":
          clearFaults();
          return new Reply(204, "", null);
        default:
          return Reply.text(404, "unknown mock control endpoint: " + method + " " + path);
      }
    } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
      return Reply.text(400, "bad control request: " + e.getMessage());
    }
  }

  // ---- state ----

  private static final class UserS {
    final long id;
    final String login;
    final String email;
    final boolean admin;

    UserS(long id, String login, String email, boolean admin) {
      this.id = id;
      this.login = login;
      this.email = email;
      this.admin = admin;
    }

    Map<String, Object> json() {
      return map("id", id, "forge_id", 1L, "forge_remote_id", Long.toString(id), "login", login,
          "email", email, "avatar_url", "", "admin", admin, "admin_env", false, "org_id", 0L);
    }
  }

  static final class RepoS {
    final long id;
    final String fullName;
    final String owner;
    final String name;
    boolean allowDeploy;
    long timeout = 60;
    String forgeRemoteId;
    final List<PipelineS> pipelines = new ArrayList<>();

    RepoS(long id, String fullName) {
      int slash = fullName.indexOf('/');
      if (slash <= 0 || slash == fullName.length() - 1) {
        throw new IllegalArgumentException("a repository's full name is owner/name");
      }
      this.id = id;
      this.fullName = fullName;
      this.owner = fullName.substring(0, slash);
      this.name = fullName.substring(slash + 1);
      this.forgeRemoteId = Long.toString(100 + id);
    }

    Map<String, Object> json() {
      Map<String, Object> m = map("id", id, "forge_id", 1L, "forge_remote_id",
          forgeRemoteId, "org_id", 0L, "owner", owner, "name", name,
          "full_name", fullName, "avatar_url", "", "forge_url", "", "clone_url", "",
          "clone_url_ssh", "", "default_branch", "main", "pr_enabled", true, "timeout", timeout,
          "private", false, "visibility", "public", "active", true, "allow_pr", true,
          "allow_deploy", allowDeploy, "config_file", "", "trusted",
          map("network", false, "security", false, "volumes", false));
      m.put("require_approval", "forks");
      m.put("approval_allowed_users", List.of());
      m.put("cancel_previous_pipeline_events", List.of());
      m.put("netrc_trusted", List.of());
      m.put("config_extension_endpoint", "");
      m.put("config_extension_exclusive", false);
      m.put("config_extension_netrc", false);
      m.put("registry_extension_endpoint", "");
      m.put("registry_extension_netrc", false);
      m.put("secret_extension_endpoint", "");
      m.put("secret_extension_netrc", false);
      m.put("has_forge_name_conflict", false);
      m.put("has_no_forge_repo", false);
      return m;
    }
  }

  static final class PipelineS {
    long id;
    long number;
    long parent;
    String status;
    String event;
    String branch;
    String commit;
    String ref;
    String refspec = "";
    String title = "";
    String message = "";
    String author = "";
    String email = "";
    String sender = "";
    String forgeUrl = "";
    String deployTo = "";
    long created;
    long started;
    long finished;
    /** The forge repository ({@code owner/name}) of a pipeline a linked forge triggered. */
    String forgeRepo;
    /** The workflows to run, parsed from the commit's configuration; null: read it when run. */
    List<PipelineConfig.Workflow> plan;
    final List<Map<String, Object>> errors = new ArrayList<>();
    final Map<String, Object> variables = new LinkedHashMap<>();
    final List<WorkflowS> workflows = new ArrayList<>();

    String errorsJson() {
      return JSON.toJson(new ArrayList<Object>(errors));
    }

    Map<String, Object> json(boolean withWorkflows) {
      Map<String, Object> m = map("id", id, "number", number, "parent", parent, "event", event,
          "event_reason", List.of(), "status", status, "errors", new ArrayList<>(errors),
          "created", created, "updated", created, "started", started, "finished", finished,
          "deploy_to", deployTo, "deploy_task", "", "commit", commit, "branch", branch, "ref", ref,
          "refspec", refspec, "title", title, "message", message, "timestamp", created, "sender",
          sender, "author", author, "author_avatar", "", "author_email", email, "forge_url",
          forgeUrl);
      m.put("cron", "");
      m.put("changed_files", List.of());
      m.put("variables", new LinkedHashMap<>(variables));
      m.put("pr_labels", List.of());
      m.put("pr_milestone", "");
      m.put("pr_draft", false);
      m.put("is_prerelease", false);
      m.put("from_fork", false);
      m.put("reviewed_by", "");
      m.put("reviewed", 0L);
      m.put("rerun_count", 0L);
      m.put("tag_title", "");
      m.put("version", "");
      m.put("cancel_info", null);
      m.put("release", null);
      if (withWorkflows) {
        List<Object> ws = new ArrayList<>();
        for (WorkflowS w : workflows) {
          ws.add(w.json(id));
        }
        m.put("workflows", ws);
      }
      return m;
    }
  }

  static final class WorkflowS {
    final long id;
    final int pid;
    final String name;
    String state;
    String error = "";
    long started;
    long finished;
    final List<StepS> steps = new ArrayList<>();

    WorkflowS(long id, int pid, String name, String state) {
      this.id = id;
      this.pid = pid;
      this.name = name;
      this.state = state;
    }

    Map<String, Object> json(long pipelineId) {
      List<Object> children = new ArrayList<>();
      for (StepS s : steps) {
        children.add(s.json());
      }
      Map<String, Object> m = map("id", id, "pipeline_id", pipelineId, "pid", (long) pid, "name",
          name, "state", state, "environ", Map.of(), "error", error, "started", started,
          "finished", finished, "agent_id", 0L, "platform", "linux/amd64");
      m.put("children", children);
      return m;
    }
  }

  static final class StepS {
    final long id;
    final long pipelineId;
    final int pid;
    final int ppid;
    final String name;
    String state;
    int exitCode;
    String error = "";
    String failure = "";
    String type = "commands";
    long started;
    long finished;
    final List<LogS> logs = new ArrayList<>();

    StepS(long id, long pipelineId, int pid, int ppid, String name, String state, int exitCode) {
      this.id = id;
      this.pipelineId = pipelineId;
      this.pid = pid;
      this.ppid = ppid;
      this.name = name;
      this.state = state;
      this.exitCode = exitCode;
    }

    Map<String, Object> json() {
      return map("id", id, "uuid", "step-" + id, "pipeline_id", pipelineId, "pid", (long) pid,
          "ppid", (long) ppid, "name", name, "state", state, "error", error, "failure", failure,
          "exit_code", (long) exitCode, "started", started, "finished", finished, "type", type);
    }
  }

  /** One log line: {@code data} is what the API sends (base64 of the bytes, or seeded text). */
  static final class LogS {
    final long id;
    final long line;
    final long time;
    final long created;
    final int type;
    final String data;

    LogS(long id, long line, long time, long created, int type, String data) {
      this.id = id;
      this.line = line;
      this.time = time;
      this.created = created;
      this.type = type;
      this.data = data;
    }

    /** The line's bytes: base64-decoded, or the seeded text's UTF-8 bytes when not base64. */
    byte[] bytes() {
      try {
        return Base64.getDecoder().decode(data);
      } catch (IllegalArgumentException notBase64) {
        return data.getBytes(StandardCharsets.UTF_8);
      }
    }
  }

  // ---- JSON helpers ----

  private static Object parse(String text) {
    try {
      return JSON.fromJson(text);
    } catch (IOException | JsonDataException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> obj(Object o) {
    if (o instanceof Map) {
      return (Map<String, Object>) o;
    }
    throw new IllegalArgumentException("expected a JSON object");
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    return o instanceof List ? (List<Object>) o : List.of();
  }

  private static String str(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v instanceof Double d && d == Math.rint(d)) {
      return Long.toString(d.longValue());
    }
    return v == null ? null : v.toString();
  }

  private static String orDefault(String v, String fallback) {
    return v == null ? fallback : v;
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
