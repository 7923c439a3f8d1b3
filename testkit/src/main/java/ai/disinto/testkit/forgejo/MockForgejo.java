package ai.disinto.testkit.forgejo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stateful in-memory Forgejo (API v1 of Forgejo 11) on a loopback port, for tests and demos.
 *
 * <p>It serves the endpoints of the "Forgejo API surface used" table of spec/forge.md with the
 * real API's paths, methods, status codes and JSON shapes, authenticates with tokens and checked
 * passwords, paginates lists ({@code limit} capped at {@link #setMaxPageSize}, {@code X-Total-Count}
 * and {@code Link} headers), records every request in a {@link #journal()} and injects
 * {@link #faults()}. Under {@code /_mock/} it answers control requests: {@code GET /_mock/journal},
 * {@code POST /_mock/reset}, {@code POST /_mock/seed}, {@code POST|GET|DELETE /_mock/faults} and
 * {@code POST /_mock/push}. The few web pages of the OAuth2 login Woodpecker uses ({@code
 * /user/login}, {@code /login/oauth/authorize}, {@code /login/oauth/grant}, {@code
 * /login/oauth/access_token}) are served too, with a session cookie and CSRF tokens.
 *
 * <p>Every repository is backed by a real bare git repository in a temporary folder the mock
 * owns ({@link #bareRepository}); branches, commits, file contents, PR heads and merges come from
 * it. The mock serves git's smart HTTP protocol at the clone URLs ({@link #cloneUrl}): anonymous
 * reads of public repositories, HTTP basic with the user's password for everything else (as
 * Forgejo 11, a token in place of the password is refused for pushes), branch protections
 * enforced on push. Git requests appear in the journal with an empty body.
 *
 * <p>Replaces the smoke-test mock of the original factory, which checked no passwords and so hid
 * real bugs. Thread-safe; one lock guards the whole state.
 *
 * <p>Starting a mock sets the system property {@code sun.net.httpserver.nodelay=true} unless it is
 * already set, which turns Nagle's algorithm off for every JDK {@code HttpServer} in this JVM
 * (the JDK reads it once, globally). Set the property yourself before the first server starts to
 * choose otherwise.
 *
 * <pre>{@code
 * try (MockForgejo forge = MockForgejo.start()) {
 *   forge.seed().user("dev-bot", u -> u.password("secret-pw").token("tok-dev"))
 *       .repo("dev-bot/proj");
 *   // point a client at forge.baseUrl() ...
 * }
 * }</pre>
 */
public final class MockForgejo implements AutoCloseable {
  /** The API root below the base URL. */
  public static final String API_PREFIX = "/api/v1";
  static final String DOCS_URL = "https://forgejo.org/api/swagger";
  private static final Logger LOG = LoggerFactory.getLogger(MockForgejo.class);

  private final State state;
  private final Render render;
  private final Logic logic;
  private final Router router = new Router();
  private final GitHttp git;
  private final OAuthRoutes oauth;
  private final Faults faults = new Faults();
  private final List<RecordedRequest> journal = new ArrayList<>();
  private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

  private final HttpServer server;
  private final ExecutorService executor;
  private final Seed seed;
  private final MockAdminCli admin;
  private final int defaultMaxPageSize;

  private MockForgejo(Builder b) throws IOException {
    this.state = new State(b.clock);
    this.state.maxPageSize = b.maxPageSize;
    this.defaultMaxPageSize = b.maxPageSize;
    this.render = new Render(state);
    this.logic = new Logic(state);
    new UserRoutes(state, render, logic).register(router);
    new RepoRoutes(state, render, logic).register(router);
    new IssueRoutes(state, render, logic).register(router);
    new PullRoutes(state, render, logic).register(router);
    this.oauth = new OAuthRoutes(state, render, logic);
    oauth.register(router);
    this.seed = new Seed(state, logic);
    this.git = new GitHttp(state, logic);
    this.admin = new MockAdminCli(state);
    // The JDK server writes headers and body separately; with Nagle on, each response then waits
    // for the client's delayed ACK (~40 ms), which turns a 200-page listing into seconds. The
    // switch is JVM-wide (read once by the JDK's server configuration): documented on the class.
    if (System.getProperty(NODELAY_PROPERTY) == null) {
      System.setProperty(NODELAY_PROPERTY, "true");
    }
    this.server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 64);
    AtomicInteger n = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(b.threads, r -> {
      Thread t = new Thread(r, "mock-forgejo-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    state.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    LOG.debug("mock Forgejo listening on {}", state.baseUrl);
  }

  /**
   * Starts a mock with default settings on a random loopback port.
   *
   * @return the running mock
   * @throws java.io.UncheckedIOException when the port cannot be bound
   */
  public static MockForgejo start() {
    return builder().start();
  }

  /**
   * A builder for a mock with non-default settings.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Settings of a mock before it starts. */
  public static final class Builder {
    private int port;
    private Clock clock = Clock.systemUTC();
    private int maxPageSize = 50;
    private int threads = 8;

    private Builder() {}

    /**
     * The port to listen on; 0 (the default) picks a free one.
     *
     * @param port the TCP port
     * @return this builder
     */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * The clock for every timestamp the mock writes.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /**
     * Forgejo's {@code [api] MAX_RESPONSE_ITEMS}: the cap on {@code limit}.
     *
     * @param max maximum page size, at least 1
     * @return this builder
     */
    public Builder maxPageSize(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("max page size must be >= 1");
      }
      this.maxPageSize = max;
      return this;
    }

    /**
     * Number of request threads (default 8).
     *
     * @param threads thread count, at least 1
     * @return this builder
     */
    public Builder threads(int threads) {
      this.threads = Math.max(1, threads);
      return this;
    }

    /**
     * Binds the port and starts serving.
     *
     * @return the running mock
     * @throws java.io.UncheckedIOException when the port cannot be bound
     */
    public MockForgejo start() {
      try {
        return new MockForgejo(this);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("cannot start the mock Forgejo: " + e.getMessage(), e);
      }
    }
  }

  /**
   * The forge's root URL, the {@code FORGE_URL}: {@code http://127.0.0.1:PORT}.
   *
   * @return the base URL without a trailing slash
   */
  public String baseUrl() {
    return state.baseUrl;
  }

  /**
   * The API root, {@code baseUrl() + "/api/v1"}.
   *
   * @return the API URL
   */
  public String apiUrl() {
    return state.baseUrl + API_PREFIX;
  }

  /**
   * The port the mock listens on.
   *
   * @return the TCP port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * The builder-style seeding API (users, tokens, orgs, repos, labels, issues, PRs, ...).
   *
   * @return the seeder of this mock
   */
  public Seed seed() {
    return seed;
  }

  /**
   * Seeds from the JSON format of {@code POST /_mock/seed} (see {@link Seed#fromJson}).
   *
   * @param json the seed document
   * @return the created issue and PR numbers per repository
   * @throws IllegalArgumentException when the document is not valid
   */
  public Map<String, Object> seedJson(String json) {
    return seed.fromJson(json);
  }

  /**
   * The fake {@code forgejo admin user ...} command line acting on this mock's state.
   *
   * @return the admin CLI
   */
  public MockAdminCli admin() {
    return admin;
  }

  /**
   * Every request answered so far, oldest first: API requests and git smart-HTTP requests (the
   * latter with an empty body); {@code /_mock/} requests excluded.
   *
   * @return an immutable copy
   */
  public List<RecordedRequest> journal() {
    synchronized (journal) {
      return List.copyOf(journal);
    }
  }

  /** Forgets the recorded requests. */
  public void clearJournal() {
    synchronized (journal) {
      journal.clear();
    }
  }

  /**
   * The fault rules of this mock.
   *
   * @return the live fault set
   */
  public Faults faults() {
    return faults;
  }

  /** Drops all state, the journal and the fault rules; settings return to their defaults. */
  public void reset() {
    synchronized (state) {
      state.dropAllGit();
      state.users.clear();
      state.repos.clear();
      state.tokens.clear();
      state.userSeq = 0;
      state.repoSeq = 0;
      state.issueSeq = 0;
      state.labelSeq = 0;
      state.commentSeq = 0;
      state.reviewSeq = 0;
      state.tokenSeq = 0;
      state.statusSeq = 0;
      state.protectionSeq = 0;
      state.commitSeq = 0;
      state.maxPageSize = defaultMaxPageSize;
      state.requireSignIn = false;
      state.mergeabilityAfterPush = Mergeability.MERGEABLE;
      state.adminListFailures = 0;
      state.adminListCalls = 0;
      oauth.clear();
    }
    faults.clear();
    clearJournal();
  }

  /**
   * Forgejo's {@code MAX_RESPONSE_ITEMS}: the largest {@code limit} honoured (default 50).
   *
   * @param max maximum page size, at least 1
   */
  public void setMaxPageSize(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max page size must be >= 1");
    }
    synchronized (state) {
      state.maxPageSize = max;
    }
  }

  /**
   * {@code REQUIRE_SIGNIN_VIEW}: when on, anonymous API requests get 401.
   *
   * @param required whether sign-in is required
   */
  public void setRequireSignIn(boolean required) {
    synchronized (state) {
      state.requireSignIn = required;
    }
  }

  /**
   * The mergeability open PRs get after their head branch is pushed (default mergeable).
   *
   * @param m the value after a push
   */
  public void setMergeabilityAfterPush(Mergeability m) {
    synchronized (state) {
      state.mergeabilityAfterPush = Objects.requireNonNull(m);
    }
  }

  /**
   * Sets what the merge check says about one PR.
   *
   * @param repo {@code owner/name}
   * @param pr the PR number
   * @param m the mergeability
   * @throws IllegalArgumentException when repo or PR do not exist
   */
  public void setMergeability(String repo, long pr, Mergeability m) {
    synchronized (state) {
      seed.pullOf(repo, pr).pull.mergeability = Objects.requireNonNull(m);
    }
  }

  /**
   * A push without git: creates or moves {@code branch} to the existing commit {@code sha}, or
   * (null) to a new real commit on top of the branch (or of the default branch when the branch is
   * new) in the bare repository; then moves the head of open PRs from that branch, marks their
   * reviews of other commits stale and resets their mergeability, as a real push does.
   *
   * @param repo {@code owner/name}
   * @param branch the branch name
   * @param sha an existing commit id of the repository, or {@code null} to make a commit
   * @return the head commit id
   * @throws IllegalArgumentException when the repo does not exist or {@code sha} is not one of
   *     its commits
   */
  public String pushBranch(String repo, String branch, String sha) {
    return pushBranch(repo, branch, sha, true);
  }

  /**
   * As {@link #pushBranch(String, String, String)}; with {@code contentChanged} false (a rebase
   * without changes) reviews do not turn stale.
   *
   * @param repo {@code owner/name}
   * @param branch the branch name
   * @param sha an existing commit id of the repository, or {@code null} to make a commit
   * @param contentChanged whether the push changed the PR's content
   * @return the head commit id
   * @throws IllegalArgumentException when the repo does not exist or {@code sha} is not one of
   *     its commits
   */
  public String pushBranch(String repo, String branch, String sha, boolean contentChanged) {
    synchronized (state) {
      return logic.pushBranch(seed.repoOf(repo), branch, sha, contentChanged, null).sha;
    }
  }

  /**
   * Registers a webhook target: it hears every later push and pull request change (see {@link
   * ForgeListener} for when and on which thread). Listeners survive {@link #reset()}.
   *
   * @param listener the listener
   */
  public void addListener(ForgeListener listener) {
    state.listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Unregisters a webhook target.
   *
   * @param listener a listener added before
   */
  public void removeListener(ForgeListener listener) {
    state.listeners.remove(listener);
  }

  /**
   * Every file of a commit's tree, by path, as the bare repository holds it.
   *
   * @param repo {@code owner/name}
   * @param sha a commit id of the repository
   * @return the files, unmodifiable
   * @throws IllegalArgumentException when the repository or the commit does not exist
   */
  public Map<String, byte[]> filesAt(String repo, String sha) {
    synchronized (state) {
      State.Commit c = seed.repoOf(repo).commitById(sha);
      if (c == null) {
        throw new IllegalArgumentException("no commit " + sha + " in " + repo);
      }
      return c.files();
    }
  }

  /**
   * Stops serving and releases the port and threads.
   */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    synchronized (state) {
      state.dropAllGit();
    }
  }

  // ---- git ----

  /**
   * The HTTP clone URL of a repository, as Forgejo spells it:
   * {@code http://127.0.0.1:PORT/owner/repo.git}. The mock serves git's smart HTTP protocol there
   * ({@code git clone}, {@code fetch} and {@code push} of the git CLI and of JGit).
   *
   * @param owner the owner's login
   * @param repo the repository name
   * @return the clone URL, without credentials
   */
  public String cloneUrl(String owner, String repo) {
    return state.baseUrl + "/" + owner + "/" + repo + ".git";
  }

  /**
   * The clone URL with {@code user:password@} in it (percent-encoded), for tests that do not set
   * up a credential helper. Such a URL must never be logged.
   *
   * @param owner the owner's login
   * @param repo the repository name
   * @param user the login to authenticate as
   * @param password the user's password
   * @return the clone URL with credentials
   */
  public String cloneUrl(String owner, String repo, String user, String password) {
    return "http://" + userInfo(user) + ":" + userInfo(password) + "@"
        + state.baseUrl.substring("http://".length()) + "/" + owner + "/" + repo + ".git";
  }

  private static String userInfo(String v) {
    return java.net.URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * The folder of the bare git repository behind a mock repository (in a temporary folder the
   * mock deletes on {@link #close()}, {@link #reset()} or when the repository is deleted). Open
   * it with JGit or {@code git --git-dir} to inspect what the forge holds; write to it only
   * through the mock (pushes, API, {@link #seed()}) so that PRs follow their branches.
   *
   * <p>A repository lives in memory (JGit's in-memory storage, same objects and ids) until this
   * method is first called for it or a git client first reaches it over smart HTTP; then it is
   * written to disk, where it stays from then on.
   *
   * @param owner the owner's login
   * @param repo the repository name
   * @return the bare repository's git directory
   * @throws IllegalArgumentException when the repository does not exist
   */
  public java.nio.file.Path bareRepository(String owner, String repo) {
    synchronized (state) {
      return seed.repoOf(owner + "/" + repo).git.dir();
    }
  }

  /**
   * The commit a branch points at in the bare repository.
   *
   * @param repo {@code owner/name}
   * @param branch the branch name
   * @return the commit id, or empty when the branch does not exist
   * @throws IllegalArgumentException when the repository does not exist
   */
  public java.util.Optional<String> branchHead(String repo, String branch) {
    synchronized (state) {
      State.Branch b = seed.repoOf(repo).branches.get(branch);
      return java.util.Optional.ofNullable(b == null ? null : b.head.sha);
    }
  }

  /** Every route served: method and swagger path template (for the contract test). */
  List<Router.Route> routes() {
    return router.routes();
  }

  // ---- HTTP ----

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
      URI uri = ex.getRequestURI();
      String rawPath = uri.getRawPath();
      String path = Router.decode(rawPath);
      String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
      byte[] raw = ex.getRequestBody().readAllBytes();
      boolean gitRequest = GitHttp.matches(path);
      // Git's bodies are binary packs: the journal keeps them out.
      String body = gitRequest ? "" : new String(raw, StandardCharsets.UTF_8);
      if (path.startsWith("/_mock/")) {
        send(ex, method, control(method, path, body));
        return;
      }
      Auth auth;
      synchronized (state) {
        auth = authenticate(ex.getRequestHeaders().getFirst("Authorization"),
            Call.parseQuery(query));
      }
      List<Fault> hits = faults.hits(method, path);
      Reply reply = null;
      boolean malformed = false;
      Fault.Drop drop = Fault.Drop.NONE;
      for (Fault f : hits) {
        if (f.drop() == Fault.Drop.BEFORE_PROCESSING
            || (f.drop() == Fault.Drop.AFTER_PROCESSING && drop == Fault.Drop.NONE)) {
          drop = f.drop();
        }
        if (!f.delay().isZero()) {
          pause(f.delay());
        }
        if (reply == null && f.status() > 0) {
          reply = Reply.text(f.status(), f.body() == null ? "" : f.body());
          reply.headers.put("Content-Type", "application/json;charset=utf-8");
          if (f.retryAfterSeconds() >= 0) {
            reply.header("Retry-After", Integer.toString(f.retryAfterSeconds()));
          }
        }
        malformed |= f.malformed();
      }
      if (drop == Fault.Drop.BEFORE_PROCESSING) {
        record(method, path, query, auth, body, 0);
        return; // closing an exchange that sent no headers closes the connection
      }
      if (reply == null && gitRequest) {
        reply = git.handle(method, path, query,
            ex.getRequestHeaders().getFirst("Content-Encoding"), raw, auth);
      } else if (reply == null && OAuthRoutes.matches(path)) {
        synchronized (state) {
          reply = oauth.web(method, path, query, body, ex.getRequestHeaders().getFirst("Cookie"));
        }
      } else if (reply == null) {
        reply = dispatch(method, rawPath, path, query, body, auth);
        if (malformed) {
          String text = new String(reply.body, StandardCharsets.UTF_8);
          reply.body = (text.isEmpty() ? "{\"truncated\": " : text.substring(0, (text.length() + 1) / 2))
              .getBytes(StandardCharsets.UTF_8);
        }
      }
      record(method, path, query, auth, body, reply.status);
      if (drop == Fault.Drop.AFTER_PROCESSING) {
        return; // done, but no answer: the exchange closes without headers
      }
      send(ex, method, reply);
    } catch (RuntimeException e) {
      LOG.warn("mock Forgejo failed on {} {}", ex.getRequestMethod(), ex.getRequestURI().getPath(), e);
      throw e;
    }
  }

  private void record(String method, String path, String query, Auth auth, String body,
      int status) {
    synchronized (journal) {
      journal.add(new RecordedRequest(method, path, query,
          auth.user == null ? null : auth.user.login, auth.kind, body, status));
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
    boolean noBody = reply.body.length == 0 || method.equals("HEAD") || reply.status == 204
        || reply.status == 304;
    ex.sendResponseHeaders(reply.status, noBody ? -1 : reply.body.length);
    if (!noBody) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(reply.body);
      }
    }
  }

  /** Who a request is, or why it is refused. */
  record Auth(State.User user, RecordedRequest.AuthKind kind, ApiException error) {}

  private Auth authenticate(String header, Map<String, List<String>> query) {
    String token = null;
    if (header != null && !header.isBlank()) {
      String[] parts = header.trim().split("\\s+", 2);
      String scheme = parts[0].toLowerCase(Locale.ROOT);
      String value = parts.length > 1 ? parts[1].trim() : "";
      if ((scheme.equals("token") || scheme.equals("bearer")) && value.isEmpty()) {
        // Forgejo reads "token " (curl with an empty variable) as no credentials at all.
        return new Auth(null, RecordedRequest.AuthKind.NONE, null);
      } else if (scheme.equals("token") || scheme.equals("bearer")) {
        token = value;
      } else if (scheme.equals("basic")) {
        return basic(value);
      } else {
        return new Auth(null, RecordedRequest.AuthKind.NONE, new ApiException(401, "invalid authorization header"));
      }
    } else {
      for (String k : new String[] {"token", "access_token"}) {
        List<String> v = query.get(k);
        if (v != null && !v.isEmpty()) {
          token = v.get(0);
        }
      }
      if (token == null) {
        return new Auth(null, RecordedRequest.AuthKind.NONE, null);
      }
    }
    State.Token t = state.tokens.get(token);
    if (t == null) {
      return new Auth(null, RecordedRequest.AuthKind.TOKEN, new ApiException(401, "invalid token"));
    }
    return active(t.user, RecordedRequest.AuthKind.TOKEN);
  }

  private Auth basic(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return new Auth(null, RecordedRequest.AuthKind.BASIC, new ApiException(401, "invalid basic auth"));
    }
    int colon = decoded.indexOf(':');
    String login = colon < 0 ? decoded : decoded.substring(0, colon);
    String secret = colon < 0 ? "" : decoded.substring(colon + 1);
    State.User u = state.user(login);
    // Forgejo accepts a token in place of the password (or as the user name).
    State.Token t = state.tokens.get(secret.isEmpty() ? login : secret);
    if (t != null && (u == null || t.user == u)) {
      return active(t.user, RecordedRequest.AuthKind.TOKEN);
    }
    if (u == null || u.org || u.password == null || !u.password.equals(secret)) {
      return new Auth(null, RecordedRequest.AuthKind.BASIC,
          new ApiException(401, "user's password is invalid [name: " + login + "]"));
    }
    Auth a = active(u, RecordedRequest.AuthKind.BASIC);
    if (a.error == null && u.mustChangePassword) {
      return new Auth(u, RecordedRequest.AuthKind.BASIC, new ApiException(403,
          "You must change your password. Change it at: " + state.baseUrl + "/user/change_password"));
    }
    return a;
  }

  private static Auth active(State.User u, RecordedRequest.AuthKind kind) {
    if (!u.active || u.prohibitLogin) {
      return new Auth(u, kind, new ApiException(403, "user is not allowed to sign in"));
    }
    return new Auth(u, kind, null);
  }

  private Reply dispatch(String method, String rawPath, String path, String query, String body,
      Auth auth) {
    if (!rawPath.startsWith(API_PREFIX + "/")) {
      return Reply.text(404, "404 page not found\n");
    }
    String apiRaw = rawPath.substring(API_PREFIX.length());
    synchronized (state) {
      try {
        if (auth.error != null) {
          throw auth.error;
        }
        Set<String> allowed = new LinkedHashSet<>();
        Router.Match m = router.find(method, apiRaw, allowed);
        if (m == null) {
          if (!allowed.isEmpty()) {
            return Reply.empty(405).header("Allow", String.join(", ", allowed));
          }
          return Reply.error(404, "The target couldn't be found.");
        }
        if (auth.user == null && (state.requireSignIn || !method.equals("GET"))) {
          throw ApiException.tokenRequired();
        }
        Call c = new Call(method, path, query, body, m.params(), auth.user, auth.kind);
        return m.route().handler().handle(c);
      } catch (ApiException e) {
        return Reply.error(e.status, e.getMessage());
      }
    }
  }

  // ---- /_mock/ control endpoints ----

  private Reply control(String method, String path, String body) {
    try {
      switch (method + " " + path) {
        case "GET /_mock/journal":
          return Reply.json(200, journalJson());
        case "DELETE /_mock/journal":
          clearJournal();
          return Reply.empty(204);
        case "POST /_mock/reset":
          reset();
          return Reply.empty(204);
        case "POST /_mock/seed":
          return Reply.json(200, seed.fromJson(body));
        case "POST /_mock/faults":
          List<Fault> added = FaultJson.parse(body);
          added.forEach(faults::add);
          return Reply.json(201, Json.obj("added", added.size(), "rules", faults.rules().size()));
        case "GET /_mock/faults":
          return Reply.json(200, FaultJson.toJson(faults.rules()));
        case "DELETE /_mock/faults":
          faults.clear();
          return Reply.empty(204);
        case "POST /_mock/push":
          Map<String, Object> p = Json.asObject(Json.parse(body));
          String sha = pushBranch(Json.str(p, "repo"), Json.str(p, "branch"), Json.str(p, "sha"),
              !Boolean.FALSE.equals(Json.bool(p, "content_changed")));
          return Reply.json(200, Json.obj("sha", sha));
        default:
          return Reply.error(404, "unknown mock control endpoint: " + method + " " + path);
      }
    } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
      return Reply.error(400, "bad control request: " + e.getMessage());
    }
  }

  private List<Object> journalJson() {
    List<Object> out = new ArrayList<>();
    for (RecordedRequest r : journal()) {
      Object json;
      try {
        json = r.jsonBody();
      } catch (IllegalArgumentException e) {
        json = r.body();
      }
      out.add(Json.obj("method", r.method(), "path", r.target(), "query", r.query(),
          "principal", r.principal(), "auth", r.authKind().name().toLowerCase(Locale.ROOT),
          "body", json, "status", r.status()));
    }
    return out;
  }
}
