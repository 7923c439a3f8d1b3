package ai.disinto.agent.formula;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.forge.client.ForgeClient;
import ai.disinto.git.creds.GitCredentials;
import ai.disinto.log.CapturedLog;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.RecordedRequest;
import ai.disinto.testkit.time.FakeTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ops repository against the mock forge's real git: clone, update, commit and push. */
class OpsRepoTest {
  static final String PASS = "ops-bot-pw-3141";
  @TempDir Path tmp;
  MockForgejo forge;
  FormulaRig rig;

  @BeforeEach
  void setUp() throws Exception {
    forge = MockForgejo.start();
    forge.seed().user("owner", u -> u.password("owner-pw").token("tok-owner"))
        .user("ops-bot", u -> u.password(PASS).token("tok-ops"))
        .repo("owner/proj-ops", r -> r.collaborator("ops-bot", "write"));
    FakeTime time = new FakeTime();
    ForgeClient api = ForgeClient.builder().baseUrl(forge.baseUrl()).token("tok-ops").clock(time)
        .sleeper(time).build();
    rig = new FormulaRig(tmp);
    new GitCredentials(api).configure(new GitCredentials.Settings(forge.baseUrl(), PASS,
        "tok-ops", rig.home, Optional.empty(), GitCredentials.Identity.STRICT)).orElseThrow();
  }

  @AfterEach
  void tearDown() {
    forge.close();
  }

  OpsRepo ops(Path root, String slug) {
    return new OpsRepo(rig.git, Optional.of(root), slug, forge.baseUrl(), "main");
  }

  String onForge(String... args) {
    String bare = forge.bareRepository("owner", "proj-ops").toString();
    String[] all = new String[args.length + 2];
    all[0] = "--git-dir";
    all[1] = bare;
    System.arraycopy(args, 0, all, 2, args.length);
    return rig.ok(rig.root, all);
  }

  @Test
  void theRepoIsClonedThenCommittedAndPushed() throws Exception {
    Path root = tmp.resolve("data/proj-ops");
    OpsRepo ops = ops(root, "owner/proj-ops");
    try (CapturedLog log = CapturedLog.start()) {
      assertThat(ops.ensure()).isEqualTo(OpsRepo.EnsureOutcome.CLONED);
      assertThat(log.messages()).contains("Cloning ops repo: owner/proj-ops -> " + root,
          "Ops repo cloned: " + root);
    }
    assertThat(rig.ok(root, "remote", "get-url", "origin")).doesNotContain("@");
    Files.writeString(root.resolve("prerequisites.md"), "## Objective: Ship\n");
    Files.writeString(root.resolve("scratch.txt"), "not staged\n");

    CommitResult r = ops.commitAndPush("planner: update prerequisites",
        List.of("prerequisites.md"));

    assertThat(r.outcome()).as(r.detail()).isEqualTo(CommitResult.Outcome.PUSHED);
    assertThat(onForge("log", "-1", "--format=%s", "main"))
        .isEqualTo("planner: update prerequisites");
    assertThat(onForge("show", "main:prerequisites.md")).isEqualTo("## Objective: Ship");
    assertThat(onForge("ls-tree", "--name-only", "main")).doesNotContain("scratch.txt");
    assertThat(forge.journal()).filteredOn(q -> q.path().endsWith("/git-receive-pack"))
        .extracting(RecordedRequest::principal).containsOnly("ops-bot");
  }

  @Test
  void nothingStagedMeansNoCommit() throws Exception {
    Path root = tmp.resolve("ops");
    OpsRepo ops = ops(root, "owner/proj-ops");
    ops.ensure();
    String before = onForge("rev-parse", "main");

    assertThat(ops.commitAndPush("nothing", List.of()).outcome())
        .isEqualTo(CommitResult.Outcome.NOTHING_TO_COMMIT);
    assertThat(onForge("rev-parse", "main")).isEqualTo(before);
  }

  @Test
  void anExistingCloneIsFastForwarded() throws Exception {
    Path root = tmp.resolve("ops");
    OpsRepo ops = ops(root, "owner/proj-ops");
    ops.ensure();
    forge.seed().file("owner/proj-ops", "main", "evidence/new.json", "{}\n");

    assertThat(ops.ensure()).isEqualTo(OpsRepo.EnsureOutcome.UPDATED);
    assertThat(root.resolve("evidence/new.json")).exists();
  }

  @Test
  void aFailedCloneLeavesAnEmptyFolderAndAWarning() {
    Path root = tmp.resolve("ops");
    try (CapturedLog log = CapturedLog.start()) {
      assertThat(ops(root, "owner/missing").ensure()).isEqualTo(OpsRepo.EnsureOutcome.CLONE_FAILED);
      assertThat(log.messages()).contains(
          "WARNING: failed to clone ops repo owner/missing — creating local directory");
    }
    assertThat(root).isEmptyDirectory();
    assertThat(ops(root, "owner/missing").commitAndPush("x", List.of()).outcome())
        .isEqualTo(CommitResult.Outcome.NO_REPOSITORY);
  }

  @Test
  void aRefusedPushIsReportedAndTheCommitKept() throws Exception {
    Path root = tmp.resolve("ops");
    OpsRepo ops = ops(root, "owner/proj-ops");
    ops.ensure();
    // The forge moves on meanwhile: our push is not a fast-forward.
    forge.seed().file("owner/proj-ops", "main", "other.md", "x\n");
    Files.writeString(root.resolve("mine.md"), "mine\n");

    CommitResult r = ops.commitAndPush("mine", List.of());

    assertThat(r.outcome()).isEqualTo(CommitResult.Outcome.PUSH_FAILED);
    assertThat(r.detail()).isNotEmpty().doesNotContain(PASS);
    assertThat(rig.ok(root, "log", "-1", "--format=%s")).isEqualTo("mine");
  }

  @Test
  void noRootMeansNoOp() {
    OpsRepo ops = new OpsRepo(rig.git, Optional.empty(), "owner/proj-ops", forge.baseUrl(),
        "main");
    assertThat(ops.ensure()).isEqualTo(OpsRepo.EnsureOutcome.SKIPPED);
    assertThat(ops(tmp.resolve("x"), "").ensure()).isEqualTo(OpsRepo.EnsureOutcome.SKIPPED);
  }
}
