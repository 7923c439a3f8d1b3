package ai.disinto.forge.client;

import ai.disinto.core.DisintoException;
import ai.disinto.core.config.FactoryEnv;
import ai.disinto.core.net.InvalidUrlException;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * The Forgejo API client every forge call goes through: JSON requests against one repository's
 * API root ({@code {FORGE_URL}/api/v1/repos/{owner}/{name}}, or {@code FORGE_API} when that is set
 * elsewhere) or against the API root itself, with lazy paging for list endpoints.
 *
 * <p>Mirrors {@code forge_api} and {@code forge_api_all} in {@code lib/env.sh}: every request
 * carries {@code Authorization: token <T>} and {@code Content-Type: application/json}, and the base
 * URL passes {@code validate_url} before any request is made. Improvements over the original:
 * explicit timeouts, paths built from encoded segments ({@link ForgePath}), bounded retries of
 * idempotent requests with backoff and {@code Retry-After}, lazy paging ({@link PagedIterable})
 * that neither truncates under a server page cap below 50 nor loops on endpoints that ignore
 * paging, and typed errors instead of silent partial lists.
 *
 * <p>The HTTP work is done by layers composed in order: the {@code Authorization} header, then
 * retries, then the per-host limits, then one DEBUG line per attempt with the credentials
 * redacted, over OkHttp (or, for a {@linkplain ForgeClientBuilder#shortLived short-lived}
 * client of a cleartext forge, plain sockets). A write that is not safe to repeat (POST, PATCH)
 * is sent exactly once: OkHttp's own silent re-sending is off, and when such a request reached
 * the forge but no answer came back, the call throws {@link ForgeAmbiguousWriteException}
 * instead of guessing. Error text from the forge has the
 * secret scanner's patterns and this client's own credentials masked before it reaches an
 * exception or a log line.
 *
 * <p>Instances are immutable and thread-safe; {@link #forRepo}, {@link #withToken}, {@link
 * #withAuth}, {@link #root()} and {@link #withIdempotentWrites()} return views that share the
 * HTTP client and its connection pool.
 *
 * <p>Build one client per process (per forge) and derive every other identity or repository from
 * it with those views: each {@link ForgeClientBuilder#build()} creates its own HTTP client with its
 * own connection pool and threads, unless it is given one to derive from with {@link
 * ForgeClientBuilder#httpClient}.
 */
public final class ForgeClient {
  /** The page size {@code forge_api_all} asks for, Forgejo's default {@code MAX_RESPONSE_ITEMS}. */
  public static final int DEFAULT_PAGE_SIZE = 50;

  /** What all views of one client share. */
  record Shared(
      Transport transport,
      String apiRoot,
      Url apiRootUrl,
      int pageSize,
      int maxPages,
      boolean dryRun) {}

  private final Shared shared;
  private final String repoSlug;
  private final Url repoUrl;
  private final boolean rootScope;
  private final ForgeAuth auth;
  private final Redactor redactor;
  private final Binding binding;
  private final boolean idempotentWrites;

  ForgeClient(
      Shared shared,
      String repoSlug,
      Url repoUrl,
      boolean rootScope,
      ForgeAuth auth,
      boolean idempotentWrites) {
    this.shared = shared;
    this.repoSlug = repoSlug;
    this.repoUrl = repoUrl;
    this.rootScope = rootScope;
    this.auth = auth;
    this.redactor = Redactor.of(auth);
    this.binding = new Binding(redactor);
    this.idempotentWrites = idempotentWrites;
  }

  /**
   * Starts a builder with the defaults: {@code http://localhost:3000}, no repository, an empty
   * token, timeouts of 10 s (connect), 60 s (read) and 120 s (whole call, retries included),
   * {@link RetryPolicy#defaults()}, real sleeping and the system clock.
   *
   * @return a new builder
   */
  public static ForgeClientBuilder builder() {
    return new ForgeClientBuilder();
  }

  /**
   * The module's one Moshi instance, with the adapters the forge models need (records, ISO-8601
   * timestamps); services that bind or write JSON themselves use it rather than building their
   * own.
   *
   * @return the shared Moshi
   */
  public static Moshi moshi() {
    return Json.MOSHI;
  }

  /**
   * Builds a client from environment variables as {@code lib/env.sh} leaves them: {@code
   * FORGE_URL}, {@code FORGE_REPO}, {@code FORGE_API} and {@code FORGE_TOKEN}. No request is made.
   *
   * @param env the variables; missing ones take the original's defaults, except the token
   * @return the client
   * @throws ForgeTokenMissingException when {@code FORGE_TOKEN} is missing or empty
   * @throws InvalidUrlException when {@code FORGE_API} (or {@code FORGE_URL}) fails {@code
   *     validate_url}; the message starts {@code FORGE_API validation failed - possible URL
   *     injection attempt}
   */
  public static ForgeClient fromEnv(Map<String, String> env) {
    ForgeClient client = builder().env(env).build();
    if (env.getOrDefault("FORGE_TOKEN", "").isEmpty()) {
      throw new ForgeTokenMissingException();
    }
    return client;
  }

  /**
   * Builds a client from a loaded factory configuration: its {@code FORGE_URL}, {@code
   * FORGE_REPO}, {@code FORGE_API} and the dev agent's {@code FORGE_TOKEN}. Use {@link
   * #withToken} with {@link FactoryEnv#tokenFor} for another agent's identity. No request is made.
   *
   * @param env the configuration
   * @return the client
   * @throws ForgeTokenMissingException when {@code FORGE_TOKEN} is missing or empty
   * @throws InvalidUrlException when {@code FORGE_API} (or {@code FORGE_URL}) fails {@code
   *     validate_url}
   */
  public static ForgeClient fromEnv(FactoryEnv env) {
    return fromEnv(env.asMap());
  }

  /**
   * A view of this client for another repository of the same forge (the ops repo, a
   * {@code .profile} repo), with the same authentication.
   *
   * @param slug {@code owner/name}
   * @return the view; its repository API root is {@code {FORGE_URL}/api/v1/repos/{slug}}, owner
   *     and name each encoded as one path segment
   * @throws IllegalArgumentException when {@code slug} is not {@code owner/name}
   */
  public ForgeClient forRepo(String slug) {
    Url url = ApiUrls.repoRoot(shared.apiRootUrl, slug);
    return new ForgeClient(shared, slug, url, false, auth, idempotentWrites);
  }

  /**
   * A view of this client whose paths are relative to the API root ({@code {FORGE_URL}/api/v1}),
   * for {@code /user}, {@code /users/{u}/tokens}, {@code /admin/users}, {@code /orgs}, ...
   *
   * @return the view; {@link #send} on it is {@link #sendRoot} on this client
   */
  public ForgeClient root() {
    return new ForgeClient(shared, repoSlug, repoUrl, true, auth, idempotentWrites);
  }

  /**
   * A view of this client that authenticates with another token; {@code forge_api_all}'s optional
   * token argument (#198).
   *
   * @param token the API token; may be empty, which sends {@code Authorization: token }
   * @return the view
   */
  public ForgeClient withToken(String token) {
    return withAuth(ForgeAuth.token(token));
  }

  /**
   * A view of this client with other credentials: a token, basic auth (needed by Forgejo's token
   * endpoints) or none.
   *
   * @param auth the credentials
   * @return the view
   */
  public ForgeClient withAuth(ForgeAuth auth) {
    Objects.requireNonNull(auth, "auth");
    return new ForgeClient(shared, repoSlug, repoUrl, rootScope, auth, idempotentWrites);
  }

  /**
   * A view of this client that also retries POST and PATCH requests, for callers that know their
   * write is safe to repeat (setting labels by id, replacing the assignee set).
   *
   * @return the view
   */
  public ForgeClient withIdempotentWrites() {
    return new ForgeClient(shared, repoSlug, repoUrl, rootScope, auth, true);
  }

  /**
   * Tells whether this client is in dry-run mode ({@link ForgeClientBuilder#dryRun}): reads go to
   * the forge, writes are logged as the request they would send and answered with a made-up
   * response ({@link ForgeResponse#dryRun()}).
   *
   * @return true in a dry run
   */
  public boolean dryRun() {
    return shared.dryRun;
  }

  /**
   * The repository slug of this client.
   *
   * @return {@code owner/name}, or empty when no repository is configured
   */
  public String repoSlug() {
    return repoSlug;
  }

  /**
   * The API root, {@code {FORGE_URL}/api/v1}.
   *
   * @return the URL, without a trailing slash
   */
  public String apiRoot() {
    return shared.apiRoot;
  }

  /**
   * The repository API root that repository paths are appended to: {@code FORGE_API}.
   *
   * @return the URL, when a repository is configured
   */
  public Optional<String> repoApi() {
    return Optional.ofNullable(repoUrl).map(ApiUrls::withoutTrailingSlash);
  }

  /**
   * Sends one request to a path of this client's scope (the repository, or the API root for a
   * {@link #root()} view) and returns the answer whatever its status. Mirrors {@code forge_api
   * METHOD PATH [-d JSON]}.
   *
   * @param method the HTTP method, such as {@code GET} or {@code PATCH}
   * @param path the path, starting with {@code /}, query included verbatim ({@code
   *     /pulls?state=open&limit=20})
   * @param body {@code null} for none, a {@code String} sent verbatim as JSON, or any other object
   *     serialized by Moshi (records, maps, lists)
   * @return the response; never thrown on an HTTP status
   * @throws ForgeAmbiguousWriteException when a POST or PATCH reached the forge but no answer
   *     came back: it may or may not have been done, and it is not sent again
   * @throws ForgeTransportException when no response arrived after the retries allowed
   * @throws DisintoException when a repository path is used but no repository is configured
   * @throws IllegalArgumentException when the path does not start with {@code /}
   */
  public ForgeResponse send(String method, String path, Object body) {
    return execute(method, resolve(path), body);
  }

  /**
   * Sends one request to a path under the API root ({@code /user}, {@code /admin/users}) and
   * returns the answer whatever its status.
   *
   * @param method the HTTP method
   * @param apiPath the path below {@code /api/v1}, starting with {@code /}
   * @param body as for {@link #send}
   * @return the response
   * @throws ForgeTransportException when no response arrived after the retries allowed
   */
  public ForgeResponse sendRoot(String method, String apiPath, Object body) {
    return root().send(method, apiPath, body);
  }

  /**
   * GETs a path and binds the JSON answer.
   *
   * @param <T> the result type
   * @param path the path in this client's scope
   * @param type the class to bind to, such as {@code Issue.class}
   * @return the bound value
   * @throws ForgeNotFoundException on 404
   * @throws ForgeException on any other non-2xx status
   * @throws ForgeProtocolException when the body is not JSON of that shape, or is JSON {@code
   *     null} (never returned as a null result)
   * @throws ForgeTransportException when no response arrived
   */
  public <T> T get(String path, Class<T> type) {
    return call("GET", path, null, type);
  }

  /**
   * GETs a path and binds the JSON answer to a generic type.
   *
   * @param <T> the result type
   * @param path the path in this client's scope
   * @param type the type, such as {@code Types.newParameterizedType(List.class, Label.class)}
   * @return the bound value
   * @throws ForgeException as {@link #get(String, Class)}
   */
  public <T> T get(String path, Type type) {
    return call("GET", path, null, type);
  }

  /**
   * Sends a request, requires a 2xx answer and binds its JSON body.
   *
   * @param <T> the result type
   * @param method the HTTP method
   * @param path the path in this client's scope
   * @param body as for {@link #send}
   * @param type the class to bind to; {@code Void.class} ignores the body and returns null
   * @return the bound value, never null unless the type is {@code Void}
   * @throws ForgeException as {@link #get(String, Class)}; a JSON {@code null} body is a {@link
   *     ForgeProtocolException}
   */
  public <T> T call(String method, String path, Object body, Class<T> type) {
    return call(method, path, body, (Type) type);
  }

  /**
   * Sends a request, requires a 2xx answer and binds its JSON body to a generic type.
   *
   * @param <T> the result type
   * @param method the HTTP method
   * @param path the path in this client's scope
   * @param body as for {@link #send}
   * @param type the type to bind to; {@code Void.class} ignores the body and returns null
   * @return the bound value, never null unless the type is {@code Void}
   * @throws ForgeException as {@link #get(String, Class)}; a JSON {@code null} body is a {@link
   *     ForgeProtocolException}
   */
  public <T> T call(String method, String path, Object body, Type type) {
    return binding.bindOrVoid(send(method, path, body).orThrow(), type);
  }

  /**
   * Binds the JSON body of a response from {@link #send}: for a write whose answer carries the
   * object written (the issue a PATCH answers, the PR a POST opened), so that it need not be read
   * again.
   *
   * @param <T> the result type
   * @param response a response of this client
   * @param type the class to bind to
   * @return the bound value, never null
   * @throws ForgeProtocolException when the body is not JSON of that shape, or JSON {@code null}
   */
  public <T> T bind(ForgeResponse response, Class<T> type) {
    return binding.bindOrVoid(response, type);
  }

  /**
   * Reads every page of a list endpoint and binds the items, in server order. Mirrors {@code
   * forge_api_all PATH}.
   *
   * <p>Equivalent to {@code paged(path, itemType).toList()}; see {@link PagedIterable} for how
   * pages are walked. Pages are requested with {@code limit} set to the page size (50) and
   * {@code page} = 1, 2,
   * ..., replacing any {@code limit}/{@code page} already in the path. Paging stops at an empty
   * page, when the items collected reach {@code X-Total-Count}, when a {@code Link} header has no
   * {@code rel="next"}, or when a page repeats the previous one (an endpoint that ignores paging,
   * such as issue comments, served without a total). A page shorter than asked for does not end the
   * walk by itself, so a server capping pages below 50 does not truncate the list.
   *
   * @param <T> the item type
   * @param path the list path in this client's scope
   * @param itemType the class of one item, such as {@code Comment.class}
   * @return all items; unmodifiable
   * @throws ForgeException when a page answers with a non-2xx status (no partial result), or when
   *     more pages than the configured maximum would be needed
   * @throws ForgeProtocolException when a page is not a JSON array of such items (a {@code null}
   *     item included)
   * @throws ForgeTransportException when a page got no response
   */
  public <T> List<T> getAll(String path, Class<T> itemType) {
    return paged(path, itemType).toList();
  }

  /**
   * Reads every page of a list endpoint as {@link #getAll} does and prints the concatenated array
   * as {@code forge_api_all} prints it ({@code jq} layout, {@code []} when empty, no trailing
   * newline), keeping every item's fields and number literals as the server sent them.
   *
   * @param path the list path in this client's scope
   * @return the JSON array text
   * @throws ForgeException as {@link #getAll}
   */
  public String getAllJson(String path) {
    List<String> raw = paged(resolve(path), new Json.RawAdapter()).toList();
    try {
      return Json.jqArray(raw);
    } catch (IOException e) {
      throw new ForgeProtocolException(200, "GET", path, null, "cannot re-print JSON",
          e.getMessage(), e);
    }
  }


  /**
   * Sends one request to a path built from encoded segments and returns the answer whatever its
   * status.
   *
   * @param method the HTTP method, such as {@code GET} or {@code PATCH}
   * @param path the path in this client's scope
   * @param body as for {@link #send(String, String, Object)}
   * @return the response; never thrown on an HTTP status
   * @throws ForgeAmbiguousWriteException when a POST or PATCH reached the forge but no answer
   *     came back
   * @throws ForgeTransportException when no response arrived after the retries allowed
   * @throws DisintoException when a repository path is used but no repository is configured
   */
  public ForgeResponse send(String method, ForgePath path, Object body) {
    return execute(method, resolve(path), body);
  }

  /**
   * GETs a path built from encoded segments and binds the JSON answer.
   *
   * @param <T> the result type
   * @param path the path in this client's scope
   * @param type the class to bind to
   * @return the bound value
   * @throws ForgeException as {@link #get(String, Class)}
   */
  public <T> T get(ForgePath path, Class<T> type) {
    return call("GET", path, null, type);
  }

  /**
   * GETs a path built from encoded segments and binds the JSON answer to a generic type.
   *
   * @param <T> the result type
   * @param path the path in this client's scope
   * @param type the type, such as {@code ForgeClient.listOf(Label.class)}
   * @return the bound value
   * @throws ForgeException as {@link #get(String, Class)}
   */
  public <T> T get(ForgePath path, Type type) {
    return call("GET", path, null, type);
  }

  /**
   * Sends a request to a path built from encoded segments, requires a 2xx answer and binds its
   * JSON body.
   *
   * @param <T> the result type
   * @param method the HTTP method
   * @param path the path in this client's scope
   * @param body as for {@link #send(String, String, Object)}
   * @param type the class to bind to; {@code Void.class} ignores the body and returns null
   * @return the bound value, never null unless the type is {@code Void}
   * @throws ForgeException as {@link #call(String, String, Object, Class)}
   */
  public <T> T call(String method, ForgePath path, Object body, Class<T> type) {
    return call(method, path, body, (Type) type);
  }

  /**
   * Sends a request to a path built from encoded segments, requires a 2xx answer and binds its
   * JSON body to a generic type.
   *
   * @param <T> the result type
   * @param method the HTTP method
   * @param path the path in this client's scope
   * @param body as for {@link #send(String, String, Object)}
   * @param type the type to bind to; {@code Void.class} ignores the body and returns null
   * @return the bound value, never null unless the type is {@code Void}
   * @throws ForgeException as {@link #call(String, String, Object, Class)}
   */
  public <T> T call(String method, ForgePath path, Object body, Type type) {
    return binding.bindOrVoid(send(method, path, body).orThrow(), type);
  }

  /**
   * The items of a list endpoint, fetched lazily page by page as they are iterated ({@code
   * forge_api_all PATH} without reading pages nobody looks at).
   *
   * @param <T> the item type
   * @param path the list path in this client's scope, query included verbatim
   * @param itemType the class of one item, such as {@code PullRequest.class}
   * @return the lazy listing; no request is made until it is iterated
   * @throws DisintoException when a repository path is used but no repository is configured
   */
  public <T> PagedIterable<T> paged(String path, Class<T> itemType) {
    return paged(resolve(path), Json.MOSHI.adapter(itemType));
  }

  /**
   * The items of a list endpoint built from encoded segments, fetched lazily page by page.
   *
   * @param <T> the item type
   * @param path the list path in this client's scope
   * @param itemType the class of one item
   * @return the lazy listing; no request is made until it is iterated
   * @throws DisintoException when a repository path is used but no repository is configured
   */
  public <T> PagedIterable<T> paged(ForgePath path, Class<T> itemType) {
    return paged(resolve(path), Json.MOSHI.adapter(itemType));
  }

  private <T> PagedIterable<T> paged(Url url, JsonAdapter<T> adapter) {
    return new PagedIterable<>(this, url, adapter, shared.pageSize, shared.maxPages);
  }

  /**
   * Reads every page of a list endpoint built from encoded segments; {@link
   * #getAll(String, Class)} for a {@link ForgePath}.
   *
   * @param <T> the item type
   * @param path the list path in this client's scope
   * @param itemType the class of one item
   * @return all items; unmodifiable
   * @throws ForgeException as {@link #getAll(String, Class)}
   */
  public <T> List<T> getAll(ForgePath path, Class<T> itemType) {
    return paged(path, itemType).toList();
  }

  /** Builds the URL of a path in this client's scope. */
  private Url resolve(String path) {
    Objects.requireNonNull(path, "path");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("a forge path must start with '/': '" + path + "'");
    }
    return ApiUrls.append(scope(path), path);
  }

  private Url resolve(ForgePath path) {
    Objects.requireNonNull(path, "path");
    return path.appendTo(scope(path.toString()));
  }

  private Url scope(String path) {
    if (rootScope) {
      return shared.apiRootUrl;
    }
    if (repoUrl == null) {
      throw new DisintoException(
          "no forge repository configured (FORGE_REPO is empty) for the repository path " + path);
    }
    return repoUrl;
  }

  /** Binds a JSON array page; a {@code null} item is a protocol error. */
  <E> List<E> bindArray(ForgeResponse response, JsonAdapter<E> itemAdapter) {
    return binding.bindArray(response, itemAdapter);
  }

  /**
   * The HTTP client of every view of this client, for tests of pool sharing; {@code null} on the
   * plain wire.
   */
  OkHttpClient httpClient() {
    return shared.transport.http();
  }

  /** Sends a request through the interceptors (auth, retry, logging). */
  ForgeResponse execute(String method, Url url, Object body) {
    if (shared.dryRun && DryRun.isWrite(Objects.requireNonNull(method, "method"))) {
      return DryRun.answer(method, url, body, redactor);
    }
    return shared.transport.execute(auth, redactor, idempotentWrites, method, url, body);
  }

  private String authKind() {
    if (auth instanceof ForgeAuth.Token) {
      return "token <redacted>";
    }
    return auth instanceof ForgeAuth.Basic ? "Basic <redacted>" : "none";
  }

  /**
   * Hides the credentials.
   *
   * @return the scope and the kind of authentication, never the token
   */
  @Override
  public String toString() {
    return "ForgeClient[" + (rootScope ? shared.apiRoot : String.valueOf(repoApi().orElse(null)))
        + ", auth=" + authKind() + "]";
  }

  /**
   * The type {@code List<itemType>}, for {@link #get(String, Type)} on list endpoints read as a
   * single page.
   *
   * @param itemType the item class
   * @return the parameterized type
   */
  public static Type listOf(Class<?> itemType) {
    return Types.newParameterizedType(List.class, itemType);
  }
}
