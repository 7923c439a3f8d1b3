package ai.disinto.ci.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.forge.setup.EnvFile;
import ai.disinto.forge.setup.SetupSecret;
import ai.disinto.log.CapturedLog;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.RecordedRequest;
import ai.disinto.testkit.time.FakeTime;
import ai.disinto.testkit.woodpecker.ForgeLogin;
import ai.disinto.testkit.woodpecker.MockWoodpecker;
import ai.disinto.testkit.woodpecker.WoodpeckerRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CiSetupTest {
  static final String ADMIN_PASS = "admin-Passw0rdPassw0rdPa";
  static final String TOKEN = "a".repeat(40);

  @TempDir Path root;
  MockForgejo forge;
  MockWoodpecker wp;
  FakeTime time;
  EnvFile env;
  FakeCrontab cron = new FakeCrontab();
  List<String> asked = new ArrayList<>();
  String answer;

  /** An in-memory crontab. */
  static final class FakeCrontab implements Crontab {
    boolean available = true;
    String text;
    List<String> writes = new ArrayList<>();

    @Override
    public boolean available() {
      return available;
    }

    @Override
    public Optional<String> read() {
      return Optional.ofNullable(text);
    }

    @Override
    public boolean write(String t) {
      writes.add(t);
      text = t;
      return true;
    }
  }

  @BeforeEach
  void start() {
    forge = MockForgejo.start();
    forge.seed().user("disinto-admin", u -> u.password(ADMIN_PASS).admin(true).token(TOKEN));
    forge.seed().repo("o/r");
    wp = MockWoodpecker.start();
    time = new FakeTime();
    env = EnvFile.inFactory(root);
  }

  @AfterEach
  void stop() {
    wp.close();
    forge.close();
  }

  CiSetupSettings settings() {
    return CiSetupSettings.of(forge.baseUrl(), TOKEN, root.toString(), wp.baseUrl())
        .withWoodpeckerHost(wp.baseUrl());
  }

  CiSetup ci() {
    return ci(settings());
  }

  CiSetup ci(CiSetupSettings s) {
    CronPrompt prompt = answer == null ? CronPrompt.none() : new CronPrompt() {
      @Override
      public boolean interactive() {
        return true;
      }

      @Override
      public Optional<String> ask(String q) {
        asked.add(q);
        return Optional.of(answer);
      }
    };
    return new CiSetup(s, env, cron, prompt, time);
  }

  String envText() throws Exception {
    return Files.readString(root.resolve(".env"), StandardCharsets.UTF_8);
  }

  // ---- context ----

  @Test
  void missingGlobalsAreNamed() {
    assertThatThrownBy(() -> CiSetupSettings.of(forge.baseUrl(), "", root.toString(), null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("ci-setup.sh requires these globals to be set: FORGE_TOKEN");
    assertThatThrownBy(() -> CiSetupSettings.of("", null, "", null))
        .hasMessage("ci-setup.sh requires these globals to be set: FORGE_URL FORGE_TOKEN"
            + " FACTORY_ROOT");
  }

  // ---- cron ----

  @Test
  void composeModeSkipsCron() {
    try (CapturedLog log = CapturedLog.start()) {
      assertThat(ci().installCron("p", root.resolve("p.toml"), false, false))
          .isEqualTo(CronResult.SKIPPED_COMPOSE);
      assertThat(log.messages()).containsExactly("",
          "Cron:    skipped (agents container handles scheduling in compose mode)");
    }
    assertThat(cron.writes).isEmpty();
  }

  @Test
  void missingCrontabIsAWarningNotAFailureOfInit() {
    cron.available = false;
    try (CapturedLog log = CapturedLog.start()) {
      assertThat(ci().installCron("p", root.resolve("p.toml"), true, true))
          .isEqualTo(CronResult.CRONTAB_MISSING);
      assertThat(log.messages()).containsExactly(
          "Warning: crontab not found (required for bare-metal scheduling)",
          "  Install: apt install cron  /  brew install cron");
    }
  }

  @Test
  void entriesAlreadyThereAreNotAddedAgainButAPrefixDoesNotCount() {
    cron.text = "# disinto: p\n";
    try (CapturedLog log = CapturedLog.start()) {
      assertThat(ci().installCron("p", root.resolve("p.toml"), true, true))
          .isEqualTo(CronResult.ALREADY_INSTALLED);
      assertThat(log.messages()).contains("Cron:    skipped (entries for p already installed)");
    }
    cron.text = "# disinto: pp\n";
    assertThat(ci().installCron("p", root.resolve("p.toml"), true, true))
        .isEqualTo(CronResult.INSTALLED);
  }

  @Test
  void installAppendsTheBlockToTheExistingCrontab() {
    cron.text = "MAILTO=x";
    Path toml = root.resolve("projects/p.toml");
    root.resolve("projects").toFile().mkdirs();
    try (CapturedLog log = CapturedLog.start()) {
      assertThat(ci().installCron("p", toml, true, true)).isEqualTo(CronResult.INSTALLED);
      assertThat(log.messages()).last().isEqualTo("Cron entries installed for p");
    }
    String r = root.toString();
    String t = toml.toString();
    assertThat(cron.text).isEqualTo("MAILTO=x\n# disinto: p\n"
        + "2,7,12,17,22,27,32,37,42,47,52,57 * * * * " + r + "/review/review-poll.sh " + t
        + " >/dev/null 2>&1\n"
        + "4,9,14,19,24,29,34,39,44,49,54,59 * * * * " + r + "/dev/dev-poll.sh " + t
        + " >/dev/null 2>&1\n"
        + "0 0,6,12,18 * * * cd " + r + " && bash gardener/gardener-run.sh " + t
        + " >/dev/null 2>&1\n");
  }

  @Test
  void aPathWithASpaceIsQuoted() {
    assertThat(CiSetup.cronBlock("p", Path.of("/opt/my factory"), Path.of("/x/p.toml")))
        .contains("'/opt/my factory/dev/dev-poll.sh' /x/p.toml")
        .contains("cd '/opt/my factory' && bash");
  }

  @Test
  void aNoOnThePromptDeclines() {
    answer = "n";
    try (CapturedLog log = CapturedLog.start()) {
      assertThat(ci().installCron("p", root.resolve("p.toml"), false, true))
          .isEqualTo(CronResult.DECLINED);
      assertThat(log.messages()).contains("Skipped cron install. Add manually with: crontab -e");
    }
    assertThat(asked).containsExactly("Install these cron entries? [y/N] ");
    assertThat(cron.writes).isEmpty();
  }

  // ---- OAuth2 application ----

  @Test
  void createsTheApplicationAndWritesTheForgeSettingsInOrder() throws Exception {
    CiSetupSettings s = CiSetupSettings.of(forge.baseUrl(), TOKEN, root.toString(), null);
    OAuthAppResult r;
    try (CapturedLog log = CapturedLog.start()) {
      r = ci(s).createWoodpeckerOAuth();
      assertThat(log.messages()).contains("OAuth2:  woodpecker-ci created (client_id="
          + r.clientId().orElseThrow() + ")", "Config:  Woodpecker forge vars written to .env");
      assertThat(log.text()).doesNotContain(env.get("WP_FORGEJO_SECRET").orElseThrow());
    }
    RecordedRequest post = forge.journal().stream().filter(q -> q.method().equals("POST"))
        .findFirst().orElseThrow();
    assertThat(post.apiPath()).isEqualTo("/user/applications/oauth2");
    assertThat(post.body()).isEqualTo("{\"name\":\"woodpecker-ci\",\"redirect_uris\":"
        + "[\"http://localhost:8000/authorize\"],\"confidential_client\":true}");
    assertThat(post.status()).isEqualTo(201);
    List<String> lines = envText().lines().toList();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).isEqualTo("WOODPECKER_FORGEJO=true");
    assertThat(lines.get(1)).isEqualTo("WOODPECKER_FORGEJO_URL=" + forge.baseUrl());
    assertThat(lines.get(2)).isEqualTo("WOODPECKER_HOST=http://localhost:8000");
    assertThat(lines.get(3)).isEqualTo("WP_FORGEJO_CLIENT=" + r.clientId().orElseThrow());
    assertThat(lines.get(4)).startsWith("WP_FORGEJO_SECRET=").hasSizeGreaterThan(20);
    assertThat(r.created()).isTrue();
  }

  @Test
  void anExistingApplicationIsReusedAndItsStoredSecretKept() throws Exception {
    String id = ci().createWoodpeckerOAuth().clientId().orElseThrow();
    env.put("WP_FORGEJO_SECRET", "old");
    forge.clearJournal();
    OAuthAppResult again;
    try (CapturedLog log = CapturedLog.start()) {
      again = ci().createWoodpeckerOAuth();
      assertThat(log.messages()).contains("OAuth2:  woodpecker-ci (already exists, client_id="
          + id + ")");
    }
    assertThat(again.created()).isFalse();
    assertThat(forge.journal()).allMatch(q -> q.method().equals("GET"));
    assertThat(env.get("WP_FORGEJO_SECRET")).contains("old");
    assertThat(env.get("WP_FORGEJO_CLIENT")).contains(id);
  }

  @Test
  void anExistingApplicationWithoutAStoredSecretGetsANewOne() throws Exception {
    String id = ci().createWoodpeckerOAuth().clientId().orElseThrow();
    String first = env.get("WP_FORGEJO_SECRET").orElseThrow();
    String text = envText().replaceAll("(?m)^WP_FORGEJO_SECRET=.*\n", "");
    Files.writeString(root.resolve(".env"), text);

    OAuthAppResult r = ci().createWoodpeckerOAuth();

    assertThat(r.secretRegenerated()).isTrue();
    assertThat(r.clientId()).contains(id);
    assertThat(env.get("WP_FORGEJO_SECRET")).isPresent().get().isNotEqualTo(first);
  }

  @Test
  void aRefusedCreationLeavesEnvAlone() throws Exception {
    forge.faults().add(Fault.on("POST", "/user/applications/oauth2").withStatus(500));
    env.put("A", "1");
    try (CapturedLog log = CapturedLog.start()) {
      OAuthAppResult r = ci().createWoodpeckerOAuth();
      assertThat(r.envWritten()).isFalse();
      assertThat(log.messages()).contains("Warning: failed to create OAuth2 app on Forgejo");
    }
    assertThat(envText()).isEqualTo("A=1\n");
  }

  @Test
  void upsertReplacesInPlaceAndAppendsOnANewLineWithOwnerOnlyMode() throws Exception {
    Files.writeString(root.resolve(".env"), "A=1\nWOODPECKER_HOST=http://woodpecker:8000\nB=2");
    CiSetupSettings s = CiSetupSettings.of(forge.baseUrl(), TOKEN, root.toString(), null);
    ci(s).createWoodpeckerOAuth();
    List<String> lines = envText().lines().toList();
    assertThat(lines.subList(0, 4)).containsExactly("A=1", "WOODPECKER_HOST=http://localhost:8000",
        "B=2", "WOODPECKER_FORGEJO=true");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env.path())))
        .isEqualTo("rw-------");
  }

  // ---- token ----

  @Test
  void aStoredTokenIsKeptWithoutAnyRequest() {
    env.put("WOODPECKER_TOKEN", "abc");
    TokenResult r = ci().generateWoodpeckerToken(Optional.of(new SetupSecret(ADMIN_PASS)));
    assertThat(r.outcome()).isEqualTo(TokenOutcome.ALREADY_SET);
    assertThat(wp.journal()).isEmpty();
    assertThat(forge.journal()).isEmpty();
  }

  @Test
  void anEmptyStoredTokenCountsAsMissing() {
    env.put("WOODPECKER_TOKEN", "");
    TokenResult r = ci().generateWoodpeckerToken(Optional.empty());
    assertThat(r.outcome()).isEqualTo(TokenOutcome.FAILED);
  }

  @Test
  void withoutAdminPasswordNothingIsSent() {
    try (CapturedLog log = CapturedLog.start()) {
      TokenResult r = ci().generateWoodpeckerToken(Optional.empty());
      assertThat(r.outcome()).isEqualTo(TokenOutcome.FAILED);
      assertThat(log.messages()).contains(
          "Warning: Forgejo admin password not available — cannot generate WOODPECKER_TOKEN",
          "  Log into Woodpecker at " + wp.baseUrl() + " and create a token manually");
    }
    assertThat(wp.journal()).isEmpty();
  }

  @Test
  void aWoodpeckerThatNeverAnswersIsGivenUpAfterThirtyOneTries() {
    wp.addFault(Fault.on("GET", "/api/version").withStatus(502));
    try (CapturedLog log = CapturedLog.start()) {
      TokenResult r = ci().generateWoodpeckerToken(Optional.of(new SetupSecret(ADMIN_PASS)));
      assertThat(r.outcome()).isEqualTo(TokenOutcome.FAILED);
      assertThat(log.messages()).contains("Warning: Woodpecker not ready at " + wp.baseUrl()
          + " — skipping token generation");
    }
    assertThat(wp.journal()).filteredOn(q -> q.path().equals("/api/version")).hasSize(31);
    assertThat(time.sleeps()).hasSize(30).allMatch(d -> d.equals(Duration.ofSeconds(2)));
  }

  /** The OAuth app, and a Woodpecker that advertises compose-internal host names. */
  private void wireLogin() {
    ci().createWoodpeckerOAuth();
    wp.forgeLogin(new ForgeLogin(forge.baseUrl(), "http://forgejo:3000", "http://woodpecker:8000",
        env.get("WP_FORGEJO_CLIENT").orElseThrow(), env.get("WP_FORGEJO_SECRET").orElseThrow()));
  }

  @Test
  void theFullFlowSavesAWorkingPersonalToken() throws Exception {
    wireLogin();
    TokenResult r;
    try (CapturedLog log = CapturedLog.start()) {
      r = ci().generateWoodpeckerToken(Optional.of(new SetupSecret(ADMIN_PASS)));
      assertThat(log.messages()).contains("Config:  WOODPECKER_TOKEN generated and saved to .env");
      assertThat(log.text()).doesNotContain(env.get("WOODPECKER_TOKEN").orElseThrow())
          .doesNotContain(ADMIN_PASS);
    }
    assertThat(r.outcome()).isEqualTo(TokenOutcome.GENERATED_PERSONAL);
    String token = env.get("WOODPECKER_TOKEN").orElseThrow();
    assertThat(r.token()).map(SetupSecret::reveal).contains(token);
    assertThat(token).startsWith("wpat");
    // The consent form was answered with all its fields, and the rewritten hosts were used.
    RecordedRequest grant = forge.journal().stream()
        .filter(q -> q.path().equals("/login/oauth/grant")).findFirst().orElseThrow();
    assertThat(grant.body()).contains("client_id=", "state=", "scope=", "nonce=",
        "redirect_uri=", "granted=true");
    assertThat(forge.journal()).anyMatch(q -> q.path().equals("/login/oauth/authorize")
        && q.query().contains("redirect_uri=" + wp.baseUrl().replace(":", "%3A")
            .replace("/", "%2F")));
    WoodpeckerRequest tokenCall = wp.journal().stream()
        .filter(q -> q.path().equals("/api/user/token")).findFirst().orElseThrow();
    assertThat(tokenCall.status()).isEqualTo(200);
  }

  @Test
  void theSecondGrantGoesStraightToTheCode() throws Exception {
    wireLogin();
    ci().generateWoodpeckerToken(Optional.of(new SetupSecret(ADMIN_PASS)));
    Files.writeString(root.resolve(".env"), envText().replaceAll("(?m)^WOODPECKER_TOKEN=.*\n",
        ""));
    forge.clearJournal();

    TokenResult r = ci().generateWoodpeckerToken(Optional.of(new SetupSecret(ADMIN_PASS)));

    assertThat(r.outcome()).isEqualTo(TokenOutcome.GENERATED_PERSONAL);
    assertThat(forge.journal()).noneMatch(q -> q.path().equals("/login/oauth/grant"));
  }

  @Test
  void aWrongAdminPasswordIsReportedAsAFailedLogin() {
    wireLogin();
    try (CapturedLog log = CapturedLog.start()) {
      TokenResult r = ci().generateWoodpeckerToken(Optional.of(new SetupSecret("wrong-pass")));
      assertThat(r.outcome()).isEqualTo(TokenOutcome.FAILED);
      assertThat(r.failureReason()).contains("Forgejo login refused");
      assertThat(log.text()).contains("Forgejo login as disinto-admin failed");
    }
    assertThat(env.get("WOODPECKER_TOKEN")).isEmpty();
  }

  @Test
  void internalHostNamesAreRewrittenPlainAndEncoded() {
    String url = "http://forgejo:3000/login/oauth/authorize?client_id=cid&redirect_uri="
        + "http%3A%2F%2Fwoodpecker%3A8000%2Fauthorize&response_type=code&state=S1";
    assertThat(CiSetup.rewriteInternalHosts(url, "http://127.0.0.1:3000",
        "http://localhost:8000"))
        .isEqualTo("http://127.0.0.1:3000/login/oauth/authorize?client_id=cid&redirect_uri="
            + "http%3A%2F%2Flocalhost%3A8000%2Fauthorize&response_type=code&state=S1");
  }

  @Test
  void formFieldsAreFoundWhateverTheAttributeOrder() {
    String html = "<meta content=\"c0\" name=\"_csrf\"><input value='v1' type=\"hidden\""
        + " name=\"state\"><input name=\"_csrf\" value=\"c2\">";
    assertThat(CiSetup.formValue(html, "_csrf")).contains("c0");
    assertThat(CiSetup.formValue(html, "state")).contains("v1");
    assertThat(CiSetup.formValue(html, "client_id")).isEmpty();
  }

  @Test
  void aPlainTextTokenIsTakenAndJsonStillUnderstood() {
    assertThat(CiSetup.tokenFrom("PAT1\n")).contains("PAT1");
    assertThat(CiSetup.tokenFrom("{\"token\":\"T2\"}")).contains("T2");
    assertThat(CiSetup.tokenFrom("{\"access_token\":\"T3\"}")).contains("T3");
    assertThat(CiSetup.tokenFrom("")).isEmpty();
  }

  @Test
  void aLoginPageWithoutCsrfStopsBeforeTheLogin() {
    forge.faults().add(Fault.on("GET", "/user/login").withStatus(200).withBody("<html></html>"));
    TokenResult r = ci().generateWoodpeckerToken(Optional.of(new SetupSecret(ADMIN_PASS)));
    assertThat(r.outcome()).isEqualTo(TokenOutcome.FAILED);
    assertThat(r.failureReason()).contains("no Forgejo CSRF token");
    assertThat(forge.journal()).noneMatch(q -> q.method().equals("POST"));
  }

  // ---- activation ----

  @Test
  void anUnreachableWoodpeckerSkipsActivation() {
    wp.addFault(Fault.on("GET", "/api/version").withStatus(502));
    try (CapturedLog log = CapturedLog.start()) {
      ActivationResult r = ci().activateRepo("o/r", Optional.empty());
      assertThat(r.outcome()).isEqualTo(ActivationResult.Outcome.UNREACHABLE);
      assertThat(r.repoId()).isEmpty();
      assertThat(log.messages()).contains("Woodpecker: not reachable at " + wp.baseUrl()
          + " after stack start, skipping repo activation");
    }
    assertThat(wp.journal()).filteredOn(q -> q.path().equals("/api/version")).hasSize(11);
  }

  @Test
  void noTokenMeansManualActivation() {
    try (CapturedLog log = CapturedLog.start()) {
      ActivationResult r = ci().activateRepo("o/r", Optional.empty());
      assertThat(r.outcome()).isEqualTo(ActivationResult.Outcome.NO_TOKEN);
      assertThat(log.messages()).contains("Warning: WOODPECKER_TOKEN not set — cannot activate repo",
          "  Activate manually: woodpecker-cli repo add o/r");
    }
  }

  @Test
  void anActiveRepoIsLeftAlone() {
    wp.addUser("disinto-admin", "wptoken", true);
    long id = wp.addRepo("o/r");
    try (CapturedLog log = CapturedLog.start()) {
      ActivationResult r = ci().activateRepo("o/r", Optional.of(new SetupSecret("wptoken")));
      assertThat(r.repoId()).hasValue(id);
      assertThat(log.messages()).contains("Repo:    o/r already active in Woodpecker (id=" + id
          + ")");
    }
    assertThat(wp.journal()).noneMatch(q -> q.method().equals("POST"));
  }

  @Test
  void activationUsesTheForgeIdAndSetsTheTimeout() throws Exception {
    wp.addUser("disinto-admin", "wptoken", true);
    long forgeId = forgeRepoId();
    wp.addForgeRepo(forgeId, "o/r");
    env.put("WOODPECKER_TOKEN", "wptoken");
    ActivationResult r;
    try (CapturedLog log = CapturedLog.start()) {
      r = ci().activateRepo("o/r", Optional.empty());
      assertThat(log.messages()).contains("Repo:    o/r activated in Woodpecker (id="
          + r.repoId().getAsLong() + ")", "Config:  pipeline timeout set to 5 minutes");
    }
    assertThat(r.outcome()).isEqualTo(ActivationResult.Outcome.ACTIVATED);
    assertThat(wp.journal()).anyMatch(q -> q.method().equals("POST")
        && q.query().equals("forge_remote_id=" + forgeId));
    assertThat(wp.journal()).anyMatch(q -> q.method().equals("PATCH")
        && q.body().replace(" ", "").equals("{\"timeout\":5}"));
    // Run again: already active, nothing posted.
    wp.clearJournal();
    assertThat(ci().activateRepo("o/r", Optional.empty()).outcome())
        .isEqualTo(ActivationResult.Outcome.ALREADY_ACTIVE);
    assertThat(wp.journal()).noneMatch(q -> !q.method().equals("GET"));
  }

  @Test
  void aConflictOnActivationIsAlreadyActive() {
    wp.addUser("disinto-admin", "wptoken", true);
    long id = wp.addRepo("o/r");
    wp.addFault(Fault.on("GET", "/api/repos/lookup/**").withStatus(404).times(1));
    wp.addForgeRepo(forgeRepoId(), "o/r");
    ActivationResult r = ci().activateRepo("o/r", Optional.of(new SetupSecret("wptoken")));
    assertThat(r.outcome()).isEqualTo(ActivationResult.Outcome.ALREADY_ACTIVE);
    assertThat(r.repoId()).hasValue(id);
  }

  private long forgeRepoId() {
    try {
      java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create(
          forge.apiUrl() + "/repos/o/r").toURL().openConnection();
      c.setRequestProperty("Authorization", "token " + TOKEN);
      String body = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(body);
      m.find();
      return Long.parseLong(m.group(1));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
