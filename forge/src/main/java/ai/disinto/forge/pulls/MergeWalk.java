package ai.disinto.forge.pulls;

import ai.disinto.core.DisintoException;
import ai.disinto.core.WaitListener;
import ai.disinto.core.WaitProgress;
import ai.disinto.core.agent.AgentResult;
import ai.disinto.core.agent.AgentRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks one PR from "pushed" to "merged": polls CI and review, merges, and hands CI failures,
 * review feedback and failed merges to an agent in between. Mirrors {@code pr_walk_to_merge} of
 * {@code lib/pr-lifecycle.sh}.
 *
 * <p>Built with its three ports, all required: {@code MergeWalk.builder(prs, ciGate, agent,
 * retrigger).build()}. The budgets (CI fixes, review rounds, merge attempts) and timings are the
 * {@link PullsConfig} of the {@link PullRequests} service unless the builder is given another.
 * Progress lines are logged through SLF4J at INFO, prefixed {@code pr-lifecycle: }. The walk
 * posts nothing to the forge but the merge; its prompts go to the agent as they are (a review
 * text keeps its commit ids, which the redaction would take for tokens).
 *
 * <p>Instances are immutable and thread-safe when their collaborators are; each {@link #walk}
 * keeps its own counters.
 */
public final class MergeWalk {
  private static final Logger LOG = LoggerFactory.getLogger(MergeWalk.class);
  private static final int STEP_LOG_LINES = 50;
  private static final int RETRIGGER_LOG_LINES = 5;

  private final PullRequests prs;
  private final PullsConfig config;
  private final CiPoller ci;
  private final ReviewPoller review;
  private final AgentRunner agent;
  private final BranchRetrigger retrigger;
  private final WaitListener listener;
  private final boolean readyWhenCiPasses;
  private final int ciFixMemoryChars;

  private MergeWalk(Builder b) {
    this.ciFixMemoryChars = b.ciFixMemoryChars;
    this.readyWhenCiPasses = b.readyWhenCiPasses;
    this.config = b.config;
    this.prs = b.prs.withConfig(b.config);
    this.listener = b.listener;
    this.ci = new CiPoller(prs, b.ciGate).withWaitListener(b.listener);
    this.review = new ReviewPoller(prs).withWaitListener(b.listener);
    this.agent = b.agent;
    this.retrigger = b.retrigger;
  }

  /**
   * Starts a builder with the three ports the walk needs.
   *
   * @param prs the PR service of the repository (forge, settings, sleeper, redaction)
   * @param ciGate the CI port (the ci module's {@code ForgeStatusCiGate} or a Woodpecker gate)
   * @param agent the agent port (the agent-sdk's runners)
   * @param retrigger the git port that pushes a branch again after an infrastructure failure
   * @return the builder
   * @throws NullPointerException naming the first missing argument
   */
  public static Builder builder(PullRequests prs, CiGate ciGate, AgentRunner agent,
      BranchRetrigger retrigger) {
    return new Builder(prs, ciGate, agent, retrigger);
  }

  /**
   * The settings in use, budgets included.
   *
   * @return the configuration
   */
  public PullsConfig config() {
    return config;
  }

  /**
   * Walks a PR from "pushed" to "merged". Mirrors {@code pr_walk_to_merge PR SESSION WORKTREE
   * MAX_CI_FIXES MAX_REVIEW_ROUNDS} with the budgets of the configuration.
   *
   * <p>The walk moves between three stages. <b>CI</b>: poll CI; a PR that cannot be read is not
   * a CI failure: it is read again after one CI interval, for at most the CI timeout in a row
   * ({@code ci_timeout} when it never recovers), and never costs a CI fix; on an infrastructure
   * failure retrigger CI once per walk through the {@link BranchRetrigger}; on any other failure
   * ask the agent to fix it, at most {@link PullsConfig#maxCiFixes()} times per run of
   * consecutive failures (the failure after the last allowed fix ends with {@code ci_exhausted});
   * a pass goes to review. <b>Review</b>: approve goes to merge; changes requested or discussion
   * give the review to the agent (at most {@link PullsConfig#maxReviewRounds()} rounds over the
   * walk, then {@code review_exhausted}) and go back to CI. <b>Merge</b>: a failed merge asks the
   * agent to rebase, at most {@link PullsConfig#maxMergeAttempts()} times, then {@code
   * merge_blocked}; a 405 that a rebase cannot fix ends with {@code merge_blocked} at once. Agent
   * exit statuses are logged and otherwise ignored; the session id an agent run reports is resumed
   * by the next run (the original kept resuming the id it was given).
   *
   * @param pr the PR number
   * @param sessionId the agent session to resume, empty for none
   * @param worktree the PR's worktree, where the agent and the retrigger work
   * @return why the walk stopped, with its counters
   * @throws DisintoException when the thread is interrupted while waiting
   */
  public WalkResult walk(long pr, String sessionId, Path worktree) {
    Objects.requireNonNull(worktree, "worktree");
    log("walking PR #" + pr + " to merge (max CI: " + config.maxCiFixes() + ", max review: "
        + config.maxReviewRounds() + ")");
    Run run = new Run(pr, Objects.requireNonNullElse(sessionId, ""), worktree);
    WalkExitReason reason = run.toEnd();
    log("walk of PR #" + pr + " ended: " + reason.wireName());
    return new WalkResult(reason, run.ciFixesTotal, run.reviewRounds, run.failedMerges);
  }

  /** Where a walk is: a stage to run next, or its end. */
  private enum Stage { CI, REVIEW, MERGE, END }

  /** The counters and the current stage of one walk. */
  private final class Run {
    private final long pr;
    private final Path worktree;
    private String session;
    private WalkExitReason exit;
    /** Agent CI fixes in the current run of consecutive failures. */
    private int ciFixesInRow;
    private int ciFixesTotal;
    private int infraRetries;
    private int reviewRounds;
    private int failedMerges;
    private boolean markedReady;
    private final CiFixMemory memory;
    /** How long the PR has been unreadable in a row. */
    private Duration unreadable = Duration.ZERO;

    Run(long pr, String session, Path worktree) {
      this.pr = pr;
      this.session = session;
      this.worktree = worktree;
      this.memory = ciFixMemoryChars > 0 ? new CiFixMemory(prs, pr, ciFixMemoryChars) : null;
    }

    WalkExitReason toEnd() {
      Stage stage = Stage.CI;
      while (stage != Stage.END) {
        stage = switch (stage) {
          case CI -> afterCi(ci.poll(pr));
          case REVIEW -> afterReview(review.poll(pr));
          case MERGE -> afterMerge(prs.merge(pr, null));
          case END -> Stage.END;
        };
      }
      return exit;
    }

    private Stage end(WalkExitReason reason) {
      exit = reason;
      return Stage.END;
    }

    private Stage afterCi(CiResult c) {
      if (c.state() != CiState.UNREADABLE) {
        unreadable = Duration.ZERO;
      }
      return switch (c.state()) {
        case UNREADABLE -> readAgain();
        case TIMEOUT -> end(WalkExitReason.CI_TIMEOUT);
        case SUCCESS -> {
          ciFixesInRow = 0;
          if (memory != null) {
            memory.clear();
          }
          if (readyWhenCiPasses && !markedReady) {
            markedReady = true;
            PrGuard.markReady(prs, pr);
          }
          yield Stage.REVIEW;
        }
        case FAILURE -> c.failureType().orElse(null) == FailureType.INFRA && infraRetries < 1
            ? retriggerCi()
            : fixCi(c);
      };
    }

    /**
     * The PR could not be read: a forge hiccup, not a CI verdict. Read it again within the CI
     * timeout; the agent's fix budget is for real failures.
     */
    private Stage readAgain() {
      if (unreadable.compareTo(config.ciTimeout()) >= 0) {
        log("PR #" + pr + " still unreadable after " + Waits.seconds(unreadable)
            + "s — giving up (CI timeout " + Waits.seconds(config.ciTimeout()) + "s)");
        return end(WalkExitReason.CI_TIMEOUT);
      }
      log("PR #" + pr + " unreadable — not a CI failure, reading it again in "
          + Waits.seconds(config.ciInterval()) + "s");
      listener.waiting(new WaitProgress("PR #" + pr + " to be readable again", unreadable,
          config.ciTimeout()));
      try {
        Waits.sleep(prs.sleeper(), config.ciInterval(), "waiting to read the PR again");
      } finally {
        listener.waitEnded();
      }
      unreadable = unreadable.plus(config.ciInterval());
      return Stage.CI;
    }

    private Stage retriggerCi() {
      infraRetries++;
      log("infra failure — retriggering CI (retry " + infraRetries + ")");
      RetriggerResult rr = retrigger.retrigger(worktree, config.remote(), config.primaryBranch());
      if (rr.exitStatus() != 0) {
        log("rebase/push failed (exit code " + rr.exitStatus() + "): "
            + Texts.tailLines(rr.output(), RETRIGGER_LOG_LINES));
      }
      return Stage.CI;
    }

    private Stage fixCi(CiResult c) {
      int attempt = ciFixesInRow + 1;
      if (attempt > config.maxCiFixes()) {
        log("CI fix budget exhausted (" + attempt + "/" + config.maxCiFixes() + ")");
        return end(WalkExitReason.CI_EXHAUSTED);
      }
      ciFixesInRow = attempt;
      ciFixesTotal++;
      log("CI failed — invoking agent (attempt " + attempt + "/" + config.maxCiFixes() + ")");
      String logs = c.pipeline().isPresent()
          ? ci.stepLogs(c.pipeline().getAsLong(), STEP_LOG_LINES) : "";
      String prompt = Prompts.ciFix(pr, attempt, config.maxCiFixes(), c.pipeline(),
          c.failureType().map(FailureType::wireName).orElse("unknown"), c.errorLog(), logs,
          config.primaryBranch(), config.remote());
      if (memory != null) {
        prompt += memory.digest();
        memory.before(attempt, c);
      }
      runAgent(prompt);
      if (memory != null) {
        memory.after();
      }
      return Stage.CI;
    }

    private Stage afterReview(ReviewResult r) {
      return switch (r.verdict()) {
        case TIMEOUT -> end(WalkExitReason.REVIEW_TIMEOUT);
        case MERGED_EXTERNALLY -> end(WalkExitReason.MERGED);
        case CLOSED_EXTERNALLY -> end(WalkExitReason.CLOSED_EXTERNALLY);
        case APPROVE -> Stage.MERGE;
        case REQUEST_CHANGES, DISCUSS -> handReviewToAgent(r);
        case UNRECOGNIZED -> {
          log("unexpected verdict: " + r.verdict());
          yield end(WalkExitReason.UNEXPECTED_VERDICT);
        }
      };
    }

    private Stage handReviewToAgent(ReviewResult r) {
      int round = reviewRounds + 1;
      if (round > config.maxReviewRounds()) {
        log("review budget exhausted (" + round + "/" + config.maxReviewRounds() + ")");
        return end(WalkExitReason.REVIEW_EXHAUSTED);
      }
      reviewRounds = round;
      ciFixesInRow = 0;
      log("review changes requested (round " + round + "/" + config.maxReviewRounds() + ")");
      runAgent(Prompts.review(pr, round, config.maxReviewRounds(), r.text(),
          config.primaryBranch(), config.remote()));
      return Stage.CI;
    }

    private Stage afterMerge(MergeResult m) {
      if (m.merged()) {
        return end(WalkExitReason.MERGED);
      }
      failedMerges++;
      if (!m.rebaseMayHelp()) {
        log("merge blocked and a rebase cannot fix it: "
            + (m.forgeMessage().isEmpty() ? m.error() : m.forgeMessage()));
        return end(WalkExitReason.MERGE_BLOCKED);
      }
      if (failedMerges > config.maxMergeAttempts()) {
        log("merge budget exhausted (" + failedMerges + "/" + config.maxMergeAttempts() + ")");
        return end(WalkExitReason.MERGE_BLOCKED);
      }
      log("merge failed — invoking agent to rebase (attempt " + failedMerges + "/"
          + config.maxMergeAttempts() + ")");
      runAgent(Prompts.rebase(pr, m.error(), config.primaryBranch(), config.remote()));
      return Stage.CI;
    }

    private void runAgent(String prompt) {
      AgentResult result = agent.run(prompt, session, worktree);
      if (result == null) {
        return;
      }
      if (result.exitStatus() != 0) {
        log("agent exited with code " + result.exitStatus());
      }
      if (!result.sessionId().isEmpty()) {
        session = result.sessionId();
      }
    }
  }

  private static void log(String message) {
    LOG.info("pr-lifecycle: {}", message);
  }

  /**
   * Configures a {@link MergeWalk}. The PR service and the three ports are given to {@link
   * MergeWalk#builder}; only the settings can be changed here.
   */
  public static final class Builder {
    private final PullRequests prs;
    private final CiGate ciGate;
    private final AgentRunner agent;
    private final BranchRetrigger retrigger;
    private PullsConfig config;
    private WaitListener listener = WaitListener.NONE;
    private boolean readyWhenCiPasses;
    private int ciFixMemoryChars;

    private Builder(PullRequests prs, CiGate ciGate, AgentRunner agent,
        BranchRetrigger retrigger) {
      this.prs = Objects.requireNonNull(prs, "prs");
      this.ciGate = Objects.requireNonNull(ciGate, "ciGate");
      this.agent = Objects.requireNonNull(agent, "agent");
      this.retrigger = Objects.requireNonNull(retrigger, "retrigger");
      this.config = prs.config();
    }

    /**
     * Sets the settings of the walk and its polls, budgets included (default: those of the PR
     * service).
     *
     * @param config the settings
     * @return this builder
     */
    public Builder config(PullsConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * Sets who hears about the walk's waits (CI polling, review polling, re-reading an unreadable
     * PR): before each pause and when each wait is over (default: nobody).
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder waitListener(WaitListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Takes a draft PR's {@code WIP: } title prefix off when its CI first passes (default off),
     * for PRs opened as drafts by {@link PrGuard#withDrafts}.
     *
     * @param on true to mark drafts ready
     * @return this builder
     */
    public Builder readyWhenCiPasses(boolean on) {
      this.readyWhenCiPasses = on;
      return this;
    }

    /**
     * Gives the CI-fix prompt of attempt k a digest of attempts 1 to k-1 of the same walk: each
     * one's pipeline, failure type and first error lines, and what the agent changed (the files
     * whose diffstat in the PR moved, and the head before and after). The digest is at most
     * {@code maxChars} long (older attempts are left out first). Default 0: off, the prompt is
     * the original's.
     *
     * @param maxChars the bound of the digest; 0 turns the memory off
     * @return this builder
     * @throws IllegalArgumentException when negative
     */
    public Builder ciFixMemory(int maxChars) {
      if (maxChars < 0) {
        throw new IllegalArgumentException("ciFixMemory < 0: " + maxChars);
      }
      this.ciFixMemoryChars = maxChars;
      return this;
    }

    /**
     * Builds the walk.
     *
     * @return the walk
     */
    public MergeWalk build() {
      return new MergeWalk(this);
    }
  }
}
