package ai.disinto.forge.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.log.CapturedLog;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.RecordedRequest;
import ai.disinto.testkit.time.FakeTime;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForgeSetupTest {
  static final String SLUG = "smoke-org/smoke-repo";
  static final List<String> ALL_USERS = List.of("dev-bot", "review-bot", "planner-bot",
      "gardener-bot", "vault-bot", "supervisor-bot", "predictor-bot", "architect-bot", "dev-qwen",
      "dev-qwen-nightly");

  @TempDir Path root;
  MockForgejo forge;
  ForgeSetupMockCli cli;
  FakeTime time;
  EnvFile env;

  @BeforeEach
  void start() {
    forge = MockForgejo.start();
    cli = new ForgeSetupMockCli(forge.admin());
    time = new FakeTime();
    env = EnvFile.inFactory(root);
  }

  @AfterEach
  void stop() {
    forge.close();
  }

  ForgeSetup setup() {
    return ForgeSetup.builder().envFile(env).adminCli(cli).sleeper(time)
        .launcher((url, port) -> {
          throw new AssertionError("must not start a forge that answers");
        }).build();
  }

  ForgeSetupResult run(boolean rotate) {
    return setup().run(forge.baseUrl(), SLUG, rotate);
  }

  String envText() throws Exception {
    return Files.readString(root.resolve(".env"), StandardCharsets.UTF_8);
  }

  long count(String prefix) throws Exception {
    return envText().lines().filter(l -> l.startsWith(prefix + "=")).count();
  }

  int get(String path, String user, String password) throws Exception {
    HttpURLConnection c = (HttpURLConnection) URI.create(forge.apiUrl() + path).toURL()
        .openConnection();
    c.setRequestProperty("Authorization", "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    try {
      return c.getResponseCode();
    } finally {
      c.disconnect();
    }
  }

  int getWithToken(String path, String token) throws Exception {
    HttpURLConnection c = (HttpURLConnection) URI.create(forge.apiUrl() + path).toURL()
        .openConnection();
    c.setRequestProperty("Authorization", "token " + token);
    try {
      return c.getResponseCode();
    } finally {
      c.disconnect();
    }
  }

  List<RecordedRequest> writes() {
    return forge.journal().stream().filter(r -> !r.method().equals("GET")).toList();
  }

  @Test
  void freshForgeGetsAdminAgentsProfilesOrgRepoAndCollaborators() throws Exception {
    ForgeSetupResult result = run(false);

    assertThat(cli.calls).containsExactly("list", "create disinto-admin --admin",
        "change-password disinto-admin");
    List<String> keys = new ArrayList<>(List.of("FORGE_ADMIN_PASS", "FORGE_ADMIN_TOKEN",
        "HUMAN_TOKEN", "FORGE_URL"));
    for (SetupAccount a : SetupAccount.AGENTS) {
      keys.add(a.tokenVar());
      keys.add(a.passVar());
    }
    for (SetupAccount a : SetupAccount.LOCAL_MODELS) {
      keys.add(a.tokenVar());
      keys.add(a.passVar());
    }
    assertThat(keys).hasSize(24);
    for (String k : keys) {
      assertThat(count(k)).as(k).isEqualTo(1);
    }
    assertThat(envText().lines().count()).isEqualTo(24);
    assertThat(forge.admin().logins()).containsExactlyInAnyOrderElementsOf(
        concat(List.of("disinto-admin"), ALL_USERS));
    for (String u : ALL_USERS) {
      assertThat(forge.admin().mustChangePassword(u)).isFalse();
      String pass = env.get(SetupAccount.AGENTS.stream().filter(a -> a.user().equals(u))
          .findFirst().orElseGet(() -> SetupAccount.LOCAL_MODELS.stream()
              .filter(a -> a.user().equals(u)).findFirst().orElseThrow()).passVar()).orElseThrow();
      assertThat(get("/user", u, pass)).as(u).isEqualTo(200);
      assertThat(get("/repos/" + u + "/.profile", u, pass)).as(u + "/.profile").isEqualTo(200);
      assertThat(get("/repos/" + u + "/.profile", "nobody", "x")).isEqualTo(401);
    }
    String adminPass = env.get("FORGE_ADMIN_PASS").orElseThrow();
    assertThat(adminPass).matches("admin-[A-Za-z0-9]{20}");
    assertThat(env.get("FORGE_PASS").orElseThrow()).matches("bot-[A-Za-z0-9]{20}");
    assertThat(env.get("FORGE_PASS_LLAMA").orElseThrow()).matches("llama-[A-Za-z0-9]{20}");
    assertThat(get("/user", "disinto-admin", adminPass)).isEqualTo(200);
    assertThat(get("/orgs/smoke-org", "disinto-admin", adminPass)).isEqualTo(200);
    assertThat(get("/repos/smoke-org/smoke-repo", "disinto-admin", adminPass)).isEqualTo(200);
    for (String u : concat(List.of("disinto-admin"), ALL_USERS)) {
      assertThat(get("/repos/smoke-org/smoke-repo/collaborators/" + u, "disinto-admin", adminPass))
          .as(u).isEqualTo(204);
    }
    assertThat(env.get("FORGE_URL")).contains(forge.baseUrl());
    assertThat(result.repoCreated()).isTrue();
    assertThat(result.devToken().reveal()).isEqualTo(env.get("FORGE_TOKEN").orElseThrow());
    assertThat(result.adminPassword().reveal()).isEqualTo(adminPass);
  }

  @Test
  void humanTokenIsMadeWithTheAdminPasswordAndStored() throws Exception {
    ForgeSetupResult result = run(false);
    String human = env.get("HUMAN_TOKEN").orElseThrow();
    assertThat(result.humanToken()).map(SetupSecret::reveal).contains(human);
    assertThat(getWithToken("/user", human)).isEqualTo(200);
    assertThat(forge.journal()).anyMatch(r -> r.method().equals("POST")
        && r.apiPath().equals("/users/disinto-admin/tokens")
        && r.body().contains("disinto-human-token") && r.status() == 201);
    assertThat(getWithToken("/user", env.get("FORGE_ADMIN_TOKEN").orElseThrow())).isEqualTo(200);
  }

  @Test
  void secondRunSendsOnlyReadsAndLeavesEnvByteIdentical() throws Exception {
    run(false);
    byte[] before = Files.readAllBytes(root.resolve(".env"));
    forge.clearJournal();
    cli.calls.clear();

    ForgeSetupResult second = run(false);

    assertThat(writes()).isEmpty();
    assertThat(forge.journal()).isNotEmpty().allMatch(r -> r.method().equals("GET"));
    assertThat(Files.readAllBytes(root.resolve(".env"))).isEqualTo(before);
    assertThat(cli.calls).containsExactly("list");
    assertThat(second.bots()).allMatch(b -> !b.tokenCreated() && !b.passwordSet());
    assertThat(second.repoCreated()).isFalse();
  }

  @Test
  void rotationReplacesEveryAgentTokenAndPasswordOncePerVariable() throws Exception {
    run(false);
    String oldToken = env.get("FORGE_REVIEW_TOKEN").orElseThrow();
    String oldPass = env.get("FORGE_REVIEW_PASS").orElseThrow();
    forge.clearJournal();

    run(true);

    assertThat(env.get("FORGE_REVIEW_TOKEN").orElseThrow()).isNotEqualTo(oldToken);
    assertThat(env.get("FORGE_REVIEW_PASS").orElseThrow()).isNotEqualTo(oldPass);
    assertThat(getWithToken("/user", oldToken)).isEqualTo(401);
    for (SetupAccount a : SetupAccount.AGENTS) {
      assertThat(count(a.tokenVar())).isEqualTo(1);
      assertThat(count(a.passVar())).isEqualTo(1);
      assertThat(forge.journal()).filteredOn(r -> r.method().equals("POST")
          && r.apiPath().equals("/users/" + a.user() + "/tokens")).hasSize(1);
      assertThat(forge.journal()).filteredOn(r -> r.method().equals("PATCH")
          && r.apiPath().equals("/admin/users/" + a.user())).hasSize(1);
    }
  }

  @Test
  void rotationDeletesOnlyTheSetupTokenOfAUser() throws Exception {
    run(false);
    String other = forge.seed().token("dev-bot", "hand-made", "f".repeat(40));

    run(true);

    assertThat(getWithToken("/user", other)).isEqualTo(200);
    assertThat(forge.journal()).filteredOn(r -> r.method().equals("DELETE")
        && r.apiPath().startsWith("/users/dev-bot/tokens/")).hasSize(1);
  }

  @Test
  void aStoredTokenWithoutItsPasswordResetsOnlyThatBot() throws Exception {
    run(false);
    String devToken = env.get("FORGE_TOKEN").orElseThrow();
    String reviewToken = env.get("FORGE_REVIEW_TOKEN").orElseThrow();
    String text = envText().lines().filter(l -> !l.startsWith("FORGE_REVIEW_PASS="))
        .collect(Collectors.joining("\n", "", "\n"));
    Files.writeString(root.resolve(".env"), text);
    forge.clearJournal();

    run(false);

    assertThat(writes()).extracting(RecordedRequest::method, RecordedRequest::apiPath)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("PATCH", "/admin/users/review-bot"));
    assertThat(env.get("FORGE_REVIEW_PASS")).isPresent();
    // The token still works, so it is kept.
    assertThat(env.get("FORGE_REVIEW_TOKEN")).contains(reviewToken);
    assertThat(env.get("FORGE_TOKEN")).contains(devToken);
  }

  @Test
  void unreachableForgeWithoutDockerFailsWithoutCliCalls() {
    ForgeSetup s = ForgeSetup.builder().envFile(env).adminCli(cli).sleeper(time)
        .launcher(ForgeSetupDocker.bare(root, root.resolve("data"), "/nonexistent/docker",
            Map.of()))
        .build();
    String closed = "http://127.0.0.1:" + closedPort();
    assertThatThrownBy(() -> s.run(closed, SLUG, false))
        .isInstanceOf(ForgeSetupException.class)
        .hasMessage("docker not found — needed to provision Forgejo");
    assertThat(cli.calls).isEmpty();
  }

  @Test
  void forgeThatNeverAnswersAfterStartFailsAfterSixtySeconds() {
    List<Integer> ports = new ArrayList<>();
    ForgeSetup s = ForgeSetup.builder().envFile(env).adminCli(cli).sleeper(time)
        .launcher((url, port) -> ports.add(port)).build();
    int port = closedPort();
    assertThatThrownBy(() -> s.run("http://127.0.0.1:" + port, SLUG, false))
        .hasMessage("Forgejo did not become ready within 60s");
    assertThat(ports).containsExactly(port);
    assertThat(time.sleeps()).hasSize(60).allMatch(d -> d.equals(Duration.ofSeconds(1)));
  }

  @Test
  void databaseThatNeverGetsReadyFailsAfterThirtyProbes() {
    forge.admin().becomeReadyAfter(1000);
    assertThatThrownBy(() -> run(false)).isInstanceOf(ForgeSetupException.class)
        .hasMessage("Forgejo database not ready after 30s");
    assertThat(cli.calls).hasSize(30).containsOnly("list");
    assertThat(time.sleeps()).hasSize(30).allMatch(d -> d.equals(Duration.ofSeconds(1)));
  }

  @Test
  void aFailingAdminCreateStopsWithItsOutput() {
    cli.createOverride = u -> new SetupCliResult(1, "Command error: user already exists");
    assertThatThrownBy(() -> run(false)).isInstanceOf(ForgeSetupException.class)
        .hasMessageContaining("failed to create admin user 'disinto-admin'")
        .hasMessageContaining("user already exists");
  }

  @Test
  void aRefusedTokenStopsSetupAfterTheEarlierBotsAreSaved() throws Exception {
    forge.faults().add(Fault.on("POST", "/users/planner-bot/tokens").withStatus(401));
    assertThatThrownBy(() -> run(false)).isInstanceOf(ForgeSetupException.class)
        .hasMessage("failed to create API token for 'planner-bot'");
    for (String k : List.of("FORGE_TOKEN", "FORGE_PASS", "FORGE_REVIEW_TOKEN",
        "FORGE_REVIEW_PASS")) {
      assertThat(env.has(k)).as(k).isTrue();
    }
    assertThat(env.has("FORGE_PLANNER_TOKEN")).isFalse();
  }

  @Test
  void aWrongStoredAdminPasswordIsSetThroughTheCliAndKept() throws Exception {
    forge.seed().user("disinto-admin", u -> u.password("something-else").admin(true));
    env.put("FORGE_ADMIN_PASS", "admin-storedStoredStored1");

    run(false);

    assertThat(cli.calls).containsExactly("list", "change-password disinto-admin");
    assertThat(get("/user", "disinto-admin", "admin-storedStoredStored1")).isEqualTo(200);
    assertThat(env.get("FORGE_ADMIN_PASS")).contains("admin-storedStoredStored1");
  }

  @Test
  void aResetAdminPasswordIsStoredWhenNoneWasStored() throws Exception {
    forge.seed().user("disinto-admin", u -> u.password("something-else").admin(true));

    run(false);

    String stored = env.get("FORGE_ADMIN_PASS").orElseThrow();
    assertThat(stored).startsWith("admin-");
    assertThat(get("/user", "disinto-admin", stored)).isEqualTo(200);
  }

  @Test
  void anExistingProjectRepoIsNotCreatedAgain() {
    forge.seed().user("smoke-org", u -> u.password("orgpassword1")).repo(SLUG);
    forge.clearJournal();

    ForgeSetupResult r = run(false);

    assertThat(r.repoCreated()).isFalse();
    assertThat(forge.journal()).noneMatch(q -> q.method().equals("POST")
        && (q.apiPath().equals("/orgs") || q.apiPath().endsWith("/smoke-org/repos")));
  }

  @Test
  void aUserOwnedSlugFallsBackToTheAdminEndpoint() throws Exception {
    forge.seed().user("alice", "alice-password");

    setup().run(forge.baseUrl(), "alice/proj", false);

    List<String> tried = forge.journal().stream().filter(q -> q.method().equals("POST")
            && (q.apiPath().equals("/orgs") || q.apiPath().endsWith("/alice/repos")))
        .map(q -> q.apiPath() + " " + q.status()).toList();
    assertThat(tried).containsExactly("/orgs 422", "/orgs/alice/repos 404",
        "/admin/users/alice/repos 201");
    assertThat(get("/repos/alice/proj", "alice", "alice-password")).isEqualTo(200);
  }

  @Test
  void onlyMissingProfileReposAreCreated() {
    forge.seed().user("dev-bot", u -> u.password("bot-devdevdevdevdevdevde"))
        .repo("dev-bot/.profile", r -> r.privateRepo(true));
    forge.clearJournal();

    run(false);

    List<String> created = forge.journal().stream().filter(q -> q.method().equals("POST")
            && q.apiPath().matches("/admin/users/[^/]+/repos"))
        .map(RecordedRequest::apiPath).toList();
    assertThat(created).hasSize(9).doesNotContain("/admin/users/dev-bot/repos");
  }

  @Test
  void aTokenTheForgeNoLongerKnowsIsRegenerated() throws Exception {
    run(false);
    String pass = env.get("FORGE_PASS").orElseThrow();
    env.put("FORGE_TOKEN", "0123456789abcdef0123456789abcdef01234567");
    forge.clearJournal();

    run(false);

    String token = env.get("FORGE_TOKEN").orElseThrow();
    assertThat(token).isNotEqualTo("0123456789abcdef0123456789abcdef01234567");
    assertThat(getWithToken("/user", token)).isEqualTo(200);
    assertThat(env.get("FORGE_PASS")).contains(pass);
    // The old token of that name is still on the forge: it goes, a new one comes.
    assertThat(writes()).extracting(r -> r.method() + " " + r.apiPath().replaceAll("[0-9]+$", "N"))
        .containsExactly("DELETE /users/dev-bot/tokens/N", "POST /users/dev-bot/tokens");
  }

  @Test
  void aWipedForgeIsRebuiltWithTheStoredPasswords() throws Exception {
    run(false);
    String adminPass = env.get("FORGE_ADMIN_PASS").orElseThrow();
    String devPass = env.get("FORGE_PASS").orElseThrow();
    forge.reset();

    run(false);

    assertThat(env.get("FORGE_ADMIN_PASS")).contains(adminPass);
    assertThat(env.get("FORGE_PASS")).contains(devPass);
    assertThat(get("/user", "dev-bot", devPass)).isEqualTo(200);
    assertThat(getWithToken("/user", env.get("FORGE_TOKEN").orElseThrow())).isEqualTo(200);
  }

  @Test
  void collaboratorsAreReconciledOnEveryRun() throws Exception {
    run(false);
    String adminPass = env.get("FORGE_ADMIN_PASS").orElseThrow();
    HttpURLConnection c = (HttpURLConnection) URI.create(forge.apiUrl()
        + "/repos/smoke-org/smoke-repo/collaborators/dev-qwen").toURL().openConnection();
    c.setRequestMethod("DELETE");
    c.setRequestProperty("Authorization", "Basic " + Base64.getEncoder()
        .encodeToString(("disinto-admin:" + adminPass).getBytes(StandardCharsets.UTF_8)));
    assertThat(c.getResponseCode()).isEqualTo(204);
    forge.clearJournal();

    run(false);

    assertThat(writes()).extracting(RecordedRequest::method, RecordedRequest::apiPath)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("PUT",
            "/repos/smoke-org/smoke-repo/collaborators/dev-qwen"));
  }

  @Test
  void anExistenceCheckThatFailsStopsSetupInsteadOfCreating() {
    run(false);
    forge.faults().add(Fault.on("GET", "/users/review-bot").withStatus(500));
    forge.clearJournal();

    assertThatThrownBy(() -> run(false)).isInstanceOf(ForgeSetupException.class)
        .hasMessageStartingWith("cannot tell whether user 'review-bot' exists: HTTP 500")
        .satisfies(e -> assertThat(((ForgeSetupException) e).status()).hasValue(500));
    assertThat(writes()).isEmpty();
  }

  @Test
  void noSecretReachesTheLogOrTheResultText() throws Exception {
    ForgeSetupResult result;
    try (CapturedLog log = CapturedLog.start()) {
      result = run(false);
      run(true);
      String text = log.text();
      assertThat(text).contains("Creating admin user: disinto-admin")
          .contains("dev-bot token generated and saved (FORGE_TOKEN)")
          .contains("Forge:   " + forge.baseUrl() + " (ready)");
      for (String line : envText().lines().toList()) {
        String value = line.substring(line.indexOf('=') + 1);
        if (!line.startsWith("FORGE_URL=")) {
          assertThat(text).doesNotContain(value);
        }
      }
    }
    String shown = result.toString();
    for (SetupBot b : result.bots()) {
      assertThat(shown).doesNotContain(b.token().reveal()).doesNotContain(b.password().reveal());
    }
    assertThat(shown).doesNotContain(result.adminPassword().reveal());
  }

  @Test
  void portIsTheExplicitOneElseThreeThousand() {
    assertThat(ForgeSetup.port("https://forge.example")).isEqualTo(3000);
    assertThat(ForgeSetup.port("https://forge.example/")).isEqualTo(3000);
    assertThat(ForgeSetup.port("http://localhost:3001")).isEqualTo(3001);
    assertThat(ForgeSetup.port("http://localhost:3001/")).isEqualTo(3001);
  }

  @Test
  void malformedInputsAreRefusedUpFront() {
    assertThatThrownBy(() -> setup().run("ftp://x", SLUG, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> setup().run(forge.baseUrl(), "noslash", false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(forge.journal()).isEmpty();
  }

  static int closedPort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
