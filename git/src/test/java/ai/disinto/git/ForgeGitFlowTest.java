package ai.disinto.git;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeResponse;
import ai.disinto.forge.client.model.PullRequest;
import ai.disinto.git.creds.GitCredentials;
import ai.disinto.git.push.ForgePush;
import ai.disinto.git.push.PushResult;
import ai.disinto.git.worktree.ActiveSessions;
import ai.disinto.git.worktree.ClaudeProjectCache;
import ai.disinto.git.worktree.WorktreeManager;
import ai.disinto.git.worktree.WorktreeSettings;
import ai.disinto.log.CapturedLog;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.RecordedRequest;
import ai.disinto.testkit.time.FakeTime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole git side of a dev-agent cycle against the mock forge's real smart-HTTP git: clone
 * with the git CLI, credentials through the library's helper, a worktree made by the library, a
 * push by the library, a PR opened and merged through the API, and the merge commit fetched.
 */
class ForgeGitFlowTest {
  static final String PASS = "dev-bot-pw-5521";
  @TempDir Path tmp;

  @Test
  void aDevCycleFromCloneToFetchedMergeCommit() throws IOException {
    FakeTime time = new FakeTime();
    try (MockForgejo forge = MockForgejo.start(); CapturedLog log = CapturedLog.start()) {
      forge.seed().user("owner", u -> u.password("owner-pw").token("tok-owner"))
          .user("dev-bot", u -> u.password(PASS).token("tok-dev"))
          .repo("owner/proj", r -> r.collaborator("dev-bot", "write"));
      ForgeClient api = ForgeClient.builder().baseUrl(forge.baseUrl()).token("tok-dev")
          .clock(time).sleeper(time).build();
      GitRig rig = GitRig.withoutRepositories(tmp);
      Path clone = rig.root.resolve("proj");
      rig.ok(rig.root, "clone", "-q", forge.cloneUrl("owner", "proj"), clone.toString());

      // The helper answers git's credential requests for the forge: no secret in any URL.
      new GitCredentials(api).configure(new GitCredentials.Settings(forge.baseUrl(), PASS,
          "tok-dev", rig.home, Optional.empty(), GitCredentials.Identity.STRICT)).orElseThrow();

      Path scan = Files.createDirectories(rig.root.resolve("t"));
      WorktreeManager worktrees = new WorktreeManager(
          WorktreeSettings.of(clone).withScanRoot(scan), rig.git,
          new ClaudeProjectCache(rig.root.resolve("cc")), ActiveSessions.none(),
          Clock.systemUTC(), rig.home);
      Path wt = worktrees.create(scan.resolve("proj-worktree-7"), "fix/issue-7",
          Optional.empty());
      String first = rig.commitFile(wt, "fix.txt", "fixed\n", "Fix #7");

      PushResult pushed = new ForgePush(api, time).push(clone, forge.baseUrl(), "owner/proj",
          new GitAuth("dev-bot", PASS));
      assertThat(pushed.outcome()).as(pushed.detail()).isEqualTo(PushResult.Outcome.PUSHED_VERIFIED);
      assertThat(forge.branchHead("owner/proj", "fix/issue-7")).contains(first);

      // A plain git push from inside the worktree authenticates through the helper.
      String second = rig.commitFile(wt, "more.txt", "more\n", "More for #7");
      rig.ok(wt, "push", "-q", "origin", "HEAD:refs/heads/fix/issue-7");
      assertThat(forge.branchHead("owner/proj", "fix/issue-7")).contains(second);
      assertThat(forge.journal()).filteredOn(r -> r.path().endsWith("/git-receive-pack"))
          .extracting(RecordedRequest::principal).containsOnly("dev-bot");

      PullRequest pr = api.forRepo("owner/proj").call("POST", "/pulls",
          Map.of("head", "fix/issue-7", "base", "main", "title", "Fix #7"), PullRequest.class);
      ForgeResponse merged = api.forRepo("owner/proj").withToken("tok-owner")
          .send("POST", "/pulls/" + pr.number() + "/merge", Map.of("Do", "merge"));
      assertThat(merged.status()).isEqualTo(200);

      rig.ok(clone, "fetch", "-q", "origin");
      String[] parents = rig.ok(clone, "rev-list", "--parents", "-n", "1", "origin/main")
          .split(" ");
      assertThat(parents).hasSize(3).contains(second);
      assertThat(rig.ok(clone, "show", "origin/main:fix.txt")).isEqualTo("fixed");

      assertThat(worktrees.cleanup(wt)).isTrue();
      rig.ok(clone, "worktree", "prune");
      assertThat(rig.ok(clone, "worktree", "list", "--porcelain")).doesNotContain(wt.toString());
      assertThat(wt).doesNotExist();

      assertThat(log.text()).doesNotContain(PASS);
      assertThat(rig.ok(clone, "config", "--list")).doesNotContain(PASS);
      assertThat(rig.ok(clone, "config", "--global", "--list")).doesNotContain(PASS);
      assertThat(rig.ok(clone, "remote", "-v")).doesNotContain(PASS).doesNotContain("@");
      try (Stream<Path> files = Files.walk(rig.root)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          if (Files.readString(f, StandardCharsets.ISO_8859_1).contains(PASS)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                .as("%s holds the password", f).isEqualTo("rw-------");
          }
        }
      }
    }
  }

  @Test
  void aConnectionDroppedMidPushIsAFailedOutcomeAndTheClonesAreUntouched() throws IOException {
    FakeTime time = new FakeTime();
    try (MockForgejo forge = MockForgejo.start(); CapturedLog log = CapturedLog.start()) {
      forge.seed().user("dev-bot", u -> u.password(PASS).token("tok-dev"))
          .repo("dev-bot/proj", r -> r.autoInit(true));
      ForgeClient api = ForgeClient.builder().baseUrl(forge.baseUrl()).token("tok-dev")
          .clock(time).sleeper(time).build();
      GitRig rig = GitRig.withoutRepositories(tmp);
      Path clone = rig.root.resolve("proj");
      rig.ok(rig.root, "clone", "-q", forge.cloneUrl("dev-bot", "proj"), clone.toString());
      String before = forge.branchHead("dev-bot/proj", "main").orElseThrow();
      String local = rig.commitFile(clone, "new.txt", "new\n", "New");
      forge.faults().add(ai.disinto.testkit.forgejo.Fault
          .on("POST", "/dev-bot/proj.git/git-receive-pack").dropBeforeProcessing());

      PushResult r = new ForgePush(api, time).push(clone, forge.baseUrl(), "dev-bot/proj",
          new GitAuth("dev-bot", PASS));

      assertThat(r.outcome()).isEqualTo(PushResult.Outcome.BRANCHES_FAILED);
      assertThat(r.detail()).isNotEmpty().doesNotContain(PASS);
      assertThat(forge.branchHead("dev-bot/proj", "main")).contains(before);
      assertThat(rig.ok(clone, "rev-parse", "HEAD")).isEqualTo(local);
      assertThat(rig.ok(clone, "status", "--porcelain")).isEmpty();
      assertThat(log.text()).doesNotContain(PASS);
    }
  }
}
