package ai.disinto.examples.cli.pr;

import ai.disinto.examples.cli.CliException;
import ai.disinto.examples.cli.Main;
import ai.disinto.agent.ClaudeCodeRunner;
import ai.disinto.agent.ClaudeConfig;
import ai.disinto.agent.ExternalCommandAgent;
import ai.disinto.agent.SessionStore;
import ai.disinto.core.agent.AgentRunner;
import ai.disinto.forge.pulls.MergeWalk;
import ai.disinto.forge.pulls.PullsConfig;
import ai.disinto.forge.pulls.WalkResult;
import ai.disinto.git.push.GitCliRetrigger;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code disinto pr walk PR SESSION_ID WORKTREE [MAX_CI_FIXES] [MAX_REVIEW_ROUNDS] [--agent-cmd
 * CMD] [--vars]}. Mirrors {@code pr_walk_to_merge}: exits 0 when the PR ended merged, else 1; with
 * {@code --vars} prints {@code _PR_WALK_EXIT_REASON} ({@code merged}, {@code ci_exhausted}, {@code
 * review_exhausted}, {@code ci_timeout}, {@code review_timeout}, {@code merge_blocked}, {@code
 * closed_externally}, {@code unexpected_verdict}).
 *
 * <p>The agent is the original's {@code agent_run}: the agent-sdk's {@code ClaudeCodeRunner}
 * running {@code claude} from {@code PATH} (session file {@code SID_FILE}, else {@code
 * /tmp/pr-walk-<PR>.sid}). With an external command instead (option {@code --agent-cmd}, else
 * {@code DISINTO_AGENT_CMD}), that command is run by {@code /bin/sh -c} in the worktree with the
 * prompt on standard input and the session in {@code DISINTO_AGENT_SESSION} (the agent-sdk's
 * {@code ExternalCommandAgent}); its standard error lines are logged. CI is read from Woodpecker
 * with the forge's commit status as fallback (the ci module's {@code WoodpeckerCiGate}); the infra
 * retrigger runs {@code git} in the worktree (the git
 * module's {@code GitCliRetrigger}). Poll timings default to the original's and can
 * be set in seconds with the {@code --ci-…}/{@code --review-…} options.
 */
@Command(name = "walk", description = "Walk a PR through CI, review and merge (pr_walk_to_merge).")
public final class PrWalkCommand extends PrSubcommand {
  @Parameters(index = "0", paramLabel = "PR", description = "The PR number.")
  long pr;

  @Parameters(index = "1", paramLabel = "SESSION_ID", description = "Agent session to resume ('' for none).")
  String sessionId;

  @Parameters(index = "2", paramLabel = "WORKTREE", description = "The PR's worktree.")
  Path worktree;

  @Parameters(index = "3", arity = "0..1", paramLabel = "MAX_CI_FIXES", description = "Default 3.")
  Integer maxCiFixes;

  @Parameters(index = "4", arity = "0..1", paramLabel = "MAX_REVIEW_ROUNDS", description = "Default 5.")
  Integer maxReviewRounds;

  @Option(names = "--agent-cmd", paramLabel = "CMD",
      description = "Agent command instead of claude; gets the prompt on stdin (default"
          + " DISINTO_AGENT_CMD).")
  String agentCmd;

  @Option(names = "--vars", description = "Print the output variables as NAME=value lines.")
  boolean vars;

  @Option(names = "--ci-timeout", paramLabel = "SECS", description = "CI poll timeout (1800).")
  String ciTimeout;

  @Option(names = "--ci-interval", paramLabel = "SECS", description = "CI poll interval (30).")
  String ciInterval;

  @Option(names = "--review-timeout", paramLabel = "SECS", description = "Review timeout (10800).")
  String reviewTimeout;

  @Option(names = "--review-interval", paramLabel = "SECS", description = "Review interval (300).")
  String reviewInterval;

  @Option(names = "--max-merge-attempts", paramLabel = "N",
      description = "Rebases after failed merges before merge_blocked (3).")
  Integer maxMergeAttempts;

  /** Creates the command; picocli calls it. */
  public PrWalkCommand() {}

  @Override
  PullsConfig config() {
    PullsConfig c = super.config();
    c = c.withCiPolling(
        seconds(ciTimeout, c.ciTimeout(), "--ci-timeout"),
        positiveSeconds(ciInterval, c.ciInterval(), "--ci-interval"));
    c = c.withReviewPolling(
        seconds(reviewTimeout, c.reviewTimeout(), "--review-timeout"),
        positiveSeconds(reviewInterval, c.reviewInterval(), "--review-interval"));
    if (maxMergeAttempts != null) {
      if (maxMergeAttempts < 0) {
        throw new CliException(Main.EXIT_USAGE, "disinto pr walk: --max-merge-attempts < 0");
      }
      c = c.withMaxMergeAttempts(maxMergeAttempts);
    }
    int ciFixes = maxCiFixes == null ? c.maxCiFixes() : maxCiFixes;
    int reviewRounds = maxReviewRounds == null ? c.maxReviewRounds() : maxReviewRounds;
    if (ciFixes < 0 || reviewRounds < 0) {
      throw new CliException(Main.EXIT_USAGE, "disinto pr walk: budgets must not be negative");
    }
    return c.withWalkBudgets(ciFixes, reviewRounds);
  }

  @Override
  public Integer call() {
    String command = orDefault(agentCmd, factory().getOrEmpty("DISINTO_AGENT_CMD"));
    config(); // a bad budget or timing is a usage error before anything else is looked at
    Path wt = ctx().workingDir().resolve(worktree);
    if (!Files.isDirectory(wt)) {
      throw new CliException(1, "disinto pr walk: worktree is not a directory: " + wt);
    }
    var forge = client();
    var walk = MergeWalk.builder(prs(forge), ciGate(forge), agent(command),
        new GitCliRetrigger(factory().childProcessEnv())).waitListener(progress()).build();
    WalkResult r = walk.walk(pr, sessionId, wt);
    if (vars) {
      printVar("_PR_WALK_EXIT_REASON", r.reason().wireName());
    }
    return PrResults.exitCode(r);
  }

  private AgentRunner agent(String command) {
    var env = factory().childProcessEnv();
    if (!command.isEmpty()) {
      return new ExternalCommandAgent(command, env, factory().claudeTimeout());
    }
    String sid = factory().getOrEmpty("SID_FILE");
    Path sidFile = sid.isEmpty() ? Path.of("/tmp", "pr-walk-" + pr + ".sid")
        : ctx().workingDir().resolve(sid);
    try {
      return new ClaudeCodeRunner(ClaudeConfig.fromEnv(env), new SessionStore(sidFile));
    } catch (IllegalArgumentException e) {
      throw new CliException(Main.EXIT_USAGE, "disinto pr walk: " + e.getMessage());
    }
  }
}
