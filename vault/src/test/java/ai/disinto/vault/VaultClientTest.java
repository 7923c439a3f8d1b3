package ai.disinto.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.log.CapturedLog;
import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import ai.disinto.testkit.forgejo.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(MockForgejoExtension.class)
class VaultClientTest {
  static final String ID = "publish-site-20260331";
  static final String T_HIGH = VaultActionValidatorTest.T_HIGH;
  static final String BRANCH = "vault/" + ID;
  static final String FILE = "vault/actions/" + ID + ".toml";

  @TempDir Path tmp;

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> body(RecordedRequest q) {
    return (Map<String, Object>) q.jsonBody();
  }

  @Test
  void aPrWhoseCreateAnswerIsUnreadableIsFoundInsteadOfReportedLost(MockForgejo m)
      throws IOException {
    VaultWorld w = new VaultWorld(m, tmp);
    m.faults().add(ai.disinto.testkit.forgejo.Fault.on("POST", "/repos/" + VaultWorld.OPS
        + "/pulls").withMalformedBody());

    VaultRequestResult r = w.vault().request(ID, T_HIGH);

    assertThat(r.kind()).isEqualTo(VaultRequestResult.Kind.PR_CREATED);
    assertThat(r.prNumber()).isPresent();
    assertThat(m.journal()).filteredOn(q -> q.method().equals("POST")
        && q.apiPath().equals("/repos/" + VaultWorld.OPS + "/pulls")).hasSize(1);
  }

  @Test
  void aHighTierActionGetsABranchWithTheFileAndAnApprovalPr(MockForgejo m) throws IOException {
    VaultWorld w = new VaultWorld(m, tmp);
    // The ops repo's gate (docs/VAULT.md): an approval before anything merges into main.
    m.seed().protection(VaultWorld.OPS, "main", Map.of("enable_push", false,
        "required_approvals", 1));
    VaultRequestResult r;
    try (CapturedLog log = CapturedLog.start()) {
      r = w.vault().request(ID, T_HIGH);
      assertThat(log.messages()).containsSubsequence(
          "vault: Creating branch " + BRANCH + " on ops repo",
          "vault: Writing " + FILE + " to branch " + BRANCH,
          "vault: Creating PR for " + BRANCH,
          "vault: Enabling auto-merge for PR #" + r.prNumber().getAsLong(),
          "vault: PR #" + r.prNumber().getAsLong() + " created, adding labels");
    }
    long n = r.prNumber().getAsLong();
    assertThat(r.kind()).isEqualTo(VaultRequestResult.Kind.PR_CREATED);
    assertThat(r.tier()).isEqualTo(Tier.HIGH);
    assertThat(r.branch()).isEqualTo(BRANCH);
    assertThat(r.filePath()).isEqualTo(FILE);
    assertThat(r.warnings()).isEmpty();
    assertThat(w.calls()).containsExactly(
        "GET /pulls?state=open&limit=50&page=1 dev-bot",
        "GET /branches/" + BRANCH + " admin",
        "GET /branches/main admin",
        "POST /contents/" + FILE + " admin",
        "POST /pulls dev-bot",
        "POST /pulls/" + n + "/merge admin",
        "GET /labels?limit=50&page=1 admin",
        "POST /issues/" + n + "/labels admin");
    List<RecordedRequest> writes = w.writes();
    assertThat(body(writes.get(0))).containsEntry("branch", "main")
        .containsEntry("new_branch", BRANCH).containsEntry("content", b64(T_HIGH))
        .containsEntry("message", "vault: add " + ID)
        .containsEntry("committer", Map.of("name", "vault-bot", "email", "vault-bot@admin/proj"));
    Map<String, Object> pr = body(writes.get(1));
    assertThat(pr).containsEntry("title", "vault: " + ID).containsEntry("head", BRANCH)
        .containsEntry("base", "main");
    List<String> lines = List.of(((String) pr.get("body")).split("\n", -1));
    assertThat(lines.get(0)).isEqualTo("Vault action: " + ID);
    assertThat(lines.get(2)).isEqualTo("Context: Publish updated site");
    assertThat(lines.get(4)).isEqualTo("Formula: run-publish-site");
    assertThat(lines.get(5)).isEqualTo("Secrets: DEPLOY_KEY");
    assertThat(body(writes.get(2))).containsEntry("Do", "merge")
        .containsEntry("merge_when_checks_succeed", true);
    assertThat(body(writes.get(3))).isEqualTo(Map.of("labels",
        List.of((double) w.vaultLabel, (double) w.pendingLabel)));
    assertThat(w.file(BRANCH, FILE)).contains(T_HIGH);
    assertThat(w.file("main", FILE)).as("waits for the approval").isEmpty();
  }

  @Test
  void anOpenPrForTheBranchOnALaterPageIsReturnedWithoutValidatingOrWriting(MockForgejo m)
      throws IOException {
    VaultWorld w = new VaultWorld(m, tmp);
    m.setMaxPageSize(3);
    for (int i = 0; i < 4; i++) {
      m.seed().pull(VaultWorld.OPS, p -> p.author("dev-bot"));
    }
    long existing = m.seed().pull(VaultWorld.OPS, p -> p.head(BRANCH).author("dev-bot"));
    m.clearJournal();
    VaultRequestResult r = w.vault().request(ID, "id = \"broken");
    assertThat(r.kind()).isEqualTo(VaultRequestResult.Kind.EXISTING_PR);
    assertThat(r.prNumber()).hasValue(existing);
    assertThat(w.writes()).isEmpty();
  }

  @Test
  void aMediumTierActionTakesThePrPath(MockForgejo m) throws IOException {
    VaultWorld w = new VaultWorld(m, tmp);
    VaultRequestResult r = w.vault().request(ID, T_HIGH.replace("run-publish-site", "dev"));
    assertThat(r.kind()).isEqualTo(VaultRequestResult.Kind.PR_CREATED);
    assertThat(r.tier()).isEqualTo(Tier.MEDIUM);
  }

  @Test
  void aLowTierActionIsOneDirectCommitOnMainMarkedDirect(MockForgejo m) throws IOException {
    VaultWorld w = new VaultWorld(m, tmp);
    String toml = "id = \"groom-1\"\nformula = \"groom-backlog\"\ncontext = \"Groom\"\nsecrets = []\n";
    VaultRequestResult r;
    try (CapturedLog log = CapturedLog.start()) {
      r = w.vault().request("groom-1", toml);
      assertThat(log.messages()).containsSubsequence(
          "vault: Committing vault/actions/groom-1.toml directly to main",
          "vault: Direct commit successful for groom-1");
    }
    assertThat(r.kind()).isEqualTo(VaultRequestResult.Kind.DIRECT_COMMIT);
    assertThat(r.prNumber()).isEmpty();
    assertThat(r.tier()).isEqualTo(Tier.LOW);
    assertThat(w.calls()).containsExactly(
        "GET /pulls?state=open&limit=50&page=1 dev-bot",
        "GET /branches/main admin",
        "GET /contents/vault/actions/groom-1.toml?ref=main admin",
        "POST /contents/vault/actions/groom-1.toml admin");
    assertThat(body(w.writes().get(0))).containsEntry("branch", "main")
        .containsEntry("message", "vault: add groom-1 (low-tier)")
        .containsEntry("content", b64("dispatch_mode = \"direct\"\n" + toml + "\n"))
        .doesNotContainKey("new_branch");
    assertThat(w.file("main", "vault/actions/groom-1.toml"))
        .contains("dispatch_mode = \"direct\"\n" + toml + "\n");
  }

  @Test
  void aLowTierActionUpdatesAnExistingFileWithItsSha(MockForgejo m) throws IOException {
    VaultWorld w = new VaultWorld(m, tmp);
    m.seed().file(VaultWorld.OPS, "main", "vault/actions/groom-1.toml", "old\n");
    String toml = "id = \"groom-1\"\nformula = \"groom-backlog\"\ncontext = \"Groom\"\nsecrets = []\n";
    w.vault().request("groom-1", toml);
    RecordedRequest put = w.writes().get(0);
    assertThat(put.method()).isEqualTo("PUT");
    assertThat(body(put)).containsKey("sha");
    assertThat(w.file("main", "vault/actions/groom-1.toml"))
        .contains("dispatch_mode = \"direct\"\n" + toml + "\n");
  }

  @Test
  void aRefusedDirectCommitIsAnErrorNotASuccess(MockForgejo m) throws IOException {
    VaultWorld w = new VaultWorld(m, tmp);
    m.faults().add(Fault.on("POST", "/api/v1/repos/admin/proj-ops/contents/**").withStatus(403));
    String toml = "id = \"groom-1\"\nformula = \"groom-backlog\"\ncontext = \"Groom\"\nsecrets = []\n";
    try (CapturedLog log = CapturedLog.start()) {
      assertThatThrownBy(() -> w.vault().request("groom-1", toml))
          .isInstanceOfSatisfying(VaultApiException.class, e -> {
            assertThat(e.errorLine()).isEqualTo(
                "ERROR: failed to write vault/actions/groom-1.toml to main");
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.step()).isEqualTo(VaultApiException.Step.WRITE_FILE);
          });
      assertThat(log.messages()).noneMatch(l -> l.contains("successful"))
          .noneMatch(l -> l.contains("committed directly"));
    }
    assertThat(w.file("main", "vault/actions/groom-1.toml")).isEmpty();
  }

  @Test
  void aProtectedPrimaryBranchRefusesTheDirectCommitEvenForTheAdmin(MockForgejo m)
      throws IOException {
    VaultWorld w = new VaultWorld(m, tmp);
    m.seed().protection(VaultWorld.OPS, "main", Map.of("enable_push", false,
        "required_approvals", 1));
    String toml = "id = \"groom-1\"\nformula = \"groom-backlog\"\ncontext = \"Groom\"\nsecrets = []\n";
    assertThatThrownBy(() -> w.vault().request("groom-1", toml))
        .isInstanceOfSatisfying(VaultApiException.class, e ->
            assertThat(e.status()).isEqualTo(403));
  }

  @Test
  void aLowTierActionWithoutAnAdminIdentityWritesNothing(MockForgejo m) throws IOException {
    VaultWorld w = new VaultWorld(m, tmp);
    String toml = "id = \"groom-1\"\nformula = \"groom-backlog\"\ncontext = \"Groom\"\nsecrets = []\n";
    assertThatThrownBy(() -> w.vault(Optional.empty(), false).request("groom-1", toml))
        .isInstanceOf(VaultApiException.class)
        .hasMessage("ERROR: FORGE_ADMIN_TOKEN is required for low-tier commits");
    assertThat(w.writes()).isEmpty();
  }

  @Test
  void theOperatorsOverrideWinsButOnlyInItsExactForm(MockForgejo m) throws IOException {
    VaultWorld w = new VaultWorld(m, tmp);
    VaultAction release = new VaultActionValidator(w.formulas)
        .validate(T_HIGH.replace("run-publish-site", "release"));
    assertThat(w.vault(Optional.of("medium"), true).tierOf(release)).isEqualTo(Tier.MEDIUM);
    assertThat(w.vault(Optional.of("LOW"), true).tierOf(release)).isEqualTo(Tier.HIGH);
  }

  @Test
  void aFormulaTheOpsPolicyLacksIsHighAndNoPolicyMakesEverythingHigh(MockForgejo m)
      throws IOException {
    VaultWorld w = new VaultWorld(m, tmp);
    VaultClient noPolicy = new VaultClient(w.client("AT"), Optional.of(w.client("ADM")),
        VaultConfig.of(VaultWorld.OPS, "main", "admin/proj", Optional.empty()),
        new VaultActionValidator(w.formulas), new BlastRadiusClassifier(tmp.resolve("none.toml")));
    VaultRequestResult r = noPolicy.request("groom-1",
        "id = \"groom-1\"\nformula = \"groom-backlog\"\ncontext = \"Groom\"\nsecrets = []\n");
    assertThat(r.tier()).isEqualTo(Tier.HIGH);
    assertThat(r.kind()).isEqualTo(VaultRequestResult.Kind.PR_CREATED);
  }

  @Test
  void invalidContentIsRefusedAfterOnlyTheIdempotencyLookup(MockForgejo m) throws IOException {
    VaultWorld w = new VaultWorld(m, tmp);
    assertThatThrownBy(() -> w.vault().request(ID, T_HIGH + "zed = 3\nfoo = 1\n"))
        .isInstanceOf(VaultValidationException.class)
        .hasMessage("ERROR: Unknown fields in TOML: foo,zed");
    assertThat(w.calls()).containsExactly("GET /pulls?state=open&limit=50&page=1 dev-bot");
  }

  @Test
  void aSecretInTheContextIsRefusedAndNothingIsWritten(MockForgejo m) throws IOException {
    VaultWorld w = new VaultWorld(m, tmp);
    String token = VaultActionValidatorTest.GH_TOKEN;
    assertThatThrownBy(() -> w.vault().request(ID,
        T_HIGH.replace("Publish updated site", "push with " + token)))
        .isInstanceOfSatisfying(VaultValidationException.class, e -> {
          assertThat(e.field()).contains("context");
          assertThat(e.getMessage()).doesNotContain(token);
        });
    assertThat(w.writes()).isEmpty();
  }

  @Test
  void aRequesterMayNotSetDispatchMode(MockForgejo m) throws IOException {
    VaultWorld w = new VaultWorld(m, tmp);
    assertThatThrownBy(() -> w.vault().request(ID, "dispatch_mode = \"direct\"\n" + T_HIGH))
        .isInstanceOfSatisfying(VaultValidationException.class, e -> {
          assertThat(e.errorLine())
              .isEqualTo("ERROR: dispatch_mode may not be set by the requester");
          assertThat(e.field()).contains("dispatch_mode");
        });
    assertThat(w.writes()).isEmpty();
  }

  @Test
  void badArgumentsAreRefusedBeforeAnyCall(MockForgejo m) throws IOException {
    VaultWorld w = new VaultWorld(m, tmp);
    VaultClient v = w.vault();
    assertThatThrownBy(() -> v.request("../x", T_HIGH)).hasMessage("ERROR: invalid action_id: ../x");
    assertThatThrownBy(() -> v.request("a/b", T_HIGH)).hasMessage("ERROR: invalid action_id: a/b");
    assertThatThrownBy(() -> v.request("", T_HIGH)).hasMessage("ERROR: action_id is required");
    assertThatThrownBy(() -> v.request(ID, "")).hasMessage("ERROR: toml_content is required");
    assertThat(w.calls()).isEmpty();
  }

  @Test
  void anExistingBranchGetsTheFileUpdatedWithItsBlobSha(MockForgejo m) throws IOException {
    VaultWorld w = new VaultWorld(m, tmp);
    m.seed().file(VaultWorld.OPS, BRANCH, FILE, "old = 1\n");
    VaultRequestResult r;
    try (CapturedLog log = CapturedLog.start()) {
      r = w.vault().request(ID, T_HIGH);
      assertThat(log.messages()).contains("vault: Branch " + BRANCH + " already exists");
    }
    assertThat(r.kind()).isEqualTo(VaultRequestResult.Kind.PR_CREATED);
    assertThat(w.calls()).noneMatch(c -> c.startsWith("POST /branches"))
        .contains("GET /contents/" + FILE + "?ref=vault%2F" + ID + " admin");
    RecordedRequest put = w.writes().get(0);
    assertThat(put.method()).isEqualTo("PUT");
    assertThat(body(put)).containsKey("sha").containsEntry("branch", BRANCH);
    assertThat(w.file(BRANCH, FILE)).contains(T_HIGH);
  }

  @Test
  void aConflictOnPrCreationFindsThePrByBranch(MockForgejo m) throws IOException {
    VaultWorld w = new VaultWorld(m, tmp);
    m.faults().add(Fault.on("POST", "/api/v1/repos/admin/proj-ops/pulls").withStatus(409).times(1));
    m.faults().add(Fault.on("GET", "/api/v1/repos/admin/proj-ops/pulls").withStatus(200)
        .withBody("[]").times(1));
    // The PR exists by the time the 409 is looked into.
    long made = m.seed().pull(VaultWorld.OPS, p -> p.head(BRANCH).author("dev-bot"));
    VaultRequestResult r = w.vault().request(ID, T_HIGH);
    assertThat(r.prNumber()).hasValue(made);
  }

  @Test
  void aPrThatCannotBeOpenedRemovesTheBranchTheRequestMade(MockForgejo m) throws IOException {
    VaultWorld w = new VaultWorld(m, tmp);
    m.faults().add(Fault.on("POST", "/api/v1/repos/admin/proj-ops/pulls").withStatus(500));
    assertThatThrownBy(() -> w.vault().request(ID, T_HIGH))
        .isInstanceOfSatisfying(VaultApiException.class, e -> {
          assertThat(e.errorLine()).isEqualTo("ERROR: failed to create PR");
          assertThat(e.status()).isEqualTo(500);
          assertThat(e.leftBehind()).isEmpty();
        });
    assertThat(m.branchHead(VaultWorld.OPS, BRANCH)).isEmpty();
    assertThat(w.calls()).contains("DELETE /branches/" + BRANCH + " admin");
  }

  @Test
  void aConflictWithNoPrToFindIsAnErrorAndTheBranchIsRemoved(MockForgejo m) throws IOException {
    VaultWorld w = new VaultWorld(m, tmp);
    m.faults().add(Fault.on("POST", "/api/v1/repos/admin/proj-ops/pulls").withStatus(409));
    assertThatThrownBy(() -> w.vault().request(ID, T_HIGH))
        .isInstanceOf(VaultApiException.class).hasMessageStartingWith("ERROR: failed to create PR");
    assertThat(m.branchHead(VaultWorld.OPS, BRANCH)).isEmpty();
  }

  @Test
  void aBranchThatCannotBeRemovedIsReported(MockForgejo m) throws IOException {
    VaultWorld w = new VaultWorld(m, tmp);
    m.faults().add(Fault.on("POST", "/api/v1/repos/admin/proj-ops/pulls").withStatus(500));
    m.faults().add(Fault.on("DELETE", "/api/v1/repos/admin/proj-ops/branches/**").withStatus(500));
    assertThatThrownBy(() -> w.vault().request(ID, T_HIGH))
        .isInstanceOfSatisfying(VaultApiException.class, e ->
            assertThat(e.leftBehind()).hasValueSatisfying(l -> assertThat(l).contains(BRANCH)));
    assertThat(m.branchHead(VaultWorld.OPS, BRANCH)).isPresent();
  }

  @Test
  void aFailedBranchWriteLeavesNoBranch(MockForgejo m) throws IOException {
    VaultWorld w = new VaultWorld(m, tmp);
    m.faults().add(Fault.on("POST", "/api/v1/repos/admin/proj-ops/contents/**").withStatus(500));
    assertThatThrownBy(() -> w.vault().request(ID, T_HIGH))
        .isInstanceOfSatisfying(VaultApiException.class, e -> {
          assertThat(e.errorLine()).isEqualTo("ERROR: failed to write " + FILE + " to branch " + BRANCH);
          assertThat(e.step()).isEqualTo(VaultApiException.Step.WRITE_FILE);
        });
    assertThat(m.branchHead(VaultWorld.OPS, BRANCH)).isEmpty();
    assertThat(w.calls()).noneMatch(c -> c.startsWith("POST /pulls"));
  }

  @Test
  void autoMergeAndLabelFailuresAreWarningsOnly(MockForgejo m) throws IOException {
    VaultWorld w = new VaultWorld(m, tmp);
    m.faults().add(Fault.on("POST", "/api/v1/repos/admin/proj-ops/pulls/*/merge").withStatus(405));
    m.faults().add(Fault.on("POST", "/api/v1/repos/admin/proj-ops/issues/*/labels").withStatus(500));
    try (CapturedLog log = CapturedLog.start()) {
      VaultRequestResult r = w.vault().request(ID, T_HIGH);
      assertThat(r.kind()).isEqualTo(VaultRequestResult.Kind.PR_CREATED);
      assertThat(r.warnings()).hasSize(2);
      assertThat(log.messages()).contains("vault: Warning: failed to enable auto-merge (may"
          + " already be enabled or not supported)");
    }
  }

  @Test
  void onlyTheLabelsThatExistAreAdded(MockForgejo m) throws IOException {
    VaultWorld w = new VaultWorld(m, tmp);
    m.faults().add(Fault.on("GET", "/api/v1/repos/admin/proj-ops/labels").withStatus(200)
        .withBody("[{\"id\":7,\"name\":\"vault\",\"color\":\"000000\"}]"));
    w.vault().request(ID, T_HIGH);
    RecordedRequest labels = w.writes().get(w.writes().size() - 1);
    assertThat(labels.apiPath()).endsWith("/labels");
    assertThat(body(labels)).isEqualTo(Map.of("labels", List.of(7.0)));
  }

  @Test
  void noLabelsMeansNoLabelCall(MockForgejo m) throws IOException {
    VaultWorld w = new VaultWorld(m, tmp);
    m.faults().add(Fault.on("GET", "/api/v1/repos/admin/proj-ops/labels").withStatus(200)
        .withBody("[]"));
    w.vault().request(ID, T_HIGH);
    assertThat(w.calls()).noneMatch(c -> c.contains("/labels admin") && c.startsWith("POST"));
  }

  @Test
  void aTomlBlastRadiusRaisesTheTierButNeverLowersIt(MockForgejo m) throws IOException {
    VaultWorld w = new VaultWorld(m, tmp);
    VaultRequestResult lowered;
    try (CapturedLog log = CapturedLog.start()) {
      lowered = w.vault().request("rel-1", "id = \"rel-1\"\nformula = \"release\"\n"
          + "context = \"c\"\nsecrets = []\nblast_radius = \"low\"\n");
      assertThat(log.messages()).contains("vault: ignoring blast_radius low below policy tier high");
    }
    assertThat(lowered.tier()).isEqualTo(Tier.HIGH);
    assertThat(lowered.kind()).isEqualTo(VaultRequestResult.Kind.PR_CREATED);
    VaultRequestResult raised = w.vault().request("groom-2", "id = \"groom-2\"\n"
        + "formula = \"groom-backlog\"\ncontext = \"c\"\nsecrets = []\nblast_radius = \"high\"\n");
    assertThat(raised.tier()).isEqualTo(Tier.HIGH);
    assertThat(raised.kind()).isEqualTo(VaultRequestResult.Kind.PR_CREATED);
    assertThat(raised.tierDecision()).isEqualTo("policy low, raised by blast_radius high");
    assertThat(w.writes()).filteredOn(q -> q.apiPath().endsWith("/groom-2.toml"))
        .singleElement().satisfies(q -> assertThat(body(q)).containsEntry("new_branch",
            "vault/groom-2"));
  }

  @Test
  void noRequesterInputMovesAHighTierFormulaToADirectCommit(MockForgejo m) throws IOException {
    VaultWorld w = new VaultWorld(m, tmp);
    String base = "formula = \"release\"\ncontext = \"c\"\nsecrets = []\n";
    List<String> attempts = List.of(
        "id = \"r1\"\n" + base + "blast_radius = \"low\"\n",
        "id = \"r2\"\n" + base + "dispatch_mode = \"direct\"\n",
        "id = \"r3\"\n" + base + "# blast_radius = \"low\"\n",
        "id = \"r4\"\n" + base + "blast_radius = \"medium\"\n");
    int i = 0;
    for (String toml : attempts) {
      i++;
      try {
        VaultRequestResult r = w.vault().request("r" + i, toml);
        assertThat(r.kind()).isEqualTo(VaultRequestResult.Kind.PR_CREATED);
        assertThat(r.tier()).isEqualTo(Tier.HIGH);
      } catch (VaultValidationException refused) {
        assertThat(refused.field()).contains("dispatch_mode");
      }
    }
    assertThat(m.journal()).noneMatch(q -> q.method().matches("POST|PUT")
        && q.apiPath().contains("/contents/") && q.body().contains("\"branch\":\"main\"")
        && !q.body().contains("new_branch"));
  }
}
