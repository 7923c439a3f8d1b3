package ai.disinto.forge.pulls;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.testkit.forgejo.Fault;
import ai.disinto.testkit.forgejo.RecordedRequest;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** pr_create and pr_find_by_branch against the mock Forgejo (spec/forge.md pr-lifecycle 1–4). */
class PrCreateAndFindTest extends PullsTest {
  @Override
  long seed(PullsWorld world) {
    return 0;
  }

  private void branch(String name) {
    w.forge.seed().branch(PullsWorld.REPO, name, "main");
    w.forge.pushBranch(PullsWorld.REPO, name, null);
  }

  @Test
  @DisplayName("case 1: create posts title, body, head and base and returns the new number")
  void createPostsTheFourFieldsAndReturnsTheNewNumber() {
    branch("fix/issue-7");

    OptionalLong n = w.prs().create("fix/issue-7", "t", "b").number();

    RecordedRequest post = w.requests("POST", "/pulls").get(0);
    assertThat(post.body())
        .isEqualTo("{\"title\":\"t\",\"body\":\"b\",\"head\":\"fix/issue-7\",\"base\":\"main\"}");
    assertThat(post.status()).isEqualTo(201);
    assertThat(n).isPresent();
    assertThat(w.forge.seed().headSha(PullsWorld.REPO, n.getAsLong())).isNotEmpty();
    assertThat(w.log()).contains("pr-lifecycle: created PR #" + n.getAsLong());
  }

  @Test
  void createHandsBackThePrFromTheAnswerWithoutReadingItAgain() {
    branch("fix/issue-8");
    w.forge.clearJournal();

    CreateResult r = w.prs().create("fix/issue-8", "t", "b");

    assertThat(w.targets()).containsExactly("POST /repos/o/r/pulls");
    assertThat(r.pullRequest()).hasValueSatisfying(pr -> {
      assertThat(pr.number()).isEqualTo(r.number().getAsLong());
      assertThat(pr.head().ref()).isEqualTo("fix/issue-8");
      assertThat(pr.head().sha())
          .isEqualTo(w.forge.seed().headSha(PullsWorld.REPO, pr.number()));
      assertThat(pr.isOpen()).isTrue();
    });
  }

  @Test
  @DisplayName("case 2: a 409 is answered with the open PR, found by base and head in one request")
  void createAnswersA409WithTheExistingOpenPr() {
    long existing = w.pull("fix/issue-7");
    w.forge.clearJournal();

    CreateResult r = w.prs().create("fix/issue-7", "again", "b");

    assertThat(r.outcome()).isEqualTo(CreateResult.Outcome.ALREADY_OPEN);
    assertThat(r.number()).hasValue(existing);
    assertThat(w.targets()).containsExactly(
        "POST /repos/o/r/pulls", "GET /repos/o/r/pulls/main/fix/issue-7");
    assertThat(w.forge.journal().get(0).status()).isEqualTo(409);
    assertThat(w.log()).contains("pr-lifecycle: PR already exists: #" + existing);
  }

  @Test
  @DisplayName("case 3: a 409 without an open PR for the branch gives nothing")
  void createGivesNothingWhenA409HasNoOpenPrBehindIt() {
    branch("fix/issue-7");
    w.forge.faults().add(Fault.on("POST", "/repos/o/r/pulls").withStatus(409));

    CreateResult r = w.prs().create("fix/issue-7", "t", "b");

    assertThat(r.outcome()).isEqualTo(CreateResult.Outcome.FAILED);
    assertThat(r.httpStatus()).isEqualTo(409);
    assertThat(r.number()).isEmpty();
    assertThat(w.log()).contains("pr-lifecycle: PR creation failed: 409 conflict, no existing PR found");
  }

  @Test
  @DisplayName("case 4: a missing head branch (404) gives nothing and logs the status")
  void createGivesNothingForAMissingHeadBranch() {
    CreateResult r = w.prs().create("fix/missing", "t", "b");

    assertThat(r.ok()).isFalse();
    assertThat(r.httpStatus()).isEqualTo(404);
    assertThat(r.number()).isEmpty();
    assertThat(w.log()).anyMatch(l -> l.contains("PR creation failed (HTTP 404)"));
  }

  @Test
  void createRedactsSecretsInTitleAndBodyBeforeSending() {
    branch("fix/issue-8");
    String token = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";

    OptionalLong n = w.prs().create("fix/issue-8", "leak " + token,
        "the token is " + token + " oops").number();

    assertThat(n).isPresent();
    assertThat(w.requests("POST", "/pulls").get(0).body()).doesNotContain(token);
    Map<?, ?> stored = (Map<?, ?>) w.forge.journal().stream()
        .filter(r -> r.method().equals("POST")).findFirst().orElseThrow().jsonBody();
    assertThat((String) stored.get("body")).isEqualTo("the token is [REDACTED] oops");
    assertThat(w.client(PullsWorld.DEV_TOKEN)
        .get("/pulls/" + n.getAsLong(), ai.disinto.forge.client.model.PullRequest.class).body())
        .isEqualTo("the token is [REDACTED] oops");
  }

  @Test
  void createGivesNothingWhenTheForgeIsUnreachable() {
    branch("fix/issue-9");
    w.forge.faults().add(Fault.on("POST", "/repos/o/r/pulls").withStatus(503));

    CreateResult r = w.prs().create("fix/issue-9", "t", "b");

    assertThat(r.number()).isEmpty();
    assertThat(r.httpStatus()).isEqualTo(503);
    assertThat(w.log()).anyMatch(l -> l.contains("PR creation failed (HTTP 503)"));
  }

  @Test
  void createIntoAnotherBaseUsesThatBase() {
    w.forge.seed().branch(PullsWorld.REPO, "develop", "main");
    branch("feat/x");

    OptionalLong n = w.prs().create("feat/x", "t", "b", "develop").number();

    assertThat(n).isPresent();
    assertThat(((Map<?, ?>) w.requests("POST", "/pulls").get(0).jsonBody()).get("base"))
        .isEqualTo("develop");
  }

  @Test
  void createInTheOpsRepoGoesToThatRepository() {
    w.forge.seed().repo("o/ops", r -> r.collaborator("dev-bot", "write"));
    w.forge.seed().branch("o/ops", "vault/req-1", "main");
    w.forge.pushBranch("o/ops", "vault/req-1", null);
    PullRequests prs = w.prs();

    OptionalLong n = prs.create("vault/req-1", "vault", "b", "main",
        w.client(PullsWorld.DEV_TOKEN).forRepo("o/ops")).number();

    assertThat(n).isPresent();
    assertThat(w.targets()).contains("POST /repos/o/ops/pulls");
    assertThat(prs.findOpenByBranch("vault/req-1", w.client(PullsWorld.DEV_TOKEN).forRepo("o/ops")))
        .isEqualTo(n);
    assertThat(prs.findOpenByBranch("vault/req-1")).isEmpty();
  }

  @Test
  @DisplayName("find-by-branch is exactly one request")
  void findOpenByBranchIsOneRequest() {
    long pr = w.pull("fix/issue-7");
    w.pull("fix/issue-8");
    w.forge.clearJournal();

    OptionalLong n = w.prs().findOpenByBranch("fix/issue-7");

    assertThat(n).hasValue(pr);
    assertThat(w.targets()).containsExactly("GET /repos/o/r/pulls/main/fix/issue-7");
  }

  @Test
  void findOpenByBranchGivesNothingWhenNoPrExistsAfterCheckingTheOpenPrs() {
    w.pull("fix/other");
    w.forge.clearJournal();

    assertThat(w.prs().findOpenByBranch("fix/issue-7")).isEmpty();
    assertThat(w.targets()).containsExactly("GET /repos/o/r/pulls/main/fix/issue-7",
        "GET /repos/o/r/pulls?state=open&limit=50&page=1");
    assertThat(w.log()).isEmpty();
  }

  @Test
  @DisplayName("find-by-branch matches the head into any base: a vault PR into main, primary master")
  void findOpenByBranchFindsAPrIntoAnotherBaseThanThePrimaryBranch() {
    w.config = w.config.withPrimaryBranch("master");
    long pr = w.pull("vault/x");
    w.forge.clearJournal();

    OptionalLong n = w.prs().findOpenByBranch("vault/x");

    assertThat(n).hasValue(pr);
    assertThat(w.targets()).containsExactly("GET /repos/o/r/pulls/master/vault/x",
        "GET /repos/o/r/pulls?state=open&limit=50&page=1");
  }

  @Test
  void findOpenByBranchInTheOpsRepoMatchesTheHeadIntoAnyBase() {
    w.config = w.config.withPrimaryBranch("master");
    w.forge.seed().repo("o/ops", r -> r.collaborator("dev-bot", "write"));
    long pr = w.forge.seed().pull("o/ops", p -> p.head("vault/req-2").author("dev-bot"));

    OptionalLong n = w.prs().findOpenByBranch("vault/req-2",
        w.client(PullsWorld.DEV_TOKEN).forRepo("o/ops"));

    assertThat(n).hasValue(pr);
  }

  @Test
  void findOpenByBranchIntoAGivenBaseTakesTheForgesNoAsFinal() {
    w.forge.seed().branch(PullsWorld.REPO, "develop", "main");
    w.pull("fix/issue-7");
    w.forge.clearJournal();

    OptionalLong n = w.prs().findOpenByBranch("fix/issue-7", "develop",
        w.client(PullsWorld.DEV_TOKEN));

    assertThat(n).isEmpty();
    assertThat(w.targets()).containsExactly("GET /repos/o/r/pulls/develop/fix/issue-7");
  }

  @Test
  void findOpenByBranchIgnoresAClosedPrOfTheBranch() {
    w.forge.seed().pull(PullsWorld.REPO, p -> p.head("fix/issue-7").author("dev-bot").closed());

    assertThat(w.prs().findOpenByBranch("fix/issue-7")).isEmpty();
    assertThat(w.targets()).contains("GET /repos/o/r/pulls?state=open&limit=50&page=1");
  }

  @Test
  void findOpenByBranchFallsBackToTheOpenListWhenTheLatestPairIsClosed() {
    // A real Forgejo may answer an older, closed PR of the pair; the mock answers the newest,
    // so the closed answer is injected.
    long open = w.pull("fix/issue-7");
    w.forge.faults().add(Fault.on("GET", "/repos/o/r/pulls/main/fix/issue-7").withStatus(200)
        .withBody("{\"number\":3,\"state\":\"closed\",\"head\":{\"ref\":\"fix/issue-7\"}}"));

    assertThat(w.prs().findOpenByBranch("fix/issue-7")).hasValue(open);
    assertThat(w.log()).anyMatch(l -> l.contains("PR #3 for fix/issue-7 is closed"));
  }

  @Test
  void findOpenByBranchGivesNothingWhenTheLookupFails() {
    w.pull("fix/issue-7");
    w.forge.faults().add(Fault.on("GET", "/repos/o/r/pulls/main/**").withStatus(500));

    assertThat(w.prs().findOpenByBranch("fix/issue-7")).isEmpty();
    assertThat(w.log()).anyMatch(l -> l.contains("cannot look up the PR for fix/issue-7"));
  }

  @Test
  void findOpenByBranchEncodesSpecialCharactersInTheBranch() {
    long pr = w.pull("fix/issue#7+x");

    assertThat(w.prs().findOpenByBranch("fix/issue#7+x")).hasValue(pr);
    assertThat(w.forge.journal().get(w.forge.journal().size() - 1).path())
        .isEqualTo("/api/v1/repos/o/r/pulls/main/fix/issue#7+x");
  }
}
