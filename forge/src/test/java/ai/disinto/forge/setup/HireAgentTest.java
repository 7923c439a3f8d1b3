package ai.disinto.forge.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.core.config.LocalModelAgentConfig;
import ai.disinto.core.config.ProjectConfig;
import ai.disinto.core.config.ProjectConfigLoader;
import ai.disinto.forge.setup.ProtectionResult.Outcome;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import ai.disinto.testkit.forgejo.RecordedRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(MockForgejoExtension.class)
class HireAgentTest {
  private static final String FORMULA = "[formula]\nname = \"dev\"\nsteps = 3\n";
  private static final String TOML = "name = \"proj\"\nrepo = \"o/p\"\n"
      + "forge_url = \"http://localhost:3000\"\n\n"
      + "# Local-model agents (optional)\n# [agents.example]\n# base_url = \"http://x\"\n\n"
      + "# [mirrors]\n# github = \"git@github.com:o/p.git\"\n";

  @TempDir
  Path tmp;

  private SetupWorld world;
  private Path factory;

  private HireAgent hire(MockForgejo m) {
    return hire(m, "tok-admin");
  }

  private HireAgent hire(MockForgejo m, String adminToken) {
    if (world == null) {
      world = new SetupWorld(m, tmp.resolve("home"));
      factory = tmp.resolve("factory");
      m.seed().repo("o/p");
      write("formulas/dev.toml", FORMULA);
    }
    return new HireAgent(world.client(adminToken), world.protection(),
        new HireAgent.Settings(factory, m.baseUrl(), "proj", Optional.of("o/p"), world.adminGit(),
            new SecureRandom(), Optional.empty(), u -> u.getPath().equals("/health")));
  }

  private void write(String rel, String text) {
    try {
      Path p = factory.resolve(rel);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String read(String rel) throws Exception {
    return Files.readString(factory.resolve(rel), StandardCharsets.UTF_8);
  }

  private static HireRequest local(String name, int poll) {
    return new HireRequest(name, "dev", Optional.empty(), Optional.of(URI.create("http://llm:8080")),
        Optional.of("qwen"), OptionalInt.of(poll));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(RecordedRequest r) {
    return (Map<String, Object>) r.jsonBody();
  }

  @Test
  void argumentsNeedNameAndRoleAndKnownFlagsWithValues() {
    assertThatThrownBy(() -> HireAgent.parseArgs(List.of("bob")))
        .isInstanceOf(HireUsageException.class).hasMessage("agent-name and role required");
    assertThatThrownBy(() -> HireAgent.parseArgs(List.of("bob", "dev", "--foo", "x")))
        .isInstanceOf(HireUsageException.class).hasMessage("Unknown option: --foo");
    assertThatThrownBy(() -> HireAgent.parseArgs(List.of("bob", "dev", "--model")))
        .isInstanceOf(HireUsageException.class);
    assertThatThrownBy(() -> HireAgent.parseArgs(List.of("bob", "dev", "--poll-interval", "0")))
        .isInstanceOf(HireUsageException.class);
    assertThatThrownBy(() -> HireAgent.parseArgs(List.of("bob", "Dev_X")))
        .isInstanceOf(HireUsageException.class);
    HireRequest r = HireAgent.parseArgs(List.of("bob", "dev", "--local-model", "http://llm:8080",
        "--model", "qwen", "--poll-interval", "30", "--formula", "f.toml"));
    assertThat(r.localModel()).contains(URI.create("http://llm:8080"));
    assertThat(r.pollInterval()).hasValue(30);
    assertThat(r.formula()).contains(Path.of("f.toml"));
  }

  @Test
  void formulaFallsBackToTheRunVariantAndIsRequired(MockForgejo m) throws Exception {
    HireAgent h = hire(m);
    Files.delete(factory.resolve("formulas/dev.toml"));
    assertThatThrownBy(() -> h.hire(HireRequest.of("dev-qwen2", "dev")))
        .isInstanceOf(HireAgentException.class)
        .hasMessageContaining("formula not found at " + factory.resolve("formulas/run-dev.toml"));
    write("formulas/run-dev.toml", FORMULA);
    assertThat(h.hire(HireRequest.of("dev-qwen2", "dev")).agentName()).isEqualTo("dev-qwen2");
  }

  @Test
  void refusedAdminStopsBeforeAnyUserRequest(MockForgejo m) {
    HireAgent h = hire(m, "tok-dev-bot");
    assertThatThrownBy(() -> h.hire(HireRequest.of("dev-qwen2", "dev")))
        .isInstanceOf(HireAgentException.class).hasMessageContaining("admin");
    assertThat(world.requests()).containsExactly("GET /user");
  }

  @Test
  void newAgentGetsUserTokenAndStoredPassword(MockForgejo m) throws Exception {
    HireResult r = hire(m).hire(HireRequest.of("dev-qwen2", "dev"));
    assertThat(r.userCreated()).isTrue();
    assertThat(r.tokenCreated()).isTrue();
    RecordedRequest create = m.journal().stream()
        .filter(q -> q.method().equals("POST") && q.apiPath().equals("/admin/users"))
        .findFirst().orElseThrow();
    assertThat(body(create)).containsEntry("email", "dev-qwen2@proj.local")
        .containsEntry("must_change_password", false);
    RecordedRequest token = m.journal().stream()
        .filter(q -> q.method().equals("POST") && q.apiPath().endsWith("/tokens"))
        .findFirst().orElseThrow();
    assertThat(token.principal()).isEqualTo("dev-qwen2");
    assertThat(token.authKind()).isEqualTo(RecordedRequest.AuthKind.BASIC);
    assertThat(body(token)).containsEntry("name", "disinto-dev-qwen2-token");
    String env = read(".env");
    assertThat(env).contains("FORGE_DEV_TOKEN=" + r.token().orElseThrow())
        .containsPattern("FORGE_DEV_PASS=agent-[A-Za-z0-9]{20}\n");
    assertThat(r.toString()).doesNotContain(r.token().get());
    assertThat(world.client(r.token().get()).sendRoot("GET", "/user", null).body())
        .contains("\"login\":\"dev-qwen2\"");
    assertThat(world.log.text()).doesNotContain(r.token().get())
        .doesNotContain(SetupWorld.ADMIN_PASS);
    assertThat(world.writes()).noneMatch(w -> w.contains("/users/disinto-admin/tokens"));
  }

  @Test
  void conflictOnProfileCreationMeansItExists(MockForgejo m) {
    HireAgent h = hire(m);
    m.seed().user("dev-qwen2", "old-password-1");
    m.seed().repo("dev-qwen2/.profile", r -> r.privateRepo(true).autoInit(false));
    m.faults().add(Fault.on("GET", "/repos/dev-qwen2/.profile").withStatus(404).times(1));
    HireResult r = h.hire(HireRequest.of("dev-qwen2", "dev"));
    assertThat(r.profileCreated()).isFalse();
    assertThat(world.writes()).contains("POST /admin/users/dev-qwen2/repos -> 409");
  }

  @Test
  void aDashedRoleGivesAnUnderscoredVariableAndAWarningWhenNothingReadsIt(MockForgejo m)
      throws Exception {
    HireAgent h = hire(m);
    write("formulas/review-x.toml", FORMULA);
    HireResult r = h.hire(HireRequest.of("rev-x", "review-x"));
    assertThat(r.tokenVar()).isEqualTo("FORGE_REVIEW_X_TOKEN");
    assertThat(read(".env")).contains("FORGE_REVIEW_X_TOKEN=", "FORGE_REVIEW_X_PASS=");
    assertThat(world.log.messages()).contains(
        "  Warning: FORGE_REVIEW_X_TOKEN is not a token variable the factory reads");
  }

  @Test
  void existingAgentWithoutAWorkingTokenGetsANewPasswordAndItsTokenReplaced(MockForgejo m)
      throws Exception {
    HireAgent h = hire(m);
    m.seed().user("dev-qwen2", "old-password-1");
    m.seed().token("dev-qwen2", "disinto-dev-qwen2-token", "tok-old");
    write(".env", "FORGE_URL=http://x\nFORGE_DEV_TOKEN=stale\nOTHER=1\n");
    HireResult r = h.hire(HireRequest.of("dev-qwen2", "dev"));
    assertThat(r.userCreated()).isFalse();
    RecordedRequest patch = m.journal().stream().filter(q -> q.method().equals("PATCH"))
        .findFirst().orElseThrow();
    assertThat(patch.apiPath()).isEqualTo("/admin/users/dev-qwen2");
    assertThat((String) ((Map<?, ?>) patch.jsonBody()).get("password")).hasSize(26)
        .startsWith("agent-");
    assertThat(world.writes()).contains("DELETE /users/dev-qwen2/tokens/"
        + m.journal().stream().filter(q -> q.method().equals("DELETE")).findFirst().orElseThrow()
            .apiPath().replaceAll(".*/", "") + " -> 204");
    assertThat(world.client("tok-old").sendRoot("GET", "/user", null).status()).isEqualTo(401);
    String env = read(".env");
    assertThat(env.lines().filter(l -> l.startsWith("FORGE_DEV_TOKEN="))).hasSize(1);
    assertThat(env).startsWith("FORGE_URL=http://x\nFORGE_DEV_TOKEN=" + r.token().orElseThrow()
        + "\nOTHER=1\n");
  }

  @Test
  void privateProfileIsFoundWithAdminAuthAndNotPostedAgain(MockForgejo m) {
    HireAgent h = hire(m);
    m.seed().user("dev-qwen2", "old-password-1");
    m.seed().repo("dev-qwen2/.profile", r -> r.privateRepo(true));
    HireResult r = h.hire(HireRequest.of("dev-qwen2", "dev"));
    assertThat(r.profileCreated()).isFalse();
    assertThat(world.writes()).noneMatch(w -> w.contains("/admin/users/dev-qwen2/repos"));
  }

  @Test
  void freshProfileIsPopulatedByTheAdminAndProtectedWithAJournalBranch(MockForgejo m)
      throws Exception {
    HireResult r = hire(m).hire(HireRequest.of("dev-qwen2", "dev"));
    assertThat(r.profileCreated()).isTrue();
    assertThat(r.profileCommitted()).isTrue();
    assertThat(r.protection().outcome()).isEqualTo(Outcome.CREATED);
    String head = m.branchHead("dev-qwen2/.profile", "main").orElseThrow();
    Map<String, byte[]> files = m.filesAt("dev-qwen2/.profile", head);
    assertThat(files).containsOnlyKeys("formula.toml", "journal/.gitkeep", "knowledge/.gitkeep",
        "README.md");
    assertThat(new String(files.get("formula.toml"), StandardCharsets.UTF_8)).isEqualTo(FORMULA);
    Git git = new Git(world.git());
    Path bare = m.bareRepository("dev-qwen2", ".profile");
    assertThat(git.output(bare, "log", "--format=%s|%an <%ae>", "main").orElseThrow())
        .isEqualTo("chore: initial .profile setup|disinto-admin <disinto-admin@localhost>");
    assertThat(m.branchHead("dev-qwen2/.profile", "journal")).contains(head);
    RecordedRequest push = m.journal().stream()
        .filter(q -> q.path().endsWith("/git-receive-pack")).findFirst().orElseThrow();
    assertThat(push.principal()).isEqualTo("disinto-admin");
    assertThat(world.writes()).contains("PUT /repos/o/p/collaborators/dev-qwen2 -> 204");
  }

  @Test
  void secondHireOnlyReadsAndChangesNoFile(MockForgejo m) throws Exception {
    HireAgent h = hire(m);
    write("projects/proj.toml", TOML);
    h.hire(local("dev-qwen2", 30));
    String env = read(".env");
    String toml = read("projects/proj.toml");
    m.clearJournal();
    HireResult again = h.hire(local("dev-qwen2", 30));
    assertThat(again.tokenCreated()).isFalse();
    assertThat(again.token()).isPresent();
    assertThat(again.protection().changed()).isFalse();
    assertThat(world.writes()).isEmpty();
    assertThat(read(".env")).isEqualTo(env);
    assertThat(read("projects/proj.toml")).isEqualTo(toml);
    assertThat(world.log.messages()).contains("  State marker already exists: "
        + factory.resolve("state/.dev-active"));
  }

  @Test
  void stateMarkerIsCreatedOnce(MockForgejo m) {
    HireResult r = hire(m).hire(HireRequest.of("dev-qwen2", "dev"));
    assertThat(r.stateMarker()).isEqualTo(factory.resolve("state/.dev-active")).exists();
  }

  @Test
  void localModelTableGoesBeforeMirrorsAndARehireReplacesItExactly(MockForgejo m)
      throws Exception {
    HireAgent h = hire(m);
    write("projects/proj.toml", TOML);
    assertThat(h.hire(local("dev-qwen2", 30)).tomlSection()).contains("dev-qwen2");
    String first = read("projects/proj.toml");
    assertThat(first).doesNotContain("Local-model agents (optional)")
        .contains("poll_interval = 30\n\n# [mirrors]\n");
    h.hire(local("dev-qwen2", 45));
    String text = read("projects/proj.toml");
    assertThat(text.split("\\[agents\\.dev-qwen2\\]", -1)).hasSize(2);
    assertThat(text.split("roles = ", -1)).hasSize(2);
    ProjectConfig cfg = ProjectConfigLoader.load(factory.resolve("projects/proj.toml"));
    LocalModelAgentConfig a = cfg.agents().get("dev-qwen2");
    assertThat(a.pollInterval()).contains("45");
    assertThat(a.roles()).contains(List.of("dev"));
    assertThat(a.baseUrl()).contains("http://llm:8080");
    assertThat(a.model()).contains("qwen");
    assertThat(cfg.warnings()).isEmpty();
  }

  @Test
  void sectionNameIsTheLowerCasedNameWithDashes(MockForgejo m) throws Exception {
    HireAgent h = hire(m);
    write("projects/proj.toml", TOML);
    assertThat(h.hire(local("Dev_Qwen.2", 30)).tomlSection()).contains("dev-qwen-2");
    assertThat(world.log.messages()).contains("  Service name: agents-dev-qwen-2");
    assertThatThrownBy(() -> h.hire(local("dev.qwen.2", 30)))
        .isInstanceOf(HireAgentException.class).hasMessageContaining("belongs to agent 'Dev_Qwen.2'");
  }

  @Test
  void localModelWithoutAProjectTomlFails(MockForgejo m) {
    HireAgent h = hire(m);
    assertThatThrownBy(() -> h.hire(local("dev-qwen2", 30)))
        .isInstanceOf(HireAgentException.class).hasMessageContaining("no project TOML found");
  }

  @Test
  void protectionFailureIsOnlyAWarning(MockForgejo m) {
    HireAgent h = hire(m);
    m.faults().add(Fault.on("POST", "/repos/dev-qwen2/.profile/branch_protections")
        .withStatus(403));
    HireResult r = h.hire(HireRequest.of("dev-qwen2", "dev"));
    assertThat(r.protection().ok()).isFalse();
    assertThat(world.log.messages()).contains(
        "  Warning: could not configure branch protection (HTTP 403)",
        "  Note: Branch protection can be set up manually later");
  }
}
