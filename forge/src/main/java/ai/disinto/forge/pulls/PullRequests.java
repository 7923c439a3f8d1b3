package ai.disinto.forge.pulls;

import ai.disinto.core.DisintoException;
import ai.disinto.core.Sleeper;
import ai.disinto.core.secrets.SecretScanner;
import ai.disinto.forge.client.ForgeAmbiguousWriteException;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.ForgePath;
import ai.disinto.forge.client.ForgeResponse;
import ai.disinto.forge.client.model.PullRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pull requests of one repository on the forge: open, find, merge, close and comment on them.
 * The forge-only part of {@code lib/pr-lifecycle.sh}; {@link CiPoller}, {@link ReviewPoller} and
 * {@link MergeWalk} build on it.
 *
 * <p>Every write returns a result that says whether the forge accepted it and, if not, its HTTP
 * status and message ({@link CreateResult}, {@link MergeResult}, {@link PrWriteResult}); nothing here
 * throws for an HTTP status, and no log line claims a write that did not happen. Every text sent
 * (titles, bodies, merge messages, comments) passes {@link SecretScanner#redact} first. Progress
 * lines are logged through SLF4J at INFO, prefixed {@code pr-lifecycle: } as the original's.
 * Improvements over the original:
 *
 * <ul>
 *   <li>{@link #findOpenByBranch} asks Forgejo for the PR of the primary branch and the head in
 *       one request, and only when that pair has no open PR pages through every open PR (the
 *       original scanned the 20 newest).
 *   <li>A 405 "Please try again later" merge is retried once; {@link #close} accepts Forgejo's
 *       201.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe when their collaborators are.
 */
public final class PullRequests {
  private static final Logger LOG = LoggerFactory.getLogger(PullRequests.class);
  private static final int BODY_CHARS = 200;

  private final ForgeClient forge;
  private final PullsConfig config;
  private final Sleeper sleeper;
  private final SecretScanner scanner;

  private PullRequests(Builder b) {
    this(b.forge, b.config, b.sleeper, b.scanner);
  }

  private PullRequests(ForgeClient forge, PullsConfig config, Sleeper sleeper,
      SecretScanner scanner) {
    this.forge = forge;
    this.config = config;
    this.sleeper = sleeper;
    this.scanner = scanner;
  }

  /** This service with other settings (the same forge, sleeper and scanner). */
  PullRequests withConfig(PullsConfig other) {
    return other.equals(config) ? this : new PullRequests(forge, other, sleeper, scanner);
  }

  /**
   * Starts a builder for the pull requests of the repository of {@code forge}.
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
  public PullsConfig config() {
    return config;
  }

  SecretScanner scanner() {
    return scanner;
  }

  ForgeClient forge() {
    return forge;
  }

  Sleeper sleeper() {
    return sleeper;
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
   * @return the new PR, the open PR that already exists for the branch, or why there is none
   */
  public CreateResult create(String branch, String title, String body) {
    return create(branch, title, body, config.primaryBranch(), forge);
  }

  /**
   * Opens a PR from {@code branch} into {@code base}. Mirrors {@code pr_create BRANCH TITLE BODY
   * BASE}.
   *
   * @param branch the head branch
   * @param title the title (redacted before sending)
   * @param body the description (redacted before sending)
   * @param base the target branch
   * @return as {@link #create(String, String, String)}
   */
  public CreateResult create(String branch, String title, String body, String base) {
    return create(branch, title, body, base, forge);
  }

  /**
   * Opens a PR in another repository, such as the ops repo. Mirrors {@code pr_create BRANCH TITLE
   * BODY BASE API_URL} (#75).
   *
   * <p>A 409 (an open PR for this head and base exists) is answered with that PR, found with one
   * request by base and head. Any other status (404 head branch missing, 422, 403, 5xx), or no
   * answer, is a failure with the status and the forge's message, logged as {@code PR creation
   * failed (HTTP CODE)}. When the request reached the forge but its answer was lost, the open PR
   * for this head and base, if the forge opened one, is the answer.
   *
   * @param branch the head branch
   * @param title the title (redacted before sending)
   * @param body the description (redacted before sending)
   * @param base the target branch
   * @param repo the client of the repository to open the PR in
   * @return as {@link #create(String, String, String)}
   */
  public CreateResult create(String branch, String title, String body, String base,
      ForgeClient repo) {
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(repo, "repo");
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("title", scanner.redact(Objects.requireNonNull(title, "title")));
    request.put("body", scanner.redact(Objects.requireNonNull(body, "body")));
    request.put("head", branch);
    request.put("base", base);
    if (repo.dryRun()) {
      return dryRunCreate(branch, base, repo);
    }
    ForgeResponse r;
    try {
      r = repo.send("POST", "/pulls", request);
    } catch (ForgeAmbiguousWriteException e) {
      // The forge may have opened the PR; its open PR for this head and base is the answer.
      OptionalLong opened = findOpenByBranch(branch, base, repo);
      if (opened.isPresent()) {
        log("created PR #" + opened.getAsLong() + " (the forge's answer was lost; found it open)");
        return new CreateResult(CreateResult.Outcome.CREATED, opened, 0, "");
      }
      log("PR creation failed (no answer from the forge): " + e.getMessage());
      return failedCreate(0, e.getMessage());
    } catch (ForgeException e) {
      log("PR creation failed (no answer from the forge): " + e.getMessage());
      return failedCreate(0, e.getMessage());
    }
    if (r.status() == 200 || r.status() == 201) {
      OptionalLong n = Replies.number(r.body());
      if (n.isEmpty()) {
        // The forge said it opened the PR but its answer is unreadable: look for it rather than
        // report a failure that a caller would answer by creating it again.
        OptionalLong opened = findOpenByBranch(branch, base, repo);
        if (opened.isPresent()) {
          log("created PR #" + opened.getAsLong() + " (the forge's answer was unreadable; found"
              + " it open)");
          return new CreateResult(CreateResult.Outcome.CREATED, opened, r.status(), "");
        }
        log("PR creation failed: HTTP " + r.status() + " without a PR number");
        return failedCreate(r.status(), "answer without a PR number");
      }
      log("created PR #" + n.getAsLong());
      return new CreateResult(CreateResult.Outcome.CREATED, n, r.status(), "", answered(repo, r));
    }
    if (r.status() == 409) {
      OptionalLong existing = findOpenByBranch(branch, base, repo);
      if (existing.isEmpty()) {
        log("PR creation failed: 409 conflict, no existing PR found");
        return failedCreate(409, message(r));
      }
      log("PR already exists: #" + existing.getAsLong());
      return new CreateResult(CreateResult.Outcome.ALREADY_OPEN, existing, 409, "");
    }
    log("PR creation failed (HTTP " + r.status() + ")" + suffix(message(r)));
    return failedCreate(r.status(), message(r));
  }

  /** The PR the create answered with; empty when the body does not bind. */
  private static Optional<PullRequest> answered(ForgeClient repo, ForgeResponse r) {
    try {
      return Optional.of(repo.bind(r, PullRequest.class));
    } catch (ForgeException e) {
      return Optional.empty();
    }
  }

  /**
   * A dry run's create: the open PR of the branch, when there is one, is what the forge would
   * answer (409, then found); otherwise a new PR would be opened, shown as number 0.
   */
  private CreateResult dryRunCreate(String branch, String base, ForgeClient repo) {
    OptionalLong existing = findOpenByBranch(branch, base, repo);
    if (existing.isPresent()) {
      log("dry run: PR already exists: #" + existing.getAsLong());
      return new CreateResult(CreateResult.Outcome.ALREADY_OPEN, existing, 409, DRY_RUN);
    }
    log("dry run: would create a PR from " + branch + " into " + base + " (not sent)");
    return new CreateResult(CreateResult.Outcome.CREATED, OptionalLong.of(0), 201, DRY_RUN);
  }

  /** The message of a result made up by a dry run. */
  static final String DRY_RUN = "dry run: not sent";

  private static CreateResult failedCreate(int status, String message) {
    return new CreateResult(CreateResult.Outcome.FAILED, OptionalLong.empty(), status, message);
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
      PullRequest pr = repo.get(ForgePath.of("pulls", base).segments(branch), PullRequest.class);
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
  // merge / is merged / close / comment

  /**
   * Merges a PR with a merge commit and deletes its branch. Mirrors {@code pr_merge PR [MSG]}.
   *
   * <p>The request body is {@code {"Do":"merge","delete_branch_after_merge":true}}, plus {@code
   * "MergeMessageField"} (redacted, since it ends up in git history) when a message is given. 200
   * or 204 is a merge. A 405 is a merge when the PR turns out to be merged already (another agent
   * won the race); a 405 "Please try again later" (Forgejo still computing mergeability after a
   * push) is retried once after {@link PullsConfig#mergeRetryDelay()}; any other 405 is {@link
   * MergeOutcome#BLOCKED}. Every other status, or no answer, is {@link MergeOutcome#FAILED};
   * except that when the request reached the forge but its answer was lost, a PR that now reads
   * merged is {@link MergeOutcome#MERGED}.
   *
   * @param pr the PR number
   * @param commitMessage the merge commit's body, or {@code null} for Forgejo's default
   * @return the result, with the status and the forge's message when it failed
   * @throws DisintoException when the thread is interrupted while waiting to retry
   */
  public MergeResult merge(long pr, String commitMessage) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("Do", "merge");
    request.put("delete_branch_after_merge", true);
    if (commitMessage != null && !commitMessage.isEmpty()) {
      request.put("MergeMessageField", scanner.redact(commitMessage));
    }
    boolean retried = false;
    while (true) {
      ForgeResponse r;
      try {
        r = forge.send("POST", "/pulls/" + pr + "/merge", request);
      } catch (ForgeAmbiguousWriteException e) {
        // The forge may have merged it; the PR says so.
        if (isMerged(pr).merged()) {
          log("PR #" + pr + " merged (the forge's answer was lost; the PR reads merged)");
          return new MergeResult(MergeOutcome.MERGED, 0, "", "");
        }
        MergeResult failed = new MergeResult(MergeOutcome.FAILED, 0,
            Texts.firstChars(e.getMessage(), BODY_CHARS), "");
        log("PR #" + pr + " merge failed: " + failed.error());
        return failed;
      } catch (ForgeException e) {
        MergeResult failed = new MergeResult(MergeOutcome.FAILED, 0,
            Texts.firstChars(e.getMessage(), BODY_CHARS), "");
        log("PR #" + pr + " merge failed: " + failed.error());
        return failed;
      }
      String message = r.forgeMessage().orElse("");
      if (r.dryRun()) {
        log("dry run: would merge PR #" + pr + " (not sent)");
        return new MergeResult(MergeOutcome.MERGED, r.status(), "", DRY_RUN);
      }
      if (r.status() == 200 || r.status() == 204) {
        log("PR #" + pr + " merged");
        return new MergeResult(MergeOutcome.MERGED, r.status(), "", "");
      }
      if (r.status() == 405) {
        if (isMerged(pr).merged()) {
          log("PR #" + pr + " already merged");
          return new MergeResult(MergeOutcome.MERGED, 405, "", message);
        }
        if (!retried && message.toLowerCase(Locale.ROOT).contains("try again later")) {
          retried = true;
          log("PR #" + pr + " is not mergeable yet (" + message + ") — retrying in "
              + Waits.seconds(config.mergeRetryDelay()) + "s");
          Waits.sleep(sleeper, config.mergeRetryDelay(), "retrying the merge");
          continue;
        }
        MergeResult blocked = new MergeResult(MergeOutcome.BLOCKED, 405,
            Texts.firstChars(r.body(), BODY_CHARS), message);
        log("PR #" + pr + " merge blocked: " + blocked.error());
        return blocked;
      }
      MergeResult failed = new MergeResult(MergeOutcome.FAILED, r.status(),
          Texts.firstChars(r.body(), BODY_CHARS), message);
      log("PR #" + pr + " merge failed: " + failed.error());
      return failed;
    }
  }

  /**
   * Reads whether a PR is merged. Mirrors {@code pr_is_merged PR}, which answers "no" also when
   * the PR cannot be read; here that case is {@link MergedCheck.State#UNREADABLE}, with the status.
   *
   * @param pr the PR number
   * @return what the forge said
   */
  public MergedCheck isMerged(long pr) {
    try {
      boolean merged = forge.get("/pulls/" + pr, PullRequest.class).merged();
      return new MergedCheck(merged ? MergedCheck.State.MERGED : MergedCheck.State.NOT_MERGED,
          200, "");
    } catch (ForgeException e) {
      return new MergedCheck(MergedCheck.State.UNREADABLE, e.status(),
          e.forgeMessage().orElse(e.getMessage()));
    }
  }

  /**
   * Closes a PR without merging it. Mirrors {@code pr_close PR}; unlike the original it accepts
   * Forgejo's 201 as success, and when the forge's answer was lost it reads the PR before it
   * reports a failure.
   *
   * @param pr the PR number
   * @return done when the forge answered 200, 201 or 204; else the status and the forge's message
   */
  public PrWriteResult close(long pr) {
    log("closing PR #" + pr);
    PrWriteResult r = write("PATCH", "/pulls/" + pr, Map.of("state", "closed"));
    if (!r.done() && r.httpStatus() == 0 && readsClosed(pr)) {
      // The answer was lost, but the forge did close it.
      r = new PrWriteResult(true, 0, "");
    }
    if (r.done()) {
      log("PR #" + pr + " closed");
    } else {
      log("pr_close FAILED: " + (r.httpStatus() == 0 ? "no answer from the forge"
          : "HTTP " + r.httpStatus()) + " for PR #" + pr + suffix(r.message()));
    }
    return r;
  }

  /**
   * Posts a comment on a PR's conversation; the body is redacted first. Not a function of the
   * original, whose callers post PR comments with their own {@code curl}; it gives them the same
   * redaction and result as every other write here.
   *
   * @param pr the PR number
   * @param body the comment (redacted before sending)
   * @return done when the forge answered 2xx; else the status and the forge's message
   */
  public PrWriteResult comment(long pr, String body) {
    Objects.requireNonNull(body, "body");
    PrWriteResult r = write("POST", "/issues/" + pr + "/comments",
        Map.of("body", scanner.redact(body)));
    if (r.done()) {
      log("commented on PR #" + pr);
    } else {
      log("comment on PR #" + pr + " failed: " + (r.httpStatus() == 0 ? "no answer from the forge"
          : "HTTP " + r.httpStatus()) + suffix(r.message()));
    }
    return r;
  }

  private boolean readsClosed(long pr) {
    try {
      return !forge.get("/pulls/" + pr, PullRequest.class).isOpen();
    } catch (ForgeException e) {
      return false;
    }
  }

  private PrWriteResult write(String method, String path, Object body) {
    ForgeResponse r;
    try {
      r = forge.send(method, path, body);
    } catch (ForgeException e) {
      return new PrWriteResult(false, 0, e.getMessage());
    }
    return r.ok() ? new PrWriteResult(true, r.status(), "")
        : new PrWriteResult(false, r.status(), message(r));
  }

  // ---------------------------------------------------------------------------------------------
  // prompt

  /**
   * The git workflow instructions for an agent working on {@code branch}, with this service's
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

  /** The forge's message, or the start of its body when it gave none. */
  private static String message(ForgeResponse r) {
    return r.forgeMessage().orElseGet(() -> Texts.firstChars(r.body(), BODY_CHARS));
  }

  private static String suffix(String message) {
    return message.isEmpty() ? "" : ": " + message;
  }

  private static void log(String message) {
    LOG.info("pr-lifecycle: {}", message);
  }

  /** Configures {@link PullRequests}; only the forge client is required. */
  public static final class Builder {
    private final ForgeClient forge;
    private PullsConfig config = PullsConfig.defaults();
    private Sleeper sleeper = Sleeper.system();
    private SecretScanner scanner = SecretScanner.defaults();

    private Builder(ForgeClient forge) {
      this.forge = Objects.requireNonNull(forge, "forge");
    }

    /**
     * Sets the settings (default {@link PullsConfig#defaults()}); the polls and the walk built on
     * this service use them too.
     *
     * @param config the settings
     * @return this builder
     */
    public Builder config(PullsConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * Sets what waits (default: really sleeping): before a merge retry, and between the polls of
     * the {@link CiPoller}, {@link ReviewPoller} and {@link MergeWalk} built on this service.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Sets the scanner that redacts every text sent (default {@link SecretScanner#defaults()}).
     *
     * @param scanner the scanner
     * @return this builder
     */
    public Builder scanner(SecretScanner scanner) {
      this.scanner = Objects.requireNonNull(scanner, "scanner");
      return this;
    }

    /**
     * Builds the service.
     *
     * @return the service
     */
    public PullRequests build() {
      return new PullRequests(this);
    }
  }
}
