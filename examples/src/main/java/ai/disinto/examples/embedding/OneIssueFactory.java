package ai.disinto.examples.embedding;

import ai.disinto.agent.ClaudeCodeRunner;
import ai.disinto.agent.ClaudeConfig;
import ai.disinto.agent.SessionStore;
import ai.disinto.ci.debug.CiDebug;
import ai.disinto.ci.helpers.CiService;
import ai.disinto.ci.helpers.CiSettings;
import ai.disinto.ci.helpers.WoodpeckerCiGate;
import ai.disinto.ci.logs.CiLogReader;
import ai.disinto.ci.woodpecker.WoodpeckerClient;
import ai.disinto.core.Sleeper;
import ai.disinto.core.WaitListener;
import ai.disinto.core.agent.AgentResult;
import ai.disinto.core.agent.AgentRunner;
import ai.disinto.core.config.EnvLoader;
import ai.disinto.core.config.FactoryEnv;
import ai.disinto.core.secrets.SecretScanner;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.issues.ClaimResult;
import ai.disinto.forge.issues.IssueLifecycle;
import ai.disinto.forge.pulls.CiGate;
import ai.disinto.forge.pulls.CreateResult;
import ai.disinto.forge.pulls.MergeWalk;
import ai.disinto.forge.pulls.PullRequests;
import ai.disinto.forge.pulls.PullsConfig;
import ai.disinto.forge.pulls.WalkExitReason;
import ai.disinto.forge.pulls.WalkResult;
import ai.disinto.git.push.GitCliRetrigger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A factory of one issue, built from the library alone: pick the next ready issue, claim it, let
 * the agent implement it on {@code fix/issue-N}, open the PR, walk the PR through CI (Woodpecker),
 * review and agent fixes to the merge, and close the issue.
 *
 * <p>{@link #main} wires it from the environment the way the factory's agents read it, with the
 * real Claude Code CLI as the agent; {@link #workNextIssue} takes the parts, so that a tool (or a
 * test) can pass its own agent, sleeper or wait listener.
 */
public final class OneIssueFactory {
  private static final Logger LOG = LoggerFactory.getLogger(OneIssueFactory.class);

  private final ForgeClient forge;
  private final CiGate ci;
  private final AgentRunner agent;
  private final PullsConfig pulls;
  private final Sleeper sleeper;
  private final Clock clock;
  private final WaitListener waits;
  private final Map<String, String> childEnv;

  /**
   * Assembles the factory from its parts.
   *
   * @param forge the forge client of the project's repository (whose token is the dev bot's)
   * @param ci the CI port of the walk, such as a {@link WoodpeckerCiGate}
   * @param agent the agent that implements issues and fixes PRs, such as a {@link ClaudeCodeRunner}
   * @param pulls the PR settings: polling times, budgets, review bots
   * @param sleeper what every wait goes through ({@link Sleeper#system()} in production)
   * @param clock the clock of claims and log stamps
   * @param waits who hears about the walk's waits ({@link WaitListener#NONE} for nobody)
   * @param childEnv the environment of the git children of the retrigger
   */
  public OneIssueFactory(ForgeClient forge, CiGate ci, AgentRunner agent, PullsConfig pulls,
      Sleeper sleeper, Clock clock, WaitListener waits, Map<String, String> childEnv) {
    this.forge = Objects.requireNonNull(forge, "forge");
    this.ci = Objects.requireNonNull(ci, "ci");
    this.agent = Objects.requireNonNull(agent, "agent");
    this.pulls = Objects.requireNonNull(pulls, "pulls");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.waits = Objects.requireNonNull(waits, "waits");
    this.childEnv = Map.copyOf(childEnv);
  }

  /**
   * The factory as the agents' environment describes it: {@code FORGE_URL}, {@code FORGE_REPO},
   * {@code FORGE_TOKEN}, {@code WOODPECKER_SERVER}, {@code WOODPECKER_TOKEN}, {@code
   * WOODPECKER_REPO_ID}, {@code WOODPECKER_DATA_DIR}, the PR settings, and Claude Code as agent
   * (its session id kept in {@code sessionFile}).
   *
   * @param env the loaded configuration
   * @param sessionFile where the agent's session id is kept between runs
   * @return the factory
   */
  public static OneIssueFactory fromEnv(FactoryEnv env, Path sessionFile) {
    ForgeClient forge = ForgeClient.fromEnv(env);
    WoodpeckerClient woodpecker = WoodpeckerClient.fromEnv(env);
    CiSettings settings = new CiSettings(env.woodpeckerRepoId());
    CiService ciService = new CiService(settings, woodpecker, forge, new CiLogReader(
        CiLogReader.dataDir(env.getOrEmpty("WOODPECKER_DATA_DIR")), settings.repoId()));
    CiGate gate = settings.repoId().isPresent()
        ? new WoodpeckerCiGate(ciService, new CiDebug(woodpecker, settings.repoId().getAsLong()))
        : new WoodpeckerCiGate(ciService);
    AgentRunner claude = new ClaudeCodeRunner(ClaudeConfig.fromEnv(env.childProcessEnv()),
        new SessionStore(sessionFile));
    return new OneIssueFactory(forge, gate, claude, PullsConfig.fromEnv(env), Sleeper.system(),
        Clock.systemUTC(), WaitListener.NONE, env.childProcessEnv());
  }

  /**
   * What became of one issue.
   *
   * @param issue the issue worked on; empty when none was ready or the claim was lost
   * @param pr the PR opened for it; empty when none was opened
   * @param walk how the walk ended; {@code null} when there was no walk
   * @param detail one line on why it stopped where it did
   */
  public record Outcome(OptionalLong issue, OptionalLong pr, WalkResult walk, String detail) {
    /**
     * Whether the PR was merged and the issue closed.
     *
     * @return true for a finished issue
     */
    public boolean merged() {
      return walk != null && walk.reason() == WalkExitReason.MERGED;
    }
  }

  /**
   * Works the next ready issue (the first backlog issue whose dependencies are all closed) from
   * claim to merge, in {@code worktree}: a clone of the project whose {@code origin} is the forge.
   * The agent is asked to commit its work on {@code fix/issue-N} and push it; an agent that pushes
   * nothing, or throws, leaves no PR, and the claim is released.
   *
   * @param worktree the clone the agent and the CI retrigger work in
   * @return what became of the issue
   */
  public Outcome workNextIssue(Path worktree) {
    IssueLifecycle issues = new IssueLifecycle(forge, SecretScanner.defaults(), clock);
    OptionalLong next = issues.suggestNext();
    if (next.isEmpty()) {
      return new Outcome(OptionalLong.empty(), OptionalLong.empty(), null, "no issue is ready");
    }
    long n = next.getAsLong();
    if (!(issues.claim(n) instanceof ClaimResult.Claimed)) {
      return new Outcome(OptionalLong.empty(), OptionalLong.empty(), null,
          "issue #" + n + " was not claimed");
    }
    String branch = "fix/issue-" + n;
    AgentResult work;
    try {
      work = agent.run("Implement issue #" + n + " of " + forge.repoSlug()
          + ". Commit on branch " + branch + " and push it to origin.", "", worktree);
    } catch (RuntimeException e) {
      // An agent that throws leaves no PR: the issue goes back, not stranded in progress.
      boolean back = issues.release(n).ok();
      String why = SecretScanner.defaults().redact(String.valueOf(e.getMessage()));
      LOG.warn("issue #{}: the agent failed: {}", n, why);
      return new Outcome(OptionalLong.of(n), OptionalLong.empty(), null, "the agent failed on"
          + " issue #" + n + ": " + why + (back ? "; the issue is back in the backlog"
          : "; releasing it failed too"));
    }
    PullRequests prs = PullRequests.builder(forge).config(pulls).sleeper(sleeper).build();
    CreateResult pr = prs.create(branch, "Fix #" + n, "Fixes #" + n);
    if (pr.number().isEmpty()) {
      issues.release(n);
      return new Outcome(OptionalLong.of(n), OptionalLong.empty(), null,
          "no PR for " + branch + ": " + pr.message());
    }
    long number = pr.number().getAsLong();
    MergeWalk walk = MergeWalk.builder(prs, ci, agent, new GitCliRetrigger(childEnv))
        .waitListener(waits)
        .build();
    WalkResult result = walk.walk(number, work.sessionId(), worktree);
    if (result.reason() == WalkExitReason.MERGED) {
      issues.close(n);
    } else {
      issues.block(n, "the PR walk ended with " + result.reason().wireName(), "");
    }
    LOG.info("issue #{}: PR #{} ended with {}", n, number, result.reason().wireName());
    return new Outcome(OptionalLong.of(n), OptionalLong.of(number), result,
        "walk ended with " + result.reason().wireName());
  }

  /**
   * Works the next ready issue of the factory that the environment (and {@code FACTORY_ROOT/.env})
   * describes, in the clone given as the first argument, and exits 0 when it was merged, 1
   * otherwise.
   *
   * @param args the clone to work in, then the factory root (default: the working directory)
   */
  public static void main(String[] args) {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: OneIssueFactory WORKTREE [FACTORY_ROOT]");
      System.exit(64);
    }
    Path worktree = Path.of(args[0]).toAbsolutePath();
    FactoryEnv env = EnvLoader.load(Path.of(args.length > 1 ? args[1] : "").toAbsolutePath());
    Outcome outcome = fromEnv(env, worktree.resolve(".disinto-session")).workNextIssue(worktree);
    System.out.println(outcome.detail());
    System.exit(outcome.merged() ? 0 : 1);
  }
}
