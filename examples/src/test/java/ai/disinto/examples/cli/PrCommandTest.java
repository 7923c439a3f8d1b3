package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import ai.disinto.testkit.forgejo.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code disinto pr …} in-process against the mock Forgejo: stdout carries only the function's
 * output (or the {@code --vars} lines), log lines go to stderr, exit codes are the return codes.
 */
@ExtendWith(MockForgejoExtension.class)
class PrCommandTest {
  private static final String REPO = "o/r";
  private static final String TOKEN = "tok-dev-0123";

  @TempDir Path root;
  private MockForgejo forge;
  private Map<String, String> env;

  @BeforeEach
  void world(MockForgejo forge) {
    this.forge = forge;
    forge.seed().user("o", "pw-o")
        .user("dev-bot", u -> u.password("pw-dev").token(TOKEN))
        .user("review-bot", u -> u.password("pw-review").token("tok-review"))
        .user("reader", u -> u.password("pw-reader").token("tok-reader"));
    forge.seed().repo(REPO, r -> r.collaborator("dev-bot", "write")
        .collaborator("review-bot", "write").collaborator("reader", "read"));
    env = new HashMap<>(Map.of(
        "FACTORY_ROOT", root.toString(),
        "FORGE_URL", forge.baseUrl(),
        "FORGE_REPO", REPO,
        "FORGE_TOKEN", TOKEN,
        "PRIMARY_BRANCH", "main",
        "LOG_AGENT", "dev"));
  }

  private InProcess.Result run(String... args) {
    return InProcess.run(env, "", args);
  }

  private long pull(String head) {
    return forge.seed().pull(REPO, p -> p.head(head).title("Fix " + head).author("dev-bot"));
  }

  private void approve(long pr, String verdict) {
    String sha = forge.seed().headSha(REPO, pr);
    forge.seed().comment(REPO, pr, "review-bot", "## AI Review\n<!-- reviewed: " + sha
        + " -->\n\nIt's fine.\n\n### Verdict\n**" + verdict + "** — ok\n");
  }

  /** Runs {@code eval "$vars"} in bash and prints one variable, to check the quoting round trip. */
  private static String evalInBash(String vars, String name) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("bash", "-c", "eval \"$1\"; printf %s \"${!2}\"", "_", vars, name)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  @Test
  void createPrintsOnlyTheNumberAndLogsToStderr() {
    forge.seed().branch(REPO, "fix/issue-7", "main");
    forge.pushBranch(REPO, "fix/issue-7", null);

    InProcess.Result r = run("pr", "create", "fix/issue-7", "t", "b");

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).matches("[0-9]+");
    assertThat(r.stderr()).contains("dev: pr-lifecycle: created PR #" + r.stdout());
  }

  @Test
  void createWritesTheLogToLogfileWhenSet() throws IOException {
    env.put("LOGFILE", root.resolve("dev.log").toString());
    forge.seed().branch(REPO, "fix/issue-7", "main");
    forge.pushBranch(REPO, "fix/issue-7", null);

    InProcess.Result r = run("pr", "create", "fix/issue-7", "t", "b");

    assertThat(r.stderr()).isEmpty();
    assertThat(Files.readString(root.resolve("dev.log"))).contains("pr-lifecycle: created PR #");
  }

  @Test
  void createOfAMissingBranchExits1WithNothingOnStdout() {
    InProcess.Result r = run("pr", "create", "fix/none", "t", "b");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).contains("PR creation failed (HTTP 404)");
  }

  @Test
  void createWithAnExistingPrPrintsThatNumber() {
    long pr = pull("fix/issue-7");

    InProcess.Result r = run("pr", "create", "fix/issue-7", "again", "b", "");

    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo(Long.toString(pr));
  }

  @Test
  void findPrintsTheNumberWithOneRequest() {
    long pr = pull("fix/issue-7");
    forge.clearJournal();

    InProcess.Result r = run("pr", "find", "fix/issue-7");

    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo(Long.toString(pr));
    assertThat(forge.journal()).extracting(RecordedRequest::apiTarget)
        .containsExactly("/repos/o/r/pulls/main/fix/issue-7");
  }

  @Test
  void findOfABranchWithoutPrExits1() {
    InProcess.Result r = run("pr", "find", "fix/none");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).isEmpty();
  }

  @Test
  void findWithoutBaseFindsAPrIntoAnotherBranchThanThePrimary() {
    forge.seed().repo("o/ops", x -> x.collaborator("dev-bot", "write"));
    long pr = forge.seed().pull("o/ops", p -> p.head("vault/req-2").base("main").author("dev-bot"));
    env.put("PRIMARY_BRANCH", "master");

    InProcess.Result any = run("pr", "find", "vault/req-2", forge.apiUrl() + "/repos/o/ops");
    InProcess.Result intoMaster =
        run("pr", "find", "vault/req-2", forge.apiUrl() + "/repos/o/ops", "--base", "master");

    assertThat(any.exitCode()).isZero();
    assertThat(any.stdout()).isEqualTo(Long.toString(pr));
    assertThat(intoMaster.exitCode()).isEqualTo(1);
  }

  @Test
  void findInAnotherRepositoryTakesItsApiUrl() {
    forge.seed().repo("o/ops", x -> x.collaborator("dev-bot", "write"));
    long pr = forge.seed().pull("o/ops", p -> p.head("vault/req-1").author("dev-bot"));

    InProcess.Result r = run("pr", "find", "vault/req-1", forge.apiUrl() + "/repos/o/ops");

    assertThat(r.stdout()).isEqualTo(Long.toString(pr));
  }

  @Test
  void pollCiWithoutCiSucceedsAndPrintsTheVariables() {
    long pr = pull("fix/issue-9");
    env.put("WOODPECKER_REPO_ID", "0");

    InProcess.Result r = run("pr", "poll-ci", Long.toString(pr), "--vars");

    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("_PR_CI_STATE=success\n_PR_CI_SHA="
        + forge.seed().headSha(REPO, pr) + "\n_PR_CI_PIPELINE=\n_PR_CI_FAILURE_TYPE=\n"
        + "_PR_CI_ERROR_LOG=\n");
    assertThat(r.stderr()).contains("pr-lifecycle: no CI configured");
  }

  @Test
  void pollCiWithoutVarsPrintsNothing() {
    long pr = pull("fix/issue-9");
    env.put("WOODPECKER_REPO_ID", "0");

    assertThat(run("pr", "poll-ci", Long.toString(pr)).stdout()).isEmpty();
  }

  @Test
  void pollCiReadsAFailedForgeStatusWithItsPipeline() {
    long pr = pull("fix/issue-9");
    String sha = forge.seed().headSha(REPO, pr);
    forge.seed().status(REPO, sha, "ci/woodpecker/pr/ci", "failure",
        "http://ci.local/repos/3/pipeline/17/1");

    InProcess.Result r = run("pr", "poll-ci", Long.toString(pr), "60", "0.01", "--vars");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).contains("_PR_CI_STATE=failure\n", "_PR_CI_PIPELINE=17\n",
        "_PR_CI_FAILURE_TYPE=code\n");
  }

  @Test
  void pollCiTimesOutWithExit2() {
    long pr = pull("fix/issue-9");
    forge.seed().status(REPO, forge.seed().headSha(REPO, pr), "ci", "pending", "");

    InProcess.Result r = run("pr", "poll-ci", Long.toString(pr), "0.02", "0.01", "--vars");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stdout()).startsWith("_PR_CI_STATE=timeout\n");
  }

  @Test
  void pollCiOfADocsOnlyPrSucceedsAtOnce() {
    long pr = forge.seed().pull(REPO, p -> p.head("docs/x").author("dev-bot")
        .file("docs/guide.md", "words\n"));

    InProcess.Result r = run("pr", "poll-ci", Long.toString(pr), "--vars");

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stderr()).contains("non-code — CI not required");
  }

  @Test
  void pollReviewPrintsTheVerdictAndAnEvalSafeText() throws Exception {
    long pr = pull("fix/issue-9");
    approve(pr, "REQUEST_CHANGES");

    InProcess.Result r = run("pr", "poll-review", Long.toString(pr), "1", "0.01", "--vars");

    assertThat(r.exitCode()).isZero();
    List<String> lines = r.stdout().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isEqualTo("_PR_REVIEW_VERDICT=REQUEST_CHANGES");
    assertThat(lines.get(1)).startsWith("_PR_REVIEW_TEXT=$'## AI Review\\n<!-- reviewed: ");
    assertThat(evalInBash(r.stdout(), "_PR_REVIEW_TEXT")).isEqualTo(
        "## AI Review\n<!-- reviewed: " + forge.seed().headSha(REPO, pr)
            + " -->\n\nIt's fine.\n\n### Verdict\n**REQUEST_CHANGES** — ok\n");
  }

  @Test
  void pollReviewTakesVerdictsOnlyFromTheGivenBots() {
    long pr = pull("fix/issue-9");
    approve(pr, "APPROVE");

    InProcess.Result r = run("pr", "poll-review", Long.toString(pr), "0.01", "0.01",
        "--review-bot", "someone-else", "--vars");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).startsWith("_PR_REVIEW_VERDICT=TIMEOUT\n");
  }

  @Test
  void mergeExits0AndPrintsAnEmptyError() {
    long pr = pull("fix/issue-9");

    InProcess.Result r = run("pr", "merge", Long.toString(pr), "--vars");

    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("_PR_MERGE_ERROR=\n");
    assertThat(run("pr", "is-merged", Long.toString(pr)).exitCode()).isZero();
  }

  @Test
  void blockedMergeExits2WithTheQuotedError() throws Exception {
    long pr = pull("fix/issue-9");
    env.put("FORGE_TOKEN", "tok-reader");

    InProcess.Result r = run("pr", "merge", Long.toString(pr), "--vars");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(evalInBash(r.stdout(), "_PR_MERGE_ERROR"))
        .startsWith("blocked (HTTP 405): {\"message\":\"User not allowed to merge PR\"");
  }

  @Test
  void isMergedExits1ForAnOpenPr() {
    long pr = pull("fix/issue-9");

    assertThat(run("pr", "is-merged", Long.toString(pr)).exitCode()).isEqualTo(1);
  }

  @Test
  void closeExits0OnForgejos201() {
    long pr = pull("fix/issue-9");

    InProcess.Result r = run("pr", "close", Long.toString(pr));

    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).contains("pr-lifecycle: PR #" + pr + " closed");
  }

  @Test
  void walkMergesAnApprovedPrWithoutRunningTheAgent() throws IOException {
    long pr = pull("fix/issue-9");
    approve(pr, "APPROVE");
    env.put("WOODPECKER_REPO_ID", "0");
    Path marker = root.resolve("agent-ran");

    InProcess.Result r = run("pr", "walk", Long.toString(pr), "", root.toString(),
        "--agent-cmd", "touch " + marker, "--review-interval", "0.01", "--vars");

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).isEqualTo("_PR_WALK_EXIT_REASON=merged\n");
    assertThat(Files.exists(marker)).isFalse();
  }

  @Test
  void walkHandsTheReviewToTheAgentOnStdinAndEndsReviewExhausted() throws IOException {
    long pr = pull("fix/issue-9");
    approve(pr, "REQUEST_CHANGES");
    env.put("WOODPECKER_REPO_ID", "0");
    env.put("DISINTO_AGENT_CMD", "cat > prompt.txt; printf %s \"$DISINTO_AGENT_SESSION\" > session.txt; "
        + "echo agent-noise >&2; echo agent-output");

    InProcess.Result r = run("pr", "walk", Long.toString(pr), "sess-9", root.toString(), "3", "1",
        "--review-interval", "0.01", "--vars");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).isEqualTo("_PR_WALK_EXIT_REASON=review_exhausted\n");
    assertThat(Files.readString(root.resolve("prompt.txt")))
        .startsWith("Review feedback (round 1/1) on PR #" + pr + ":");
    assertThat(Files.readString(root.resolve("session.txt"))).isEqualTo("sess-9");
    assertThat(r.stderr()).contains("agent-noise").doesNotContain("agent-output");
  }

  @Test
  void walkWithoutAnAgentCommandRunsClaude() throws IOException {
    long pr = pull("fix/issue-9");
    approve(pr, "REQUEST_CHANGES");
    env.put("WOODPECKER_REPO_ID", "0");
    Path bin = ai.disinto.testkit.model.FakeClaude.install(root.resolve("bin")).getParent();
    env.put("PATH", bin + ":/usr/bin:/bin");
    env.put("HOME", Files.createDirectories(root.resolve("home")).toString());
    env.put("SID_FILE", root.resolve("walk.sid").toString());
    env.put("FAKE_CLAUDE_LOG", root.resolve("claude-calls").toString());
    env.put("FAKE_CLAUDE_STDOUT", "{\"type\":\"result\",\"subtype\":\"success\","
        + "\"session_id\":\"sess-10\"}");

    InProcess.Result r = run("pr", "walk", Long.toString(pr), "sess-9", root.toString(), "3", "1",
        "--review-interval", "0.01", "--vars");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).isEqualTo("_PR_WALK_EXIT_REASON=review_exhausted\n");
    assertThat(Files.readString(root.resolve("claude-calls")))
        .contains("-p\nReview feedback (round 1/1) on PR #" + pr + ":", "--resume\nsess-9\n");
    assertThat(Files.readString(root.resolve("walk.sid"))).isEqualTo("sess-10");
  }

  @Test
  void phasePromptPrintsTheTextWithANewline() {
    InProcess.Result r = run("pr", "phase-prompt", "fix/issue-7");

    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).startsWith("## Git workflow\n\nAfter implementing changes:\n")
        .contains("   git fetch origin main && git rebase origin/main\n")
        .contains("   git push origin fix/issue-7\n")
        .endsWith("4. Push with --force-with-lease.\n");
  }

  @Test
  void phasePromptTakesTheRemoteArgument() {
    assertThat(run("pr", "phase-prompt", "b", "forge").stdout())
        .contains("git push --force-with-lease forge b\n");
  }

  @Test
  void wrongUsageExits64() {
    assertThat(run("pr").exitCode()).isEqualTo(64);
    assertThat(run("pr", "merge", "abc").exitCode()).isEqualTo(64);
    assertThat(run("pr", "poll-ci", "9", "60", "0").exitCode()).isEqualTo(64);
  }
}
