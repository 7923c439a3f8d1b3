package ai.disinto.forge.pulls;

import ai.disinto.core.config.FactoryEnv;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The settings of the pull request services ({@link PullRequests}, {@link CiPoller}, {@link
 * ReviewPoller}, {@link MergeWalk}): immutable; the {@code with…} methods return changed copies.
 *
 * <p>Mirrors the globals and defaults of {@code lib/pr-lifecycle.sh}: {@code PRIMARY_BRANCH},
 * {@code FORGE_REMOTE}, the poll defaults of {@code pr_poll_ci} (1800 s / 30 s) and {@code
 * pr_poll_review} (10800 s / 300 s), and the walk's budgets of {@code pr_walk_to_merge} (3 CI
 * fixes, 5 review rounds). Port additions: the merge budget, the delay before retrying a
 * 405 "Please try again later", and the review bot logins whose comments carry verdicts.
 *
 * @param primaryBranch the PRs' base branch, {@code PRIMARY_BRANCH}
 * @param remote the git remote in prompts and the retrigger, {@code FORGE_REMOTE}
 * @param ciTimeout how long {@link CiPoller#poll(long)} waits
 * @param ciInterval the pause before each CI status check
 * @param reviewTimeout how long {@link ReviewPoller#poll(long)} waits
 * @param reviewInterval the pause before each review check
 * @param maxCiFixes the walk's agent CI fix attempts per run of consecutive CI failures; the
 *     failure after the last allowed fix ends the walk with {@code ci_exhausted}
 * @param maxReviewRounds the review rounds the walk hands to the agent; the change request after
 *     the last allowed round ends the walk with {@code review_exhausted}
 * @param maxMergeAttempts how many times the walk asks the agent to rebase after a failed merge;
 *     the failure after the last allowed rebase ends the walk with {@code merge_blocked}
 * @param mergeRetryDelay the pause before the one retry of a merge that Forgejo answered with 405
 *     "Please try again later" (mergeability still being computed)
 * @param reviewBots the logins whose comments may carry a review verdict (compared ignoring
 *     case); empty accepts any author, as the original does
 */
public record PullsConfig(
    String primaryBranch,
    String remote,
    Duration ciTimeout,
    Duration ciInterval,
    Duration reviewTimeout,
    Duration reviewInterval,
    int maxCiFixes,
    int maxReviewRounds,
    int maxMergeAttempts,
    Duration mergeRetryDelay,
    Set<String> reviewBots) {

  /** The base branch when none is configured, as {@code pr_create} defaults. */
  public static final String DEFAULT_PRIMARY_BRANCH = "main";
  /** {@code FORGE_REMOTE}'s default. */
  public static final String DEFAULT_REMOTE = "origin";

  /** Validates the values and normalises the bot logins to lower case. */
  public PullsConfig {
    Objects.requireNonNull(primaryBranch, "primaryBranch");
    Objects.requireNonNull(remote, "remote");
    if (primaryBranch.isEmpty() || remote.isEmpty()) {
      throw new IllegalArgumentException("primary branch and remote must not be empty");
    }
    requireTimeout(ciTimeout, "ciTimeout");
    requireInterval(ciInterval, "ciInterval");
    requireTimeout(reviewTimeout, "reviewTimeout");
    requireInterval(reviewInterval, "reviewInterval");
    requireTimeout(mergeRetryDelay, "mergeRetryDelay");
    requireBudget(maxCiFixes, "maxCiFixes");
    requireBudget(maxReviewRounds, "maxReviewRounds");
    requireBudget(maxMergeAttempts, "maxMergeAttempts");
    Set<String> bots = new LinkedHashSet<>();
    for (String b : Objects.requireNonNull(reviewBots, "reviewBots")) {
      if (b != null && !b.isBlank()) {
        bots.add(b.trim().toLowerCase(Locale.ROOT));
      }
    }
    reviewBots = Set.copyOf(bots);
  }

  /**
   * The original's defaults: base {@code main}, remote {@code origin}, CI 1800 s / 30 s, review
   * 10800 s / 300 s, 3 CI fixes and 5 review rounds; plus 3 merge attempts, a 10 s merge retry delay and any review author.
   *
   * @return the defaults
   */
  public static PullsConfig defaults() {
    return new PullsConfig(DEFAULT_PRIMARY_BRANCH, DEFAULT_REMOTE,
        Duration.ofSeconds(1800), Duration.ofSeconds(30),
        Duration.ofSeconds(10800), Duration.ofSeconds(300),
        3, 5, 3, Duration.ofSeconds(10), Set.of());
  }

  /**
   * The defaults with {@code PRIMARY_BRANCH}, {@code FORGE_REMOTE} and {@code
   * FORGE_BOT_USERNAMES} (the review bot logins) of a loaded configuration; empty values keep the
   * defaults.
   *
   * @param env the configuration
   * @return the settings
   */
  public static PullsConfig fromEnv(FactoryEnv env) {
    PullsConfig c = defaults();
    String primary = env.primaryBranch();
    if (!primary.isEmpty()) {
      c = c.withPrimaryBranch(primary);
    }
    String remote = env.getOrEmpty("FORGE_REMOTE");
    if (!remote.isEmpty()) {
      c = c.withRemote(remote);
    }
    return c.withReviewBots(Set.copyOf(env.botUsernames()));
  }

  /**
   * A copy with another base branch.
   *
   * @param branch the branch
   * @return the copy
   */
  public PullsConfig withPrimaryBranch(String branch) {
    return new PullsConfig(branch, remote, ciTimeout, ciInterval, reviewTimeout,
        reviewInterval, maxCiFixes, maxReviewRounds, maxMergeAttempts, mergeRetryDelay, reviewBots);
  }

  /**
   * A copy with another git remote.
   *
   * @param name the remote name
   * @return the copy
   */
  public PullsConfig withRemote(String name) {
    return new PullsConfig(primaryBranch, name, ciTimeout, ciInterval, reviewTimeout,
        reviewInterval, maxCiFixes, maxReviewRounds, maxMergeAttempts, mergeRetryDelay, reviewBots);
  }

  /**
   * A copy with other CI polling defaults.
   *
   * @param timeout how long to wait, zero or more
   * @param interval the pause before each check, more than zero
   * @return the copy
   */
  public PullsConfig withCiPolling(Duration timeout, Duration interval) {
    return new PullsConfig(primaryBranch, remote, timeout, interval, reviewTimeout,
        reviewInterval, maxCiFixes, maxReviewRounds, maxMergeAttempts, mergeRetryDelay, reviewBots);
  }

  /**
   * A copy with other review polling defaults.
   *
   * @param timeout how long to wait, zero or more
   * @param interval the pause before each check, more than zero
   * @return the copy
   */
  public PullsConfig withReviewPolling(Duration timeout, Duration interval) {
    return new PullsConfig(primaryBranch, remote, ciTimeout, ciInterval, timeout, interval,
        maxCiFixes, maxReviewRounds, maxMergeAttempts, mergeRetryDelay, reviewBots);
  }

  /**
   * A copy with other walk budgets.
   *
   * @param ciFixes agent CI fix attempts per run of consecutive failures, zero or more
   * @param reviewRounds review rounds handed to the agent over the walk, zero or more
   * @return the copy
   */
  public PullsConfig withWalkBudgets(int ciFixes, int reviewRounds) {
    return new PullsConfig(primaryBranch, remote, ciTimeout, ciInterval, reviewTimeout,
        reviewInterval, ciFixes, reviewRounds, maxMergeAttempts, mergeRetryDelay, reviewBots);
  }

  /**
   * A copy with another merge budget.
   *
   * @param attempts rebases allowed after failed merges, zero or more
   * @return the copy
   */
  public PullsConfig withMaxMergeAttempts(int attempts) {
    return new PullsConfig(primaryBranch, remote, ciTimeout, ciInterval, reviewTimeout,
        reviewInterval, maxCiFixes, maxReviewRounds, attempts, mergeRetryDelay, reviewBots);
  }

  /**
   * A copy with another delay before retrying a "Please try again later" merge.
   *
   * @param delay the delay, zero or more
   * @return the copy
   */
  public PullsConfig withMergeRetryDelay(Duration delay) {
    return new PullsConfig(primaryBranch, remote, ciTimeout, ciInterval, reviewTimeout,
        reviewInterval, maxCiFixes, maxReviewRounds, maxMergeAttempts, delay, reviewBots);
  }

  /**
   * A copy with other review bot logins.
   *
   * @param logins the logins; empty accepts verdict comments from anyone
   * @return the copy
   */
  public PullsConfig withReviewBots(Set<String> logins) {
    return new PullsConfig(primaryBranch, remote, ciTimeout, ciInterval, reviewTimeout,
        reviewInterval, maxCiFixes, maxReviewRounds, maxMergeAttempts, mergeRetryDelay, logins);
  }

  private static void requireBudget(int n, String what) {
    if (n < 0) {
      throw new IllegalArgumentException(what + " < 0: " + n);
    }
  }

  private static void requireTimeout(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative: " + d);
    }
  }

  private static void requireInterval(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive: " + d);
    }
  }
}
