package ai.disinto.forge.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.forge.setup.ProtectionResult.Journal;
import ai.disinto.forge.setup.ProtectionResult.Outcome;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import ai.disinto.testkit.forgejo.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(MockForgejoExtension.class)
class BranchProtectionTest {
  private static final String OPS = "disinto-admin/p-ops";

  @TempDir
  Path tmp;

  private SetupWorld world(MockForgejo m) {
    SetupWorld w = new SetupWorld(m, tmp);
    m.seed().repo(OPS);
    for (String b : SetupWorld.BOTS) {
      m.seed().collaborator(OPS, b, OpsSetup.COLLABORATORS.get(b));
    }
    m.seed().repo("o/r", r -> r.collaborator("dev-bot", "write"));
    return w;
  }

  private static List<Duration> secs(int... s) {
    return java.util.Arrays.stream(s).mapToObj(Duration::ofSeconds).toList();
  }

  @Test
  void waitForBranchRetriesWithGrowingSleepsUntilTheBranchAnswers(MockForgejo m) {
    SetupWorld w = world(m);
    m.faults().add(Fault.on("GET", "/repos/o/r/branches/main").withStatus(404).times(2));
    assertThat(w.protection().waitForBranch("o/r", "main")).isTrue();
    assertThat(w.time.sleeps()).isEqualTo(secs(2, 4));
  }

  @Test
  void waitForBranchGivesUpAfterTenMissesAndSeventySeconds(MockForgejo m) {
    SetupWorld w = world(m);
    assertThat(w.protection().waitForBranch("o/r", "nope")).isFalse();
    assertThat(w.time.sleeps()).isEqualTo(secs(2, 4, 6, 8, 10, 10, 10, 10, 10));
    assertThat(w.requests()).hasSize(10).allMatch(r -> r.equals("GET /repos/o/r/branches/nope"));
    assertThat(w.log.messages()).last().isEqualTo(
        "branch-protection: ERROR: Branch nope does not exist on o/r after 10 attempts");
  }

  @Test
  void setupVaultCreatesTheRuleOnTheRealRouteWithTheAdminToken(MockForgejo m) {
    SetupWorld w = world(m);
    ProtectionResult r = w.protection().setupVault(OPS, "main");
    assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(r.status()).isEqualTo(201);
    RecordedRequest post = m.journal().stream().filter(q -> q.method().equals("POST"))
        .findFirst().orElseThrow();
    assertThat(post.apiPath()).isEqualTo("/repos/" + OPS + "/branch_protections");
    assertThat(post.principal()).isEqualTo("disinto-admin");
    @SuppressWarnings("unchecked")
    Map<String, Object> body = (Map<String, Object>) post.jsonBody();
    assertThat(body).containsEntry("rule_name", "main").containsEntry("enable_push", true)
        .containsEntry("enable_push_whitelist", true)
        .containsEntry("protected_file_patterns", "vault/**")
        .containsEntry("required_approvals", 1.0)
        .containsEntry("enable_merge_whitelist", true)
        .containsEntry("merge_whitelist_usernames", List.of("disinto-admin"))
        .containsEntry("apply_to_admins", false);
    assertThat(body.get("push_whitelist_usernames")).asList().contains("disinto-admin",
        "dev-bot", "planner-bot", "gardener-bot", "vault-bot", "architect-bot")
        .doesNotContain("review-bot");
    assertThat(w.protection().verify(OPS, "main", ProtectionProfile.VAULT).ok()).isTrue();
  }

  @Test
  void secondSetupOnlyReads(MockForgejo m) {
    SetupWorld w = world(m);
    w.protection().setupVault(OPS, "main");
    w.protection().setupProfile("o/r", "main");
    m.clearJournal();
    assertThat(w.protection().setupVault(OPS, "main").outcome()).isEqualTo(Outcome.UNCHANGED);
    ProtectionResult again = w.protection().setupProfile("o/r", "main");
    assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(again.journal()).isEqualTo(Journal.PRESENT);
    assertThat(again.changed()).isFalse();
    assertThat(w.writes()).isEmpty();
  }

  @Test
  void existingRuleThatDiffersIsPatchedNotPosted(MockForgejo m) {
    SetupWorld w = world(m);
    m.seed().protection(OPS, "main", Map.of("enable_push", true));
    ProtectionResult r = w.protection().setupVault(OPS, "main");
    assertThat(r.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(w.writes()).containsExactly(
        "PATCH /repos/" + OPS + "/branch_protections/main -> 200");
  }

  @Test
  void createThatLosesTheRaceBecomesOnePatch(MockForgejo m) {
    SetupWorld w = world(m);
    m.faults().add(Fault.on("GET", "/repos/" + OPS + "/branch_protections/main")
        .withStatus(404).times(1));
    m.seed().protection(OPS, "main", Map.of());
    ProtectionResult r = w.protection().setupVault(OPS, "main");
    assertThat(r.ok()).isTrue();
    assertThat(w.writes()).containsExactly(
        "POST /repos/" + OPS + "/branch_protections -> 403",
        "PATCH /repos/" + OPS + "/branch_protections/main -> 200");
  }

  @Test
  void refusedCreateIsAFailureWithTheStatus(MockForgejo m) {
    SetupWorld w = world(m);
    BranchProtection asBot = new BranchProtection(w.client("tok-dev-bot"), w.time);
    ProtectionResult r = asBot.setupVault(OPS, "main");
    assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.status()).isEqualTo(403);
    assertThat(w.log.messages()).anyMatch(l -> l.startsWith(
        "branch-protection: ERROR: Failed to set up branch protection (HTTP 403"));
  }

  @Test
  void setupProfileCreatesTheJournalBranchFromTheProtectedOne(MockForgejo m) {
    SetupWorld w = world(m);
    m.seed().repo("dev-bot/.profile", r -> r.privateRepo(true));
    ProtectionResult r = w.protection().setupProfile("dev-bot/.profile", "main");
    assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(r.journal()).isEqualTo(Journal.CREATED);
    RecordedRequest branch = m.journal().stream()
        .filter(q -> q.method().equals("POST") && q.apiPath().endsWith("/branches"))
        .findFirst().orElseThrow();
    assertThat(branch.apiPath()).isEqualTo("/repos/dev-bot/.profile/branches");
    assertThat(branch.jsonBody()).isEqualTo(Map.of("new_branch_name", "journal",
        "old_ref_name", "main"));
    assertThat(m.branchHead("dev-bot/.profile", "journal"))
        .isEqualTo(m.branchHead("dev-bot/.profile", "main"));
    assertThat(w.protection().verify("dev-bot/.profile", "main", ProtectionProfile.PROFILE)
        .ok()).isTrue();
  }

  @Test
  void journalBranchThatCannotBeCreatedIsOnlyAWarning(MockForgejo m) {
    SetupWorld w = world(m);
    m.faults().add(Fault.on("POST", "/repos/o/r/branches").withStatus(409));
    ProtectionResult r = w.protection().setupProfile("o/r", "main");
    assertThat(r.ok()).isTrue();
    assertThat(r.journal()).isEqualTo(Journal.FAILED);
    assertThat(w.log.messages()).anyMatch(l -> l.contains(
        "Warning: failed to create journal branch (HTTP 409"));
  }

  @Test
  void blankRepoIsRefusedWithoutARequest(MockForgejo m) {
    SetupWorld w = world(m);
    assertThatThrownBy(() -> w.protection().setupProfile("", "main"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("repo path required (format: owner/repo)");
    assertThat(m.journal()).isEmpty();
  }

  @Test
  void setupProjectLetsOnlyTheWalkingBotsMergeAndTouchesNoJournal(MockForgejo m) {
    SetupWorld w = world(m);
    BranchProtection p = new BranchProtection(w.admin(), w.time,
        ProtectionPolicy.defaults().withProjectMergeWhitelist(List.of("dev-bot")));
    assertThat(p.setupProject("o/r", "main").outcome()).isEqualTo(Outcome.CREATED);
    RecordedRequest post = m.journal().stream().filter(q -> q.method().equals("POST"))
        .findFirst().orElseThrow();
    @SuppressWarnings("unchecked")
    Map<String, Object> body = (Map<String, Object>) post.jsonBody();
    assertThat(body).containsEntry("merge_whitelist_usernames", List.of("dev-bot"))
        .containsEntry("enable_push", false);
    assertThat(w.requests()).noneMatch(r -> r.contains("journal"));
    assertThat(w.protection().ruleBody("main", ProtectionProfile.PROJECT))
        .containsEntry("merge_whitelist_usernames", List.of("dev-bot", "gardener-bot",
            "architect-bot"));
    m.seed().collaborator("o/r", "gardener-bot", "write");
    m.seed().collaborator("o/r", "architect-bot", "write");
    assertThat(w.protection().setupProject("o/r", "main").outcome())
        .isEqualTo(Outcome.UPDATED);
    assertThat(w.protection().verify("o/r", "main", ProtectionProfile.PROJECT).ok()).isTrue();
  }

  @Test
  void verifyNamesEachSettingThatIsNotAsRequired(MockForgejo m) {
    SetupWorld w = world(m);
    m.seed().protection(OPS, "main", Map.of("enable_push", false, "required_approvals", 1,
        "enable_merge_whitelist", true, "merge_whitelist_usernames", List.of("disinto-admin")));
    assertThat(w.protection().verify(OPS, "main", ProtectionProfile.VAULT).errors()).isEmpty();
    m.seed().protection("o/r", "main", Map.of("enable_push", true, "required_approvals", 1,
        "enable_merge_whitelist", true, "merge_whitelist_usernames", List.of("disinto-admin")));
    assertThat(w.protection().verify("o/r", "main", ProtectionProfile.VAULT).errors())
        .containsExactly("ERROR: enable_push should be false");
    assertThat(w.protection().verify("o/r", "other", ProtectionProfile.VAULT).errors())
        .containsExactly("ERROR: No branch protection found for other");
  }

  @Test
  void verifyOfAVaultRuleWithOpenPushesNeedsTheVaultFilesProtected(MockForgejo m) {
    SetupWorld w = world(m);
    m.seed().protection(OPS, "main", Map.of("enable_push", true, "enable_push_whitelist", true,
        "push_whitelist_usernames", List.of("dev-bot"), "required_approvals", 1,
        "enable_merge_whitelist", true, "merge_whitelist_usernames", List.of("disinto-admin")));
    assertThat(w.protection().verify(OPS, "main", ProtectionProfile.VAULT).errors())
        .containsExactly("ERROR: protected_file_patterns should contain vault/**");
  }

  @Test
  void removeDeletesAnExistingRuleAndIsFineWithoutOne(MockForgejo m) {
    SetupWorld w = world(m);
    m.seed().protection(OPS, "main", Map.of());
    assertThat(w.protection().remove(OPS, "main").outcome()).isEqualTo(Outcome.REMOVED);
    m.clearJournal();
    assertThat(w.protection().remove(OPS, "main").outcome()).isEqualTo(Outcome.ABSENT);
    assertThat(w.writes()).isEmpty();
    m.seed().protection(OPS, "main", Map.of());
    m.faults().add(Fault.on("DELETE", "/repos/" + OPS + "/branch_protections/main")
        .withStatus(500));
    ProtectionResult failed = w.protection().remove(OPS, "main");
    assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(failed.status()).isEqualTo(500);
  }

  @Test
  void vaultRuleLetsTheWritersPushNotesButVaultItemsOnlyThroughTheAdminsMerge(MockForgejo m)
      throws Exception {
    SetupWorld w = world(m);
    assertThat(w.protection().setupVault(OPS, "main").ok()).isTrue();
    Git git = new Git(w.git().withLogin("planner-bot", "planner-bot-password"));
    assertThat(git.ok(tmp, "clone", "-q", m.cloneUrl("disinto-admin", "p-ops"), "ops")).isTrue();
    Path ops = tmp.resolve("ops");
    git.ensureIdentity(ops, "planner-bot", "planner-bot@localhost");
    java.nio.file.Files.writeString(ops.resolve("prerequisites.md"), "# Prerequisite Tree\n");
    git.ok(ops, "add", "-A");
    git.ok(ops, "commit", "-q", "-m", "planner: tree");
    assertThat(git.ok(ops, "push", "-q", "origin", "HEAD:main")).isTrue();
    java.nio.file.Files.createDirectories(ops.resolve("vault/approved"));
    java.nio.file.Files.writeString(ops.resolve("vault/approved/x.toml"), "id = \"x\"\n");
    git.ok(ops, "add", "-A");
    git.ok(ops, "commit", "-q", "-m", "sneak a vault item in");
    assertThat(git.run(ops, "push", "origin", "HEAD:main").stderr())
        .contains("protected from changing file vault/approved/x.toml");
    // Through a pull request: a bot cannot merge it, the admin can (overriding the file rule).
    assertThat(git.ok(ops, "push", "-q", "origin", "HEAD:refs/heads/vault/x")).isTrue();
    long pr = m.seed().pull(OPS, p -> p.head("vault/x").author("planner-bot").title("vault x"));
    m.seed().review(OPS, pr, "review-bot", "APPROVED", "ok");
    assertThat(w.client("tok-dev-bot").sendRoot("POST", "/repos/" + OPS + "/pulls/" + pr
        + "/merge", Map.of("Do", "merge")).status()).isEqualTo(405);
    assertThat(w.admin().sendRoot("POST", "/repos/" + OPS + "/pulls/" + pr + "/merge",
        Map.of("Do", "merge", "force_merge", true)).status()).isEqualTo(200);
  }
}
