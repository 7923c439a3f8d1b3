package ai.disinto.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.ci.setup.ActivationResult;
import ai.disinto.ci.setup.CiSetup;
import ai.disinto.ci.setup.CiSetupSettings;
import ai.disinto.ci.setup.CronPrompt;
import ai.disinto.ci.setup.Crontab;
import ai.disinto.ci.setup.OAuthAppResult;
import ai.disinto.ci.setup.TokenOutcome;
import ai.disinto.ci.setup.TokenResult;
import ai.disinto.forge.client.ForgeAuth;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeResponse;
import ai.disinto.forge.client.HostLimits;
import ai.disinto.forge.client.RetryPolicy;
import ai.disinto.forge.setup.BranchProtection;
import ai.disinto.forge.setup.EnvFile;
import ai.disinto.forge.setup.ForgeSetup;
import ai.disinto.forge.setup.ForgeSetupAdminCli;
import ai.disinto.forge.setup.ForgeSetupResult;
import ai.disinto.forge.setup.GitAccess;
import ai.disinto.forge.setup.HireAgent;
import ai.disinto.forge.setup.HireRequest;
import ai.disinto.forge.setup.HireResult;
import ai.disinto.forge.setup.OpsSetup;
import ai.disinto.forge.setup.OpsSetupResult;
import ai.disinto.forge.setup.ProtectionResult;
import ai.disinto.forge.setup.SetupAccount;
import ai.disinto.forge.setup.SetupCliResult;
import ai.disinto.forge.setup.SetupSecret;
import ai.disinto.reliability.secrets.SecretsWatch;
import ai.disinto.testkit.forgejo.MockAdminCli;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.time.FakeTime;
import ai.disinto.testkit.woodpecker.ForgeLogin;
import ai.disinto.testkit.woodpecker.MockWoodpecker;
import com.squareup.moshi.JsonAdapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The setup flows of {@code disinto init} in the matrix: forge setup, ops setup (with the vault
 * branch protection that init runs right after it), hiring an agent, and CI setup (the OAuth2
 * application, the Woodpecker token through the browser login, the activation). Each check
 * asserts the invariants of a setup flow after every fault: {@code .env} keeps its other lines
 * byte for byte, holds every key once and each credential either as it was or as a complete new
 * one the forge (or Woodpecker) accepts, and no temporary file is left beside it; no user, token,
 * repository, collaborator, OAuth2 application or protection rule twice; no generated secret in
 * the outcome's text; and a re-run without faults completes and leaves the whole setup (setup is
 * idempotent).
 *
 * <p>Sampling (these flows make many requests, and ops setup and hire run git, about half a
 * second a run here): a step that repeats one already faulted with only the login changed (the
 * same request of a loop over accounts or collaborators) is skipped. A read step gets {@link
 * #READ_SAMPLE}, the two answers an existence check must neither take for "there" nor guess
 * about, wrong JSON and a 404 (a 5xx, a reset or a body cut short is retried on every read, as
 * the rest of the matrix shows). Forge and CI setup: every write step gets every fault but the
 * stall, which costs real time and ends as a lost answer (a POST) or a retry (the others): it is
 * on the first write of each method. Ops setup and hire: a write step gets {@link #WRITE_SAMPLE},
 * the work done with the answer lost, the answer cut short, and a 409, a refusal their creates
 * take for "exists" (a refusal before the work, a 5xx, leaves nothing a re-run does not redo, as
 * forge setup's cases show); git's own requests a 500 on the first one (the clone's), and a push
 * a lost answer ({@link #GIT_SAMPLE}). Only a case that failed or fell short is run again.
 */
final class SetupScenarios {
  static final String SLUG = "o/r";
  static final String ADMIN = ForgeSetup.ADMIN_USER;
  static final String ADMIN_PASS = "admin-pw-5ecret";
  static final String ADMIN_TOKEN = "tok-admin-5ecret";
  /** What {@code .env} held before: lines setup must keep, and a stale dev-bot token. */
  static final String OLD_ENV = "# factory of o/r\nPROJECT_NAME=r\n\nFORGE_TOKEN=tok-gone-5ecret\n"
      + "CLAUDE_TIMEOUT=7200\n";
  static final List<String> OLD_LINES = List.of("# factory of o/r", "PROJECT_NAME=r", "",
      "CLAUDE_TIMEOUT=7200");
  /** The accounts forge setup provisions in the matrix: one writer, one reader. */
  static final List<SetupAccount> ACCOUNTS = List.of(SetupAccount.AGENTS.get(0),
      SetupAccount.AGENTS.get(1));
  static final List<FaultKind> READ_SAMPLE = List.of(FaultKind.WRONG_TYPES_JSON,
      FaultKind.NOT_FOUND_404);
  static final List<FaultKind> WRITE_SAMPLE = List.of(FaultKind.RESET_AFTER,
      FaultKind.TRUNCATED_JSON, FaultKind.CONFLICT_409);
  static final List<FaultKind> GIT_SAMPLE = List.of(FaultKind.RESET_AFTER);
  static final List<String> BOTS = List.copyOf(OpsSetup.COLLABORATORS.keySet()).stream()
      .filter(u -> !u.equals(ADMIN)).toList();
  private static final Pattern LINE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=[^\\r\\n]*");
  private static final JsonAdapter<Object> JSON = ForgeClient.moshi().adapter(Object.class);

  private SetupScenarios() {}

  // ---------------------------------------------------------------- shared

  /** A scenario with a temporary factory folder per run and the sampling above. */
  private abstract static class SetupScenario implements Scenario {
    private final String name;
    private final boolean git;

    SetupScenario(String name, boolean git) {
      this.name = name;
      this.git = git;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public boolean samples(List<FaultMatrix.Step> steps, FaultMatrix.Step step, FaultKind kind) {
      String shape = shape(step);
      for (FaultMatrix.Step s : steps) {
        if (s.index() < step.index() && shape(s).equals(shape)) {
          return false;
        }
      }
      if (gitRequest(step)) {
        // git's own requests: a push (its POST git-receive-pack) may also lose its answer.
        if (step.glob().endsWith("/git-receive-pack")) {
          return GIT_SAMPLE.contains(kind);
        }
        return kind == FaultKind.BURST_500
            && steps.stream().filter(SetupScenarios::gitRequest).findFirst().orElseThrow() == step;
      }
      if (step.method().equals("GET")) {
        return READ_SAMPLE.contains(kind);
      }
      if (git) {
        return WRITE_SAMPLE.contains(kind);
      }
      // The stall costs real time and ends as a lost answer (a POST) or a retry (the others):
      // on the first write of each method only.
      return kind != FaultKind.TIMEOUT || steps.stream()
          .filter(x -> x.method().equals(step.method())).findFirst().orElseThrow() == step;
    }

    /** The step with every login of the flow replaced: the repeats of one loop look alike. */
    String shape(FaultMatrix.Step step) {
      String s = step.method() + " " + step.glob();
      for (String u : logins()) {
        s = s.replaceAll("(?<=/)" + Pattern.quote(u) + "(?=/|$|\\.)", "{user}");
      }
      return s;
    }

    /** The logins a loop of this flow runs over. */
    abstract List<String> logins();
  }

  /** Whether a step is a request of git's own (smart HTTP: clone, fetch, push). */
  static boolean gitRequest(FaultMatrix.Step step) {
    return step.glob().contains(".git/");
  }

  /** An operation over a temporary folder, removed afterwards. */
  private static Scenario.Operation op(Path dir, Lambdas.Run run, Lambdas.Check check) {
    return new Scenario.Operation() {
      @Override
      public Object run() throws Exception {
        return run.run();
      }

      @Override
      public boolean check(Object outcome) throws Exception {
        return check.check(outcome);
      }

      @Override
      public void cleanup() throws IOException {
        deleteTree(dir);
      }
    };
  }

  /** The lambdas of an operation. */
  static final class Lambdas {
    interface Run {
      Object run() throws Exception;
    }

    interface Check {
      boolean check(Object outcome) throws Exception;
    }

    private Lambdas() {}
  }

  /** A client root for the flows: the matrix's timeouts, retry policy and fake time. */
  static ForgeClient root(MockForgejo m, FakeTime time, String token) {
    return ForgeClient.builder().baseUrl(m.baseUrl()).token(token).httpClient(Clients.POOL)
        .retryPolicy(RetryPolicy.defaults()).clock(time).sleeper(time)
        .hostLimits(HostLimits.of(8, Duration.ZERO))
        .timeouts(Duration.ofSeconds(2), FaultKind.READ_TIMEOUT, Duration.ofSeconds(10)).build();
  }

  /** A referee without retries, for the checks, as the admin with this password. */
  static ForgeClient referee(MockForgejo m, String adminPass) {
    return Clients.referee(m, SLUG, "unused").root().withAuth(ForgeAuth.basic(ADMIN, adminPass));
  }

  /** Git that sees no global or system configuration, as the admin. */
  static GitAccess adminGit(Path home) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", home.toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    return new GitAccess(env, Optional.of(ADMIN), Optional.of(ADMIN_PASS), Duration.ofSeconds(20));
  }

  private static volatile boolean warm;

  /**
   * The admin and the eight bots, each with a password and a token. The first call makes the mock
   * create and clone a repository once, so that loading its git classes does not outlast the
   * matrix's short read timeout in the first run.
   */
  static void accounts(MockForgejo m) {
    if (!warm) {
      m.seed().user("warm-up", "pw");
      m.seed().repo("warm-up/repo");
      m.seed().file("warm-up/repo", "main", "README.md", "warm\n");
      m.reset();
      warm = true;
    }
    m.seed().user(ADMIN, u -> u.password(ADMIN_PASS).token(ADMIN_TOKEN).admin(true));
    for (String b : BOTS) {
      m.seed().user(b, u -> u.password("pw-" + b + "-5ecret").token("tok-" + b + "-5ecret"));
    }
  }

  static Path tempDir() throws IOException {
    return Files.createTempDirectory("setup-matrix");
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * The {@code .env} invariants: the file alone in its folder (no temporary file left), owner-only,
   * every line {@code KEY=value} or one of the old lines, those kept in order, no key twice.
   *
   * @return the keys and values
   */
  static Map<String, String> checkEnv(Path env, List<String> oldLines) throws IOException {
    try (Stream<Path> s = Files.list(env.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".env"))
          .toList()).as("no temporary file beside .env").containsExactly(".env");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env)))
        .as(".env owner-only").isIn("rw-------");
    String text = Files.readString(env, StandardCharsets.UTF_8);
    assertThat(text).as(".env ends with a whole line").endsWith("\n");
    List<String> lines = text.lines().toList();
    assertThat(lines.stream().filter(oldLines::contains).toList()).as("old lines kept, in order")
        .containsExactlyElementsOf(oldLines);
    Map<String, String> values = new LinkedHashMap<>();
    for (String l : lines) {
      if (oldLines.contains(l)) {
        continue;
      }
      assertThat(l).as(".env line").matches(LINE);
      String key = l.substring(0, l.indexOf('='));
      assertThat(values.put(key, l.substring(l.indexOf('=') + 1))).as(".env key %s twice", key)
          .isNull();
    }
    return values;
  }

  /** The login a token or a password belongs to, when the forge accepts it. */
  static Optional<String> login(MockForgejo m, ForgeAuth auth) {
    ForgeResponse r = Clients.referee(m, SLUG, "unused").root().withAuth(auth)
        .send("GET", "/user", null);
    if (!r.ok()) {
      return Optional.empty();
    }
    Object u = parse(r.body());
    return u instanceof Map<?, ?> map && map.get("login") instanceof String s ? Optional.of(s)
        : Optional.empty();
  }

  static boolean tokenOf(MockForgejo m, String user, String token) {
    return login(m, ForgeAuth.token(token)).map(user::equalsIgnoreCase).orElse(false);
  }

  static boolean passwordOf(MockForgejo m, String user, String pass) {
    return login(m, ForgeAuth.basic(user, pass)).map(user::equalsIgnoreCase).orElse(false);
  }

  static Object parse(String json) {
    try {
      return JSON.fromJson(json);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The names of a user's tokens (the token routes need the admin's password). */
  static List<String> tokenNames(ForgeClient ref, String user) {
    ForgeResponse r = ref.send("GET", "/users/" + user + "/tokens?limit=50", null);
    assertThat(r.ok()).as("tokens of %s readable: %s", user, r.status()).isTrue();
    List<String> names = new ArrayList<>();
    for (Object t : (List<?>) parse(r.body())) {
      names.add(String.valueOf(((Map<?, ?>) t).get("name")));
    }
    return names;
  }

  /** No login twice on the forge, and no token name twice for one user. */
  static void noDuplicateAccounts(MockForgejo m, ForgeClient ref, List<String> users) {
    List<String> logins = m.admin().logins();
    assertThat(new HashSet<>(logins)).as("no user twice: %s", logins).hasSameSizeAs(logins);
    for (String u : users) {
      if (logins.contains(u)) {
        List<String> names = tokenNames(ref, u);
        assertThat(new HashSet<>(names)).as("no token name twice for %s: %s", u, names)
            .hasSameSizeAs(names);
      }
    }
  }

  /** No credential of {@code .env} in the outcome's texts. */
  static void noSecretIn(Object outcome, Map<String, String> env, Set<String> secretKeys) {
    List<String> texts = new ArrayList<>();
    texts.add(String.valueOf(outcome));
    if (outcome instanceof Throwable t) {
      for (Throwable c = t; c != null; c = c.getCause()) {
        texts.add(String.valueOf(c.getMessage()));
      }
    }
    for (String k : secretKeys) {
      String v = env.get(k);
      if (v == null || v.length() < 8) {
        continue;
      }
      for (String t : texts) {
        assertThat(t).as("the outcome shows %s", k).doesNotContain(v);
      }
    }
  }

  /** The permission of a listed collaborator or the owner, or empty when neither. */
  static Optional<String> collaborator(ForgeClient c, String repo, String user) {
    ForgeResponse r = c.send("GET", "/repos/" + repo + "/collaborators/" + user + "/permission",
        null);
    Object p = r.ok() ? parse(r.body()) : null;
    String perm = p instanceof Map<?, ?> map ? String.valueOf(map.get("permission")) : "";
    if (perm.equals("owner")) {
      return Optional.of(perm);
    }
    if (c.send("GET", "/repos/" + repo + "/collaborators/" + user, null).status() != 204) {
      return Optional.empty();
    }
    return Optional.of(perm);
  }

  static boolean repoExists(ForgeClient ref, String slug) {
    return ref.send("GET", "/repos/" + slug, null).ok();
  }

  /** The number of protection rules of a repository's branch. */
  static long rules(ForgeClient ref, String repo, String branch) {
    ForgeResponse r = ref.send("GET", "/repos/" + repo + "/branch_protections", null);
    assertThat(r.ok()).as("rules of %s readable", repo).isTrue();
    return ((List<?>) parse(r.body())).stream()
        .filter(x -> branch.equals(((Map<?, ?>) x).get("rule_name"))
            || branch.equals(((Map<?, ?>) x).get("branch_name")))
        .count();
  }

  /** The files of a branch on the forge (empty when the branch is missing). */
  static Set<String> files(MockForgejo m, String repo, String branch) {
    return m.branchHead(repo, branch).map(sha -> m.filesAt(repo, sha).keySet())
        .map(Set::copyOf).orElse(Set.of());
  }

  /** Forgejo's admin command line, on the mock. */
  static final class Cli implements ForgeSetupAdminCli {
    private final MockAdminCli cli;

    Cli(MockAdminCli cli) {
      this.cli = cli;
    }

    @Override
    public boolean listUsers() {
      return cli.listUsers().ok();
    }

    @Override
    public SetupCliResult createUser(String user, SetupSecret password, String email,
        boolean admin) {
      MockAdminCli.Result r = cli.createUser(user, password.reveal(), email, admin);
      return new SetupCliResult(r.exitCode(), r.output());
    }

    @Override
    public SetupCliResult changePassword(String user, SetupSecret password) {
      MockAdminCli.Result r = cli.changePassword(user, password.reveal());
      return new SetupCliResult(r.exitCode(), r.output());
    }
  }

  // ---------------------------------------------------------------- forge setup

  /**
   * Forge setup on a fresh forge (no admin, no bots, no repository) with an old {@code .env}
   * holding other settings and a dev-bot token the forge no longer knows, provisioning dev-bot
   * and review-bot.
   */
  static Scenario forgeSetup() {
    return new SetupScenario("forge setup", false) {
      @Override
      List<String> logins() {
        return List.of("dev-bot", "review-bot");
      }

      @Override
      public Operation prepare(MockForgejo m, FakeTime time) throws Exception {
        Path dir = tempDir();
        Path env = dir.resolve(".env");
        Files.writeString(env, OLD_ENV, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));
        return op(dir, () -> forgeSetup(m, time, env).run(m.baseUrl(), SLUG, false), outcome -> {
          boolean completed = checkForgeSetup(m, env, outcome, false);
          if (completed) {
            return true;
          }
          // A re-run without faults completes and leaves the whole setup.
          m.clearJournal();
          Object again;
          try {
            again = forgeSetup(m, new FakeTime(), env).run(m.baseUrl(), SLUG, false);
          } catch (RuntimeException e) {
            throw new AssertionError("the re-run after " + outcome + " failed: " + e, e);
          }
          SecretsWatch.checkOutcome(again);
          SecretsWatch.checkJournal(m);
          assertThat(checkForgeSetup(m, env, again, true)).as("the re-run completes").isTrue();
          return completed;
        });
      }
    };
  }

  static ForgeSetup forgeSetup(MockForgejo m, FakeTime time, Path env) {
    return ForgeSetup.builder().envFile(EnvFile.at(env)).adminCli(new Cli(m.admin()))
        .sleeper(time).clients(url -> root(m, time, "unused")).initialToken("tok-stale-5ecret")
        .accounts(ACCOUNTS).launcher((url, port) -> {
          // The forge answers: a probe that failed under a fault "starts" nothing.
        }).build();
  }

  static final Set<String> FORGE_SECRETS = Set.of(ForgeSetup.ADMIN_PASS_VAR,
      ForgeSetup.ADMIN_TOKEN_VAR, ForgeSetup.HUMAN_TOKEN_VAR, "FORGE_TOKEN", "FORGE_PASS",
      "FORGE_REVIEW_TOKEN", "FORGE_REVIEW_PASS");

  /**
   * The invariants after a run of forge setup; with {@code whole}, also that it completed and
   * left everything.
   */
  static boolean checkForgeSetup(MockForgejo m, Path envPath, Object outcome, boolean whole)
      throws IOException {
    Map<String, String> env = checkEnv(envPath, OLD_LINES);
    noSecretIn(outcome, env, FORGE_SECRETS);
    // Each credential is the old one or a working new one.
    String adminPass = env.get(ForgeSetup.ADMIN_PASS_VAR);
    if (adminPass != null) {
      assertThat(passwordOf(m, ADMIN, adminPass)).as("FORGE_ADMIN_PASS works").isTrue();
    }
    for (String k : List.of(ForgeSetup.ADMIN_TOKEN_VAR, ForgeSetup.HUMAN_TOKEN_VAR)) {
      Optional.ofNullable(env.get(k)).ifPresent(t ->
          assertThat(tokenOf(m, ADMIN, t)).as("%s works", k).isTrue());
    }
    for (SetupAccount a : ACCOUNTS) {
      String token = env.get(a.tokenVar());
      String pass = env.get(a.passVar());
      boolean old = a.tokenVar().equals("FORGE_TOKEN") && "tok-gone-5ecret".equals(token);
      if (old) {
        assertThat(pass).as("%s: the old token without a new password", a.user()).isNull();
        continue;
      }
      assertThat(token == null).as("%s: token and password written together", a.user())
          .isEqualTo(pass == null);
      if (token != null) {
        assertThat(tokenOf(m, a.user(), token)).as("%s works", a.tokenVar()).isTrue();
        assertThat(passwordOf(m, a.user(), pass)).as("%s works", a.passVar()).isTrue();
      }
    }
    if (adminPass != null) {
      noDuplicateAccounts(m, referee(m, adminPass), List.of(ADMIN, "dev-bot", "review-bot"));
    }
    if (!(outcome instanceof ForgeSetupResult r)) {
      assertThat(whole).as("the re-run completes: %s", outcome).isFalse();
      assertThat(outcome).isInstanceOf(ai.disinto.core.DisintoException.class);
      return false;
    }
    // Done means done whole.
    assertThat(env).containsKeys(ForgeSetup.ADMIN_PASS_VAR, ForgeSetup.ADMIN_TOKEN_VAR,
        "FORGE_TOKEN", "FORGE_PASS", "FORGE_REVIEW_TOKEN", "FORGE_REVIEW_PASS", "FORGE_URL");
    assertThat(env.get("FORGE_TOKEN")).isNotEqualTo("tok-gone-5ecret");
    assertThat(r.adminPassword().reveal()).isEqualTo(env.get(ForgeSetup.ADMIN_PASS_VAR));
    assertThat(r.devToken().reveal()).isEqualTo(env.get("FORGE_TOKEN"));
    if (!r.complete()) {
      // Only warned about, as the original does: the result names each shortfall.
      assertThat(whole).as("the re-run completes whole: %s", r.shortfalls()).isFalse();
      assertThat(r.shortfalls()).allSatisfy(f -> assertThat(f).isNotBlank());
      return false;
    }
    assertThat(env).containsKey(ForgeSetup.HUMAN_TOKEN_VAR);
    assertThat(r.humanToken()).isPresent();
    ForgeClient ref = referee(m, adminPass);
    assertThat(repoExists(ref, SLUG)).as("repo %s", SLUG).isTrue();
    for (String u : List.of("dev-bot", "review-bot")) {
      assertThat(repoExists(ref, u + "/.profile")).as("%s/.profile", u).isTrue();
    }
    assertThat(collaborator(ref, SLUG, "dev-bot")).hasValue("write");
    assertThat(collaborator(ref, SLUG, "review-bot")).hasValue("read");
    assertThat(collaborator(ref, SLUG, ADMIN)).get().isIn("admin", "owner");
    return true;
  }

  // ---------------------------------------------------------------- ops setup

  static final String OPS = "o/r-ops";

  /**
   * Ops setup for {@code o/r-ops} (organisation {@code o}, nothing there yet, no local checkout),
   * then the vault branch protection init sets right after it.
   */
  static Scenario opsSetup() {
    return new SetupScenario("ops setup", true) {
      @Override
      List<String> logins() {
        return List.copyOf(OpsSetup.COLLABORATORS.keySet());
      }

      @Override
      public Operation prepare(MockForgejo m, FakeTime time) throws Exception {
        accounts(m);
        m.seed().org("o", ADMIN);
        Path dir = tempDir();
        Path policy = dir.resolve("factory/vault/policy.toml");
        Files.createDirectories(policy.getParent());
        Files.writeString(policy, "[policy]\nmode = \"strict\"\n");
        Path opsRoot = dir.resolve("ops");
        Lambdas.Run run = () -> opsRun(m, new FakeTime(), dir, policy, opsRoot);
        return op(dir, () -> opsRun(m, time, dir, policy, opsRoot), outcome -> {
          boolean completed = checkOps(m, opsRoot, outcome, false);
          if (completed) {
            return true;
          }
          m.clearJournal();
          Object again;
          try {
            again = run.run();
          } catch (RuntimeException e) {
            throw new AssertionError("the re-run after " + outcome + " failed: " + e, e);
          }
          SecretsWatch.checkOutcome(again);
          SecretsWatch.checkJournal(m);
          assertThat(checkOps(m, opsRoot, again, true)).as("the re-run completes: %s", again)
              .isTrue();
          return completed;
        });
      }
    };
  }

  /** What ops setup and the vault protection did; no protection while the seed is not pushed. */
  record OpsOutcome(OpsSetupResult ops, Optional<ProtectionResult> protection) {
    boolean protectedOk() {
      return protection.map(ProtectionResult::ok).orElse(false);
    }
  }

  /**
   * Ops setup, then the vault protection, as init runs them; the branch is protected only once
   * the seed is on it (the protection keeps even the admin from pushing vault files directly).
   */
  static OpsOutcome opsRun(MockForgejo m, FakeTime time, Path dir, Path policy, Path opsRoot) {
    ForgeClient admin = root(m, time, ADMIN_TOKEN);
    OpsSetupResult r = new OpsSetup(admin, new OpsSetup.Settings(m.baseUrl(), "main",
        Optional.of(policy), adminGit(dir.resolve("home")))).setup(OPS, opsRoot);
    if (r.committed() && !r.pushed()) {
      return new OpsOutcome(r, Optional.empty());
    }
    return new OpsOutcome(r, Optional.of(new BranchProtection(admin, time)
        .setupVault(r.actualSlug(), "main")));
  }

  static boolean checkOps(MockForgejo m, Path opsRoot, Object outcome, boolean whole)
      throws IOException {
    ForgeClient ref = referee(m, ADMIN_PASS);
    List<String> where = Stream.of(OPS, "dev-bot/r-ops", ADMIN + "/r-ops")
        .filter(s -> repoExists(ref, s)).toList();
    assertThat(where.size()).as("one ops repository at most: %s", where).isLessThanOrEqualTo(1);
    if (!where.isEmpty()) {
      assertThat(rules(ref, where.get(0), "main")).as("one rule on main at most")
          .isLessThanOrEqualTo(1);
    }
    if (!(outcome instanceof OpsOutcome o)) {
      assertThat(whole).as("the re-run completes: %s", outcome).isFalse();
      assertThat(outcome).isInstanceOf(ai.disinto.core.DisintoException.class);
      return false;
    }
    String slug = o.ops().actualSlug();
    assertThat(where).as("the repository the result names exists").containsExactly(slug);
    String origin = gitConfig(opsRoot, "remote.origin.url");
    assertThat(origin).as("origin without credentials").isEqualTo(m.baseUrl() + "/" + slug
        + ".git");
    // The result says what is short; what it does not say must be there.
    boolean short_ = !o.ops().collaboratorFailures().isEmpty() || !o.protectedOk()
        || (o.ops().committed() && !o.ops().pushed());
    if (o.ops().collaboratorFailures().isEmpty()) {
      for (Map.Entry<String, String> e : OpsSetup.COLLABORATORS.entrySet()) {
        assertThat(collaborator(ref, slug, e.getKey())).as("collaborator %s", e.getKey())
            .get().isIn(e.getValue(), "owner");
      }
    }
    if (o.protectedOk()) {
      assertThat(rules(ref, slug, "main")).as("the rule on main").isEqualTo(1);
    }
    if (!o.ops().committed() || o.ops().pushed()) {
      assertThat(files(m, slug, "main")).as("the seed on the forge's main")
          .contains("README.md", "vault/pending/.gitkeep", "vault/policy.toml", "portfolio.md");
    }
    if (whole) {
      assertThat(short_).as("nothing short after the re-run: %s", o).isFalse();
    }
    return !short_;
  }

  static String gitConfig(Path repo, String key) throws IOException {
    Path config = repo.resolve(".git/config");
    assertThat(config).as("a local checkout").exists();
    Process p = new ProcessBuilder("git", "config", "--file", config.toString(), key)
        .redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor();
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  // ---------------------------------------------------------------- hire

  static final String AGENT = "dev-qwen2";

  /**
   * Hiring {@code dev-qwen2} for role {@code dev}: the admin and the bots exist, the project
   * repository {@code o/r} too; the factory's {@code .env} holds other settings.
   */
  static Scenario hire() {
    return new SetupScenario("hire", true) {
      @Override
      List<String> logins() {
        return List.of(AGENT);
      }

      @Override
      public Operation prepare(MockForgejo m, FakeTime time) throws Exception {
        accounts(m);
        m.seed().repo(SLUG, r -> r.collaborator("dev-bot", "write"));
        Path dir = tempDir();
        Path factory = dir.resolve("factory");
        Files.createDirectories(factory.resolve("formulas"));
        Files.writeString(factory.resolve("formulas/dev.toml"), "[formula]\nname = \"dev\"\n");
        Path env = factory.resolve(".env");
        String old = "# factory of o/r\nPROJECT_NAME=r\n\nCLAUDE_TIMEOUT=7200\n";
        Files.writeString(env, old, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));
        return op(dir, () -> hireRun(m, time, dir, factory), outcome -> {
          boolean completed = checkHire(m, factory, outcome, false);
          if (completed) {
            return true;
          }
          m.clearJournal();
          Object again;
          try {
            again = hireRun(m, new FakeTime(), dir, factory);
          } catch (RuntimeException e) {
            throw new AssertionError("the re-run after " + outcome + " failed: " + e, e);
          }
          SecretsWatch.checkOutcome(again);
          SecretsWatch.checkJournal(m);
          assertThat(checkHire(m, factory, again, true)).as("the re-run completes: %s", again)
              .isTrue();
          return completed;
        });
      }
    };
  }

  static HireResult hireRun(MockForgejo m, FakeTime time, Path dir, Path factory) {
    ForgeClient admin = root(m, time, ADMIN_TOKEN);
    Predicate<java.net.URI> noModel = u -> false;
    return new HireAgent(admin, new BranchProtection(admin, time), new HireAgent.Settings(factory,
        m.baseUrl(), "r", Optional.of(SLUG), adminGit(dir.resolve("home")), new SecureRandom(),
        Optional.empty(), noModel)).hire(HireRequest.of(AGENT, "dev"));
  }

  static boolean checkHire(MockForgejo m, Path factory, Object outcome, boolean whole)
      throws IOException {
    Map<String, String> env = checkEnv(factory.resolve(".env"), OLD_LINES);
    noSecretIn(outcome, env, Set.of("FORGE_DEV_TOKEN", "FORGE_DEV_PASS"));
    ForgeClient ref = referee(m, ADMIN_PASS);
    boolean exists = m.admin().logins().contains(AGENT);
    Optional.ofNullable(env.get("FORGE_DEV_PASS")).ifPresent(p ->
        assertThat(passwordOf(m, AGENT, p)).as("FORGE_DEV_PASS works").isTrue());
    Optional.ofNullable(env.get("FORGE_DEV_TOKEN")).ifPresent(t ->
        assertThat(tokenOf(m, AGENT, t)).as("FORGE_DEV_TOKEN works").isTrue());
    noDuplicateAccounts(m, ref, exists ? List.of(AGENT) : List.of());
    if (repoExists(ref, AGENT + "/.profile")) {
      assertThat(rules(ref, AGENT + "/.profile", "main")).as("one rule on main at most")
          .isLessThanOrEqualTo(1);
    }
    if (!(outcome instanceof HireResult r)) {
      assertThat(whole).as("the re-run completes: %s", outcome).isFalse();
      assertThat(outcome).isInstanceOf(ai.disinto.core.DisintoException.class);
      return false;
    }
    assertThat(exists).as("the agent's user").isTrue();
    boolean short_ = !r.shortfalls().isEmpty() || r.token().isEmpty() || !r.protection().ok()
        || r.protection().journal() == ProtectionResult.Journal.FAILED;
    if (r.token().isPresent()) {
      assertThat(env.get("FORGE_DEV_TOKEN")).isEqualTo(r.token().get());
      assertThat(env).containsKey("FORGE_DEV_PASS");
    }
    assertThat(repoExists(ref, AGENT + "/.profile")).as(".profile").isTrue();
    if (r.protection().ok()) {
      assertThat(rules(ref, AGENT + "/.profile", "main")).as("the rule on main").isEqualTo(1);
      assertThat(files(m, AGENT + "/.profile", "main")).as("the .profile seed on main")
          .contains("formula.toml", "README.md", "journal/.gitkeep", "knowledge/.gitkeep");
      if (r.protection().journal() != ProtectionResult.Journal.FAILED) {
        assertThat(m.branchHead(AGENT + "/.profile", "journal")).as("journal branch")
            .isPresent();
      }
    }
    assertThat(r.stateMarker()).exists();
    if (r.shortfalls().isEmpty()) {
      assertThat(collaborator(ref, SLUG, AGENT)).as("%s writes to %s", AGENT, SLUG)
          .hasValue("write");
    }
    if (whole) {
      assertThat(short_).as("nothing short after the re-run: %s", r).isFalse();
    }
    return !short_;
  }
  // ---------------------------------------------------------------- ci setup

  /** The CI admin's password: the browser login sends it in a form, so it carries no mark. */
  static final String CI_ADMIN_PASS = "admin-ci-pw-1234";
  private static MockWoodpecker woodpecker;

  /** One Woodpecker for the matrix, reset for each case, closed with the JVM. */
  static synchronized MockWoodpecker woodpecker() {
    if (woodpecker == null) {
      MockWoodpecker w = MockWoodpecker.start();
      Runtime.getRuntime().addShutdownHook(new Thread(w::close));
      woodpecker = w;
    }
    return woodpecker;
  }

  private static final Crontab NO_CRONTAB = new Crontab() {
    @Override
    public boolean available() {
      return false;
    }

    @Override
    public Optional<String> read() {
      return Optional.empty();
    }

    @Override
    public boolean write(String text) {
      return false;
    }
  };

  /**
   * CI setup as init runs it: the OAuth2 application, Woodpecker started with it ("compose up"),
   * the Woodpecker token through the browser login as the admin, and the activation of {@code
   * o/r}. Faults reach the forge side only (Woodpecker's own API is not faulted).
   */
  static Scenario ciSetup() {
    return new SetupScenario("ci setup", false) {
      @Override
      List<String> logins() {
        return List.of();
      }

      @Override
      public Operation prepare(MockForgejo m, FakeTime time) throws Exception {
        m.seed().user(ADMIN, u -> u.password(CI_ADMIN_PASS).token(ADMIN_TOKEN).admin(true));
        m.seed().repo(SLUG);
        MockWoodpecker wp = woodpecker();
        wp.reset();
        wp.clearFaults();
        Object repo = parse(Clients.referee(m, SLUG, ADMIN_TOKEN).root()
            .send("GET", "/repos/" + SLUG, null).body());
        wp.addForgeRepo(((Number) ((Map<?, ?>) repo).get("id")).longValue(), SLUG);
        Path dir = tempDir();
        Path env = dir.resolve(".env");
        Files.writeString(env, "# factory of o/r\nPROJECT_NAME=r\n\nCLAUDE_TIMEOUT=7200\n",
            StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));
        return op(dir, () -> ciRun(m, wp, time, env), outcome -> {
          boolean completed = checkCi(m, wp, env, outcome, false);
          if (completed) {
            return true;
          }
          m.clearJournal();
          Object again;
          try {
            again = ciRun(m, wp, new FakeTime(), env);
          } catch (RuntimeException e) {
            throw new AssertionError("the re-run after " + outcome + " failed: " + e, e);
          }
          SecretsWatch.checkOutcome(again);
          SecretsWatch.checkJournal(m);
          assertThat(checkCi(m, wp, env, again, true)).as("the re-run completes: %s", again)
              .isTrue();
          return false;
        });
      }
    };
  }

  /** What CI setup did. */
  record CiOutcome(OAuthAppResult oauth, TokenResult token, ActivationResult activation) {}

  static CiOutcome ciRun(MockForgejo m, MockWoodpecker wp, FakeTime time, Path envPath) {
    EnvFile env = EnvFile.at(envPath);
    CiSetupSettings s = CiSetupSettings.of(m.baseUrl(), ADMIN_TOKEN,
        envPath.getParent().toString(), wp.baseUrl()).withWoodpeckerHost(wp.baseUrl());
    CiSetup ci = new CiSetup(s, env, NO_CRONTAB, CronPrompt.none(), time,
        root(m, time, ADMIN_TOKEN));
    OAuthAppResult oauth = ci.createWoodpeckerOAuth();
    Optional<String> id = env.get("WP_FORGEJO_CLIENT");
    Optional<String> secret = env.get("WP_FORGEJO_SECRET");
    if (id.isPresent() && secret.isPresent()) {
      wp.forgeLogin(new ForgeLogin(m.baseUrl(), m.baseUrl(), wp.baseUrl(), id.get(),
          secret.get()));
    }
    TokenResult token = ci.generateWoodpeckerToken(Optional.of(new SetupSecret(CI_ADMIN_PASS)));
    ActivationResult act = ci.activateRepo(SLUG, token.token());
    return new CiOutcome(oauth, token, act);
  }

  static boolean checkCi(MockForgejo m, MockWoodpecker wp, Path envPath, Object outcome,
      boolean whole) throws IOException {
    Map<String, String> env = checkEnv(envPath, OLD_LINES);
    noSecretIn(outcome, env, Set.of("WP_FORGEJO_SECRET", "WOODPECKER_TOKEN"));
    ForgeResponse r = Clients.referee(m, SLUG, ADMIN_TOKEN).root()
        .send("GET", "/user/applications/oauth2", null);
    assertThat(r.ok()).as("applications readable").isTrue();
    List<Map<?, ?>> apps = new ArrayList<>();
    for (Object a : (List<?>) parse(r.body())) {
      if ("woodpecker-ci".equals(((Map<?, ?>) a).get("name"))) {
        apps.add((Map<?, ?>) a);
      }
    }
    assertThat(apps).as("one OAuth2 application at most").hasSizeLessThanOrEqualTo(1);
    String client = env.get("WP_FORGEJO_CLIENT");
    if (client != null) {
      assertThat(apps).as("the application .env names").hasSize(1);
      assertThat(apps.get(0).get("client_id")).isEqualTo(client);
    }
    String token = env.get("WOODPECKER_TOKEN");
    if (token != null) {
      assertThat(woodpeckerUser(wp, token)).as("WOODPECKER_TOKEN works").isEqualTo(200);
    }
    if (!(outcome instanceof CiOutcome o)) {
      assertThat(whole).as("the re-run completes: %s", outcome).isFalse();
      assertThat(outcome).isInstanceOf(ai.disinto.core.DisintoException.class);
      return false;
    }
    boolean done = o.oauth().failure().isEmpty() && env.containsKey("WP_FORGEJO_SECRET")
        && List.of(TokenOutcome.GENERATED_PERSONAL, TokenOutcome.ALREADY_SET)
            .contains(o.token().outcome())
        && List.of(ActivationResult.Outcome.ACTIVATED, ActivationResult.Outcome.ALREADY_ACTIVE)
            .contains(o.activation().outcome());
    if (done) {
      assertThat(o.token().token().map(SetupSecret::reveal)).hasValue(token);
    }
    if (whole) {
      assertThat(done).as("nothing short after the re-run: %s %s", o, wp.journal().stream()
          .map(q -> q.method() + " " + q.path() + " " + q.status()).toList()).isTrue();
    }
    return done;
  }

  static int woodpeckerUser(MockWoodpecker wp, String token) throws IOException {
    java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create(
        wp.baseUrl() + "/api/user").toURL().openConnection();
    c.setRequestProperty("Authorization", "Bearer " + token);
    try {
      return c.getResponseCode();
    } finally {
      c.disconnect();
    }
  }
}
