package ai.disinto.forge.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import ai.disinto.testkit.http.OneAnswerServer;
import ai.disinto.testkit.time.FakeTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the reliability module's fault matrix found in the setup flows: each case failed before
 * its fix.
 */
@ExtendWith(MockForgejoExtension.class)
class SetupFaultsTest {
  private static final String JUNK = "{\"id\":\"seven\",\"name\":null,\"login\":false}";

  @TempDir
  Path tmp;

  private ForgeSetup forgeSetup(MockForgejo m, List<SetupAccount> accounts) {
    return ForgeSetup.builder().envFile(EnvFile.inFactory(tmp)).adminCli(
        new ForgeSetupMockCli(m.admin())).sleeper(new FakeTime()).accounts(accounts)
        .launcher((url, port) -> {
          throw new AssertionError("must not start a forge that answers");
        }).build();
  }

  @Test
  void theReachabilityProbeLeavesNoIdleConnectionBehind() throws Exception {
    try (OneAnswerServer server = OneAnswerServer.answering("{\"version\":\"11.0.0\"}")) {
      ForgeSetupAdminCli neverReady = new ForgeSetupAdminCli() {
        @Override
        public boolean listUsers() {
          return false;
        }

        @Override
        public SetupCliResult createUser(String user, SetupSecret password, String email,
            boolean admin) {
          throw new AssertionError("the database never gets ready");
        }

        @Override
        public SetupCliResult changePassword(String user, SetupSecret password) {
          throw new AssertionError("the database never gets ready");
        }
      };
      ForgeSetup setup = ForgeSetup.builder().envFile(EnvFile.inFactory(tmp)).adminCli(neverReady)
          .sleeper(new FakeTime()).launcher((url, port) -> {
            throw new AssertionError("the probe got its answer");
          }).build();
      assertThatThrownBy(() -> setup.run(server.baseUrl(), "o/r",
          false)).hasMessageContaining("database not ready");
      // One run per process is harmless, but a process that runs setup again and again (the fault
      // matrix does, 200 times) piled up idle connections until the server dropped others.
      assertThat(server.awaitClosedByClient(Duration.ofSeconds(3)))
          .as("the probe's connection is closed once it has its answer").isTrue();
    }
  }

  @Test
  void aProfileLookupAnsweredWithSomethingElseStopsSetupInsteadOfSkippingTheRepo(MockForgejo m) {
    m.faults().add(Fault.on("GET", "/repos/dev-bot/.profile").withStatus(200).withBody(JUNK)
        .onCalls(1, 1));
    ForgeSetup setup = forgeSetup(m, List.of(SetupAccount.AGENTS.get(0)));
    assertThatThrownBy(() -> setup.run(m.baseUrl(), "o/r", false))
        .isInstanceOf(ForgeSetupException.class)
        .hasMessageContaining("cannot tell whether dev-bot/.profile exists");
    m.faults().clear();
    ForgeSetupResult again = forgeSetup(m, List.of(SetupAccount.AGENTS.get(0)))
        .run(m.baseUrl(), "o/r", false);
    assertThat(again.complete()).as("%s", again.shortfalls()).isTrue();
    assertThat(m.admin().logins()).contains("dev-bot");
  }

  @Test
  void whatForgeSetupOnlyWarnedAboutIsInItsResult(MockForgejo m) {
    m.faults().add(Fault.on("POST", "/admin/users/dev-bot/repos").withStatus(422)
        .withBody("{\"message\":\"invalid\"}").onCalls(1, 1));
    m.faults().add(Fault.on("PUT", "/repos/o/r/collaborators/review-bot").withStatus(422)
        .withBody("{\"message\":\"invalid\"}").onCalls(1, 1));
    List<SetupAccount> two = List.of(SetupAccount.AGENTS.get(0), SetupAccount.AGENTS.get(1));
    ForgeSetupResult r = forgeSetup(m, two).run(m.baseUrl(), "o/r", false);
    assertThat(r.complete()).isFalse();
    assertThat(r.shortfalls()).containsExactly("dev-bot/.profile not created (HTTP 422)",
        "review-bot not added as read collaborator of o/r (HTTP 422)");
    assertThat(r.toString()).doesNotContain(r.adminPassword().reveal());
    m.faults().clear();
    assertThat(forgeSetup(m, two).run(m.baseUrl(), "o/r", false).complete()).isTrue();
  }

  @Test
  void aProfileCreateAnsweredWithConflictIsLookedUp(MockForgejo m) {
    m.faults().add(Fault.on("POST", "/admin/users/dev-bot/repos").withStatus(409)
        .withBody("{\"message\":\"conflict\"}").onCalls(1, 1));
    ForgeSetupResult r = forgeSetup(m, List.of(SetupAccount.AGENTS.get(0)))
        .run(m.baseUrl(), "o/r", false);
    assertThat(r.shortfalls()).containsExactly("dev-bot/.profile not created (HTTP 409)");
  }

  // ---- ops setup

  private OpsSetup ops(MockForgejo m, SetupWorld w) {
    return new OpsSetup(w.admin(), new OpsSetup.Settings(m.baseUrl(), "main", Optional.empty(),
        w.adminGit()));
  }

  private static final String OPS = "disinto-admin/p-ops";

  @Test
  void aSeedWhosePushFailedIsPushedByTheNextRun(MockForgejo m) {
    SetupWorld w = new SetupWorld(m, tmp.resolve("home"));
    m.faults().add(Fault.on("POST", "/" + OPS + ".git/git-receive-pack").withStatus(500)
        .onCalls(1, 1));
    OpsSetupResult first = ops(m, w).setup(OPS, tmp.resolve("ops"));
    assertThat(first.committed()).isTrue();
    assertThat(first.pushed()).isFalse();
    m.faults().clear();
    OpsSetupResult again = ops(m, w).setup(OPS, tmp.resolve("ops"));
    assertThat(again.pushed()).as("the re-run pushes what the first run committed").isTrue();
    assertThat(m.filesAt(OPS, m.branchHead(OPS, "main").orElseThrow()))
        .containsKeys("README.md", "vault/pending/.gitkeep", "portfolio.md");
    m.clearJournal();
    OpsSetupResult third = ops(m, w).setup(OPS, tmp.resolve("ops"));
    assertThat(third.pushed()).isFalse();
    assertThat(w.writes()).isEmpty();
  }

  @Test
  void aCheckoutThatCouldNotReachTheForgesBranchStopsAndTheNextRunStartsFromIt(MockForgejo m) {
    SetupWorld w = new SetupWorld(m, tmp.resolve("home"));
    // The clone, the fetch and the look at the remote all meet a 500.
    m.faults().add(Fault.on("GET", "/" + OPS + ".git/info/refs").withStatus(500).onCalls(1, 3));
    assertThatThrownBy(() -> ops(m, w).setup(OPS, tmp.resolve("ops")))
        .isInstanceOf(OpsSetupException.class).hasMessageContaining("cannot fetch main of " + OPS);
    m.faults().clear();
    OpsSetupResult again = ops(m, w).setup(OPS, tmp.resolve("ops"));
    assertThat(again.pushed()).isTrue();
    assertThat(m.filesAt(OPS, m.branchHead(OPS, "main").orElseThrow()))
        .containsKeys("README.md", "vault/pending/.gitkeep", "portfolio.md");
  }

  // ---- hire

  private HireAgent hire(MockForgejo m, SetupWorld w, Path factory) throws Exception {
    Files.createDirectories(factory.resolve("formulas"));
    Files.writeString(factory.resolve("formulas/dev.toml"), "[formula]\n");
    return new HireAgent(w.admin(), w.protection(), new HireAgent.Settings(factory, m.baseUrl(),
        "p", Optional.of("o/p"), w.adminGit(), new SecureRandom(), Optional.empty(), u -> false));
  }

  @Test
  void aPermissionLookupWithoutAnAnswerIsNoNullPointer(MockForgejo m) throws Exception {
    SetupWorld w = new SetupWorld(m, tmp.resolve("home"));
    m.seed().repo("o/p");
    m.faults().add(Fault.on("GET", "/repos/o/p/collaborators/dev-qwen2/permission")
        .withStatus(200).withBody(JUNK).onCalls(1, 1));
    HireResult r = hire(m, w, tmp.resolve("factory")).hire(HireRequest.of("dev-qwen2", "dev"));
    assertThat(r.shortfalls()).isEmpty();
    assertThat(w.writes()).contains("PUT /repos/o/p/collaborators/dev-qwen2 -> 204");
  }

  @Test
  void whatHireOnlyWarnedAboutIsInItsResult(MockForgejo m) throws Exception {
    SetupWorld w = new SetupWorld(m, tmp.resolve("home"));
    m.seed().repo("o/p");
    m.faults().add(Fault.on("PUT", "/repos/o/p/collaborators/dev-qwen2").withStatus(422)
        .withBody("{\"message\":\"invalid\"}").onCalls(1, 1));
    Path factory = tmp.resolve("factory");
    HireResult r = hire(m, w, factory).hire(HireRequest.of("dev-qwen2", "dev"));
    assertThat(r.shortfalls()).containsExactly("dev-qwen2 not added as writer on o/p (HTTP 422)");
    m.faults().clear();
    assertThat(hire(m, w, factory).hire(HireRequest.of("dev-qwen2", "dev")).shortfalls())
        .isEmpty();
  }

  @Test
  void aUserLookupAnsweredWithSomethingElseStopsTheHire(MockForgejo m) throws Exception {
    SetupWorld w = new SetupWorld(m, tmp.resolve("home"));
    m.seed().repo("o/p");
    m.faults().add(Fault.on("GET", "/users/dev-qwen2").withStatus(200).withBody(JUNK)
        .onCalls(1, 1));
    Path factory = tmp.resolve("factory");
    assertThatThrownBy(() -> hire(m, w, factory).hire(HireRequest.of("dev-qwen2", "dev")))
        .isInstanceOf(HireAgentException.class)
        .hasMessageContaining("cannot tell whether user 'dev-qwen2' exists");
    m.faults().clear();
    assertThat(hire(m, w, factory).hire(HireRequest.of("dev-qwen2", "dev")).userCreated())
        .isTrue();
  }
}
