package ai.disinto.forge.pulls;

import ai.disinto.core.DisintoException;
import ai.disinto.core.Sleeper;
import ai.disinto.core.agent.AgentResult;
import ai.disinto.core.agent.AgentRunner;
import ai.disinto.core.secrets.SecretScanner;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.ForgeResponse;
import ai.disinto.forge.client.model.Comment;
import ai.disinto.forge.client.model.PullRequest;
import ai.disinto.forge.client.model.Review;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives pull requests on the forge: creates and finds them, polls CI and review, merges, closes,
 * and walks one PR from "pushed" to "merged" with the help of an agent.
 *
 * <p>Mirrors {@code lib/pr-lifecycle.sh}. Output variables and return codes of the original are
 * result records here ({@link CiResult}, {@link ReviewResult}, {@link MergeResult}, {@link
 * WalkResult}); every wait goes through the injected {@link Sleeper}, so tests never sleep. Log
 * lines (prefixed {@code pr-lifecycle: }, as the original's) go to the injected log sink, never to
 * a return value. Improvements over the original, each marked "PORT SHOULD IMPROVE" in the spec:
 *
 * <ul>
 *   <li>{@link #findOpenByBranch} asks Forgejo for the PR of the primary branch and the head in
 *       one request, and only when that pair has no open PR pages through every open PR (the
 *       original scanned the 20 newest).
 *   <li>A PR that cannot be read while polling for review means "no verdict this round", never
 *       "closed externally".
 *   <li>The review verdict is read from the line after {@code ### Verdict}, only from comments of
 *       the configured review bots; the formal review fallback skips stale and dismissed reviews,
 *       prefers reviews of the head commit and reads every page.
 *   <li>Merge failures are bounded ({@link PrLifecycleConfig#maxMergeAttempts()}), 405s that a
 *       rebase cannot fix end the walk at once, and a 405 "Please try again later" is retried once.
 *   <li>{@link #close} accepts Forgejo's 201.
 *   <li>PR titles and bodies pass {@link SecretScanner#redact} before they are sent.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe when their collaborators are.
 */
public final class PrLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(PrLifecycle.class);
  private static final String PREFIX = "pr-lifecycle: ";
  private static final int ERROR_LOG_LINES = 80;
  private static final int ERROR_LOG_BYTES = 8000;
  private static final int STEP_LOG_LINES = 50;
  private static final int MERGE_BODY_CHARS = 200;
  private static final String REVIEWED_MARK = "<!-- reviewed: ";

  private final ForgeClient forge;
  private final PrLifecycleConfig config;
  private final CiGate ci;
  private final AgentRunner agent;
  private final BranchRetrigger retrigger;
  private final Sleeper sleeper;
  private final SecretScanner scanner;
  private final Consumer<String> log;

  private PrLifecycle(Builder b) {
    this.forge = b.forge;
    this.config = b.config;
    this.ci = b.ci;
    this.agent = b.agent;
    this.retrigger = b.retrigger;
    this.sleeper = b.sleeper;
    this.scanner = b.scanner;
    this.log = b.log;
  }

  /**
   * Starts a builder for a lifecycle on the repository of {@code forge}.
   *
   * @param forge the client; its repository is {@code FORGE_API}
   * @return the builder
   */
  public static Builder builder(ForgeClient forge) {
    return new Builder(forge);
  }

  /**
   * The settings in use.
   *
   * @return the configuration
   */
  public PrLifecycleConfig config() {
    return config;
  }

  // ---------------------------------------------------------------------------------------------
  // create / find

  /**
   * Opens a PR from {@code branch} into the primary branch. Mirrors {@code pr_create BRANCH TITLE
   * BODY}.
   *
   * @param branch the head branch
   * @param title the title (redacted before sending)
   * @param body the description (redacted before sending)
   * @return the new PR's number, or the open PR that already exists for the branch; empty when
   *     creation failed (the reason is logged)
   */
  public OptionalLong create(String branch, String title, String body) {
    return create(branch, title, body, config.primaryBranch(), forge);
  }

  /**
   * Opens a PR from {@code branch} into {@code base}. Mirrors {@code pr_create BRANCH TITLE BODY
   * BASE}.
   *
   * @param branch the head branch
   * @param title the title
   * @param body the description
   * @param base the target branch
   * @return as {@link #create(String, String, String)}
   */
  public OptionalLong create(String branch, String title, String body, String base) {
    return create(branch, title, body, base, forge);
  }

  /**
   * Opens a PR in another repository, such as the ops repo. Mirrors {@code pr_create BRANCH TITLE
   * BODY BASE API_URL} (#75).
   *
   * <p>A 409 (an open PR for this head and base exists) is answered with that PR, found with one
   * request by base and head. Any other failure (404 head branch missing, 422, 403, 5xx, no
   * connection) is logged as {@code PR creation failed (HTTP CODE)} and gives empty.
   *
   * @param branch the head branch
   * @param title the title
   * @param body the description
   * @param base the target branch
   * @param repo the client of the repository to open the PR in
   * @return as {@link #create(String, String, String)}
   */
  public OptionalLong create(String branch, String title, String body, String base,
      ForgeClient repo) {
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(repo, "repo");
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("title", scanner.redact(Objects.requireNonNull(title, "title")));
    request.put("body", scanner.redact(Objects.requireNonNull(body, "body")));
    request.put("head", branch);
    request.put("base", base);
    ForgeResponse r;
    try {
      r = repo.send("POST", "/pulls", request);
    } catch (ForgeException e) {
      log("PR creation failed (HTTP 000): " + e.getMessage());
      return OptionalLong.empty();
    }
    if (r.status() == 200 || r.status() == 201) {
      OptionalLong n = Replies.number(r.body());
      if (n.isPresent()) {
        log("created PR #" + n.getAsLong());
      } else {
        log("PR creation failed: HTTP " + r.status() + " without a PR number");
      }
      return n;
    }
    if (r.status() == 409) {
      OptionalLong existing = findOpenByBranch(branch, base, repo);
      if (existing.isPresent()) {
        log("PR already exists: #" + existing.getAsLong());
      } else {
        log("PR creation failed: 409 conflict, no existing PR found");
      }
      return existing;
    }
    log("PR creation failed (HTTP " + r.status() + ")");
    return OptionalLong.empty();
  }

  /**
   * Finds the open PR from {@code branch}, whatever its base. Mirrors {@code pr_find_by_branch
   * BRANCH}.
   *
   * <p>Fast path: one request, {@code GET /pulls/{PRIMARY_BRANCH}/{branch}}; an open PR there is
   * the answer. When that pair has no PR (404) or only a closed one, the open PRs are paged
   * through for the first whose head is {@code branch}, into any base, as the original matched
   * {@code head.ref} alone (vault PRs target the ops repo's {@code main} whatever {@code
   * PRIMARY_BRANCH} is). Any other failure gives empty and is logged.
   *
   * @param branch the head branch; may contain slashes
   * @return the PR number, when an open PR exists
   */
  public OptionalLong findOpenByBranch(String branch) {
    return find(branch, config.primaryBranch(), true, forge);
  }

  /**
   * Finds the open PR from {@code branch}, whatever its base, in another repository, such as the
   * ops repo. Mirrors {@code pr_find_by_branch BRANCH API_URL} (#75); requests as {@link
   * #findOpenByBranch(String)}.
   *
   * @param branch the head branch
   * @param repo the client of the repository
   * @return the PR number, when an open PR exists
   */
  public OptionalLong findOpenByBranch(String branch, ForgeClient repo) {
    return find(branch, config.primaryBranch(), true, repo);
  }

  /**
   * Finds the open PR from {@code branch} into exactly {@code base} in a repository; what {@link
   * #create} uses on a 409.
   *
   * <p>One request, {@code GET /pulls/{base}/{head}}, which answers the PR of that pair in any
   * state (404 when there is none, which is final). Only when it answers a PR that is not open
   * (the branch was reused after an earlier PR was closed) are the open PRs paged through for one
   * with this head and base. A failed request gives empty, as in the original.
   *
   * @param branch the head branch; may contain slashes
   * @param base the base branch
   * @param repo the client of the repository
   * @return the PR number, when an open PR exists
   */
  public OptionalLong findOpenByBranch(String branch, String base, ForgeClient repo) {
    return find(branch, base, false, repo);
  }

  /** The fast path by base and head, then the open list (matching the base unless anyBase). */
  private OptionalLong find(String branch, String base, boolean anyBase, ForgeClient repo) {
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(repo, "repo");
    try {
      PullRequest pr = repo.get("/pulls/" + segment(base) + "/" + path(branch), PullRequest.class);
      if (pr.isOpen()) {
        return OptionalLong.of(pr.number());
      }
      log("PR #" + pr.number() + " for " + branch + " is " + pr.state()
          + "; looking for an open one among the open PRs");
    } catch (ForgeException e) {
      if (e.status() != 404) {
        log("cannot look up the PR for " + branch + " into " + base + ": " + e.getMessage());
        return OptionalLong.empty();
      }
      if (!anyBase) {
        return OptionalLong.empty();
      }
    }
    try {
      for (PullRequest p : repo.getAll("/pulls?state=open", PullRequest.class)) {
        boolean headMatches = p.head() != null && branch.equals(p.head().ref());
        boolean baseMatches = anyBase || (p.base() != null && base.equals(p.base().ref()));
        if (headMatches && baseMatches && p.isOpen()) {
          return OptionalLong.of(p.number());
        }
      }
    } catch (ForgeException e) {
      log("cannot list the open PRs: " + e.getMessage());
    }
    return OptionalLong.empty();
  }

  // ---------------------------------------------------------------------------------------------
  // CI

  /**
   * Waits for CI on a PR's head commit with the configured timeout and interval. Mirrors {@code
   * pr_poll_ci PR}.
   *
   * @param pr the PR number
   * @return the result
   * @throws IllegalStateException when no {@link CiGate} was configured
   * @throws DisintoException when the thread is interrupted while waiting
   */
  public CiResult pollCi(long pr) {
    return pollCi(pr, config.ciTimeout(), config.ciInterval());
  }

  /**
   * Waits for CI on a PR's head commit. Mirrors {@code pr_poll_ci PR TIMEOUT INTERVAL}.
   *
   * <p>The head commit is read once; a PR that cannot be read is a failure at once. No CI
   * configured, or a PR that changes only documentation, is a success at once. Otherwise each
   * round first sleeps {@code interval}, then asks the {@link CiGate}: {@code success} ends with
   * success, {@code failure} or {@code error} with a failure (with the pipeline, its
   * classification and the failure digest when a pipeline is known), anything else polls on until
   * the slept time reaches {@code timeout}. Elapsed time counts the intervals slept, as the
   * original's does. Each round is logged with the state, the time elapsed and the time left.
   *
   * @param pr the PR number
   * @param timeout how long to poll, zero or more
   * @param interval the pause before each check, more than zero
   * @return the result
   * @throws IllegalStateException when no {@link CiGate} was configured
   * @throws IllegalArgumentException when the interval is not positive or the timeout negative
   * @throws DisintoException when the thread is interrupted while waiting
   */
  public CiResult pollCi(long pr, Duration timeout, Duration interval) {
    CiGate gate = require(ci, "CiGate");
    checkPolling(timeout, interval);
    String sha;
    try {
      PullRequest p = forge.get("/pulls/" + pr, PullRequest.class);
      sha = p.head() == null || p.head().sha() == null ? "" : p.head().sha();
    } catch (ForgeException e) {
      sha = "";
    }
    if (sha.isEmpty()) {
      log("cannot get HEAD SHA for PR #" + pr);
      return CiResult.of(CiState.FAILURE, "");
    }
    if (!gate.ciConfigured()) {
      log("no CI configured");
      return CiResult.of(CiState.SUCCESS, sha);
    }
    if (!ciRequired(gate, pr)) {
      log("PR #" + pr + " non-code — CI not required");
      return CiResult.of(CiState.SUCCESS, sha);
    }
    log("polling CI for PR #" + pr + " SHA " + Texts.sha7(sha));
    Duration elapsed = Duration.ZERO;
    while (elapsed.compareTo(timeout) < 0) {
      sleep(interval, "polling CI");
      elapsed = elapsed.plus(interval);
      String state = commitStatus(gate, sha);
      switch (state) {
        case "success" -> {
          log("CI passed");
          return CiResult.of(CiState.SUCCESS, sha);
        }
        case "failure", "error" -> {
          return ciFailure(gate, sha);
        }
        default -> log("CI " + (state.isEmpty() ? "unknown" : state) + " for PR #" + pr + " ("
            + seconds(elapsed) + "s elapsed, " + seconds(timeout.minus(elapsed)) + "s left)");
      }
    }
    log("CI timeout after " + seconds(timeout) + "s");
    return CiResult.of(CiState.TIMEOUT, sha);
  }

  private CiResult ciFailure(CiGate gate, String sha) {
    OptionalLong pipeline;
    try {
      pipeline = gate.pipelineNumber(sha);
    } catch (DisintoException e) {
      pipeline = OptionalLong.empty();
    }
    Optional<FailureType> type = Optional.empty();
    String errorLog = "";
    if (pipeline.isPresent()) {
      long n = pipeline.getAsLong();
      try {
        type = Optional.of(Objects.requireNonNullElse(gate.classify(n), FailureType.CODE));
      } catch (DisintoException e) {
        type = Optional.of(FailureType.CODE);
      }
      try {
        String digest = Objects.requireNonNullElse(gate.failureDigest(n), "");
        errorLog = Texts.stripTrailingNewlines(
            Texts.headBytes(Texts.tailLines(digest, ERROR_LOG_LINES), ERROR_LOG_BYTES));
      } catch (DisintoException e) {
        errorLog = "";
      }
    }
    log("CI failed (type: " + type.map(FailureType::wireName).orElse("unknown") + ")");
    return new CiResult(CiState.FAILURE, sha, pipeline, type, errorLog);
  }

  private static boolean ciRequired(CiGate gate, long pr) {
    try {
      return gate.ciRequiredForPr(pr);
    } catch (DisintoException e) {
      return true;
    }
  }

  private static String commitStatus(CiGate gate, String sha) {
    try {
      return Objects.requireNonNullElse(gate.commitStatus(sha), "");
    } catch (DisintoException e) {
      return "";
    }
  }

  // ---------------------------------------------------------------------------------------------
  // review

  /**
   * Waits for a review verdict with the configured timeout and interval. Mirrors {@code
   * pr_poll_review PR}.
   *
   * @param pr the PR number
   * @return the result
   * @throws DisintoException when the thread is interrupted while waiting
   */
  public ReviewResult pollReview(long pr) {
    return pollReview(pr, config.reviewTimeout(), config.reviewInterval());
  }

  /**
   * Waits for a review verdict. Mirrors {@code pr_poll_review PR TIMEOUT INTERVAL}.
   *
   * <p>Each round first sleeps {@code interval}, then reads the PR: merged or closed ends the
   * poll ({@link Verdict#MERGED_EXTERNALLY}, {@link Verdict#CLOSED_EXTERNALLY}); a PR that cannot
   * be read means no verdict this round. Then the last comment of a review bot that contains
   * {@code <!-- reviewed: HEAD_SHA} decides: an error review waits for the next round, otherwise
   * its verdict (see the package's verdict rules) is taken and its body is the review text.
   * Without a verdict there, the formal reviews decide: of the reviews that are neither stale nor
   * dismissed (those of the head commit when there are any), the last one's {@code APPROVED} or
   * {@code REQUEST_CHANGES}. Each waiting round is logged with the time elapsed and left.
   *
   * @param pr the PR number
   * @param timeout how long to poll, zero or more
   * @param interval the pause before each check, more than zero
   * @return the result; {@link Verdict#TIMEOUT} when the time ran out
   * @throws IllegalArgumentException when the interval is not positive or the timeout negative
   * @throws DisintoException when the thread is interrupted while waiting
   */
  public ReviewResult pollReview(long pr, Duration timeout, Duration interval) {
    checkPolling(timeout, interval);
    log("polling review for PR #" + pr);
    Duration elapsed = Duration.ZERO;
    while (elapsed.compareTo(timeout) < 0) {
      sleep(interval, "polling review");
      elapsed = elapsed.plus(interval);
      String left = seconds(elapsed) + "s elapsed, " + seconds(timeout.minus(elapsed)) + "s left";
      PullRequest p;
      try {
        p = forge.get("/pulls/" + pr, PullRequest.class);
      } catch (ForgeException e) {
        log("cannot read PR #" + pr + " (HTTP " + statusText(e) + ") — no verdict this round ("
            + left + ")");
        continue;
      }
      if (p.state() == null || p.state().isEmpty()) {
        log("PR #" + pr + " has no state — no verdict this round (" + left + ")");
        continue;
      }
      if (!p.isOpen()) {
        if (p.merged()) {
          log("PR #" + pr + " merged externally");
          return new ReviewResult(Verdict.MERGED_EXTERNALLY, "");
        }
        log("PR #" + pr + " closed externally");
        return new ReviewResult(Verdict.CLOSED_EXTERNALLY, "");
      }
      String sha = p.head() == null || p.head().sha() == null ? "" : p.head().sha();
      Optional<Comment> comment = sha.isEmpty() ? Optional.empty() : botReviewComment(pr, sha);
      String text = comment.map(c -> Objects.requireNonNullElse(c.body(), "")).orElse("");
      Optional<VerdictParser.Found> found = Optional.empty();
      if (comment.isPresent()) {
        if (text.contains("review-error") || text.contains("Review — Error")) {
          log("review error — waiting for re-review (" + left + ")");
          continue;
        }
        found = VerdictParser.parse(text);
      }
      Optional<Verdict> verdict = found.map(VerdictParser.Found::verdict);
      if (verdict.isEmpty()) {
        verdict = formalVerdict(pr, sha);
      }
      if (verdict.isPresent()) {
        String token = found.map(VerdictParser.Found::token).orElse(verdict.get().name());
        log("review verdict: " + verdict.get()
            + (verdict.get() == Verdict.UNRECOGNIZED ? " (**" + token + "**)" : ""));
        return new ReviewResult(verdict.get(), text);
      }
      log("waiting for review on PR #" + pr + " (" + left + ")");
    }
    log("review timeout after " + seconds(timeout) + "s");
    return new ReviewResult(Verdict.TIMEOUT, "");
  }

  private Optional<Comment> botReviewComment(long pr, String sha) {
    List<Comment> comments;
    try {
      comments = forge.getAll("/issues/" + pr + "/comments", Comment.class);
    } catch (ForgeException e) {
      log("cannot read the comments of PR #" + pr + ": " + e.getMessage());
      return Optional.empty();
    }
    Comment last = null;
    for (Comment c : comments) {
      if (c.body() != null && c.body().contains(REVIEWED_MARK + sha) && byReviewBot(c)) {
        last = c;
      }
    }
    return Optional.ofNullable(last);
  }

  private boolean byReviewBot(Comment c) {
    if (config.reviewBots().isEmpty()) {
      return true;
    }
    return c.user() != null && c.user().login() != null
        && config.reviewBots().contains(c.user().login().toLowerCase(Locale.ROOT));
  }

  private Optional<Verdict> formalVerdict(long pr, String sha) {
    List<Review> reviews;
    try {
      reviews = forge.getAll("/pulls/" + pr + "/reviews", Review.class);
    } catch (ForgeException e) {
      log("cannot read the reviews of PR #" + pr + ": " + e.getMessage());
      return Optional.empty();
    }
    List<Review> current = new ArrayList<>();
    List<Review> ofHead = new ArrayList<>();
    for (Review r : reviews) {
      if (r.stale() || r.dismissed()) {
        continue;
      }
      current.add(r);
      if (!sha.isEmpty() && sha.equals(r.commitId())) {
        ofHead.add(r);
      }
    }
    List<Review> pool = ofHead.isEmpty() ? current : ofHead;
    if (pool.isEmpty()) {
      return Optional.empty();
    }
    String state = Objects.requireNonNullElse(pool.get(pool.size() - 1).state(), "");
    return switch (state) {
      case "APPROVED" -> Optional.of(Verdict.APPROVE);
      case "REQUEST_CHANGES" -> Optional.of(Verdict.REQUEST_CHANGES);
      default -> Optional.empty();
    };
  }

  // ---------------------------------------------------------------------------------------------
  // merge / is merged / close

  /**
   * Merges a PR with a merge commit and deletes its branch. Mirrors {@code pr_merge PR [MSG]}.
   *
   * <p>The request body is {@code {"Do":"merge","delete_branch_after_merge":true}}, plus {@code
   * "MergeMessageField"} when a message is given. 200 or 204 is a merge. A 405 is a merge when
   * the PR turns out to be merged already (another agent won the race); a 405 "Please try again
   * later" (Forgejo still computing mergeability after a push) is retried once after {@link
   * PrLifecycleConfig#mergeRetryDelay()}; any other 405 is {@link MergeOutcome#BLOCKED}. Every
   * other status, or no answer, is {@link MergeOutcome#FAILED}.
   *
   * @param pr the PR number
   * @param commitMessage the merge commit's body, or {@code null} for Forgejo's default
   * @return the result
   * @throws DisintoException when the thread is interrupted while waiting to retry
   */
  public MergeResult merge(long pr, String commitMessage) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("Do", "merge");
    request.put("delete_branch_after_merge", true);
    if (commitMessage != null && !commitMessage.isEmpty()) {
      request.put("MergeMessageField", commitMessage);
    }
    boolean retried = false;
    while (true) {
      ForgeResponse r;
      try {
        r = forge.send("POST", "/pulls/" + pr + "/merge", request);
      } catch (ForgeException e) {
        String error = "failed (HTTP 000): " + Texts.firstChars(e.getMessage(), MERGE_BODY_CHARS);
        log("PR #" + pr + " merge failed: " + error);
        return new MergeResult(MergeOutcome.FAILED, 0, error, "");
      }
      String message = r.forgeMessage().orElse("");
      if (r.status() == 200 || r.status() == 204) {
        log("PR #" + pr + " merged");
        return new MergeResult(MergeOutcome.MERGED, r.status(), "", "");
      }
      if (r.status() == 405) {
        if (isMerged(pr)) {
          log("PR #" + pr + " already merged");
          return new MergeResult(MergeOutcome.MERGED, 405, "", message);
        }
        if (!retried && message.toLowerCase(Locale.ROOT).contains("try again later")) {
          retried = true;
          log("PR #" + pr + " is not mergeable yet (" + message + ") — retrying in "
              + seconds(config.mergeRetryDelay()) + "s");
          sleep(config.mergeRetryDelay(), "retrying the merge");
          continue;
        }
        String error = "blocked (HTTP 405): " + Texts.firstChars(r.body(), MERGE_BODY_CHARS);
        log("PR #" + pr + " merge blocked: " + error);
        return new MergeResult(MergeOutcome.BLOCKED, 405, error, message);
      }
      String error = "failed (HTTP " + r.status() + "): "
          + Texts.firstChars(r.body(), MERGE_BODY_CHARS);
      log("PR #" + pr + " merge failed: " + error);
      return new MergeResult(MergeOutcome.FAILED, r.status(), error, message);
    }
  }

  /**
   * Tells whether a PR is merged. Mirrors {@code pr_is_merged PR}.
   *
   * @param pr the PR number
   * @return true when the forge says {@code merged}; false also when the PR cannot be read
   */
  public boolean isMerged(long pr) {
    try {
      return forge.get("/pulls/" + pr, PullRequest.class).merged();
    } catch (ForgeException e) {
      return false;
    }
  }

  /**
   * Closes a PR without merging it. Mirrors {@code pr_close PR}; unlike the original it accepts
   * Forgejo's 201 as success.
   *
   * @param pr the PR number
   * @return true when the forge answered 200, 201 or 204
   */
  public boolean close(long pr) {
    log("closing PR #" + pr);
    int status;
    try {
      status = forge.send("PATCH", "/pulls/" + pr, Map.of("state", "closed")).status();
    } catch (ForgeException e) {
      status = 0;
    }
    if (status != 200 && status != 201 && status != 204) {
      log("pr_close FAILED: HTTP " + (status == 0 ? "000" : status) + " for PR #" + pr);
      return false;
    }
    log("PR #" + pr + " closed");
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // walk

  /**
   * Walks a PR to merge with the original's budgets: 3 CI fixes, 5 review rounds. Mirrors {@code
   * pr_walk_to_merge PR SESSION WORKTREE}.
   *
   * @param pr the PR number
   * @param sessionId the agent session to resume, empty for none
   * @param worktree the PR's worktree, where the agent and the retrigger work
   * @return why the walk stopped
   * @throws IllegalStateException when a {@link CiGate}, {@link AgentRunner} or {@link
   *     BranchRetrigger} was not configured
   * @throws DisintoException when the thread is interrupted while waiting
   */
  public WalkResult walkToMerge(long pr, String sessionId, Path worktree) {
    return walkToMerge(pr, sessionId, worktree, 3, 5);
  }

  /**
   * Walks a PR from "pushed" to "merged". Mirrors {@code pr_walk_to_merge PR SESSION WORKTREE
   * MAX_CI_FIXES MAX_REVIEW_ROUNDS}.
   *
   * <p>The state machine of the spec: poll CI; a PR that cannot be read while polling (a failure
   * with an empty head SHA) is not a CI failure: it is read again after one CI interval, for at
   * most the CI timeout in a row ({@code ci_timeout} when it never recovers), and never costs a CI
   * fix; on an infrastructure failure retrigger CI once per walk through the {@link
   * BranchRetrigger}; on any other failure ask the agent to fix it, at most {@code maxCiFixes}
   * times per run of consecutive failures (the failure after the last
   * allowed fix ends with {@code ci_exhausted}). When CI passes, poll the review: approve → merge;
   * changes requested or discussion → give the review to the agent (at most {@code
   * maxReviewRounds} rounds over the walk, then {@code review_exhausted}) and start over at CI. A
   * failed merge asks the agent to rebase, at most {@link PrLifecycleConfig#maxMergeAttempts()}
   * times, then {@code merge_blocked}; a 405 that a rebase cannot fix ends with {@code
   * merge_blocked} at once. Agent exit codes are logged and otherwise ignored; the session id an
   * agent run reports is resumed by the next run (the original kept resuming the id it was given).
   *
   * @param pr the PR number
   * @param sessionId the agent session to resume, empty for none
   * @param worktree the PR's worktree
   * @param maxCiFixes agent CI fix attempts per run of failures, zero or more
   * @param maxReviewRounds review rounds handed to the agent, zero or more
   * @return why the walk stopped
   * @throws IllegalStateException when a {@link CiGate}, {@link AgentRunner} or {@link
   *     BranchRetrigger} was not configured
   * @throws IllegalArgumentException when a budget is negative
   * @throws DisintoException when the thread is interrupted while waiting
   */
  public WalkResult walkToMerge(long pr, String sessionId, Path worktree, int maxCiFixes,
      int maxReviewRounds) {
    require(ci, "CiGate");
    require(agent, "AgentRunner");
    require(retrigger, "BranchRetrigger");
    Objects.requireNonNull(worktree, "worktree");
    if (maxCiFixes < 0 || maxReviewRounds < 0) {
      throw new IllegalArgumentException("budgets must not be negative");
    }
    Walk w = new Walk(pr, Objects.requireNonNullElse(sessionId, ""), worktree, maxCiFixes,
        maxReviewRounds);
    log("walking PR #" + pr + " to merge (max CI: " + maxCiFixes + ", max review: "
        + maxReviewRounds + ")");
    WalkExitReason reason = w.run();
    log("walk of PR #" + pr + " ended: " + reason.wireName());
    return new WalkResult(reason, w.ciFixesTotal, w.reviewRound, w.mergeAttempts);
  }

  /** The mutable state of one walk. */
  private final class Walk {
    private final long pr;
    private final Path worktree;
    private final int maxCiFixes;
    private final int maxReviewRounds;
    private String session;
    private int ciFix;
    private int ciFixesTotal;
    private int infraRetries;
    private int reviewRound;
    private int mergeAttempts;

    Walk(long pr, String session, Path worktree, int maxCiFixes, int maxReviewRounds) {
      this.pr = pr;
      this.session = session;
      this.worktree = worktree;
      this.maxCiFixes = maxCiFixes;
      this.maxReviewRounds = maxReviewRounds;
    }

    WalkExitReason run() {
      String primary = config.primaryBranch();
      String remote = config.remote();
      Duration unreadable = Duration.ZERO;
      while (true) {
        CiResult c = pollCi(pr);
        if (c.state() == CiState.FAILURE && c.sha().isEmpty()) {
          // The PR itself could not be read: a forge hiccup, not a CI verdict. Wait and read
          // again, within the CI timeout; the agent's fix budget is for real failures.
          if (unreadable.compareTo(config.ciTimeout()) >= 0) {
            log("PR #" + pr + " still unreadable after " + seconds(unreadable)
                + "s — giving up (CI timeout " + seconds(config.ciTimeout()) + "s)");
            return WalkExitReason.CI_TIMEOUT;
          }
          log("PR #" + pr + " unreadable — not a CI failure, reading it again in "
              + seconds(config.ciInterval()) + "s");
          sleep(config.ciInterval(), "waiting to read the PR again");
          unreadable = unreadable.plus(config.ciInterval());
          continue;
        }
        unreadable = Duration.ZERO;
        if (c.state() == CiState.TIMEOUT) {
          return WalkExitReason.CI_TIMEOUT;
        }
        if (c.state() == CiState.FAILURE) {
          if (c.failureType().orElse(null) == FailureType.INFRA && infraRetries < 1) {
            infraRetries++;
            log("infra failure — retriggering CI (retry " + infraRetries + ")");
            RetriggerResult rr = retrigger.retrigger(worktree, remote, primary);
            if (rr.exitCode() != 0) {
              log("rebase/push failed (exit code " + rr.exitCode() + "): "
                  + Texts.tailLines(rr.output(), 5));
            }
            continue;
          }
          ciFix++;
          if (ciFix > maxCiFixes) {
            log("CI fix budget exhausted (" + ciFix + "/" + maxCiFixes + ")");
            return WalkExitReason.CI_EXHAUSTED;
          }
          ciFixesTotal++;
          log("CI failed — invoking agent (attempt " + ciFix + "/" + maxCiFixes + ")");
          String logs = c.pipeline().isPresent() ? stepLogs(c.pipeline().getAsLong()) : "";
          runAgent(Prompts.ciFix(pr, ciFix, maxCiFixes, c.pipeline(),
              c.failureType().map(FailureType::wireName).orElse("unknown"), c.errorLog(), logs,
              primary, remote));
          continue;
        }
        ciFix = 0;
        ReviewResult r = pollReview(pr);
        switch (r.verdict()) {
          case TIMEOUT -> {
            return WalkExitReason.REVIEW_TIMEOUT;
          }
          case MERGED_EXTERNALLY -> {
            return WalkExitReason.MERGED;
          }
          case CLOSED_EXTERNALLY -> {
            return WalkExitReason.CLOSED_EXTERNALLY;
          }
          case APPROVE -> {
            MergeResult m = merge(pr, null);
            if (m.merged()) {
              return WalkExitReason.MERGED;
            }
            mergeAttempts++;
            if (!m.rebaseMayHelp()) {
              log("merge blocked and a rebase cannot fix it: "
                  + (m.forgeMessage().isEmpty() ? m.error() : m.forgeMessage()));
              return WalkExitReason.MERGE_BLOCKED;
            }
            if (mergeAttempts > config.maxMergeAttempts()) {
              log("merge budget exhausted (" + mergeAttempts + "/" + config.maxMergeAttempts()
                  + ")");
              return WalkExitReason.MERGE_BLOCKED;
            }
            log("merge failed — invoking agent to rebase (attempt " + mergeAttempts + "/"
                + config.maxMergeAttempts() + ")");
            runAgent(Prompts.rebase(pr, m.error(), primary, remote));
          }
          case REQUEST_CHANGES, DISCUSS -> {
            reviewRound++;
            if (reviewRound > maxReviewRounds) {
              log("review budget exhausted (" + reviewRound + "/" + maxReviewRounds + ")");
              reviewRound--;
              return WalkExitReason.REVIEW_EXHAUSTED;
            }
            ciFix = 0;
            log("review changes requested (round " + reviewRound + "/" + maxReviewRounds + ")");
            runAgent(Prompts.review(pr, reviewRound, maxReviewRounds, r.text(), primary, remote));
          }
          default -> {
            log("unexpected verdict: " + r.verdict());
            return WalkExitReason.UNEXPECTED_VERDICT;
          }
        }
      }
    }

    private String stepLogs(long pipeline) {
      try {
        return Texts.tailLines(Objects.requireNonNullElse(ci.stepLogs(pipeline), ""),
            STEP_LOG_LINES);
      } catch (DisintoException e) {
        return "";
      }
    }

    private void runAgent(String prompt) {
      AgentResult result = agent.run(prompt, session, worktree);
      if (result == null) {
        return;
      }
      if (result.exitCode() != 0) {
        log("agent exited with code " + result.exitCode());
      }
      if (!result.sessionId().isEmpty()) {
        session = result.sessionId();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // prompt

  /**
   * The git workflow instructions for an agent working on {@code branch}, with this lifecycle's
   * remote and primary branch. Mirrors {@code build_phase_protocol_prompt BRANCH}.
   *
   * @param branch the agent's branch
   * @return the text, without a final newline
   */
  public String phaseProtocolPrompt(String branch) {
    return phaseProtocolPrompt(branch, config.remote(), config.primaryBranch());
  }

  /**
   * The git workflow instructions for an agent working on {@code branch}. Mirrors {@code
   * build_phase_protocol_prompt BRANCH REMOTE} with {@code PRIMARY_BRANCH}; the text is the
   * original's, line for line.
   *
   * @param branch the agent's branch
   * @param remote the git remote
   * @param primaryBranch the branch to rebase onto
   * @return the text, without a final newline
   */
  public static String phaseProtocolPrompt(String branch, String remote, String primaryBranch) {
    return Prompts.phaseProtocol(Objects.requireNonNull(branch, "branch"),
        Objects.requireNonNull(remote, "remote"), Objects.requireNonNull(primaryBranch,
            "primaryBranch"));
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  private void log(String message) {
    log.accept(PREFIX + message);
  }

  private void sleep(Duration d, String what) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DisintoException("interrupted while " + what, e);
    }
  }

  private static void checkPolling(Duration timeout, Duration interval) {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(interval, "interval");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative: " + timeout);
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive: " + interval);
    }
  }

  private static <T> T require(T port, String name) {
    if (port == null) {
      throw new IllegalStateException("this PrLifecycle was built without a " + name);
    }
    return port;
  }

  private static String seconds(Duration d) {
    return Long.toString(d.toSeconds());
  }

  private static String statusText(ForgeException e) {
    return e.status() == 0 ? "000" : Integer.toString(e.status());
  }

  /** One path segment, percent-encoded (a branch name used as {@code {base}}). */
  private static String segment(String s) {
    return encode(s, false);
  }

  /** A path of segments: slashes kept, everything else percent-encoded as needed. */
  private static String path(String s) {
    return encode(s, true);
  }

  private static String encode(String s, boolean keepSlash) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~' || (keepSlash && c == '/');
      if (plain) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }

  /**
   * Configures a {@link PrLifecycle}. Only the forge client is required; the walk also needs a
   * {@link CiGate}, an {@link AgentRunner} and a {@link BranchRetrigger}, and CI polling a {@link
   * CiGate}.
   */
  public static final class Builder {
    private final ForgeClient forge;
    private PrLifecycleConfig config = PrLifecycleConfig.defaults();
    private CiGate ci;
    private AgentRunner agent;
    private BranchRetrigger retrigger;
    private Sleeper sleeper = Sleeper.system();
    private SecretScanner scanner = SecretScanner.defaults();
    private Consumer<String> log = m -> LOG.info("{}", m);

    private Builder(ForgeClient forge) {
      this.forge = Objects.requireNonNull(forge, "forge");
    }

    /**
     * Sets the settings (default {@link PrLifecycleConfig#defaults()}).
     *
     * @param config the settings
     * @return this builder
     */
    public Builder config(PrLifecycleConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * Sets the CI port, needed by {@link PrLifecycle#pollCi} and the walk.
     *
     * @param gate the CI gate
     * @return this builder
     */
    public Builder ciGate(CiGate gate) {
      this.ci = Objects.requireNonNull(gate, "gate");
      return this;
    }

    /**
     * Sets the agent port, needed by the walk.
     *
     * @param runner the agent runner
     * @return this builder
     */
    public Builder agent(AgentRunner runner) {
      this.agent = Objects.requireNonNull(runner, "runner");
      return this;
    }

    /**
     * Sets the git port, needed by the walk.
     *
     * @param retrigger the retrigger
     * @return this builder
     */
    public Builder retrigger(BranchRetrigger retrigger) {
      this.retrigger = Objects.requireNonNull(retrigger, "retrigger");
      return this;
    }

    /**
     * Sets what waits between polls (default: really sleeping).
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Sets the scanner that redacts PR titles and bodies (default {@link
     * SecretScanner#defaults()}).
     *
     * @param scanner the scanner
     * @return this builder
     */
    public Builder scanner(SecretScanner scanner) {
      this.scanner = Objects.requireNonNull(scanner, "scanner");
      return this;
    }

    /**
     * Sets where log lines go; each line starts with {@code pr-lifecycle: } (default: SLF4J at
     * INFO).
     *
     * @param sink the log sink
     * @return this builder
     */
    public Builder log(Consumer<String> sink) {
      this.log = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /**
     * Builds the lifecycle.
     *
     * @return the lifecycle
     */
    public PrLifecycle build() {
      return new PrLifecycle(this);
    }
  }
}
