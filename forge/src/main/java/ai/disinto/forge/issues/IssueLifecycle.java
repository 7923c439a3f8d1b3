package ai.disinto.forge.issues;

import ai.disinto.core.deps.DependencyParser;
import ai.disinto.core.secrets.SecretScanner;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.model.Comment;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.model.User;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves issues through the factory's workflow on one repository: claim, release, block, close,
 * dependency checks and refusal comments. Mirrors lib/issue-lifecycle.sh.
 *
 * <p>Built from the repository's {@link ForgeClient} (whose token is the agent's identity), the
 * {@link SecretScanner} that redacts every comment before it leaves, and the {@link Clock} of the
 * comment timestamps and of the claim grace period. Progress lines go to SLF4J at INFO (failures
 * at WARN), prefixed {@code issue-lifecycle:} as in the original. Dependencies are parsed with the
 * static {@link DependencyParser}, in-process.
 *
 * <p>Claims: the original's visible protocol (assignee, {@code in-progress}, no {@code backlog})
 * rests on a claim ref, the branch {@code claims/issue-N}, whose creation the forge makes atomic;
 * see {@link #claim(long)} and docs/claims.md. Release, block and close remove the claim ref.
 *
 * <p>Writes report what failed ({@link WriteResult}, {@link ClaimResult}, {@link RefusalResult})
 * with the HTTP status and the forge's message, and log only what happened; the original ignored
 * these failures, which is now the caller's choice. A comment whose answer was lost is looked up
 * on the issue, never posted again blindly.
 *
 * <p>One instance keeps two caches for its lifetime: the caller's login ({@code GET /user} is
 * asked once) and the label ids by name ({@code GET /labels} is read, every page, on the first
 * miss only). Instances are thread-safe.
 *
 * <p>Differences from the original, all deliberate: the claim takes a claim ref and is all or
 * nothing, reports the failing step and status, treats a missing login as a failure and removes a
 * stale {@code blocked} label (upstream #830, #856, #1047); release moves the labels before it
 * clears the assignee, so the issue never looks abandoned while it is still labelled; the block
 * reason and every comment are redacted; the block table and fence survive backticks; a refusal
 * is recognised by its header line, not by a substring; an unreadable issue in {@link #checkDeps}
 * throws instead of counting as ready; a label write that fails because the label vanished is
 * retried once with a freshly looked-up id.
 */
public final class IssueLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(IssueLifecycle.class);
  static final String PREFIX = "issue-lifecycle: ";
  /** The original's grace period for a fresh {@code in-progress} label (dev-poll, #471). */
  public static final Duration DEFAULT_CLAIM_GRACE = Duration.ofSeconds(60);

  private final ForgeClient forge;
  private final SecretScanner scanner;
  private final Clock clock;
  private final LabelCache labels;
  private final IssueWrites writes;
  private final ClaimProtocol claims;
  private volatile String me;

  /**
   * Creates the lifecycle of the client's repository with the original's 60-second claim grace.
   * No request is made.
   *
   * @param forge the client of the repository ({@code FORGE_API}) with the agent's token
   * @param scanner redacts comment text before posting ({@link SecretScanner#defaults()})
   * @param clock the time of block and refusal comments, and of claim ages
   */
  public IssueLifecycle(ForgeClient forge, SecretScanner scanner, Clock clock) {
    this(forge, scanner, clock, DEFAULT_CLAIM_GRACE);
  }

  /**
   * Creates the lifecycle of the client's repository. No request is made.
   *
   * @param forge the client of the repository ({@code FORGE_API}) with the agent's token
   * @param scanner redacts comment text before posting ({@link SecretScanner#defaults()})
   * @param clock the time of block and refusal comments, and of claim ages
   * @param claimGrace how long a claim ref whose holder is not (yet) the assignee is taken for a
   *     claim under way; after that it is stale and may be broken
   * @throws IllegalArgumentException when the grace is negative
   */
  public IssueLifecycle(ForgeClient forge, SecretScanner scanner, Clock clock,
      Duration claimGrace) {
    this.forge = Objects.requireNonNull(forge, "forge");
    this.scanner = Objects.requireNonNull(scanner, "scanner");
    this.clock = Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(claimGrace, "claimGrace");
    if (claimGrace.isNegative()) {
      throw new IllegalArgumentException("claim grace must not be negative");
    }
    this.labels = new LabelCache(forge);
    this.writes = new IssueWrites(forge, labels);
    this.claims = new ClaimProtocol(forge, writes, clock, claimGrace);
  }

  // ---------------------------------------------------------------- claim

  /**
   * Claims an issue for the caller, all or nothing. An issue assigned to another login is left
   * alone. Otherwise the claim ref {@code claims/issue-N} is created (the atomic step: of agents
   * claiming at once exactly one creates it, the others get {@link ClaimResult.LostRace}); then
   * the issue is assigned to the caller (before labelling, #471), read back (from the answer to
   * that PATCH, which carries the stored assignees; read again only when that answer is lost),
   * labelled {@code in-progress}, and {@code blocked} and {@code backlog} are removed. When a step fails, what was
   * applied is undone in reverse order. An issue already assigned to the caller whose claim ref
   * names the caller is claimed again (idempotent). Mirrors {@code issue_claim}.
   *
   * <p>A claim ref whose holder is not the assignee is taken for a claim under way while it is
   * younger than the grace period, and for stale after that (its claimer died, or the assignee
   * was cleared by a shell agent or a human), the original's rule for an unassigned {@code
   * in-progress} issue: it is then broken, safely against other breakers, and taken anew.
   *
   * @param issue the issue number, positive
   * @return what happened; never throws on forge errors
   * @throws IllegalArgumentException when the number is not positive
   */
  public ClaimResult claim(long issue) {
    requireIssue(issue);
    Optional<ClaimResult.Failed> whoamiFailure = ensureIdentity();
    if (whoamiFailure.isPresent()) {
      return whoamiFailure.get();
    }
    return claims.claim(issue, me);
  }

  // ---------------------------------------------------------------- release / block / close

  /**
   * Gives an issue back to the backlog: removes {@code in-progress}, adds {@code backlog}, clears
   * the assignee, then removes the claim ref (whoever holds it). Unlike the original, which tries
   * every step, it stops at the first step that fails, so that the issue is never both {@code
   * in-progress} and {@code backlog}, nor assigned or {@code in-progress} without its claim ref;
   * a release can simply be tried again. Mirrors {@code issue_release}.
   *
   * @param issue the issue number, positive
   * @return the step that failed; {@code released issue #N} is logged only when none did
   * @throws IllegalArgumentException when the number is not positive
   */
  public WriteResult release(long issue) {
    requireIssue(issue);
    List<StepFailure> failures = new ArrayList<>();
    // Stops at the first failed step: each step only makes sense once the one before it held,
    // and stopping keeps the issue whole (never in-progress and backlog at once, never assigned
    // or in-progress without its claim ref).
    writes.removeLabel(issue, StandardLabel.IN_PROGRESS).ifPresent(failures::add);
    if (failures.isEmpty()) {
      writes.addLabel(issue, StandardLabel.BACKLOG).ifPresent(failures::add);
    }
    if (failures.isEmpty()) {
      writes.unassign(issue).ifPresent(failures::add);
    }
    if (failures.isEmpty()) {
      claims.release(issue).ifPresent(failures::add);
    }
    return report(failures, "released issue #" + issue, "release of issue #" + issue);
  }

  /**
   * Marks an issue blocked: posts the diagnostic comment first (heading {@code ### Blocked — issue
   * #N}, a table with the exit reason and a UTC timestamp, the diagnostic in a collapsed code
   * block), then adds {@code blocked}, removes {@code in-progress} and removes the claim ref. The
   * assignee and the backlog label are left alone. The reason and the diagnostic are redacted.
   * Every step is tried, except that the claim ref is kept when {@code in-progress} could not be
   * removed or {@code blocked} not added (an issue that still looks worked on keeps its claim).
   * Mirrors {@code issue_block}.
   *
   * @param issue the issue number, positive
   * @param reason the exit reason, such as {@code ci_exhausted}
   * @param diagnostic output to attach (a tmux capture, an agent's last words), or {@code null}
   * @return the steps that failed
   * @throws IllegalArgumentException when the number is not positive
   */
  public WriteResult block(long issue, String reason, String diagnostic) {
    requireIssue(issue);
    Objects.requireNonNull(reason, "reason");
    String safeReason = scanner.redact(reason);
    String safeDiagnostic = diagnostic == null || diagnostic.isEmpty()
        ? null : scanner.redact(diagnostic);
    List<StepFailure> failures = new ArrayList<>();
    writes.postOnce(issue, Comments.block(issue, safeReason, safeDiagnostic, clock.instant()))
        .ifPresent(failures::add);
    // blocked is added first (by name; its answer tells whether in-progress is still there). The
    // claim ref goes only once the issue no longer looks claimed (in-progress gone, blocked on):
    // an in-progress issue without its ref would be up for grabs while still worked on.
    int before = failures.size();
    moveLabel(issue, StandardLabel.IN_PROGRESS, StandardLabel.BLOCKED, failures);
    if (failures.size() == before) {
      claims.release(issue).ifPresent(failures::add);
    }
    return report(failures, "blocked issue #" + issue + ": " + safeReason,
        "block of issue #" + issue);
  }

  /**
   * Closes an issue: clears the assignee and sets the state to closed in one PATCH (the original
   * sent two), then removes the claim ref; labels are not touched. An issue that could not be
   * closed keeps its claim ref, unless the forge shows it closed anyway (a merged PR's {@code
   * Fixes #N}). Mirrors {@code issue_close}; a failure of the PATCH is the step {@code close}.
   *
   * @param issue the issue number, positive
   * @return the steps that failed
   * @throws IllegalArgumentException when the number is not positive
   */
  public WriteResult close(long issue) {
    requireIssue(issue);
    List<StepFailure> failures = new ArrayList<>();
    Map<String, Object> edit = new LinkedHashMap<>();
    edit.put("assignees", List.of());
    edit.put("state", "closed");
    Optional<StepFailure> closed = writes.patch(issue, edit, "close",
        i -> "closed".equals(i.state()) && IssueWrites.assignee(i).isEmpty());
    closed.ifPresent(failures::add);
    // An open issue keeps its claim ref: without it, it would be up for grabs half-closed. One
    // the forge closed anyway (a merged PR's "Fixes #N") loses it: nobody claims a closed issue.
    if (closed.isEmpty() || closedOnTheForge(issue)) {
      claims.release(issue).ifPresent(failures::add);
    }
    return report(failures, "closed issue #" + issue, "close of issue #" + issue);
  }

  /** Whether the forge shows the issue closed; false when it cannot be read. */
  private boolean closedOnTheForge(long issue) {
    try {
      return "closed".equals(forge.get("/issues/" + issue, Issue.class).state());
    } catch (ForgeException e) {
      return false;
    }
  }

  /**
   * Posts a comment, redacted first. Mirrors {@code _ilc_post_comment} (which dev-poll uses for
   * stale-issue diagnostics); unlike it, the outcome is returned and a failure logged. When the
   * answer is lost, the comment is looked up on the issue instead of being posted again.
   *
   * @param issue the issue number, positive
   * @param body the Markdown text
   * @return the failure, if any (step {@code comment})
   * @throws IllegalArgumentException when the number is not positive
   */
  public WriteResult postComment(long issue, String body) {
    requireIssue(issue);
    Objects.requireNonNull(body, "body");
    Optional<StepFailure> failure = writes.postOnce(issue, scanner.redact(body));
    failure.ifPresent(f -> LOG.warn("{}comment on issue #{} failed: {}", PREFIX, issue,
        f.describe()));
    return new WriteResult(failure.stream().toList());
  }

  /**
   * Adds {@code to}, then removes {@code from}; the removal is skipped when the answer to the add
   * shows the issue without {@code from}, and needs no label listing when it shows it (its id is
   * in the answer). The issue carries a workflow label throughout.
   */
  private void moveLabel(long issue, StandardLabel from, StandardLabel to,
      List<StepFailure> failures) {
    IssueWrites.Added added = writes.addLabelSeeing(issue, to);
    added.failure().ifPresent(failures::add);
    if (added.labelsNow() != null
        && added.labelsNow().stream().noneMatch(l -> from.labelName().equals(l.name()))) {
      return;
    }
    writes.removeLabel(issue, from).ifPresent(failures::add);
  }

  private WriteResult report(List<StepFailure> failures, String success, String what) {
    if (failures.isEmpty()) {
      LOG.info("{}{}", PREFIX, success);
    } else {
      LOG.warn("{}{} incomplete; failed: {}", PREFIX, what,
          failures.stream().map(StepFailure::describe).collect(Collectors.joining(", ")));
    }
    return new WriteResult(failures);
  }

  // ---------------------------------------------------------------- dependencies

  /**
   * Checks whether every dependency of an issue is closed. Dependencies are the {@code #N} the
   * dependency parser finds in the body (the issue itself excluded); one that is not exactly
   * {@code closed}, cannot be read or does not exist blocks. When blocked, the suggestion is the
   * first open blocker whose own dependencies are all closed (one level deep). Mirrors {@code
   * issue_check_deps}; each issue is read at most once per call.
   *
   * @param issue the issue number
   * @return the status: ready, the blockers in ascending order, the suggestion
   * @throws ForgeException when the issue itself cannot be read (the original then said "ready";
   *     here the caller should try later); {@code ForgeNotFoundException} when it does not exist
   */
  public DependencyStatus checkDeps(long issue) {
    Issue self = writes.readIssue(issue);
    String body = self.body() == null ? "" : self.body();
    if (body.isEmpty()) {
      return DependencyStatus.readyStatus();
    }
    List<Long> deps = DependencyParser.parse(body, issue);
    if (deps.isEmpty()) {
      return DependencyStatus.readyStatus();
    }
    Map<Long, Optional<Issue>> seen = new HashMap<>();
    List<Long> blockedBy = new ArrayList<>();
    for (long dep : deps) {
      Optional<Issue> d = lookup(dep, seen);
      if (d.isEmpty() || !"closed".equals(d.get().state())) {
        blockedBy.add(dep);
      }
    }
    if (blockedBy.isEmpty()) {
      return DependencyStatus.readyStatus();
    }
    OptionalLong suggestion = OptionalLong.empty();
    for (long blocker : blockedBy) {
      Optional<Issue> b = lookup(blocker, seen);
      if (b.isEmpty() || !"open".equals(b.get().state())) {
        continue;
      }
      boolean itselfBlocked = false;
      for (long d : DependencyParser.parse(b.get().body(), blocker)) {
        Optional<Issue> di = lookup(d, seen);
        if (di.isEmpty() || !"closed".equals(di.get().state())) {
          itselfBlocked = true;
          break;
        }
      }
      if (!itselfBlocked) {
        suggestion = OptionalLong.of(blocker);
        break;
      }
    }
    LOG.info("{}issue #{} is blocked by: {}{}", PREFIX, issue,
        blockedBy.stream().map(String::valueOf).collect(Collectors.joining(" ")),
        suggestion.isPresent() ? ", suggest #" + suggestion.getAsLong() : "");
    return new DependencyStatus(false, blockedBy, suggestion);
  }

  /**
   * Finds the first of the 20 newest open backlog issues whose dependencies are all closed (a
   * dependency that cannot be read counts as open). Assigned, in-progress or blocked issues are
   * not skipped, as in the original. Mirrors {@code issue_suggest_next}.
   *
   * @return the issue number ({@code _ISSUE_NEXT}), or empty when there is none or the list could
   *     not be read
   */
  public OptionalLong suggestNext() {
    List<Issue> candidates;
    try {
      candidates = forge.get("/issues?state=open&labels=backlog&limit=20&type=issues",
          ForgeClient.listOf(Issue.class));
    } catch (ForgeException e) {
      LOG.warn("{}cannot list backlog issues (HTTP {})", PREFIX, e.status());
      return OptionalLong.empty();
    }
    Map<Long, Optional<Issue>> seen = new HashMap<>();
    for (Issue candidate : candidates == null ? List.<Issue>of() : candidates) {
      boolean allClosed = true;
      for (long dep : DependencyParser.parse(candidate.body(), candidate.number())) {
        Optional<Issue> d = lookup(dep, seen);
        if (d.isEmpty() || !"closed".equals(d.get().state())) {
          allClosed = false;
          break;
        }
      }
      if (allClosed) {
        LOG.info("{}next unblocked issue: #{}", PREFIX, candidate.number());
        return OptionalLong.of(candidate.number());
      }
    }
    LOG.info("{}found no unblocked backlog issue", PREFIX);
    return OptionalLong.empty();
  }


  // ---------------------------------------------------------------- refusal

  /**
   * Posts a structured refusal ({@code {emoji} **Dev-agent: {title}**}, the body, a footer with
   * the UTC date) unless the issue already has a comment whose header line is the same refusal:
   * a given refusal is posted at most once per issue, however long its history. The comment is
   * redacted. When the comments cannot be read, the refusal is posted anyway. When the answer to
   * the post is lost, the comment is looked up by its text instead of being sent again. Mirrors
   * {@code issue_post_refusal}.
   *
   * @param issue the issue number, positive
   * @param emoji such as {@code 🚧}
   * @param title such as {@code Unmet dependency}
   * @param body the explanation, Markdown
   * @return what happened, with the failure when the comment is not known to be there
   * @throws IllegalArgumentException when the number is not positive
   */
  public RefusalResult postRefusal(long issue, String emoji, String title, String body) {
    requireIssue(issue);
    Objects.requireNonNull(emoji, "emoji");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    try {
      List<Comment> comments =
          forge.getAll(IssueWrites.issuePath(issue) + "/comments", Comment.class);
      if (comments.stream().anyMatch(c -> Comments.isRefusal(c.body(), title))) {
        LOG.info("{}refusal already posted, not repeating it: {}", PREFIX, scanner.redact(title));
        return RefusalResult.of(RefusalResult.Outcome.DUPLICATE_SKIPPED);
      }
    } catch (ForgeException e) {
      LOG.warn("{}cannot read the comments of issue #{} (HTTP {}); posting the refusal without"
          + " the duplicate check", PREFIX, issue, e.status());
    }
    String text = scanner.redact(Comments.refusal(emoji, title, body, clock.instant()));
    Optional<StepFailure> failure = writes.postOnce(issue, text);
    if (failure.isEmpty()) {
      LOG.info("{}posted refusal on issue #{}: {}", PREFIX, issue, scanner.redact(title));
      return RefusalResult.of(RefusalResult.Outcome.POSTED);
    }
    if (failure.get().httpStatus() == 0
        && failure.get().message().startsWith(IssueWrites.UNCONFIRMED)) {
      LOG.warn("{}WARNING: the refusal comment on issue #{} may or may not have been posted: {}",
          PREFIX, issue, failure.get().describe());
      return new RefusalResult(RefusalResult.Outcome.UNCONFIRMED, failure);
    }
    LOG.warn("{}WARNING: could not post the refusal comment on issue #{}: {}", PREFIX, issue,
        failure.get().describe());
    return new RefusalResult(RefusalResult.Outcome.POST_FAILED, failure);
  }

  // ---------------------------------------------------------------- labels

  /**
   * The id of a workflow label, created with its standard colour when missing. Mirrors {@code
   * _ilc_backlog_id}, {@code _ilc_in_progress_id} and {@code _ilc_blocked_id}.
   *
   * @param label the label
   * @return the id (the lowest when several labels share the name), or empty when it could be
   *     neither found nor created (logged)
   */
  public OptionalLong labelId(StandardLabel label) {
    return ensureLabel(label.labelName(), label.color());
  }

  /**
   * The id of a label by exact name, created with {@code color} when missing; cached for this
   * instance. Mirrors {@code _ilc_ensure_label_id NAME COLOR}.
   *
   * @param name the label name
   * @param color {@code #rrggbb} for a label that has to be created (the original's default is
   *     {@code #e0e0e0})
   * @return the id, or empty when it could be neither found nor created (logged)
   */
  public OptionalLong ensureLabel(String name, String color) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(color, "color");
    try {
      return OptionalLong.of(labels.ensure(name, color));
    } catch (ForgeException e) {
      LOG.warn("{}no id for label '{}' ({})", PREFIX, name, e.getMessage());
      return OptionalLong.empty();
    }
  }

  // ---------------------------------------------------------------- internals

  private static void requireIssue(long issue) {
    if (issue <= 0) {
      throw new IllegalArgumentException("issue number must be positive: " + issue);
    }
  }

  /** Looks the login up once; a missing or empty login is a failure, not a login (#856). */
  private Optional<ClaimResult.Failed> ensureIdentity() {
    if (me != null) {
      return Optional.empty();
    }
    synchronized (this) {
      if (me != null) {
        return Optional.empty();
      }
      User user;
      try {
        user = forge.root().get("/user", User.class);
      } catch (ForgeException e) {
        LOG.warn("{}cannot tell who this token belongs to (HTTP {})", PREFIX, e.status());
        return Optional.of(ClaimProtocol.failed("whoami", e));
      }
      if (user == null || user.login() == null || user.login().isEmpty()) {
        LOG.warn("{}GET /user answered without a login", PREFIX);
        return Optional.of(new ClaimResult.Failed("whoami", 200, "the answer has no login"));
      }
      me = user.login();
      return Optional.empty();
    }
  }

  /** An issue read once per call; empty when it cannot be read (it then blocks). */
  private Optional<Issue> lookup(long number, Map<Long, Optional<Issue>> seen) {
    return seen.computeIfAbsent(number, n -> {
      try {
        return Optional.ofNullable(writes.readIssue(n));
      } catch (ForgeException e) {
        LOG.warn("{}cannot read dependency #{} (HTTP {})", PREFIX, n, e.status());
        return Optional.empty();
      }
    });
  }
}
