package ai.disinto.ci.woodpecker;

import ai.disinto.core.Sleeper;
import ai.disinto.core.config.FactoryEnv;
import ai.disinto.core.net.UrlValidator;
import ai.disinto.core.secrets.SecretScanner;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeTransportException;
import ai.disinto.forge.client.RetryPolicy;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.DoubleSupplier;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the Woodpecker CI REST API ({@code <server>/api}): the typed calls the CI helpers
 * need and the raw {@link #api(String)} of {@code woodpecker_api} in lib/env.sh. Thread-safe; one
 * OkHttp client with explicit timeouts serves every call.
 *
 * <p>Authentication is {@code Authorization: Bearer <token>}; without a token no header is sent
 * (the original sent an empty {@code Bearer }). The token never appears in a log line, a message
 * or {@link #toString()}. Redirects are followed, as {@code curl -L} does. GETs that get no
 * answer, a 5xx or a 429 are retried as the {@link RetryPolicy} says, on the injected clock and
 * sleeper; a POST is sent once, whatever happens. Lists are paged with {@code perPage} (at most
 * 50) until a page comes back short.
 */
public final class WoodpeckerClient {
  private static final Logger LOG = LoggerFactory.getLogger(WoodpeckerClient.class);
  private static final MediaType JSON = MediaType.get("application/json");
  private static final SecretScanner SCANNER = SecretScanner.defaults();
  private static final String HIDDEN_RETRY_AFTER = "X-Disinto-Retry-After";
  private static final int MESSAGE_LIMIT = 300;
  /** What env.sh exports when {@code WOODPECKER_SERVER} is unset. */
  static final String DEFAULT_SERVER = "http://localhost:8000";
  /** The server's address inside the compose stack. */
  static final String CONTAINER_SERVER = "http://woodpecker:8000";

  private final HttpUrl server;
  private final String token;
  private final OkHttpClient http;
  private final RetryPolicy retry;
  private final Clock clock;
  private final Sleeper sleeper;
  private final DoubleSupplier random;
  private final Moshi moshi = ForgeClient.moshi();
  private final boolean dryRun;

  private WoodpeckerClient(Builder b, HttpUrl server) {
    this.server = server;
    this.token = b.token == null ? "" : b.token;
    this.retry = b.retry;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.random = b.random;
    this.dryRun = b.dryRun;
    OkHttpClient base = b.http != null ? b.http : new OkHttpClient();
    this.http = base.newBuilder()
        .connectTimeout(b.connectTimeout)
        .readTimeout(b.readTimeout)
        .writeTimeout(b.readTimeout)
        .callTimeout(b.callTimeout)
        .followRedirects(true)
        // OkHttp's own retry on a dropped connection would send a POST a second time.
        .retryOnConnectionFailure(false)
        .addNetworkInterceptor(WoodpeckerClient::hideRetryAfter)
        .build();
  }

  /**
   * Builds a client from the configuration: {@code WOODPECKER_SERVER} and {@code
   * WOODPECKER_TOKEN}. An unset server is {@code http://localhost:8000}, as env.sh exports; in
   * container mode ({@code DISINTO_CONTAINER=1}) an unset server, or env.sh's localhost default
   * (which there names the agents container itself), is {@code http://woodpecker:8000}, the
   * server's address in the compose stack. No request is made.
   *
   * @param env the configuration
   * @return the client
   * @throws ai.disinto.core.net.InvalidUrlException when the server URL fails validation
   */
  public static WoodpeckerClient fromEnv(FactoryEnv env) {
    return builder().env(env).build();
  }

  /**
   * A builder with the defaults: connect timeout 5 s, read and call timeout 30 s, {@link
   * RetryPolicy#defaults()}, the system clock and real sleeping.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Settings of a client before it is built. Not thread-safe; {@link #build()} copies them. */
  public static final class Builder {
    private String server;
    private String token = "";
    private OkHttpClient http;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration callTimeout = Duration.ofSeconds(30);
    private RetryPolicy retry = RetryPolicy.defaults();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private DoubleSupplier random = new Random()::nextDouble;
    private boolean dryRun;

    private Builder() {}

    /**
     * Turns the dry run on or off (default off; {@link #env} turns it on for {@code
     * DISINTO_DRY_RUN=1}): reads are sent, every other request is logged at INFO as the request
     * it would send and answered with a made-up 200 and an empty JSON object, never sent.
     *
     * @param on true for a dry run
     * @return this builder
     */
    public Builder dryRun(boolean on) {
      this.dryRun = on;
      return this;
    }

    /**
     * Takes the server and token from the configuration, as {@link WoodpeckerClient#fromEnv}
     * describes.
     *
     * @param env the configuration
     * @return this builder
     */
    public Builder env(FactoryEnv env) {
      String s = env.woodpeckerServer();
      if (env.containerMode() && (s.isEmpty() || s.equals(DEFAULT_SERVER))) {
        s = CONTAINER_SERVER;
      } else if (s.isEmpty()) {
        s = DEFAULT_SERVER;
      }
      this.server = s;
      this.token = env.getOrEmpty("WOODPECKER_TOKEN");
      this.dryRun = ai.disinto.forge.client.ForgeClientBuilder.isDryRun(env.asMap());
      return this;
    }

    /**
     * The server's base URL, without {@code /api}.
     *
     * @param url such as {@code http://woodpecker:8000}
     * @return this builder
     */
    public Builder server(String url) {
      this.server = url;
      return this;
    }

    /**
     * The personal access token; empty for unauthenticated requests.
     *
     * @param value the token
     * @return this builder
     */
    public Builder token(String value) {
      this.token = value == null ? "" : value;
      return this;
    }

    /**
     * An OkHttp client to share the connection pool and dispatcher of.
     *
     * @param client the base client
     * @return this builder
     */
    public Builder httpClient(OkHttpClient client) {
      this.http = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * The connect timeout.
     *
     * @param d the timeout
     * @return this builder
     */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = Objects.requireNonNull(d, "d");
      return this;
    }

    /**
     * The read (and write) timeout.
     *
     * @param d the timeout
     * @return this builder
     */
    public Builder readTimeout(Duration d) {
      this.readTimeout = Objects.requireNonNull(d, "d");
      return this;
    }

    /**
     * The timeout of one whole call (one attempt).
     *
     * @param d the timeout
     * @return this builder
     */
    public Builder callTimeout(Duration d) {
      this.callTimeout = Objects.requireNonNull(d, "d");
      return this;
    }

    /**
     * When GETs are retried; {@link RetryPolicy#none()} for none, as the original.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retry = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * The clock that times the retry budget.
     *
     * @param c the clock
     * @return this builder
     */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "c");
      return this;
    }

    /**
     * What every wait between retries goes through.
     *
     * @param s the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper s) {
      this.sleeper = Objects.requireNonNull(s, "s");
      return this;
    }

    /**
     * The source of the retry jitter, numbers in {@code [0, 1)}.
     *
     * @param r the source
     * @return this builder
     */
    public Builder random(DoubleSupplier r) {
      this.random = Objects.requireNonNull(r, "r");
      return this;
    }

    /**
     * Validates the server URL and builds the client. No request is made.
     *
     * @return the client
     * @throws ai.disinto.core.net.InvalidUrlException when the URL has another scheme than http(s)
     *     or embedded credentials ({@code WOODPECKER_SERVER validation failed - possible URL
     *     injection attempt}); the URL is not repeated
     * @throws IllegalStateException when no server was given
     */
    public WoodpeckerClient build() {
      if (server == null) {
        throw new IllegalStateException("no Woodpecker server given");
      }
      UrlValidator.require(server, List.of(), "WOODPECKER_SERVER");
      HttpUrl url = HttpUrl.parse(server);
      if (url == null) {
        throw new ai.disinto.core.net.InvalidUrlException(
            "WOODPECKER_SERVER validation failed - possible URL injection attempt (not a URL)");
      }
      return new WoodpeckerClient(this, url);
    }
  }

  // ---- typed calls ----

  /**
   * The user the token belongs to ({@code GET /api/user}).
   *
   * @return the user
   * @throws WoodpeckerException when the request fails (401 without a valid token)
   */
  public User user() {
    return get(url("user"), User.class);
  }

  /**
   * Looks a repository up by its full name ({@code GET /api/repos/lookup/{owner}/{name}}), as
   * ci-setup finds {@code WOODPECKER_REPO_ID}.
   *
   * @param fullName {@code owner/name}
   * @return the repository, or empty when Woodpecker does not know it (404)
   * @throws WoodpeckerException when the request fails otherwise
   */
  public Optional<Repo> lookupRepo(String fullName) {
    HttpUrl.Builder b = base().addPathSegments("repos/lookup");
    for (String part : fullName.split("/", -1)) {
      b.addPathSegment(part);
    }
    try {
      return Optional.of(get(b.build(), Repo.class));
    } catch (WoodpeckerNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * One repository by id ({@code GET /api/repos/{repo_id}}).
   *
   * @param repoId Woodpecker's repository id
   * @return the repository
   * @throws WoodpeckerNotFoundException when there is none
   * @throws WoodpeckerException when the request fails otherwise
   */
  public Repo repo(long repoId) {
    return get(url("repos", Long.toString(repoId)), Repo.class);
  }

  /**
   * Activates a forge repository in Woodpecker ({@code POST /api/repos?forge_remote_id=ID}), as
   * ci-setup does. Sent once.
   *
   * @param forgeRemoteId the forge's id of the repository
   * @return the new Woodpecker repository (deployments not allowed)
   * @throws WoodpeckerException when the server refuses (400 no id, 403 not admin on the forge
   *     repository, 409 already active) or gives no answer
   */
  public Repo activateRepo(long forgeRemoteId) {
    HttpUrl u = base().addPathSegment("repos")
        .addQueryParameter("forge_remote_id", Long.toString(forgeRemoteId)).build();
    return bind(execute("POST", u, RequestBody.create(new byte[0], null)), Repo.class);
  }

  /**
   * Changes a repository's settings ({@code PATCH /api/repos/{repo_id}} with the JSON patch).
   * Sent once.
   *
   * @param repoId Woodpecker's repository id
   * @param patch the settings to change
   * @return the repository as it is now
   * @throws WoodpeckerException when the request fails
   */
  public Repo patchRepo(long repoId, RepoPatch patch) {
    String json = moshi.adapter(Object.class).toJson(patch.body());
    RequestBody body = RequestBody.create(json.getBytes(StandardCharsets.UTF_8), JSON);
    return bind(execute("PATCH", url("repos", Long.toString(repoId)), body), Repo.class);
  }

  /**
   * One page of a repository's pipelines, newest first ({@code GET
   * /api/repos/{repo_id}/pipelines?page=..&perPage=..}). List items carry no workflows.
   *
   * @param repoId Woodpecker's repository id
   * @param query the page and filters
   * @return the page, possibly empty
   * @throws WoodpeckerException when the request fails
   */
  public List<Pipeline> pipelines(long repoId, PipelineQuery query) {
    HttpUrl.Builder b = base().addPathSegment("repos").addPathSegment(Long.toString(repoId))
        .addPathSegment("pipelines")
        .addQueryParameter("page", Integer.toString(query.page()))
        .addQueryParameter("perPage", Integer.toString(query.perPage()));
    query.branch().ifPresent(v -> b.addQueryParameter("branch", v));
    query.event().ifPresent(v -> b.addQueryParameter("event", v));
    query.status().ifPresent(v -> b.addQueryParameter("status", v));
    Type type = Types.newParameterizedType(List.class, Pipeline.class);
    List<Pipeline> page = get(b.build(), type);
    return page == null ? List.of() : List.copyOf(page);
  }

  /**
   * Every pipeline from the query's page on: pages are read until one comes back shorter than
   * {@code perPage} (Woodpecker sends no total), or empty, or the same as the one before (a
   * server that ignores paging).
   *
   * @param repoId Woodpecker's repository id
   * @param query the first page to read, its size and the filters
   * @return the pipelines, newest first
   * @throws WoodpeckerException when a request fails; nothing partial is returned
   */
  public List<Pipeline> allPipelines(long repoId, PipelineQuery query) {
    List<Pipeline> all = new ArrayList<>();
    List<Pipeline> previous = null;
    for (PipelineQuery q = query; ; q = q.withPage(q.page() + 1)) {
      List<Pipeline> page = pipelines(repoId, q);
      if (page.isEmpty() || page.equals(previous)) {
        break;
      }
      all.addAll(page);
      if (page.size() < q.perPage()) {
        break;
      }
      previous = page;
    }
    return List.copyOf(all);
  }

  /**
   * One pipeline with its workflows and steps ({@code GET
   * /api/repos/{repo_id}/pipelines/{number}}).
   *
   * @param repoId Woodpecker's repository id
   * @param number the pipeline number
   * @return the pipeline
   * @throws WoodpeckerNotFoundException when there is none
   * @throws WoodpeckerException when the request fails otherwise
   */
  public Pipeline pipeline(long repoId, long number) {
    return get(url("repos", Long.toString(repoId), "pipelines", Long.toString(number)),
        Pipeline.class);
  }

  /**
   * Restarts a pipeline ({@code POST /api/repos/{repo_id}/pipelines/{number}?...}), as ci_promote
   * does with {@code event=deployment} and {@code deploy_to}. The parameters go in the query
   * string (Woodpecker reads them nowhere else); the body is empty. Sent once: a POST that gets
   * no answer is not repeated.
   *
   * @param repoId Woodpecker's repository id
   * @param number the pipeline to restart
   * @param query {@code event}, {@code deploy_to} and pipeline variables, in order
   * @return the new pipeline
   * @throws WoodpeckerException when the server refuses (400 bad event, 403 deployments not
   *     allowed, 404) or gives no answer
   */
  public Pipeline restart(long repoId, long number, Map<String, String> query) {
    HttpUrl.Builder b = base().addPathSegment("repos").addPathSegment(Long.toString(repoId))
        .addPathSegment("pipelines").addPathSegment(Long.toString(number));
    query.forEach(b::addQueryParameter);
    WoodpeckerResponse r = execute("POST", b.build(), RequestBody.create(new byte[0], null));
    return bind(r, Pipeline.class);
  }

  /**
   * The log of one step ({@code GET /api/repos/{repo_id}/logs/{number}/{step_id}}), each line's
   * base64 {@code data} decoded (see {@link LogEntry}); data that does not decode is kept, never
   * an error.
   *
   * @param repoId Woodpecker's repository id
   * @param number the pipeline number
   * @param stepId the step's database {@code id} (not its {@code pid})
   * @return the lines in order
   * @throws WoodpeckerNotFoundException when the step is not in that pipeline
   * @throws WoodpeckerException when the request fails otherwise
   */
  public List<LogEntry> stepLogs(long repoId, long number, long stepId) {
    Type type = Types.newParameterizedType(List.class, LogWire.class);
    List<LogWire> wire = get(url("repos", Long.toString(repoId), "logs", Long.toString(number),
        Long.toString(stepId)), type);
    List<LogEntry> out = new ArrayList<>();
    if (wire != null) {
      for (LogWire w : wire) {
        out.add(w.decode());
      }
    }
    return List.copyOf(out);
  }

  /**
   * Whether the server answers {@code GET /api/version} (which needs no token) with a success
   * within {@code timeout}, with no retries: the supervisor's preflight.
   *
   * @param timeout how long the one attempt may take
   * @return true when the server answered below 400
   */
  public boolean ping(Duration timeout) {
    OkHttpClient quick = http.newBuilder().callTimeout(timeout).build();
    Request request = new Request.Builder().url(url("version")).get().build();
    try (Response r = quick.newCall(request).execute()) {
      LOG.debug("GET /api/version -> {}", r.code());
      return r.code() < 400;
    } catch (IOException e) {
      LOG.debug("GET /api/version -> {}", e.getClass().getSimpleName());
      return false;
    }
  }

  // ---- raw ----

  /**
   * {@code woodpecker_api PATH}: a GET of {@code <server>/api<PATH>}, the answer returned whatever
   * its status (the caller decides what a 404 means, as {@code curl -f} leaves to the script).
   *
   * @param pathAndQuery the path below {@code /api}, starting with {@code /}, query included
   * @return the answer
   * @throws WoodpeckerTransportException when no answer arrived (after the retries GETs get)
   * @throws IllegalArgumentException when the path does not make a URL
   */
  public WoodpeckerResponse api(String pathAndQuery) {
    return api("GET", pathAndQuery, null);
  }

  /**
   * {@code woodpecker_api PATH -X METHOD -d BODY}: one request of {@code <server>/api<PATH>}, the
   * answer returned whatever its status. Only GET and HEAD are ever repeated.
   *
   * @param method the HTTP method
   * @param pathAndQuery the path below {@code /api}, starting with {@code /}, query included
   * @param body the JSON body, or {@code null} for none
   * @return the answer
   * @throws WoodpeckerTransportException when no answer arrived
   * @throws IllegalArgumentException when the path does not make a URL
   */
  public WoodpeckerResponse api(String method, String pathAndQuery, String body) {
    String verb = method.toUpperCase(Locale.ROOT);
    String p = pathAndQuery.startsWith("/") ? pathAndQuery : "/" + pathAndQuery;
    String root = server.toString().replaceAll("/+$", "");
    HttpUrl url = HttpUrl.parse(root + "/api" + p);
    if (url == null) {
      throw new IllegalArgumentException("not a usable API path");
    }
    RequestBody rb = null;
    if (body != null) {
      rb = RequestBody.create(body.getBytes(StandardCharsets.UTF_8), JSON);
    } else if (verb.equals("POST") || verb.equals("PUT") || verb.equals("PATCH")) {
      rb = RequestBody.create(new byte[0], null);
    }
    return execute(verb, url, rb);
  }

  @Override
  public String toString() {
    return "WoodpeckerClient[server=" + server.scheme() + "://" + server.host() + ":"
        + server.port() + ", token=" + (token.isEmpty() ? "none" : "<redacted>") + "]";
  }

  // ---- transport ----

  private HttpUrl.Builder base() {
    return server.newBuilder().addPathSegment("api");
  }

  private HttpUrl url(String... segments) {
    HttpUrl.Builder b = base();
    for (String s : segments) {
      b.addPathSegment(s);
    }
    return b.build();
  }

  private <T> T get(HttpUrl url, Type type) {
    return bind(execute("GET", url, null), type);
  }

  private <T> T bind(WoodpeckerResponse r, Type type) {
    if (r.status() >= 400) {
      throw statusFailure(r);
    }
    JsonAdapter<T> adapter = moshi.adapter(type);
    try {
      return adapter.fromJson(r.body());
    } catch (IOException | JsonDataException e) {
      throw new WoodpeckerException(r.status(), r.method(), r.path(), null,
          "malformed JSON (" + e.getClass().getSimpleName() + ")", null);
    }
  }

  private WoodpeckerException statusFailure(WoodpeckerResponse r) {
    String text = r.body().strip();
    if (text.length() > MESSAGE_LIMIT) {
      text = text.substring(0, MESSAGE_LIMIT) + "…";
    }
    if (r.status() == 404) {
      return new WoodpeckerNotFoundException(r.method(), r.path(), text);
    }
    return new WoodpeckerException(r.status(), r.method(), r.path(), text,
        "HTTP " + r.status(), null);
  }

  /** One request, repeated when it is a GET or HEAD and it may pass on a second try. */
  private WoodpeckerResponse execute(String verb, HttpUrl url, RequestBody body) {
    String path = redact(url.encodedPath() + (url.encodedQuery() == null ? ""
        : "?" + url.encodedQuery()));
    boolean repeatable = verb.equals("GET") || verb.equals("HEAD");
    if (dryRun && !repeatable) {
      String shown = "";
      if (body != null) {
        okio.Buffer buffer = new okio.Buffer();
        try {
          body.writeTo(buffer);
          shown = redact(buffer.readUtf8());
        } catch (IOException e) {
          shown = "";
        }
      }
      LOG.info("dry run: would send {} {}{} (not sent)", verb, path,
          shown.isEmpty() ? "" : " " + shown);
      return new WoodpeckerResponse(verb, path, 200, "{}");
    }
    Request.Builder rb = new Request.Builder().url(url).method(verb, body);
    if (!token.isEmpty()) {
      rb.header("Authorization", "Bearer " + token);
    }
    Request request = rb.build();
    Instant start = clock.instant();
    for (int attempt = 0; ; attempt++) {
      Integer status = null;
      String text = null;
      Duration retryAfter = null;
      IOException failure = null;
      try (Response response = http.newCall(request).execute()) {
        status = response.code();
        text = response.body().string();
        retryAfter = seconds(response.header(HIDDEN_RETRY_AFTER));
      } catch (IOException e) {
        failure = e;
      }
      LOG.debug("{} {} (Authorization: {}) -> {}", verb, path,
          token.isEmpty() ? "none" : "Bearer <redacted>",
          failure != null ? failure.getClass().getSimpleName() : status);
      boolean transientFailure = failure != null || status == 429 || status >= 500;
      if (!transientFailure || !repeatable || attempt >= retry.maxRetries()) {
        if (failure != null) {
          throw transportFailure(verb, path, failure, attempt, repeatable);
        }
        return new WoodpeckerResponse(verb, path, status, status >= 400 ? redact(text) : text);
      }
      Duration wait = retryAfter != null ? retryAfter : backoff(attempt + 1);
      Duration elapsed = Duration.between(start, clock.instant());
      if (wait.compareTo(retry.maxElapsed().minus(elapsed)) > 0) {
        if (failure != null) {
          throw transportFailure(verb, path, failure, attempt, repeatable);
        }
        return new WoodpeckerResponse(verb, path, status, redact(text));
      }
      LOG.debug("{} {}: retry {} of {} in {}", verb, path, attempt + 1, retry.maxRetries(), wait);
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new WoodpeckerTransportException(ForgeTransportException.Kind.INTERRUPTED, verb,
            path, "interrupted while waiting to retry", e);
      }
    }
  }

  private Duration backoff(int retryNumber) {
    double base = retry.initialBackoff().toNanos()
        * Math.pow(retry.multiplier(), Math.max(0, retryNumber - 1));
    double max = retry.maxBackoff().toNanos();
    base = Math.min(base, max);
    double spread = base * (1.0 - retry.jitter() + 2.0 * retry.jitter() * random.getAsDouble());
    return Duration.ofNanos((long) Math.min(spread, max));
  }

  private static Duration seconds(String header) {
    if (header == null) {
      return null;
    }
    try {
      long s = Long.parseLong(header.trim());
      return s < 0 ? null : Duration.ofSeconds(Math.min(s, Integer.MAX_VALUE));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private WoodpeckerTransportException transportFailure(String verb, String path,
      IOException failure, int retries, boolean repeatable) {
    ForgeTransportException.Kind kind = ForgeTransportException.Kind.of(failure);
    String detail = failure.getClass().getSimpleName()
        + (failure.getMessage() == null ? "" : ": " + redact(failure.getMessage()));
    String what = kind.description();
    String after = retries == 0 ? "" : " after " + retries + (retries == 1 ? " retry" : " retries");
    String once = repeatable ? "" : "; sent once and not again, the server may have acted on it";
    return new WoodpeckerTransportException(kind, verb, path,
        what + after + " (" + detail + ")" + once, failure);
  }

  /** The secret scanner's patterns, then the client's token literally. */
  private String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = SCANNER.redact(text);
    return token.isEmpty() ? out : out.replace(token, SecretScanner.REDACTED);
  }

  /**
   * Keeps {@code Retry-After} from OkHttp's follow-up logic, which re-sends any request (a POST
   * included) once on a 503 with {@code Retry-After: 0}; the retry loop reads the renamed header.
   */
  private static Response hideRetryAfter(Interceptor.Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    String value = response.header("Retry-After");
    if (value == null) {
      return response;
    }
    return response.newBuilder().removeHeader("Retry-After").header(HIDDEN_RETRY_AFTER, value)
        .build();
  }
}
