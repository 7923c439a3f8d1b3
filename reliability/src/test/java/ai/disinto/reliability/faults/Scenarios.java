package ai.disinto.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.core.secrets.SecretScanner;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.issues.ClaimResult;
import ai.disinto.forge.issues.IssueLifecycle;
import ai.disinto.forge.issues.RefusalResult;
import ai.disinto.forge.issues.StepFailure;
import ai.disinto.forge.issues.WriteResult;
import ai.disinto.forge.pulls.CreateResult;
import ai.disinto.forge.pulls.MergeOutcome;
import ai.disinto.forge.pulls.MergeResult;
import ai.disinto.forge.pulls.PullRequests;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.time.FakeTime;
import ai.disinto.vault.BlastRadiusClassifier;
import ai.disinto.vault.VaultActionValidator;
import ai.disinto.vault.VaultApiException;
import ai.disinto.vault.VaultClient;
import ai.disinto.vault.VaultConfig;
import ai.disinto.vault.VaultRequestResult;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The operations of the matrix. Add an entry to {@link #all()} to cover another flow. */
final class Scenarios {
  static final String REPO = "o/r";
  static final String ME = "dev-bot";
  static final String TOKEN = "tok-dev-bot-5ecret";

  private Scenarios() {}

  /** Every scenario; the setup flows (forge, ops, hire, CI) are in {@link SetupScenarios}. */
  static List<Scenario> all() {
    return List.of(claim(), release(), block(), close(), refuse(), prCreate(), prMerge(),
        vaultRequest(),
        SetupScenarios.forgeSetup(), SetupScenarios.opsSetup(), SetupScenarios.hire(),
        SetupScenarios.ciSetup());
  }

  // ---------------------------------------------------------------- world

  /** Repo o/r with dev-bot (write) and the three workflow labels. */
  static void world(MockForgejo m) {
    m.seed().user(ME, u -> u.token(TOKEN).password("pw-dev-bot-5ecret"));
    m.seed().repo(REPO, r -> r.collaborator(ME, "write"));
    m.seed().label(REPO, "backlog", "#0075ca");
    m.seed().label(REPO, "in-progress", "#e4e669");
    m.seed().label(REPO, "blocked", "#d73a4a");
  }

  static IssueLifecycle lifecycle(MockForgejo m, FakeTime time) {
    return new IssueLifecycle(Clients.forge(m.baseUrl(), REPO, TOKEN, time),
        SecretScanner.defaults(), time);
  }

  static ForgeState state(MockForgejo m) {
    return new ForgeState(Clients.referee(m, REPO, TOKEN));
  }

  /** An issue claimed by dev-bot the way the lifecycle claims (ref, assignee, label). */
  static long claimedIssue(MockForgejo m, FakeTime time) {
    long n = m.seed().issue(REPO, i -> i.title("claimed").labels("backlog"));
    ClaimResult r = lifecycle(m, time).claim(n);
    assertThat(r).isInstanceOf(ClaimResult.Claimed.class);
    return n;
  }

  static final ThreadLocal<FaultKind> CURRENT = new ThreadLocal<>();

  static void leftoverRefOnlyAfterTheForgeDenied(ForgeState s, long n) {
    FaultKind k = CURRENT.get();
    if (k != FaultKind.NOT_FOUND_404 && k != FaultKind.CONFLICT_409) {
      assertThat(s.claimRef(n)).as("claim ref removed").isFalse();
    }
  }

  /** A failed write names each failed step. */
  static void namesSteps(WriteResult r) {
    assertThat(r.failures()).isNotEmpty();
    for (StepFailure f : r.failures()) {
      assertThat(f.step()).as("failure names its step: %s", f).isNotBlank();
    }
  }

  private static Scenario scenario(String name,
      Function<MockForgejo, Function<FakeTime, Scenario.Operation>> make) {
    return new Scenario() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Operation prepare(MockForgejo mock, FakeTime time) {
        world(mock);
        return make.apply(mock).apply(time);
      }
    };
  }

  private interface Run {
    Object run() throws Exception;
  }

  private interface Check {
    boolean check(Object outcome) throws Exception;
  }

  private static Scenario.Operation op(Run run, Check check) {
    return new Scenario.Operation() {
      @Override
      public Object run() throws Exception {
        return run.run();
      }

      @Override
      public boolean check(Object outcome) throws Exception {
        return check.check(outcome);
      }
    };
  }

  // ---------------------------------------------------------------- issues

  static Scenario claim() {
    return scenario("issue claim", m -> time -> {
      long n = m.seed().issue(REPO, i -> i.title("to claim").labels("backlog"));
      IssueLifecycle lc = lifecycle(m, time);
      return op(() -> lc.claim(n), outcome -> {
        ForgeState s = state(m);
        s.checkIssue(n, ME);
        assertThat(outcome).isInstanceOf(ClaimResult.class);
        if (outcome instanceof ClaimResult.Claimed) {
          assertThat(s.labels(n)).contains("in-progress").doesNotContain("backlog");
          assertThat(s.assignees(n)).containsExactly(ME);
          assertThat(s.claimRef(n)).isTrue();
          return true;
        }
        assertThat(outcome).as("a claim ends claimed or untouched").isInstanceOfAny(
            ClaimResult.Failed.class, ClaimResult.LostRace.class);
        if (outcome instanceof ClaimResult.Failed f) {
          assertThat(f.step()).isNotBlank();
        }
        assertThat(s.labels(n)).as("untouched: %s", outcome).containsExactly("backlog");
        assertThat(s.assignees(n)).as("untouched: %s", outcome).isEmpty();
        assertThat(s.claimRef(n)).as("untouched: %s", outcome).isFalse();
        return false;
      });
    });
  }

  static Scenario release() {
    return scenario("issue release", m -> time -> {
      long n = claimedIssue(m, time);
      IssueLifecycle lc = lifecycle(m, time);
      return op(() -> lc.release(n), outcome -> {
        ForgeState s = state(m);
        s.checkIssue(n, ME);
        WriteResult r = (WriteResult) outcome;
        if (r.ok()) {
          assertThat(s.labels(n)).contains("backlog").doesNotContain("in-progress");
          assertThat(s.assignees(n)).isEmpty();
          // A ref the forge called absent (404) or taken (409) may stay: harmless on an issue
          // that no longer looks claimed, and broken as stale by the next claimer.
          leftoverRefOnlyAfterTheForgeDenied(s, n);
          return true;
        }
        namesSteps(r);
        return false;
      });
    });
  }

  static Scenario block() {
    return scenario("issue block", m -> time -> {
      long n = claimedIssue(m, time);
      IssueLifecycle lc = lifecycle(m, time);
      return op(() -> lc.block(n, "ci_exhausted",
          "last words\nexport FORGE_TOKEN=" + TOKEN + "\nFORGE_PASS=pw-dev-bot-5ecret"), outcome -> {
        ForgeState s = state(m);
        s.checkIssue(n, ME);
        WriteResult r = (WriteResult) outcome;
        if (r.ok()) {
          assertThat(s.labels(n)).contains("blocked").doesNotContain("in-progress");
          // A ref the forge called absent (404) or taken (409) may stay: harmless on an issue
          // that no longer looks claimed, and broken as stale by the next claimer.
          leftoverRefOnlyAfterTheForgeDenied(s, n);
          assertThat(s.comments(n)).hasSize(1);
          return true;
        }
        namesSteps(r);
        return false;
      });
    });
  }

  static Scenario close() {
    return scenario("issue close", m -> time -> {
      long n = claimedIssue(m, time);
      IssueLifecycle lc = lifecycle(m, time);
      return op(() -> lc.close(n), outcome -> {
        ForgeState s = state(m);
        s.checkIssue(n, ME);
        WriteResult r = (WriteResult) outcome;
        if (r.ok()) {
          assertThat(s.issue(n).state()).isEqualTo("closed");
          // A ref the forge called absent (404) or taken (409) may stay: harmless on an issue
          // that no longer looks claimed, and broken as stale by the next claimer.
          leftoverRefOnlyAfterTheForgeDenied(s, n);
          return true;
        }
        namesSteps(r);
        return false;
      });
    });
  }

  static Scenario refuse() {
    return scenario("issue refuse", m -> time -> {
      long n = m.seed().issue(REPO, i -> i.title("refused").labels("backlog"));
      IssueLifecycle lc = lifecycle(m, time);
      return op(() -> lc.postRefusal(n, "🚧", "Unmet dependency", "needs #1"), outcome -> {
        ForgeState s = state(m);
        s.checkIssue(n, ME);
        RefusalResult r = (RefusalResult) outcome;
        long posted = s.comments(n).stream()
            .filter(c -> c.body().contains("Unmet dependency")).count();
        assertThat(posted).as("the refusal is there at most once").isLessThanOrEqualTo(1);
        if (r.outcome() == RefusalResult.Outcome.POSTED) {
          assertThat(posted).isEqualTo(1);
          return true;
        }
        assertThat(r.failure()).as("a refusal not known posted says why: %s", r).isPresent();
        assertThat(r.failure().get().step()).isNotBlank();
        return false;
      });
    });
  }

  // ---------------------------------------------------------------- pulls

  static PullRequests pulls(MockForgejo m, FakeTime time) {
    return PullRequests.builder(Clients.forge(m.baseUrl(), REPO, TOKEN, time)).sleeper(time)
        .build();
  }

  static Scenario prCreate() {
    return scenario("pr create", m -> time -> {
      m.pushBranch(REPO, "fix/issue-7", null);
      PullRequests prs = pulls(m, time);
      return op(() -> prs.create("fix/issue-7", "fix: issue 7", "Closes #7"), outcome -> {
        ForgeState s = state(m);
        s.checkPulls();
        CreateResult r = (CreateResult) outcome;
        long open = s.pulls().stream().filter(p -> "open".equals(p.state())).count();
        if (r.ok()) {
          assertThat(open).as("one PR after %s", r).isEqualTo(1);
          assertThat(r.number()).isPresent();
          return true;
        }
        assertThat(r.outcome()).isEqualTo(CreateResult.Outcome.FAILED);
        assertThat(r.message()).as("a failed create says why").isNotBlank();
        assertThat(open).as("a failed create leaves no PR behind: %s", r).isZero();
        return false;
      });
    });
  }

  static Scenario prMerge() {
    return scenario("pr merge", m -> time -> {
      m.pushBranch(REPO, "fix/issue-8", null);
      long pr = m.seed().pull(REPO, p -> p.head("fix/issue-8").author(ME));
      PullRequests prs = pulls(m, time);
      return op(() -> prs.merge(pr, "merge fix/issue-8"), outcome -> {
        ForgeState s = state(m);
        s.checkPulls();
        MergeResult r = (MergeResult) outcome;
        String state = s.pulls().stream().filter(p -> p.number() == pr).findFirst().orElseThrow()
            .state();
        if (r.merged()) {
          assertThat(state).isEqualTo("closed");
          return true;
        }
        assertThat(r.outcome()).isNotEqualTo(MergeOutcome.MERGED);
        assertThat(r.error()).as("an unmerged PR says why: %s", r).isNotBlank();
        return false;
      });
    });
  }

  // ---------------------------------------------------------------- vault

  static final String OPS = "o/r-ops";
  static final String ACTION = "publish-site-20260331";
  static final String HIGH_TOML = "id = \"" + ACTION + "\"\nformula = \"run-publish-site\"\n"
      + "context = \"Publish updated site\"\nsecrets = [\"DEPLOY_KEY\"]\n";

  static Scenario vaultRequest() {
    return scenario("vault request", m -> time -> {
      m.seed().user("admin", u -> u.password("admin-pw-5ecret").token("tok-admin-5ecret")
          .admin(true));
      m.seed().repo(OPS, r -> r.collaborator(ME, "write"));
      m.seed().label(OPS, "vault", "#000000");
      m.seed().label(OPS, "pending-approval", "#ffffff");
      VaultClient vault;
      try {
        Path formulas = Files.createTempDirectory("formulas");
        for (String f : List.of("run-publish-site.toml", "groom-backlog.toml", "dev.toml",
            "release.toml", "release.sh")) {
          Files.writeString(formulas.resolve(f), "");
        }
        vault = new VaultClient(Clients.forge(m.baseUrl(), REPO, TOKEN, time),
            Optional.of(Clients.forge(m.baseUrl(), REPO, "tok-admin-5ecret", time)),
            VaultConfig.of(OPS, "main", REPO, Optional.empty()),
            new VaultActionValidator(formulas), BlastRadiusClassifier.ofPolicyText(policy()));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      VaultClient v = vault;
      return op(() -> v.request(ACTION, HIGH_TOML), outcome -> {
        ForgeState s = new ForgeState(Clients.referee(m, OPS, "tok-admin-5ecret"));
        s.checkPulls();
        String branch = VaultClient.branchFor(ACTION);
        boolean hasBranch = s.branch(branch);
        // Open, or already merged by the auto-merge the request asks for.
        long prs = s.pulls().stream().filter(p -> p.head() != null
            && branch.equals(p.head().ref())).count();
        if (outcome instanceof VaultRequestResult r) {
          assertThat(r.kind()).isEqualTo(VaultRequestResult.Kind.PR_CREATED);
          assertThat(prs).as("PRs of %s", branch).isEqualTo(1);
          assertThat(hasBranch).isTrue();
          return true;
        }
        assertThat(outcome).isInstanceOf(VaultApiException.class);
        VaultApiException e = (VaultApiException) outcome;
        assertThat(e.step()).isNotNull();
        assertThat(prs).as("a failed request opened no PR").isZero();
        assertThat(hasBranch).as("no vault branch without its PR (%s at %s, left behind: %s)",
            e.getMessage(), e.step(), e.leftBehind()).isFalse();
        return false;
      });
    });
  }

  static String policy() throws java.io.IOException {
    try (InputStream in = Scenarios.class.getResourceAsStream("/policy-template.toml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
