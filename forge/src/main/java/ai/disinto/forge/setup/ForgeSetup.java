package ai.disinto.forge.setup;

import ai.disinto.core.Sleeper;
import ai.disinto.forge.client.ForgeAuth;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgePath;
import ai.disinto.forge.client.ForgeResponse;
import ai.disinto.forge.client.ForgeTransportException;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.forge.client.model.Token;
import ai.disinto.forge.client.model.User;
import com.squareup.moshi.JsonAdapter;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisions the local Forgejo for {@code disinto init}: starts it when it does not answer, creates
 * the site admin {@code disinto-admin}, one account per agent and per local model, their API tokens
 * and passwords (kept in {@code .env}), every account's private {@code .profile} repository, and
 * the project repository with its collaborators. Mirrors {@code setup_forge} of
 * lib/forge-setup.sh.
 *
 * <p>A second run changes nothing that still works: a stored password is checked with basic auth
 * and a stored token with a read ({@code GET /user}); only what fails the check (or everything, with
 * {@code rotateTokens}) is replaced, and only the token named {@code disinto-{user}-token} is
 * deleted before a new one is made. Unlike the original, the admin token and the human token are
 * stored ({@code FORGE_ADMIN_TOKEN}, {@code HUMAN_TOKEN}) and kept; the human token is made with the
 * admin's own password, so it really is produced; the admin password is stored on every path that
 * sets it; agents' passwords are set through the admin API rather than on a command line;
 * collaborators are reconciled on every run (read first, written only when missing); and an
 * existence check that is neither 200 nor 404 stops setup instead of being taken for "missing".
 *
 * <p>Progress is logged at INFO with the original's lines; no line, exception or {@code
 * toString()} shows a token or password.
 */
public final class ForgeSetup {
  private static final Logger LOG = LoggerFactory.getLogger(ForgeSetup.class);

  /** The site admin's login. */
  public static final String ADMIN_USER = "disinto-admin";
  /** The name of the admin's token. */
  public static final String ADMIN_TOKEN_NAME = "disinto-admin-token";
  /** The name of the human token, also the admin's. */
  public static final String HUMAN_TOKEN_NAME = "disinto-human-token";
  /** The {@code .env} variable of the admin password. */
  public static final String ADMIN_PASS_VAR = "FORGE_ADMIN_PASS";
  /** The {@code .env} variable of the admin token. */
  public static final String ADMIN_TOKEN_VAR = "FORGE_ADMIN_TOKEN";
  /** The {@code .env} variable of the human token. */
  public static final String HUMAN_TOKEN_VAR = "HUMAN_TOKEN";

  private static final int READY_POLLS = 60;
  private static final int DB_PROBES = 30;
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Pattern PORT = Pattern.compile(".*:([0-9]+)/?$");
  private static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final JsonAdapter<User> USER = ForgeClient.moshi().adapter(User.class);
  private static final JsonAdapter<List<Token>> TOKENS =
      ForgeClient.moshi().adapter(ForgeClient.listOf(Token.class));
  private static final JsonAdapter<Token> TOKEN = ForgeClient.moshi().adapter(Token.class);

  private final EnvFile env;
  private final ForgeSetupAdminCli cli;
  private final ForgeSetupLauncher launcher;
  private final SecureRandom random;
  private final Sleeper sleeper;
  private final Function<String, ForgeClient> clients;
  private final String initialToken;
  private final List<SetupAccount> accounts;

  private ForgeSetup(Builder b) {
    this.env = Objects.requireNonNull(b.env, "envFile");
    this.cli = Objects.requireNonNull(b.cli, "adminCli");
    this.launcher = Objects.requireNonNull(b.launcher, "launcher");
    this.random = b.random == null ? new SecureRandom() : b.random;
    this.sleeper = b.sleeper == null ? Sleeper.system() : b.sleeper;
    this.clients = b.clients == null
        ? url -> ForgeClient.builder().baseUrl(url).sleeper(this.sleeper).build()
        : b.clients;
    this.initialToken = b.initialToken == null ? "" : b.initialToken;
    this.accounts = List.copyOf(b.accounts);
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects what forge setup works with. */
  public static final class Builder {
    private EnvFile env;
    private ForgeSetupAdminCli cli;
    private ForgeSetupLauncher launcher;
    private SecureRandom random;
    private Sleeper sleeper;
    private Function<String, ForgeClient> clients;
    private String initialToken;
    private List<SetupAccount> accounts = concat(SetupAccount.AGENTS, SetupAccount.LOCAL_MODELS);

    private Builder() {}

    /**
     * The {@code .env} file the credentials go to (required).
     *
     * @param envFile the file
     * @return this builder
     */
    public Builder envFile(EnvFile envFile) {
      this.env = envFile;
      return this;
    }

    /**
     * The Forgejo command line (required): the readiness probe and the admin account.
     *
     * @param adminCli the command line
     * @return this builder
     */
    public Builder adminCli(ForgeSetupAdminCli adminCli) {
      this.cli = adminCli;
      return this;
    }

    /**
     * What starts Forgejo when it does not answer (required).
     *
     * @param launcher the launcher
     * @return this builder
     */
    public Builder launcher(ForgeSetupLauncher launcher) {
      this.launcher = launcher;
      return this;
    }

    /**
     * The random source of generated passwords; a fresh {@link SecureRandom} by default.
     *
     * @param random the source
     * @return this builder
     */
    public Builder random(SecureRandom random) {
      this.random = random;
      return this;
    }

    /**
     * How the waits sleep; real sleeping by default.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /**
     * How the API client for a forge URL is built; by default {@code ForgeClient.builder()
     * .baseUrl(url)} with this setup's sleeper. Its token does not matter: every call sets its
     * own credentials.
     *
     * @param clients the factory
     * @return this builder
     */
    public Builder clients(Function<String, ForgeClient> clients) {
      this.clients = clients;
      return this;
    }

    /**
     * The {@code FORGE_TOKEN} of the caller's environment, sent with the reachability probe and
     * tried for the admin existence check (#581, #582); may be empty.
     *
     * @param token the token
     * @return this builder
     */
    public Builder initialToken(String token) {
      this.initialToken = token;
      return this;
    }

    /**
     * The agent accounts to provision; the eight agents and two local models by default.
     *
     * @param accounts the accounts, in order
     * @return this builder
     */
    public Builder accounts(List<SetupAccount> accounts) {
      this.accounts = List.copyOf(accounts);
      return this;
    }

    /**
     * Builds the setup.
     *
     * @return the setup
     * @throws NullPointerException when the env file, admin CLI or launcher is missing
     */
    public ForgeSetup build() {
      return new ForgeSetup(this);
    }
  }

  /**
   * Runs the whole setup.
   *
   * @param forgeUrl the forge URL, {@code http(s)://host[:port]}
   * @param repoSlug the project repository, {@code owner/name}
   * @param rotateTokens replace every token and password even when they still work ({@code
   *     --rotate-tokens})
   * @return the credentials for the next steps of init
   * @throws IllegalArgumentException when the URL or slug is malformed
   * @throws ForgeSetupException at every point where the original stops with an error
   * @throws java.io.UncheckedIOException when {@code .env} cannot be read or written
   * @throws ai.disinto.forge.client.ForgeTransportException when the forge stops answering midway
   */
  public ForgeSetupResult run(String forgeUrl, String repoSlug, boolean rotateTokens) {
    String url = checkUrl(forgeUrl);
    String[] slug = splitSlug(repoSlug);
    ensureRunning(url);
    waitForDatabase();
    Run r = new Run(url, clients.apply(url).root());
    SetupSecret adminPass = r.admin();
    SetupSecret adminToken = r.adminToken(adminPass, rotateTokens);
    Optional<SetupSecret> human = r.humanToken(adminPass, rotateTokens);
    List<SetupBot> bots = new ArrayList<>();
    boolean headerDone = false;
    for (SetupAccount a : accounts) {
      if (a.localModel() && !headerDone) {
        LOG.info("── Setting up llama bot users ────────────────────────────");
        headerDone = true;
      }
      bots.add(r.account(a, adminToken, adminPass, rotateTokens));
    }
    LOG.info("── Setting up .profile repos ────────────────────────────");
    for (SetupAccount a : accounts) {
      r.profile(a.user(), adminToken);
    }
    env.putIfAbsent("FORGE_URL", url);
    String devToken = bots.stream().filter(b -> b.user().equals("dev-bot"))
        .map(b -> b.token().reveal()).findFirst().orElse(adminToken.reveal());
    boolean created = r.projectRepo(slug[0], slug[1], adminToken, devToken);
    LOG.info("Forge:   {} (ready)", url);
    return new ForgeSetupResult(url, slug[0] + "/" + slug[1], ADMIN_USER, adminPass, adminToken,
        human, bots, created, r.shortfalls);
  }

  /**
   * The port forge setup publishes for a forge URL: its explicit port, else 3000 (the original
   * left the whole URL in the variable when there was none).
   *
   * @param forgeUrl the URL
   * @return the port
   */
  public static int port(String forgeUrl) {
    Matcher m = PORT.matcher(forgeUrl);
    if (m.matches()) {
      String authority = URI.create(forgeUrl).getRawAuthority();
      if (authority != null && authority.endsWith(":" + m.group(1))) {
        return Integer.parseInt(m.group(1));
      }
    }
    return 3000;
  }

  /**
   * A generated password: the prefix and 20 characters {@code [A-Za-z0-9]} from a secure random
   * source.
   *
   * @param prefix {@code admin-}, {@code bot-} or {@code llama-}
   * @return the password
   */
  public SetupSecret newPassword(String prefix) {
    StringBuilder sb = new StringBuilder(prefix);
    for (int i = 0; i < 20; i++) {
      sb.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
    }
    return new SetupSecret(sb.toString());
  }

  /** Shows the env file, never a secret. */
  @Override
  public String toString() {
    return "ForgeSetup[" + env + "]";
  }

  // ---- steps 1 and 2 ----

  private void ensureRunning(String url) {
    // A client of its own for the probe: short timeouts and no retries, the wait is the loop.
    // It keeps no idle connection: a pool of its own per run, left with an idle connection each
    // time, piled up against one forge until the server dropped connections of other clients.
    OkHttpClient.Builder http = new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS));
    if (url.regionMatches(true, 0, "http://", 0, 7)) {
      http.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
    }
    ForgeClient probe = ForgeClient.builder().baseUrl(url).httpClient(http.build())
        .auth(initialToken.isEmpty() ? ForgeAuth.none() : ForgeAuth.token(initialToken))
        .retryPolicy(RetryPolicy.none()).sleeper(sleeper)
        .timeouts(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(5))
        .build().root();
    if (reachable(probe)) {
      LOG.info("Forgejo:  {} (already running)", url);
      return;
    }
    LOG.info("Starting Forgejo at {}", url);
    launcher.start(URI.create(url), port(url));
    int failures = 0;
    while (!reachable(probe)) {
      failures++;
      if (failures > READY_POLLS) {
        throw new ForgeSetupException("Forgejo did not become ready within 60s");
      }
      sleep();
    }
    LOG.info("Forgejo:  {} (ready)", url);
  }

  /**
   * Whether Forgejo answers: any status below 500 counts, because a stale token makes a running
   * forge answer 401, which the original took for "not running" and tried to start it again.
   */
  private static boolean reachable(ForgeClient probe) {
    try {
      return probe.send("GET", "/version", null).status() < 500;
    } catch (ForgeTransportException e) {
      return false;
    }
  }

  private void waitForDatabase() {
    for (int i = 0; i < DB_PROBES; i++) {
      if (cli.listUsers()) {
        return;
      }
      sleep();
    }
    throw new ForgeSetupException("Forgejo database not ready after 30s");
  }

  private void sleep() {
    try {
      sleeper.sleep(POLL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ForgeSetupException("interrupted while waiting for Forgejo");
    }
  }

  // ---- steps 3 to 11, against one forge ----

  private final class Run {
    final String url;
    final ForgeClient root;
    final List<String> shortfalls = new ArrayList<>();

    Run(String url, ForgeClient root) {
      this.url = url;
      this.root = root;
    }

    ForgeClient as(String user, SetupSecret password) {
      return root.withAuth(ForgeAuth.basic(user, password.reveal()));
    }

    ForgeClient with(SetupSecret token) {
      return root.withAuth(ForgeAuth.token(token.reveal()));
    }

    /** Step 3: the admin account, with the stored password; returns that password. */
    SetupSecret admin() {
      Optional<String> stored = env.get(ADMIN_PASS_VAR).filter(v -> !v.isEmpty());
      SetupSecret pass = stored.map(SetupSecret::new).orElseGet(() -> newPassword("admin-"));
      if (passwordWorks(ADMIN_USER, pass)) {
        LOG.info("Admin user: {} (already exists)", ADMIN_USER);
        storeAdminPass(pass);
        return pass;
      }
      if (exists(ADMIN_USER, probeAuth())) {
        LOG.info("Admin user: {} (already exists)", ADMIN_USER);
        LOG.info("Resetting admin password (basic auth failed)");
        SetupCliResult r = cli.changePassword(ADMIN_USER, pass);
        if (!r.ok()) {
          throw new ForgeSetupException("failed to reset password for admin user '" + ADMIN_USER
              + "': " + r.output().trim());
        }
      } else {
        LOG.info("Creating admin user: {}", ADMIN_USER);
        SetupCliResult r = cli.createUser(ADMIN_USER, pass, "admin@disinto.local", true);
        if (!r.ok()) {
          throw new ForgeSetupException("failed to create admin user '" + ADMIN_USER + "': "
              + r.output().trim());
        }
        SetupCliResult c = cli.changePassword(ADMIN_USER, pass);
        if (!c.ok()) {
          throw new ForgeSetupException("failed to clear the must-change-password flag of '"
              + ADMIN_USER + "': " + c.output().trim());
        }
        // Checked with the new credentials: a sign-in-only forge refuses anonymous reads.
        if (!exists(ADMIN_USER, ForgeAuth.basic(ADMIN_USER, pass.reveal()))) {
          throw new ForgeSetupException("admin user '" + ADMIN_USER + "' not found after creation");
        }
      }
      storeAdminPass(pass);
      return pass;
    }

    void storeAdminPass(SetupSecret pass) {
      env.put(ADMIN_PASS_VAR, pass.reveal());
    }

    /** The credentials for the admin existence check: a stored token the forge accepts, or none. */
    ForgeAuth probeAuth() {
      List<String> candidates = new ArrayList<>();
      env.get(ADMIN_TOKEN_VAR).ifPresent(candidates::add);
      candidates.add(initialToken);
      env.get("FORGE_TOKEN").ifPresent(candidates::add);
      for (String t : candidates) {
        if (!t.isEmpty() && root.withAuth(ForgeAuth.token(t)).send("GET", "/user", null).ok()) {
          return ForgeAuth.token(t);
        }
      }
      return ForgeAuth.none();
    }

    boolean passwordWorks(String user, SetupSecret pass) {
      ForgeResponse r = as(user, pass).send("GET", "/user", null);
      return r.ok() && login(r).map(l -> l.equalsIgnoreCase(user)).orElse(false);
    }

    boolean tokenWorks(String user, SetupSecret token) {
      ForgeResponse r = with(token).send("GET", "/user", null);
      return r.ok() && login(r).map(l -> l.equalsIgnoreCase(user)).orElse(false);
    }

    /** 200 naming the user → true, 404 → false, anything else stops setup. */
    boolean exists(String user, ForgeAuth auth) {
      ForgeResponse r = root.withAuth(auth).send("GET", ForgePath.of("users", user), null);
      return found(r, "login", user, "user '" + user + "'");
    }

    /** Step 5: the admin token, kept while it works. */
    SetupSecret adminToken(SetupSecret adminPass, boolean rotate) {
      Optional<SetupSecret> stored = env.get(ADMIN_TOKEN_VAR).filter(v -> !v.isEmpty())
          .map(SetupSecret::new);
      if (!rotate && stored.isPresent() && tokenWorks(ADMIN_USER, stored.get())) {
        LOG.info("  Admin token preserved ({})", ADMIN_TOKEN_VAR);
        return stored.get();
      }
      SetupSecret token = newToken(ADMIN_USER, adminPass, ADMIN_TOKEN_NAME).orElseThrow(
          () -> new ForgeSetupException("failed to obtain admin API token"));
      env.put(ADMIN_TOKEN_VAR, token.reveal());
      LOG.info("  Admin token saved ({})", ADMIN_TOKEN_VAR);
      return token;
    }

    /** Step 6: the human token, made with the admin's own password (the same account). */
    Optional<SetupSecret> humanToken(SetupSecret adminPass, boolean rotate) {
      LOG.info("Human user: {} (already exists)", ADMIN_USER);
      Optional<SetupSecret> stored = env.get(HUMAN_TOKEN_VAR).filter(v -> !v.isEmpty())
          .map(SetupSecret::new);
      if (!rotate && stored.isPresent() && tokenWorks(ADMIN_USER, stored.get())) {
        LOG.info("  Human token preserved ({})", HUMAN_TOKEN_VAR);
        return stored;
      }
      Optional<SetupSecret> token;
      try {
        token = newToken(ADMIN_USER, adminPass, HUMAN_TOKEN_NAME);
      } catch (ForgeSetupException e) {
        token = Optional.empty();
      }
      if (token.isEmpty()) {
        LOG.warn("  Warning: could not create the human token ({})", HUMAN_TOKEN_VAR);
        shortfalls.add("human token (" + HUMAN_TOKEN_VAR + ") not created");
        return Optional.empty();
      }
      env.put(HUMAN_TOKEN_VAR, token.get().reveal());
      LOG.info("  Human token saved ({})", HUMAN_TOKEN_VAR);
      return token;
    }

    /** Steps 7 and 8: one agent account with a working password and token. */
    SetupBot account(SetupAccount a, SetupSecret adminToken, SetupSecret adminPass,
        boolean rotate) {
      String u = a.user();
      String kind = a.localModel() ? "llama bot user" : "bot user";
      Optional<SetupSecret> storedToken = env.get(a.tokenVar()).filter(v -> !v.isEmpty())
          .map(SetupSecret::new);
      Optional<SetupSecret> storedPass = env.get(a.passVar()).filter(v -> !v.isEmpty())
          .map(SetupSecret::new);
      boolean passwordSet = false;
      SetupSecret pass;
      if (!exists(u, ForgeAuth.token(adminToken.reveal()))) {
        pass = rotate ? newPassword(prefix(a)) : storedPass.orElseGet(() -> newPassword(prefix(a)));
        LOG.info("Creating {}: {}", kind, u);
        createUser(u, pass, adminToken, kind);
        LOG.info("  {} user created", u);
        passwordSet = true;
      } else {
        LOG.info("  {} user exists", u);
        if (!rotate && storedPass.isPresent() && passwordWorks(u, storedPass.get())) {
          pass = storedPass.get();
        } else {
          // A stored password the forge refuses (data wiped, changed by hand) is set again
          // rather than replaced, so .env stays as it is.
          pass = rotate || storedPass.isEmpty() ? newPassword(prefix(a)) : storedPass.get();
          setPassword(u, pass, adminToken);
          LOG.info("  {} password reset for token generation", u);
          passwordSet = true;
        }
      }
      SetupSecret token;
      boolean tokenCreated;
      if (!rotate && storedToken.isPresent() && tokenWorks(u, storedToken.get())) {
        token = storedToken.get();
        tokenCreated = false;
      } else {
        token = newToken(u, pass, a.tokenName()).orElseThrow(() -> new ForgeSetupException(
            "failed to create API token for '" + u + "'"));
        tokenCreated = true;
      }
      if (!tokenCreated && !passwordSet) {
        LOG.info("  {} token and password preserved (use --rotate-tokens to force)", u);
      }
      Map<String, String> vars = new LinkedHashMap<>();
      vars.put(a.tokenVar(), token.reveal());
      vars.put(a.passVar(), pass.reveal());
      env.putAll(vars);
      if (tokenCreated) {
        LOG.info("  {} token generated and saved ({})", u, a.tokenVar());
      }
      if (passwordSet) {
        LOG.info("  {} password saved ({})", u, a.passVar());
      }
      return new SetupBot(a, token, pass, tokenCreated, passwordSet);
    }

    String prefix(SetupAccount a) {
      return a.localModel() ? "llama-" : "bot-";
    }

    void createUser(String u, SetupSecret pass, SetupSecret adminToken, String kind) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("username", u);
      body.put("email", u + "@disinto.local");
      body.put("password", pass.reveal());
      body.put("must_change_password", false);
      body.put("login_name", u);
      body.put("source_id", 0);
      ForgeResponse r = with(adminToken).send("POST", "/admin/users", body);
      if (r.status() != 201) {
        throw failure("failed to create " + kind + " '" + u + "'", r);
      }
      if (!exists(u, ForgeAuth.token(adminToken.reveal()))) {
        throw new ForgeSetupException(kind + " '" + u + "' not found after creation");
      }
    }

    void setPassword(String u, SetupSecret pass, SetupSecret adminToken) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("password", pass.reveal());
      body.put("must_change_password", false);
      body.put("login_name", u);
      body.put("source_id", 0);
      ForgeResponse r = with(adminToken).send("PATCH", ForgePath.of("admin", "users", u), body);
      if (!r.ok()) {
        throw failure("failed to reset password for existing bot user '" + u + "'", r);
      }
    }

    /**
     * Deletes the token of that name (only that one) and makes a new one with basic auth, the only
     * authentication Forgejo's token endpoints take.
     */
    Optional<SetupSecret> newToken(String u, SetupSecret pass, String name) {
      ForgeClient basic = as(u, pass);
      ForgeResponse list = basic.send("GET", ForgePath.of("users", u, "tokens").query("limit", 50),
          null);
      if (list.ok()) {
        for (Token t : parseList(list)) {
          if (name.equals(t.name())) {
            basic.send("DELETE", ForgePath.of("users", u, "tokens", t.id()), null);
          }
        }
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", name);
      body.put("scopes", List.of("all"));
      ForgeResponse r = basic.send("POST", ForgePath.of("users", u, "tokens"), body);
      if (!r.ok()) {
        LOG.warn("  token {} for {} refused: HTTP {} {}", name, u, r.status(),
            r.forgeMessage().orElse(""));
        return Optional.empty();
      }
      try {
        Token t = TOKEN.fromJson(r.body());
        return t == null || t.sha1() == null || t.sha1().isEmpty() ? Optional.empty()
            : Optional.of(new SetupSecret(t.sha1()));
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }

    /** Step 9: the account's private {@code .profile} repository. */
    void profile(String u, SetupSecret adminToken) {
      ForgeResponse get = with(adminToken).send("GET", ForgePath.of("repos", u, ".profile"), null);
      if (found(get, "full_name", u + "/.profile", u + "/.profile")) {
        LOG.info("  {}/.profile already exists", u);
        return;
      }
      LOG.info("Creating {}/.profile repo...", u);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", ".profile");
      body.put("description", u + "'s .profile repo");
      body.put("private", true);
      body.put("auto_init", false);
      ForgeResponse r = with(adminToken).send("POST", ForgePath.of("admin", "users", u, "repos"),
          body);
      if (r.status() == 201) {
        LOG.info("  Created {}/.profile (via admin API)", u);
      } else if (r.status() == 409 && Lookup.of(with(adminToken).send("GET",
          ForgePath.of("repos", u, ".profile"), null), "full_name", u + "/.profile")
          == Lookup.FOUND) {
        LOG.info("  {}/.profile already exists", u);
      } else {
        LOG.warn("  Warning: failed to create {}/.profile: HTTP {} {}", u, r.status(),
            r.forgeMessage().orElse(""));
        shortfalls.add(u + "/.profile not created (HTTP " + r.status() + ")");
      }
    }

    /** Step 11: the project repository and its collaborators; true when it was created. */
    boolean projectRepo(String owner, String name, SetupSecret adminToken, String devToken) {
      String slug = owner + "/" + name;
      ForgeClient admin = with(adminToken);
      ForgeResponse get = root.withAuth(ForgeAuth.token(devToken))
          .send("GET", ForgePath.of("repos", owner, name), null);
      boolean created = false;
      if (found(get, "full_name", slug, slug)) {
        LOG.info("Repo:    {} (already exists on Forgejo)", slug);
      } else {
        Map<String, Object> org = new LinkedHashMap<>();
        org.put("username", owner);
        org.put("visibility", "public");
        admin.send("POST", "/orgs", org); // fails when the owner is a user: the fallback handles it
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("auto_init", false);
        body.put("default_branch", "main");
        ForgeResponse r = admin.send("POST", ForgePath.of("orgs", owner, "repos"), body);
        if (r.status() != 201) {
          ForgeResponse f = admin.send("POST", ForgePath.of("admin", "users", owner, "repos"),
              body);
          if (f.status() != 201) {
            throw failure("failed to create repo '" + slug + "' on Forgejo (admin endpoint)", f);
          }
        }
        created = true;
      }
      for (SetupAccount a : accounts) {
        collaborator(admin, owner, name, a.user(), a.permission());
      }
      collaborator(admin, owner, name, ADMIN_USER, "admin");
      if (created) {
        LOG.info("Repo:    {} created on Forgejo", slug);
      }
      return created;
    }

    /** Adds a collaborator only when missing, so a re-run sends no write. */
    void collaborator(ForgeClient admin, String owner, String name, String user, String perm) {
      if (user.equalsIgnoreCase(owner)) {
        return; // the owner has every right already; Forgejo refuses it as a collaborator
      }
      ForgePath path = ForgePath.of("repos", owner, name, "collaborators", user);
      // Forgejo answers a listed collaborator with 204 and no body.
      if (admin.send("GET", path, null).status() == 204) {
        return;
      }
      ForgeResponse put = admin.send("PUT", path, Map.of("permission", perm));
      if (!put.ok()) {
        LOG.warn("  Warning: could not add {} as collaborator of {}/{}: HTTP {} {}", user, owner,
            name, put.status(), put.forgeMessage().orElse(""));
        shortfalls.add(user + " not added as " + perm + " collaborator of " + owner + "/" + name
            + " (HTTP " + put.status() + ")");
      }
    }
  }

  private static Optional<String> login(ForgeResponse r) {
    try {
      User u = USER.fromJson(r.body());
      return u == null ? Optional.empty() : Optional.ofNullable(u.login());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static List<Token> parseList(ForgeResponse r) {
    try {
      List<Token> l = TOKENS.fromJson(r.body());
      return l == null ? List.of() : l;
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** A lookup that found the object, found it missing, or stops setup. */
  private static boolean found(ForgeResponse r, String field, String name, String what) {
    return switch (Lookup.of(r, field, name)) {
      case FOUND -> true;
      case MISSING -> false;
      case UNKNOWN -> throw failure("cannot tell whether " + what + " exists", r);
    };
  }

  private static ForgeSetupException failure(String what, ForgeResponse r) {
    return new ForgeSetupException(what + ": HTTP " + r.status()
        + r.forgeMessage().map(m -> " " + m).orElse(""), r.status());
  }

  private static String checkUrl(String forgeUrl) {
    Objects.requireNonNull(forgeUrl, "forgeUrl");
    URI u;
    try {
      u = URI.create(forgeUrl);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a forge URL: " + forgeUrl);
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null
        || u.getRawUserInfo() != null) {
      throw new IllegalArgumentException("not a forge URL (http(s)://host[:port]): " + forgeUrl);
    }
    return forgeUrl.replaceAll("/+$", "");
  }

  private static String[] splitSlug(String slug) {
    Objects.requireNonNull(slug, "repoSlug");
    int first = slug.indexOf('/');
    int last = slug.lastIndexOf('/');
    if (first <= 0 || last >= slug.length() - 1) {
      throw new IllegalArgumentException("not a repository slug (owner/name): " + slug);
    }
    return new String[] {slug.substring(0, first), slug.substring(last + 1)};
  }

  private static List<SetupAccount> concat(List<SetupAccount> a, List<SetupAccount> b) {
    List<SetupAccount> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }
}
