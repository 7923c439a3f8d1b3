package ai.disinto.ci.setup;

import ai.disinto.ci.woodpecker.Repo;
import ai.disinto.ci.woodpecker.RepoPatch;
import ai.disinto.ci.woodpecker.WoodpeckerClient;
import ai.disinto.ci.woodpecker.WoodpeckerException;
import ai.disinto.core.Sleeper;
import ai.disinto.forge.client.ForgeAuth;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.ForgePath;
import ai.disinto.forge.client.ForgeResponse;
import ai.disinto.forge.client.model.OAuth2Application;
import ai.disinto.forge.client.model.Repository;
import ai.disinto.forge.setup.EnvFile;
import ai.disinto.forge.setup.SetupSecret;
import com.squareup.moshi.JsonAdapter;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CI and scheduling part of {@code disinto init}: the host crontab entries of bare-metal
 * deployments, the Forgejo OAuth2 application Woodpecker logs in with (and its settings in {@code
 * .env}), a Woodpecker API token got by driving the browser login with the forge admin's account,
 * and the activation of the project repository in Woodpecker with a 5-minute pipeline timeout.
 * Mirrors lib/ci-setup.sh ({@code _install_cron_impl}, {@code _create_woodpecker_oauth_impl},
 * {@code _generate_woodpecker_token_impl}, {@code _activate_woodpecker_repo_impl}).
 *
 * <p>Every step can be run again: an existing application is found, not duplicated (and given a new
 * secret only when {@code .env} has none), a non-empty {@code WOODPECKER_TOKEN} is never replaced,
 * an active repository is left alone, and cron entries already present are not added twice.
 * Failures are results, never exceptions, as the original's were warnings; unlike the original,
 * the plain-text token Woodpecker 3 answers is taken (and checked) instead of falling back to the
 * short-lived session token, a refused forge login is reported, cookies stay in memory, and a
 * 409 on activation means "already active".
 *
 * <p>Progress lines are logged at INFO, warnings at WARN, with the original's text; no line shows
 * a token, password or client secret.
 */
public final class CiSetup {
  private static final Logger LOG = LoggerFactory.getLogger(CiSetup.class);
  private static final Duration WOODPECKER_POLL = Duration.ofSeconds(2);
  private static final int TOKEN_READY_ATTEMPTS = 31;
  private static final int ACTIVATE_READY_ATTEMPTS = 10;
  private static final Pattern WP_CSRF = Pattern.compile("WOODPECKER_CSRF\\s*=\\s*\"([^\"]*)\"");
  private static final Pattern TAG = Pattern.compile("<(?:input|meta)\\b[^>]*>",
      Pattern.CASE_INSENSITIVE);
  private static final JsonAdapter<Repository> REPOSITORY =
      ForgeClient.moshi().adapter(Repository.class);
  private static final JsonAdapter<OAuth2Application> APP =
      ForgeClient.moshi().adapter(OAuth2Application.class);
  @SuppressWarnings("rawtypes")
  private static final JsonAdapter<Map> MAP = ForgeClient.moshi().adapter(Map.class);

  private final CiSetupSettings settings;
  private final EnvFile env;
  private final Crontab crontab;
  private final CronPrompt prompt;
  private final Sleeper sleeper;
  private final ForgeClient forge;
  private final OkHttpClient web;

  /**
   * Creates the setup.
   *
   * @param settings where it works
   * @param env the factory's {@code .env}
   * @param crontab the user's crontab
   * @param prompt who answers the cron question
   * @param sleeper how the Woodpecker readiness waits sleep
   */
  public CiSetup(CiSetupSettings settings, EnvFile env, Crontab crontab, CronPrompt prompt,
      Sleeper sleeper) {
    this(settings, env, crontab, prompt, sleeper, ForgeClient.builder()
        .baseUrl(settings.forgeUrl()).sleeper(sleeper).build());
  }

  /**
   * Creates the setup on a forge client the caller shares (one client per process); its
   * credentials are replaced by the settings' forge token.
   *
   * @param settings where it works
   * @param env the factory's {@code .env}
   * @param crontab the user's crontab
   * @param prompt who answers the cron question
   * @param sleeper how the Woodpecker readiness waits sleep
   * @param forgeClient a client of {@code settings.forgeUrl()}
   */
  public CiSetup(CiSetupSettings settings, EnvFile env, Crontab crontab, CronPrompt prompt,
      Sleeper sleeper, ForgeClient forgeClient) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.env = Objects.requireNonNull(env, "env");
    this.crontab = Objects.requireNonNull(crontab, "crontab");
    this.prompt = Objects.requireNonNull(prompt, "prompt");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.forge = forgeClient.withAuth(ForgeAuth.token(settings.forgeToken().reveal())).root();
    // One pool for the browser login and every Woodpecker call, whose idle connections close
    // after a second: a pool per call, each keeping its connection for minutes, piled up against
    // one server until it dropped connections of other clients under them.
    this.web = new OkHttpClient.Builder().followRedirects(false).followSslRedirects(false)
        .connectionPool(new ConnectionPool(4, 1, TimeUnit.SECONDS))
        .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(30))
        .callTimeout(Duration.ofSeconds(60)).build();
  }

  // ---- cron ----

  /**
   * Installs the host crontab entries of the review, dev and gardener pollers (bare-metal only).
   * A crontab without a trailing newline keeps its last line apart from the new block.
   *
   * @param projectName the project name (the marker {@code # disinto: NAME})
   * @param projectToml the project TOML the pollers get
   * @param autoYes install without asking ({@code --yes})
   * @param bare bare-metal mode; in compose mode the agents container schedules
   * @return what happened
   */
  public CronResult installCron(String projectName, Path projectToml, boolean autoYes,
      boolean bare) {
    if (!bare) {
      LOG.info("");
      LOG.info("Cron:    skipped (agents container handles scheduling in compose mode)");
      return CronResult.SKIPPED_COMPOSE;
    }
    if (!crontab.available()) {
      LOG.warn("Warning: crontab not found (required for bare-metal scheduling)");
      LOG.warn("  Install: apt install cron  /  brew install cron");
      return CronResult.CRONTAB_MISSING;
    }
    Path abs = projectToml.toAbsolutePath().normalize();
    if (abs.getParent() == null || !Files.isDirectory(abs.getParent())) {
      LOG.warn("Error: no such folder for the project TOML: {}", abs.getParent());
      return CronResult.FAILED;
    }
    String block = cronBlock(projectName, settings.factoryRoot().toAbsolutePath().normalize(),
        abs);
    LOG.info("");
    LOG.info("Cron entries to install:");
    block.lines().forEach(l -> LOG.info("{}", l));
    LOG.info("");
    String current = crontab.read().orElse("");
    String marker = "# disinto: " + projectName;
    if (current.lines().anyMatch(l -> l.equals(marker))) {
      LOG.info("Cron:    skipped (entries for {} already installed)", projectName);
      return CronResult.ALREADY_INSTALLED;
    }
    if (!autoYes && prompt.interactive()) {
      String answer = prompt.ask("Install these cron entries? [y/N] ").orElse("");
      if (!(answer.startsWith("y") || answer.startsWith("Y"))) {
        LOG.info("Skipped cron install. Add manually with: crontab -e");
        return CronResult.DECLINED;
      }
    }
    String next = (current.isEmpty() || current.endsWith("\n") ? current : current + "\n")
        + block + "\n";
    if (!crontab.write(next)) {
      LOG.warn("Error: failed to install cron entries");
      return CronResult.FAILED;
    }
    LOG.info("Cron entries installed for {}", projectName);
    return CronResult.INSTALLED;
  }

  /**
   * The cron block for a project, without a final newline.
   *
   * @param projectName the project name
   * @param factoryRoot the factory root
   * @param absToml the TOML's absolute path
   * @return the four lines
   */
  public static String cronBlock(String projectName, Path factoryRoot, Path absToml) {
    String root = shellWord(factoryRoot.toString());
    String toml = shellWord(absToml.toString());
    return "# disinto: " + projectName + "\n"
        + "2,7,12,17,22,27,32,37,42,47,52,57 * * * * " + shellWord(factoryRoot
            .resolve("review/review-poll.sh").toString()) + " " + toml + " >/dev/null 2>&1\n"
        + "4,9,14,19,24,29,34,39,44,49,54,59 * * * * " + shellWord(factoryRoot
            .resolve("dev/dev-poll.sh").toString()) + " " + toml + " >/dev/null 2>&1\n"
        + "0 0,6,12,18 * * * cd " + root + " && bash gardener/gardener-run.sh " + toml
        + " >/dev/null 2>&1";
  }

  /** A path as one shell word: as it is when it holds only safe characters, else quoted. */
  static String shellWord(String s) {
    if (s.matches("[A-Za-z0-9_./:@%+=,-]+")) {
      return s;
    }
    return "'" + s.replace("'", "'\\''") + "'";
  }

  // ---- OAuth2 application ----

  /**
   * Finds or creates the OAuth2 application {@code woodpecker-ci} on the forge and writes the
   * Woodpecker forge settings to {@code .env}: {@code WOODPECKER_FORGEJO}, {@code
   * WOODPECKER_FORGEJO_URL}, {@code WOODPECKER_HOST}, {@code WP_FORGEJO_CLIENT} and, when known,
   * {@code WP_FORGEJO_SECRET}. An existing application gets a new secret only when {@code .env} has
   * none (Forgejo shows a secret only when it makes one).
   *
   * @return what was found, made and written
   */
  public OAuthAppResult createWoodpeckerOAuth() {
    LOG.info("");
    LOG.info("── Woodpecker OAuth2 setup ────────────────────────────");
    String name = settings.oauthAppName();
    List<OAuth2Application> apps;
    try {
      apps = forge.getAll("/user/applications/oauth2", OAuth2Application.class);
    } catch (ForgeException e) {
      LOG.warn("Warning: failed to list OAuth2 apps on Forgejo: {}", e.getMessage());
      return new OAuthAppResult(Optional.empty(), false, false, false,
          Optional.of("listing failed"));
    }
    Optional<OAuth2Application> existing = apps.stream().filter(a -> name.equals(a.name()))
        .findFirst();
    String clientId;
    String secret = null;
    boolean created = false;
    boolean regenerated = false;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("redirect_uris", List.of(settings.redirectUri()));
    body.put("confidential_client", true);
    if (existing.isPresent()) {
      clientId = existing.get().clientId();
      LOG.info("OAuth2:  {} (already exists, client_id={})", name, clientId);
      if (!env.has("WP_FORGEJO_SECRET")) {
        ForgeResponse r = forge.send("PATCH", ForgePath.of("user", "applications", "oauth2",
            existing.get().id()), body);
        Optional<OAuth2Application> app = r.ok() ? parseApp(r) : Optional.empty();
        if (app.isPresent() && !blank(app.get().clientSecret())) {
          secret = app.get().clientSecret();
          regenerated = true;
          LOG.info("OAuth2:  {} client secret regenerated (WP_FORGEJO_SECRET was missing)", name);
        } else {
          LOG.warn("Warning: could not regenerate the OAuth2 client secret (HTTP {})",
              r.status());
        }
      }
    } else {
      ForgeResponse r = forge.send("POST", "/user/applications/oauth2", body);
      if (!r.ok()) {
        LOG.warn("Warning: failed to create OAuth2 app on Forgejo");
        return new OAuthAppResult(Optional.empty(), false, false, false,
            Optional.of("creation failed: HTTP " + r.status()));
      }
      Optional<OAuth2Application> app = parseApp(r);
      if (app.isEmpty() || blank(app.get().clientId())) {
        LOG.warn("Warning: OAuth2 app creation returned no client_id");
        return new OAuthAppResult(Optional.empty(), false, false, false,
            Optional.of("no client_id"));
      }
      clientId = app.get().clientId();
      secret = blank(app.get().clientSecret()) ? null : app.get().clientSecret();
      created = true;
      LOG.info("OAuth2:  {} created (client_id={})", name, clientId);
    }
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("WOODPECKER_FORGEJO", "true");
    vars.put("WOODPECKER_FORGEJO_URL", settings.forgeUrl());
    vars.put("WOODPECKER_HOST", settings.woodpeckerHost());
    if (!blank(clientId)) {
      vars.put("WP_FORGEJO_CLIENT", clientId);
    }
    if (secret != null) {
      vars.put("WP_FORGEJO_SECRET", secret);
    }
    env.putAll(vars);
    LOG.info("Config:  Woodpecker forge vars written to .env");
    return new OAuthAppResult(Optional.ofNullable(blank(clientId) ? null : clientId), created,
        regenerated, true, Optional.empty());
  }

  // ---- Woodpecker token ----

  /**
   * Gets a Woodpecker API token by logging in to the forge as the admin, going through
   * Woodpecker's OAuth2 login, and asking Woodpecker for the user's personal token, which is
   * checked with {@code GET /api/user} and saved as {@code WOODPECKER_TOKEN}. A non-empty token
   * already in {@code .env} is kept and nothing is sent.
   *
   * @param adminPassword the forge admin's password (forge setup's result)
   * @return how it ended, with the token for the activation
   */
  public TokenResult generateWoodpeckerToken(Optional<SetupSecret> adminPassword) {
    Optional<String> stored = env.get("WOODPECKER_TOKEN").filter(v -> !v.isEmpty());
    if (stored.isPresent()) {
      LOG.info("Config:  WOODPECKER_TOKEN already set in .env");
      return new TokenResult(TokenOutcome.ALREADY_SET, stored.map(SetupSecret::new),
          Optional.empty());
    }
    LOG.info("");
    LOG.info("── Woodpecker token generation ────────────────────────");
    String wp = settings.woodpeckerServer();
    if (adminPassword.isEmpty()) {
      LOG.warn("Warning: Forgejo admin password not available — cannot generate WOODPECKER_TOKEN");
      LOG.warn("  Log into Woodpecker at {} and create a token manually", wp);
      return TokenResult.failed("no admin password");
    }
    LOG.info("Waiting for Woodpecker");
    if (!waitForWoodpecker(TOKEN_READY_ATTEMPTS)) {
      LOG.warn("Warning: Woodpecker not ready at {} — skipping token generation", wp);
      return TokenResult.failed("Woodpecker not ready");
    }
    LOG.info("Woodpecker ready");
    try {
      return browserFlow(adminPassword.get());
    } catch (IOException e) {
      LOG.warn("Warning: token generation failed: {} — skipping token generation",
          e.getClass().getSimpleName());
      return TokenResult.failed("I/O: " + e.getClass().getSimpleName());
    }
  }

  private TokenResult browserFlow(SetupSecret adminPassword) throws IOException {
    String forgeUrl = settings.forgeUrl();
    String wp = settings.woodpeckerServer();
    Cookies forgeJar = new Cookies();
    // 1. Forgejo web login.
    Page login = get(forgeUrl + "/user/login", forgeJar);
    String csrf = formValue(login.body, "_csrf").orElse("");
    if (csrf.isEmpty()) {
      LOG.warn("Warning: could not get Forgejo CSRF token — skipping token generation");
      return TokenResult.failed("no Forgejo CSRF token");
    }
    Page signedIn = post(forgeUrl + "/user/login", forgeJar, new FormBody.Builder()
        .add("_csrf", csrf).add("user_name", settings.adminUser())
        .add("password", adminPassword.reveal()).build(), Map.of());
    if (!signedIn.redirect() || signedIn.location.contains("/user/login")) {
      LOG.warn("Warning: Forgejo login as {} failed (HTTP {}) — skipping token generation",
          settings.adminUser(), signedIn.status);
      return TokenResult.failed("Forgejo login refused");
    }
    // 2. Woodpecker's redirect to the forge, internal host names rewritten.
    Page start = get(wp + "/authorize", null);
    if (start.location.isEmpty()) {
      LOG.warn("Warning: Woodpecker did not provide OAuth redirect — skipping token generation");
      return TokenResult.failed("no OAuth redirect");
    }
    String authorize = rewriteInternalHosts(resolve(wp, start.location), forgeUrl, wp);
    // 3. Authorize at the forge: a code at once, or the consent form first.
    Page auth = get(authorize, forgeJar);
    String code = codeOf(auth.location);
    if (code == null && auth.redirect() && auth.location.contains("/user/login")) {
      LOG.warn("Warning: Forgejo did not keep the login session — skipping token generation");
      return TokenResult.failed("Forgejo session lost");
    }
    if (code == null && auth.status == 200) {
      Optional<String> consentCsrf = formValue(auth.body, "_csrf");
      if (consentCsrf.isPresent() && !consentCsrf.get().isEmpty()) {
        Page grant = post(forgeUrl + "/login/oauth/grant", forgeJar, new FormBody.Builder()
            .add("_csrf", consentCsrf.get())
            .add("client_id", formValue(auth.body, "client_id").orElse(""))
            .add("state", formValue(auth.body, "state").orElse(""))
            .add("scope", "").add("nonce", "")
            .add("redirect_uri", formValue(auth.body, "redirect_uri").orElse(""))
            .add("granted", "true").build(), Map.of());
        code = codeOf(grant.location);
      }
    }
    if (code == null) {
      LOG.warn("Warning: could not obtain OAuth2 authorization code — skipping token generation");
      return TokenResult.failed("no authorization code");
    }
    // 4. Woodpecker's callback: a session.
    String state = queryValue(authorize, "state").orElse("");
    Cookies wpJar = new Cookies();
    Page callback = get(wp + "/authorize?code=" + enc(code) + "&state=" + enc(state), wpJar);
    String session = queryValue(callback.location, "access_token")
        .orElseGet(() -> wpJar.get("user_sess").orElse(""));
    if (session.isEmpty()) {
      LOG.warn("Warning: could not obtain Woodpecker token — skipping token generation");
      return TokenResult.failed("no Woodpecker session");
    }
    // 5. The personal token, with the session's CSRF token.
    Cookies sessionJar = new Cookies();
    sessionJar.values.put("user_sess", session);
    Page config = get(wp + "/web-config.js", sessionJar);
    Matcher m = WP_CSRF.matcher(config.body);
    Map<String, String> headers = new LinkedHashMap<>();
    if (m.find() && !m.group(1).isEmpty()) {
      headers.put("X-CSRF-Token", m.group(1));
    }
    Page tokenPage = post(wp + "/api/user/token", sessionJar, RequestBody.create(new byte[0]),
        headers);
    Optional<String> personal = tokenPage.status == 200 ? tokenFrom(tokenPage.body)
        : Optional.empty();
    String saved;
    TokenOutcome outcome;
    if (personal.isPresent() && tokenWorks(personal.get())) {
      saved = personal.get();
      outcome = TokenOutcome.GENERATED_PERSONAL;
    } else {
      LOG.warn("Warning: Woodpecker gave no personal token (HTTP {}); saving the session token,"
          + " which expires and cannot make changes without a CSRF header", tokenPage.status);
      saved = session;
      outcome = TokenOutcome.GENERATED_SESSION_ONLY;
    }
    env.put("WOODPECKER_TOKEN", saved);
    LOG.info("Config:  WOODPECKER_TOKEN generated and saved to .env");
    return new TokenResult(outcome, Optional.of(new SetupSecret(saved)), Optional.empty());
  }

  /** Woodpecker 3 answers the token as plain text; older servers as JSON. */
  static Optional<String> tokenFrom(String body) {
    String t = body.trim();
    if (t.startsWith("{")) {
      try {
        Map<?, ?> m = MAP.fromJson(t);
        Object v = m == null ? null : m.get("token") != null ? m.get("token")
            : m.get("access_token");
        return v == null || v.toString().isEmpty() ? Optional.empty() : Optional.of(v.toString());
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }
    return t.isEmpty() || t.contains(" ") || t.contains("<") ? Optional.empty() : Optional.of(t);
  }

  private boolean tokenWorks(String token) {
    Request r = new Request.Builder().url(settings.woodpeckerServer() + "/api/user")
        .header("Authorization", "Bearer " + token).get().build();
    try (Response resp = web.newCall(r).execute()) {
      return resp.code() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Replaces the compose-internal host names in Woodpecker's redirect with the ones this host
   * reaches, plain and URL-encoded.
   *
   * @param url the redirect target
   * @param forgeUrl the forge as reached from here
   * @param woodpeckerUrl Woodpecker as reached from here
   * @return the rewritten URL
   */
  public static String rewriteInternalHosts(String url, String forgeUrl, String woodpeckerUrl) {
    return url.replace("http://forgejo:3000", forgeUrl)
        .replace("http%3A%2F%2Fforgejo%3A3000", encodeSlashColon(forgeUrl))
        .replace("http://woodpecker:8000", woodpeckerUrl)
        .replace("http%3A%2F%2Fwoodpecker%3A8000", encodeSlashColon(woodpeckerUrl));
  }

  private static String encodeSlashColon(String s) {
    return s.replace(":", "%3A").replace("/", "%2F");
  }

  // ---- activation ----

  /**
   * Activates the project repository in Woodpecker and sets its pipeline timeout to 5 minutes.
   *
   * @param forgeRepo {@code owner/name}
   * @param woodpeckerToken the token; when empty, {@code WOODPECKER_TOKEN} of {@code .env}
   * @return how it ended and Woodpecker's repository id
   */
  public ActivationResult activateRepo(String forgeRepo, Optional<SetupSecret> woodpeckerToken) {
    String wp = settings.woodpeckerServer();
    if (!waitForWoodpecker(ACTIVATE_READY_ATTEMPTS) && !client("").ping(Duration.ofSeconds(5))) {
      LOG.warn("Woodpecker: not reachable at {} after stack start, skipping repo activation", wp);
      return new ActivationResult(ActivationResult.Outcome.UNREACHABLE, OptionalLong.empty());
    }
    LOG.info("");
    LOG.info("── Woodpecker repo activation ─────────────────────────");
    Optional<SetupSecret> token = woodpeckerToken.or(() -> env.get("WOODPECKER_TOKEN")
        .filter(v -> !v.isEmpty()).map(SetupSecret::new));
    if (token.isEmpty()) {
      LOG.warn("Warning: WOODPECKER_TOKEN not set — cannot activate repo");
      LOG.warn("  Activate manually: woodpecker-cli repo add {}", forgeRepo);
      return new ActivationResult(ActivationResult.Outcome.NO_TOKEN, OptionalLong.empty());
    }
    WoodpeckerClient client = client(token.get().reveal());
    try {
      Optional<Repo> found = client.lookupRepo(forgeRepo);
      if (found.isPresent() && found.get().id() != 0 && found.get().active()) {
        LOG.info("Repo:    {} already active in Woodpecker (id={})", forgeRepo, found.get().id());
        return new ActivationResult(ActivationResult.Outcome.ALREADY_ACTIVE,
            OptionalLong.of(found.get().id()));
      }
    } catch (WoodpeckerException e) {
      LOG.debug("lookup of {} failed: HTTP {}", forgeRepo, e.status());
    }
    long forgeId = forgeRepoId(forgeRepo);
    Repo repo;
    try {
      repo = client.activateRepo(forgeId);
    } catch (WoodpeckerException e) {
      if (e.status() == 409) {
        Optional<Repo> again = lookupQuietly(client, forgeRepo);
        if (again.isPresent() && again.get().id() != 0) {
          LOG.info("Repo:    {} already active in Woodpecker (id={})", forgeRepo,
              again.get().id());
          return new ActivationResult(ActivationResult.Outcome.ALREADY_ACTIVE,
              OptionalLong.of(again.get().id()));
        }
      }
      LOG.warn("Warning: could not activate repo in Woodpecker");
      LOG.warn("  Activate manually: woodpecker-cli repo add {}", forgeRepo);
      return new ActivationResult(ActivationResult.Outcome.FAILED, OptionalLong.empty());
    }
    if (repo.id() == 0) {
      LOG.warn("Warning: could not activate repo in Woodpecker");
      LOG.warn("  Activate manually: woodpecker-cli repo add {}", forgeRepo);
      return new ActivationResult(ActivationResult.Outcome.FAILED, OptionalLong.empty());
    }
    LOG.info("Repo:    {} activated in Woodpecker (id={})", forgeRepo, repo.id());
    try {
      client.patchRepo(repo.id(), RepoPatch.none().withTimeoutMinutes(5));
      LOG.info("Config:  pipeline timeout set to 5 minutes");
    } catch (WoodpeckerException e) {
      LOG.debug("pipeline timeout not set: HTTP {}", e.status());
    }
    return new ActivationResult(ActivationResult.Outcome.ACTIVATED, OptionalLong.of(repo.id()));
  }

  private static Optional<Repo> lookupQuietly(WoodpeckerClient client, String forgeRepo) {
    try {
      return client.lookupRepo(forgeRepo);
    } catch (WoodpeckerException e) {
      return Optional.empty();
    }
  }

  private long forgeRepoId(String forgeRepo) {
    try {
      ForgeResponse r = forge.send("GET", ForgePath.of("repos").segments(forgeRepo), null);
      if (r.ok()) {
        Repository repo = REPOSITORY.fromJson(r.body());
        return repo == null ? 0 : repo.id();
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("forge repo id of {} unknown: {}", forgeRepo, e.getClass().getSimpleName());
    }
    return 0;
  }

  private WoodpeckerClient client(String token) {
    return WoodpeckerClient.builder().server(settings.woodpeckerServer()).token(token)
        .httpClient(web).sleeper(sleeper).build();
  }

  /** Up to {@code attempts} probes of {@code /api/version}, sleeping 2 s between two. */
  private boolean waitForWoodpecker(int attempts) {
    WoodpeckerClient probe = client("");
    for (int i = 1; i <= attempts; i++) {
      if (probe.ping(Duration.ofSeconds(3))) {
        return true;
      }
      if (i < attempts || attempts == ACTIVATE_READY_ATTEMPTS) {
        try {
          sleeper.sleep(WOODPECKER_POLL);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return false;
  }

  // ---- the browser's HTTP ----

  /** One answer of the web flow. */
  private record Page(int status, String location, String body) {
    boolean redirect() {
      return status >= 300 && status < 400 && !location.isEmpty();
    }
  }

  /** The cookies of one site, in memory. */
  private static final class Cookies {
    final Map<String, String> values = new LinkedHashMap<>();

    Optional<String> get(String name) {
      return Optional.ofNullable(values.get(name));
    }

    void take(Response r) {
      for (String h : r.headers("Set-Cookie")) {
        String pair = h.split(";", 2)[0];
        int eq = pair.indexOf('=');
        if (eq > 0) {
          values.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
      }
    }

    String header() {
      List<String> parts = new ArrayList<>();
      values.forEach((k, v) -> parts.add(k + "=" + v));
      return String.join("; ", parts);
    }
  }

  private Page get(String url, Cookies jar) throws IOException {
    Request.Builder b = new Request.Builder().url(url).get();
    return call(b, jar);
  }

  private Page post(String url, Cookies jar, RequestBody body, Map<String, String> headers)
      throws IOException {
    Request.Builder b = new Request.Builder().url(url).post(body);
    headers.forEach(b::header);
    return call(b, jar);
  }

  private Page call(Request.Builder b, Cookies jar) throws IOException {
    if (jar != null && !jar.values.isEmpty()) {
      b.header("Cookie", jar.header());
    }
    try (Response r = web.newCall(b.build()).execute()) {
      if (jar != null) {
        jar.take(r);
      }
      String location = r.header("Location", "");
      return new Page(r.code(), location == null ? "" : location, r.body().string());
    }
  }

  // ---- parsing ----

  /** The value of the form field or meta tag of that name, whatever the attribute order. */
  static Optional<String> formValue(String html, String name) {
    Matcher tags = TAG.matcher(html);
    while (tags.find()) {
      String tag = tags.group();
      if (attribute(tag, "name").filter(name::equals).isPresent()) {
        Optional<String> v = attribute(tag, "value").or(() -> attribute(tag, "content"));
        if (v.isPresent()) {
          return v.map(CiSetup::unescapeHtml);
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> attribute(String tag, String attr) {
    Matcher m = Pattern.compile("\\s" + attr + "\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')",
        Pattern.CASE_INSENSITIVE).matcher(tag);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(m.group(1) != null ? m.group(1) : m.group(2));
  }

  private static String unescapeHtml(String s) {
    return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
        .replace("&gt;", ">").replace("&amp;", "&");
  }

  /** The authorization code of a redirect target, decoded. */
  private static String codeOf(String location) {
    return location == null || location.isEmpty() ? null
        : queryValue(location, "code").orElse(null);
  }

  /** A query parameter of a URL, decoded (the last one when repeated). */
  static Optional<String> queryValue(String url, String name) {
    HttpUrl u = HttpUrl.parse(url.startsWith("/") ? "http://relative.invalid" + url : url);
    if (u == null) {
      return Optional.empty();
    }
    List<String> values = u.queryParameterValues(name);
    for (int i = values.size() - 1; i >= 0; i--) {
      if (values.get(i) != null) {
        return Optional.of(values.get(i));
      }
    }
    return Optional.empty();
  }

  private static String resolve(String base, String location) {
    HttpUrl b = HttpUrl.parse(base);
    HttpUrl r = b == null ? null : b.resolve(location);
    return r == null ? location : r.toString();
  }

  private static Optional<OAuth2Application> parseApp(ForgeResponse r) {
    try {
      return Optional.ofNullable(APP.fromJson(r.body()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isEmpty();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }


  /** Shows the settings' URLs, never a secret. */
  @Override
  public String toString() {
    return "CiSetup[forge=" + settings.forgeUrl() + ", woodpecker=" + settings.woodpeckerServer()
        + "]";
  }
}
