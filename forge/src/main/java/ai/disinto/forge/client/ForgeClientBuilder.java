package ai.disinto.forge.client;

import ai.disinto.core.Sleeper;
import ai.disinto.core.config.FactoryEnv;
import ai.disinto.core.net.InvalidUrlException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;

/**
 * Configures a {@link ForgeClient}. Setters return the builder; {@link #build()} validates.
 *
 * <p>Every {@link #build()} without {@link #httpClient} starts a new OkHttp client (connection
 * pool, dispatcher threads): build once per process and use the client's views ({@link
 * ForgeClient#forRepo}, {@link ForgeClient#withToken}, {@link ForgeClient#root()}) for other
 * repositories and identities. A client passed to {@link #httpClient} is derived from with
 * {@link OkHttpClient#newBuilder()}, so clients built from it share its pool and dispatcher.
 */
public final class ForgeClientBuilder {
  private String baseUrl = "http://localhost:3000";
  private String repo = "";
  private String apiBase = "";
  private ForgeAuth auth = ForgeAuth.token("");
  private OkHttpClient http;
  private Duration connectTimeout = Duration.ofSeconds(10);
  private Duration readTimeout = Duration.ofSeconds(60);
  private Duration callTimeout = Duration.ofSeconds(120);
  private RetryPolicy retry = RetryPolicy.defaults();
  private Sleeper sleeper = Sleeper.system();
  private Clock clock = Clock.systemUTC();
  private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
  private int pageSize = ForgeClient.DEFAULT_PAGE_SIZE;
  private int maxPages = 10_000;
  private HostLimits hostLimits = HostLimits.shared();
  private boolean dryRun;
  private boolean shortLived;

  ForgeClientBuilder() {}

  /**
   * Takes {@code FORGE_URL}, {@code FORGE_REPO}, {@code FORGE_API} and {@code FORGE_TOKEN} from
   * a loaded configuration. A {@code FORGE_API} equal to the one derived from the other two is
   * not treated as an override.
   *
   * @param env the configuration
   * @return this builder
   */
  public ForgeClientBuilder env(FactoryEnv env) {
    return env(env.asMap());
  }

  /**
   * Reads {@code FORGE_URL} (default {@code http://localhost:3000}), {@code FORGE_REPO},
   * {@code FORGE_API} and {@code FORGE_TOKEN} from a raw variable map.
   *
   * @param env the variables
   * @return this builder
   */
  public ForgeClientBuilder env(Map<String, String> env) {
    String url = env.getOrDefault("FORGE_URL", "");
    baseUrl(url.isEmpty() ? "http://localhost:3000" : url);
    repo(env.getOrDefault("FORGE_REPO", ""));
    String api = env.getOrDefault("FORGE_API", "");
    apiBase(api.equals(baseUrl + "/api/v1/repos/" + repo) ? "" : api);
    dryRun(isDryRun(env));
    return token(env.getOrDefault("FORGE_TOKEN", ""));
  }

  /**
   * Sets the forge's base URL, {@code FORGE_URL}; trailing slashes are dropped.
   *
   * @param url such as {@code http://forgejo:3000}
   * @return this builder
   */
  public ForgeClientBuilder baseUrl(String url) {
    String u = Objects.requireNonNull(url, "url");
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    this.baseUrl = u;
    return this;
  }

  /**
   * Sets the repository, {@code FORGE_REPO}.
   *
   * @param slug {@code owner/name}, or empty for a client used only on the API root
   * @return this builder
   */
  public ForgeClientBuilder repo(String slug) {
    this.repo = Objects.requireNonNull(slug, "slug").trim();
    return this;
  }

  /**
   * Overrides the repository API root, {@code FORGE_API}, when it points elsewhere than
   * {@code {FORGE_URL}/api/v1/repos/{repo}}.
   *
   * @param url the repository API root, or empty to derive it
   * @return this builder
   */
  public ForgeClientBuilder apiBase(String url) {
    this.apiBase = Objects.requireNonNull(url, "url");
    return this;
  }

  /**
   * Authenticates with an API token, {@code FORGE_TOKEN}.
   *
   * @param token the token; empty sends {@code Authorization: token } as the original does
   * @return this builder
   */
  public ForgeClientBuilder token(String token) {
    return auth(ForgeAuth.token(token));
  }

  /**
   * Sets the credentials.
   *
   * @param auth token, basic or none
   * @return this builder
   */
  public ForgeClientBuilder auth(ForgeAuth auth) {
    this.auth = Objects.requireNonNull(auth, "auth");
    return this;
  }

  /**
   * Shares an existing HTTP client (its connection pool and dispatcher); the timeouts of this
   * builder are applied to a derived client, and redirects are not followed, as with curl.
   *
   * @param http the client to share
   * @return this builder
   */
  public ForgeClientBuilder httpClient(OkHttpClient http) {
    this.http = Objects.requireNonNull(http, "http");
    return this;
  }

  /**
   * Sets the three timeouts: connect and read apply to every attempt, the call timeout to the
   * whole call with its retries.
   *
   * @param connect to open the connection (default 10 s)
   * @param read between bytes of the answer (default 60 s)
   * @param call for the whole call, retries and waits between them included (default 120 s)
   * @return this builder
   * @throws IllegalArgumentException when a timeout is negative (zero means no bound)
   */
  public ForgeClientBuilder timeouts(Duration connect, Duration read, Duration call) {
    this.connectTimeout = notNegative(connect, "connect");
    this.readTimeout = notNegative(read, "read");
    this.callTimeout = notNegative(call, "call");
    return this;
  }

  private static Duration notNegative(Duration d, String which) {
    if (Objects.requireNonNull(d, which).isNegative()) {
      throw new IllegalArgumentException("the " + which + " timeout is negative: " + d);
    }
    return d;
  }

  /**
   * Sets when and how often requests are repeated.
   *
   * @param policy the policy; {@link RetryPolicy#none()} never repeats
   * @return this builder
   */
  public ForgeClientBuilder retryPolicy(RetryPolicy policy) {
    this.retry = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /**
   * Sets what waits between retries (tests pass one that advances a fake clock).
   *
   * @param sleeper the sleeper
   * @return this builder
   */
  public ForgeClientBuilder sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    return this;
  }

  /**
   * Tells the client that it serves a short-lived process (one CLI call, a script step) that
   * makes a few requests and exits (default off). Such a client of a cleartext ({@code http://})
   * forge sends its requests over the JDK's plain sockets, one connection per request, instead of
   * OkHttp, whose start-up (a few hundred classes, TLS platform probing) is most of a short
   * process's time; every layer above the wire (credentials, retries, host limits, logging,
   * redaction, the exactly-once rule for writes) is the same. It speaks HTTP/1.1 only, without
   * TLS, proxies, compression or connection reuse; for an {@code https://} forge the client uses
   * OkHttp whatever this says. Long-running agents should leave it off and keep OkHttp's pool.
   *
   * @param on true for a short-lived process
   * @return this builder
   */
  public ForgeClientBuilder shortLived(boolean on) {
    this.shortLived = on;
    return this;
  }

  /**
   * Sets the clock that measures the retry budget and reads {@code Retry-After} dates against.
   *
   * @param clock the clock
   * @return this builder
   */
  public ForgeClientBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Sets the {@code limit} asked for per page by {@link ForgeClient#getAll}.
   *
   * @param size 1 or more (default 50)
   * @return this builder
   */
  public ForgeClientBuilder pageSize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("page size < 1: " + size);
    }
    this.pageSize = size;
    return this;
  }

  /**
   * Sets how many pages {@link ForgeClient#getAll} reads at most before it fails.
   *
   * @param pages 1 or more (default 10,000)
   * @return this builder
   */
  public ForgeClientBuilder maxPages(int pages) {
    if (pages < 1) {
      throw new IllegalArgumentException("max pages < 1: " + pages);
    }
    this.maxPages = pages;
    return this;
  }

  /**
   * The per-host limits (in-flight cap, request interval, shared {@code Retry-After}) this client
   * obeys; by default {@link HostLimits#shared()}, the one set of the process.
   *
   * @param limits the limits
   * @return this builder
   */
  public ForgeClientBuilder hostLimits(HostLimits limits) {
    this.hostLimits = Objects.requireNonNull(limits, "limits");
    return this;
  }

  /**
   * Turns the dry run on or off (default off; {@link #env(Map)} turns it on for {@code
   * DISINTO_DRY_RUN=1}). In a dry run reads go to the forge, and every write (POST, PUT, PATCH,
   * DELETE) is logged at INFO as the request it would send, with its body redacted, and not sent:
   * it is answered with a made-up success ({@link ForgeResponse#dryRun()}) that echoes the body.
   *
   * @param on true for a dry run
   * @return this builder
   */
  public ForgeClientBuilder dryRun(boolean on) {
    this.dryRun = on;
    return this;
  }

  /**
   * Tells whether a variable map asks for a dry run: {@code DISINTO_DRY_RUN} set to {@code 1},
   * {@code true} or {@code yes} (any case).
   *
   * @param env the variables
   * @return true when a dry run is asked for
   */
  public static boolean isDryRun(Map<String, String> env) {
    String v = env.getOrDefault("DISINTO_DRY_RUN", "").trim().toLowerCase(java.util.Locale.ROOT);
    return v.equals("1") || v.equals("true") || v.equals("yes");
  }

  /**
   * Validates the URLs and builds the client. No request is made. Without {@link #httpClient}
   * this starts a new connection pool; with it, the pool and dispatcher of that client are
   * shared.
   *
   * @return the client
   * @throws InvalidUrlException when {@code FORGE_API} or {@code FORGE_URL} fails {@code
   *     validate_url}
   * @throws IllegalArgumentException when the repository is not {@code owner/name}
   * @throws IllegalStateException when both {@link #shortLived} and {@link #httpClient} were set
   */
  public ForgeClient build() {
    String apiRoot = baseUrl + "/api/v1";
    ApiUrls.Roots roots = ApiUrls.roots(apiRoot, apiBase, repo);
    if (shortLived && http != null) {
      throw new IllegalStateException(
          "shortLived(true) and httpClient(...) exclude each other: a shared OkHttp client is for"
              + " long-lived processes");
    }
    OkHttpClient base = http;
    if (base == null && !(shortLived && cleartext(apiRoot, apiBase))) {
      base = defaultHttp(apiRoot, apiBase);
    }
    Transport transport = Transport.create(base, connectTimeout, readTimeout, callTimeout, retry,
        clock, sleeper, random, hostLimits);
    ForgeClient.Shared shared = new ForgeClient.Shared(transport, apiRoot, roots.apiRoot(),
        pageSize, maxPages, dryRun);
    return new ForgeClient(shared, repo, roots.repo(), false, auth, false);
  }

  /** Whether every URL of a client with these roots is {@code http://}. */
  private static boolean cleartext(String apiRoot, String apiBase) {
    return apiRoot.regionMatches(true, 0, "http://", 0, 7)
        && (apiBase.isEmpty() || apiBase.regionMatches(true, 0, "http://", 0, 7));
  }

  /**
   * A new OkHttp client. For a forge reached over plain {@code http://} only (a loopback or
   * in-cluster forge) it speaks cleartext only: OkHttp then sets up no TLS at all (no trust store
   * read, no socket factory), which is most of a CLI call's start-up. Every request of a client
   * goes to its own roots and redirects are not followed, so no {@code https://} URL can come up.
   */
  static OkHttpClient defaultHttp(String apiRoot, String apiBase) {
    return cleartext(apiRoot, apiBase)
        ? new OkHttpClient.Builder().connectionSpecs(List.of(ConnectionSpec.CLEARTEXT)).build()
        : new OkHttpClient();
  }
}
