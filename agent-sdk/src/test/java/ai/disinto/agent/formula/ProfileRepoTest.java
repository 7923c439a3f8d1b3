package ai.disinto.agent.formula;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.setup.BranchProtection;
import ai.disinto.git.creds.GitCredentials;
import ai.disinto.log.CapturedLog;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.RecordedRequest;
import ai.disinto.testkit.time.FakeTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .profile flows against the mock forge's real git: identity, clone and pull, lessons with
 * lazy digestion, journal entries committed as the agent and pushed.
 */
class ProfileRepoTest {
  static final String PASS = "planner-pw-8812";
  @TempDir Path tmp;
  MockForgejo forge;
  FormulaRig rig;
  ForgeClient api;
  FakeTime time;
  FormulaRig.ScriptedAgent digester = new FormulaRig.ScriptedAgent();
  FormulaRig.ScriptedAgent reflector = new FormulaRig.ScriptedAgent();

  @BeforeEach
  void setUp() throws Exception {
    forge = MockForgejo.start();
    forge.seed().user("planner-bot", u -> u.password(PASS).token("tok-planner"))
        .repo("planner-bot/.profile");
    time = new FakeTime(Instant.parse("2026-04-10T12:00:00Z"));
    api = ForgeClient.builder().baseUrl(forge.baseUrl()).token("tok-planner").clock(time)
        .sleeper(time).build();
    rig = new FormulaRig(tmp);
    new GitCredentials(api).configure(new GitCredentials.Settings(forge.baseUrl(), PASS,
        "tok-planner", rig.home, Optional.empty(), GitCredentials.Identity.STRICT))
        .orElseThrow();
  }

  @AfterEach
  void tearDown() {
    forge.close();
  }

  ProfileRepo profile(Optional<String> identity, boolean token) {
    return new ProfileRepo(api, rig.git, digester, reflector,
        new ProfileSettings(forge.baseUrl(), rig.home, identity, token, null), time);
  }

  Path clonePath() {
    return rig.home.resolve("data/.profile/planner-bot");
  }

  void journals(int n) throws Exception {
    for (int i = 0; i < n; i++) {
      forge.seed().file("planner-bot/.profile", "main",
          String.format("journal/issue-%02d-20260101-000000.md", i), "entry " + i + "\n");
    }
  }

  @Test
  void theIdentityIsTheTokensOwner() {
    try (CapturedLog log = CapturedLog.start()) {
      assertThat(profile(Optional.empty(), true).resolveIdentity()).contains("planner-bot");
      assertThat(log.messages()).contains("Resolved agent identity: planner-bot");
    }
  }

  @Test
  void aRefusedTokenResolvesNoIdentity() {
    api = api.withToken("wrong");
    try (CapturedLog log = CapturedLog.start()) {
      assertThat(profile(Optional.empty(), true).resolveIdentity()).isEmpty();
      assertThat(log.messages()).contains(
          "WARNING: failed to resolve agent identity from FORGE_TOKEN");
    }
  }

  @Test
  void withoutATokenTheForgeIsNotAsked() {
    forge.clearJournal();
    try (CapturedLog log = CapturedLog.start()) {
      assertThat(profile(Optional.empty(), false).resolveIdentity()).isEmpty();
      assertThat(log.messages()).contains(
          "WARNING: FORGE_TOKEN not set, cannot resolve agent identity");
    }
    assertThat(forge.journal()).isEmpty();
  }

  @Test
  void theProfileFormulaComesFromTheClone() throws Exception {
    forge.seed().file("planner-bot/.profile", "main", "formula.toml", "name = \"mine\"\n");
    ProfileRepo p = profile(Optional.of("planner-bot"), true);
    try (CapturedLog log = CapturedLog.start()) {
      Optional<Path> dir = p.ensure();
      LoadedFormula f = Formulas.loadOrProfile(Optional.of("planner"), Optional.empty(), dir,
          tmp);
      assertThat(f.source()).isEqualTo(LoadedFormula.Source.PROFILE);
      assertThat(log.messages()).contains(
          "Cloning .profile repo: planner-bot/.profile -> " + clonePath(),
          ".profile repo cloned: " + clonePath(),
          "formula source: .profile (" + clonePath().resolve("formula.toml") + ")");
    }
    // A second ensure pulls what the forge gained since.
    forge.seed().file("planner-bot/.profile", "main", "formula.toml", "name = \"newer\"\n");
    try (CapturedLog log = CapturedLog.start()) {
      assertThat(p.ensure()).contains(clonePath());
      assertThat(Files.readString(clonePath().resolve("formula.toml"))).contains("newer");
      assertThat(log.messages()).contains("Pulling .profile repo: planner-bot/.profile",
          ".profile repo pulled: " + clonePath());
    }
  }

  @Test
  void aFailedCloneFallsBackToFormulas() throws Exception {
    ProfileRepo p = profile(Optional.of("nobody-bot"), true);
    try (CapturedLog log = CapturedLog.start()) {
      assertThat(p.ensure()).isEmpty();
      assertThat(log.messages()).contains(
          "WARNING: failed to clone .profile repo nobody-bot/.profile — falling back to formulas/");
    }
  }

  @Test
  void lessonsAreCappedAndCarryTheirHeading() throws Exception {
    forge.seed().file("planner-bot/.profile", "main", "knowledge/lessons-learned.md",
        "L".repeat(3000) + "\n");
    try (CapturedLog log = CapturedLog.start()) {
      String lessons = profile(Optional.empty(), true).loadLessons();
      assertThat(lessons).isEqualTo(PromptBlocks.LESSONS_HEADING + "\n" + "L".repeat(2048));
      assertThat(log.messages()).contains("profile: loaded lessons-learned.md (2048 bytes)");
    }
  }

  @Test
  void withoutAProfileRepoThereAreNoLessonsAndNoGit() {
    forge.seed().user("dev-bot", u -> u.password("x-pw").token("tok-dev"));
    forge.clearJournal();
    ProfileRepo p = new ProfileRepo(api.withToken("tok-dev"), rig.git, digester, reflector,
        new ProfileSettings(forge.baseUrl(), rig.home, Optional.empty(), true, null), time);
    assertThat(p.loadLessons()).isEmpty();
    assertThat(forge.journal()).extracting(RecordedRequest::path)
        .noneMatch(path -> path.contains(".git"));
    assertThat(rig.home.resolve("data")).doesNotExist();
  }

  @Test
  void tenJournalsAreNotDigested() throws Exception {
    journals(10);
    profile(Optional.of("planner-bot"), true).loadLessons();
    assertThat(digester.prompts).isEmpty();
  }

  @Test
  void elevenJournalsAreDigestedArchivedCommittedAndPushed() throws Exception {
    journals(11);
    forge.seed().file("planner-bot/.profile", "main", "knowledge/lessons-learned.md", "old\n");
    digester.answering(0, "Keep commits small.");
    try (CapturedLog log = CapturedLog.start()) {
      String lessons = profile(Optional.of("planner-bot"), true).loadLessons();

      assertThat(lessons).isEqualTo(PromptBlocks.LESSONS_HEADING + "\nKeep commits small.");
      assertThat(log.messages()).contains("profile: digesting 11 undigested journals",
          "profile: archived 11 journal entries");
    }
    assertThat(digester.prompts).hasSize(1);
    assertThat(digester.prompts.get(0)).contains("## Existing lessons-learned.md (if any)\nold\n")
        .contains("## Journal entries to digest\n\n### issue-00-20260101-000000.md\nentry 0\n");
    assertThat(digester.dirs).containsExactly(clonePath());
    assertThat(Files.readString(clonePath().resolve("knowledge/lessons-learned.md")))
        .isEqualTo("Keep commits small.\n");
    try (var s = Files.list(clonePath().resolve("journal/archive"))) {
      assertThat(s.count()).isEqualTo(11);
    }
    String bare = forge.bareRepository("planner-bot", ".profile").toString();
    assertThat(rig.ok(rig.root, "--git-dir", bare, "show", "main:knowledge/lessons-learned.md"))
        .isEqualTo("Keep commits small.");
    assertThat(rig.ok(rig.root, "--git-dir", bare, "ls-tree", "--name-only", "main", "journal/"))
        .isEqualTo("journal/archive");
    assertThat(rig.ok(rig.root, "--git-dir", bare, "log", "-1", "--format=%s", "main"))
        .contains("lessons-learned");
  }

  @Test
  void aFailedDigestKeepsTheLessonsAndTheJournals() throws Exception {
    journals(11);
    forge.seed().file("planner-bot/.profile", "main", "knowledge/lessons-learned.md", "old\n");
    digester.answering(124, "");
    ProfileRepo p = profile(Optional.of("planner-bot"), true);
    try (CapturedLog log = CapturedLog.start()) {
      String lessons = p.loadLessons();
      assertThat(lessons).isEqualTo(PromptBlocks.LESSONS_HEADING + "\nold");
      assertThat(log.messages()).contains("profile: failed to digest journals",
          "profile: warning — journal digestion failed");
    }
    assertThat(Files.readString(clonePath().resolve("knowledge/lessons-learned.md")))
        .isEqualTo("old\n");
    assertThat(p.countUndigestedJournals()).isEqualTo(11);
    digester.answering(0, "   ");
    assertThat(p.digestJournals().outcome()).isEqualTo(DigestResult.Outcome.FAILED);
    assertThat(Files.readString(clonePath().resolve("knowledge/lessons-learned.md")))
        .isEqualTo("old\n");
  }

  @Test
  void aJournalEntryIsWrittenCommittedAsTheAgentAndPushed() throws Exception {
    reflector.answering(0, "Lesson text");
    JournalResult r;
    try (CapturedLog log = CapturedLog.start()) {
      r = profile(Optional.empty(), true).writeJournal("42", "Fix bug", "merged", "a.sh,b.sh");
      assertThat(log.messages()).contains(
          "profile: wrote journal entry for issue #42 (20260410-120000)");
    }
    assertThat(r.outcome()).isEqualTo(JournalResult.Outcome.WRITTEN);
    assertThat(r.file()).contains(Path.of("journal/issue-42-20260410-120000.md"));
    assertThat(r.commit().orElseThrow().outcome()).isEqualTo(CommitResult.Outcome.PUSHED);
    assertThat(r.commit().orElseThrow().branch()).isEqualTo("main");
    assertThat(reflector.prompts.get(0)).contains("- Issue: #42 — Fix bug\n")
        .contains("Files changed: a.sh,b.sh\nOutcome: merged");
    assertThat(Files.readString(clonePath().resolve("journal/issue-42-20260410-120000.md")))
        .isEqualTo("Lesson text\n");
    String bare = forge.bareRepository("planner-bot", ".profile").toString();
    assertThat(rig.ok(rig.root, "--git-dir", bare, "log", "-1", "--format=%s|%an <%ae>", "main"))
        .isEqualTo("journal: issue #42 reflection (20260410-120000)|planner-bot"
            + " <planner-bot@users.noreply.codeberg.org>");
    assertThat(rig.ok(rig.root, "--git-dir", bare, "show",
        "main:journal/issue-42-20260410-120000.md")).isEqualTo("Lesson text");
  }

  @Test
  void onAProtectedProfileTheJournalGoesToTheJournalBranch() throws Exception {
    forge.seed().user("disinto-admin", u -> u.admin(true).password("admin-pw-1").token("tok-admin"));
    forge.seed().file("planner-bot/.profile", "main", "README.md", "profile\n");
    ForgeClient admin = api.withToken("tok-admin");
    assertThat(new BranchProtection(admin, time).setupProfile("planner-bot/.profile", "main")
        .ok()).isTrue();
    String bare = forge.bareRepository("planner-bot", ".profile").toString();
    String mainBefore = rig.ok(rig.root, "--git-dir", bare, "rev-parse", "main");

    reflector.answering(0, "Protected lesson");
    JournalResult r = profile(Optional.empty(), true).writeJournal("7", "Fix", "merged", "x.sh");

    assertThat(r.commit().orElseThrow().outcome()).isEqualTo(CommitResult.Outcome.PUSHED);
    assertThat(r.commit().orElseThrow().branch()).isEqualTo("journal");
    assertThat(rig.ok(rig.root, "--git-dir", bare, "rev-parse", "main")).isEqualTo(mainBefore);
    assertThat(rig.ok(rig.root, "--git-dir", bare, "show",
        "journal:journal/issue-7-20260410-120000.md")).isEqualTo("Protected lesson");
    // A second entry from the cached clone is fast-forwarded onto the same branch.
    time.advance(java.time.Duration.ofMinutes(1));
    reflector.answering(0, "Second lesson");
    JournalResult second = profile(Optional.empty(), true).writeJournal("8", "Fix", "merged", "");
    assertThat(second.commit().orElseThrow().branch()).isEqualTo("journal");
    assertThat(rig.ok(rig.root, "--git-dir", bare, "show",
        "journal:journal/issue-8-20260410-120100.md")).isEqualTo("Second lesson");
  }

  @Test
  void aFailedReflectionWritesNoEntry() throws Exception {
    reflector.answering(1, "error");
    JournalResult r = profile(Optional.of("planner-bot"), true).writeJournal("planner-run",
        "Planner run", "complete", "");
    assertThat(r.outcome()).isEqualTo(JournalResult.Outcome.FAILED);
    assertThat(clonePath().resolve("journal")).doesNotExist();
    assertThat(reflector.prompts.get(0)).contains("\nOutcome: complete\n")
        .doesNotContain("Files changed");
  }

  @Test
  void noProfileRepoMeansNoJournal() {
    ProfileRepo p = profile(Optional.of("ghost"), true);
    assertThat(p.writeJournal("1", "t", "merged", "").outcome())
        .isEqualTo(JournalResult.Outcome.NO_PROFILE);
    assertThat(p.commitAndPush("x", List.of()).outcome())
        .isEqualTo(CommitResult.Outcome.NO_REPOSITORY);
  }
}
