package ai.disinto.examples.readme;

import ai.disinto.agent.ClaudeCodeRunner;
import ai.disinto.agent.ClaudeConfig;
import ai.disinto.agent.SessionStore;
import ai.disinto.ci.helpers.CiService;
import ai.disinto.ci.helpers.CiSettings;
import ai.disinto.ci.helpers.WoodpeckerCiGate;
import ai.disinto.ci.logs.CiLogReader;
import ai.disinto.ci.woodpecker.WoodpeckerClient;
import ai.disinto.core.config.EnvLoader;
import ai.disinto.core.config.FactoryEnv;
import ai.disinto.core.secrets.SecretScanner;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.issues.ClaimResult;
import ai.disinto.forge.issues.IssueLifecycle;
import ai.disinto.forge.pulls.CreateResult;
import ai.disinto.forge.pulls.MergeWalk;
import ai.disinto.forge.pulls.PullRequests;
import ai.disinto.forge.pulls.PullsConfig;
import ai.disinto.forge.pulls.WalkResult;
import ai.disinto.git.push.GitCliRetrigger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The README's embedding example, compiled by the build. {@link ReadmeExampleTest} checks that the
 * README shows exactly the lines between the markers, and runs the first half against MockForgejo.
 */
final class EmbeddingExample {
  private EmbeddingExample() {}

  /**
   * Claims the next ready issue, opens its PR and walks the PR to merge.
   *
   * @return the walk's result, or empty when no issue was ready or another agent won the claim
   */
  static Optional<WalkResult> workOneIssue(Path factoryRoot, Path worktree) {
    // README:begin
    FactoryEnv env = EnvLoader.load(factoryRoot);                   // env, .env, PROJECT_TOML
    ForgeClient forge = ForgeClient.fromEnv(env);                   // FORGE_URL, FORGE_REPO, FORGE_TOKEN
    IssueLifecycle issues = new IssueLifecycle(forge, SecretScanner.defaults(), Clock.systemUTC());
    PullRequests prs = PullRequests.builder(forge).config(PullsConfig.fromEnv(env)).build();
    WoodpeckerClient woodpecker = WoodpeckerClient.fromEnv(env);  // WOODPECKER_SERVER, WOODPECKER_TOKEN
    CiSettings ci = new CiSettings(env.woodpeckerRepoId());
    CiLogReader logs = new CiLogReader(CiLogReader.dataDir(env.getOrEmpty("WOODPECKER_DATA_DIR")),
        ci.repoId());                                               // failed steps' logs, from the SQLite store
    MergeWalk walk = MergeWalk.builder(prs,                         // the walk's three ports:
            new WoodpeckerCiGate(new CiService(ci, woodpecker, forge, logs)), // CiGate (disinto-ci)
            new ClaudeCodeRunner(ClaudeConfig.fromEnv(env.childProcessEnv()),
                new SessionStore(worktree.resolve(".claude-session"))), // AgentRunner (disinto-agent-sdk)
            new GitCliRetrigger(env.childProcessEnv()))             //   BranchRetrigger (disinto-git)
        .build();

    OptionalLong next = issues.suggestNext();                       // first backlog issue whose deps are closed
    if (next.isEmpty()
        || !(issues.claim(next.getAsLong()) instanceof ClaimResult.Claimed claimed)) {
      return Optional.empty();                                      // nothing ready, or another agent won it
    }
    long n = next.getAsLong();
    // ... the agent implements #n in `worktree` and pushes fix/issue-n ...
    CreateResult pr = prs.create("fix/issue-" + n, "Fix #" + n, "Fixes #" + n + " (" + claimed.login() + ")");
    if (pr.number().isEmpty()) {
      throw new IllegalStateException("no PR: " + pr.message());    // the result says why: status, message
    }
    return Optional.of(walk.walk(pr.number().getAsLong(), "", worktree)); // CI, review, agent fixes, merge
    // README:end
  }
}
