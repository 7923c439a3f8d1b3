package ai.disinto.forge.issues;

import ai.disinto.core.deps.DependencyParser;
import ai.disinto.core.secrets.SecretScanner;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.ForgeResponse;
import ai.disinto.forge.client.model.Comment;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.model.Label;
import ai.disinto.forge.client.model.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
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
  private static final String PREFIX = "issue-lifecycle: ";
  /** The original's grace period for a fresh {@code in-progress} label (dev-poll, #471). */
  public static final Duration DEFAULT_CLAIM_GRACE = Duration.ofSeconds(60);

  private final ForgeClient forge;
  private final SecretScanner scanner;
  private final Clock clock;
  private final Duration claimGrace;
  private final LabelCache labels;
  private final ClaimRefs refs;
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
    this.claimGrace = Objects.requireNonNull(claimGrace, "claimGrace");
    if (claimGrace.isNegative()) {
      throw new IllegalArgumentException("claim grace must not be negative");
    }
    this.labels = new LabelCache(forge);
    this.refs = new ClaimRefs(forge);
  }

  // ---------------------------------------------------------------- claim

  /**
   * Claims an issue for the caller, all or nothing. An issue assigned to another login is left
   * alone. Otherwise the claim ref {@code claims/issue-N} is created (the atomic step: of agents
   * claiming at once exactly one creates it, the others get {@link ClaimResult.LostRace}); then
   * the issue is assigned to the caller (before labelling, #471), read back, labelled {@code
   * in-progress}, and {@code blocked} and {@code backlog} are removed. When a step fails, what was
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
    String login = me;
    Issue before;
    try {
      before = readIssue(issue);
    } catch (ForgeException e) {
      LOG.warn("{}cannot read issue #{} to claim it (HTTP {})", PREFIX, issue, e.status());
      return failed("read", e);
    }
    String current = assignee(before);
    if (!current.isEmpty() && !current.equals(login)) {
      LOG.info("{}issue #{} is already assigned to {} — not claiming it", PREFIX, issue, current);
      return new ClaimResult.AlreadyAssigned(current);
    }
    Deque<Undo> undo = new ArrayDeque<>();
    Optional<ClaimResult> refOutcome = takeClaimRef(issue, login, current, undo);
    if (refOutcome.isPresent()) {
      return refOutcome.get();
    }
    int patchStatus;
    try {
      ForgeResponse patch =
          forge.send("PATCH", issuePath(issue), Map.of("assignees", List.of(login)));
      patchStatus = patch.status();
      if (!patch.ok()) {
        return rollBack(issue, undo, Writes.failure("patch", patch));
      }
    } catch (ForgeException e) {
      if (current.isEmpty()) {
        undo.push(unassignUndo(issue, login));
      }
      if (!Writes.answerLost(e)) {
        return rollBack(issue, undo, Writes.failure("patch", e));
      }
      // The PATCH may have been applied: the re-read below tells.
      LOG.info("{}the answer to assigning issue #{} was lost; reading it back", PREFIX, issue);
      patchStatus = 0;
    }
    if (current.isEmpty() && patchStatus != 0) {
      undo.push(unassignUndo(issue, login));
    }
    Issue after;
    try {
      after = readIssue(issue);
    } catch (ForgeException e) {
      return rollBack(issue, undo, Writes.failure("reread", e));
    }
    String actual = assignee(after);
    if (actual.isEmpty()) {
      // Forgejo answers 201 but drops the assignees of a poster without write access (#856).
      return rollBack(issue, undo, new StepFailure("patch", patchStatus, patchStatus == 0
          ? "the answer was lost and the issue is not assigned"
          : "the forge ignored the assignment (no write access?)"));
    }
    if (!actual.equals(login)) {
      // An agent outside the claim-ref protocol assigned it meanwhile: theirs, not ours to undo.
      undo.removeIf(u -> u.what().startsWith("assignee "));
      LOG.info("{}lost the race for issue #{}: now assigned to {}", PREFIX, issue, actual);
      ClaimResult rolled = rollBack(issue, undo, new StepFailure("reread", 200,
          "assigned to " + actual));
      return rolled instanceof ClaimResult.Partial ? rolled
          : new ClaimResult.AlreadyAssigned(actual);
    }
    if (!hasLabel(after, StandardLabel.IN_PROGRESS)) {
      Optional<StepFailure> added = addLabel(issue, StandardLabel.IN_PROGRESS);
      if (added.isPresent()) {
        return rollBack(issue, undo, rename(added.get(), "label"));
      }
      undo.push(new Undo("label in-progress",
          () -> removeLabel(issue, StandardLabel.IN_PROGRESS)));
    }
    for (StandardLabel gone : List.of(StandardLabel.BLOCKED, StandardLabel.BACKLOG)) {
      for (Label l : after.labels()) {
        if (gone.labelName().equals(l.name())) {
          Optional<StepFailure> removed = removeLabelId(issue, l.id(), "unlabel");
          if (removed.isPresent()) {
            return rollBack(issue, undo, removed.get());
          }
          undo.push(new Undo("label " + gone.labelName() + " removed",
              () -> addLabel(issue, gone)));
        }
      }
    }
    LOG.info("{}claimed issue #{}", PREFIX, issue);
    return new ClaimResult.Claimed(login);
  }

  /**
   * Takes the claim ref for {@code login}, or reuses the one it already holds. On success pushes
   * the undo of what it created and returns empty; otherwise the result to return.
   */
  private Optional<ClaimResult> takeClaimRef(long issue, String login, String current,
      Deque<Undo> undo) {
    Optional<ClaimRefs.Holder> held;
    try {
      held = refs.read(issue);
    } catch (ForgeException e) {
      LOG.warn("{}cannot read the claim ref of issue #{} ({})", PREFIX, issue, e.getMessage());
      return Optional.of(failed("claim-ref", e));
    }
    if (held.isPresent()) {
      ClaimRefs.Holder h = held.get();
      if (h.login().equals(login) && current.equals(login)) {
        return Optional.empty();
      }
      Duration age = Duration.between(h.since(), clock.instant());
      if (age.compareTo(claimGrace) <= 0) {
        LOG.info("{}issue #{} is being claimed by {} — not claiming it", PREFIX, issue,
            h.login().isEmpty() ? "another agent" : h.login());
        return Optional.of(new ClaimResult.LostRace(h.login()));
      }
      LOG.info("{}the claim of {} on issue #{} is stale (taken {} s ago, not assigned); breaking"
          + " it", PREFIX, h.login().isEmpty() ? "an unknown agent" : h.login(), issue,
          age.toSeconds());
      try {
        if (refs.remove(issue, h) == ClaimRefs.Removal.BUSY) {
          LOG.info("{}another agent is breaking the stale claim on issue #{}", PREFIX, issue);
          return Optional.of(new ClaimResult.LostRace(""));
        }
      } catch (ForgeException e) {
        LOG.warn("{}cannot break the stale claim on issue #{} ({})", PREFIX, issue,
            e.getMessage());
        return Optional.of(failed("claim-ref", e));
      }
    }
    String marker;
    boolean won;
    try {
      marker = refs.createMarker(issue, login);
      won = refs.create(issue, marker);
    } catch (ForgeException e) {
      LOG.warn("{}cannot create the claim ref of issue #{} ({}){}", PREFIX, issue, e.getMessage(),
          e.status() == 403 ? "; is " + login + " a write collaborator?" : "");
      return Optional.of(failed("claim-ref", e));
    }
    if (!won) {
      String holder = "";
      try {
        holder = refs.read(issue).map(ClaimRefs.Holder::login).orElse("");
      } catch (ForgeException e) {
        holder = "";
      }
      LOG.info("{}lost the race for issue #{}{}", PREFIX, issue,
          holder.isEmpty() ? "" : ": claimed by " + holder);
      return Optional.of(new ClaimResult.LostRace(holder));
    }
    ClaimRefs.Holder mine = new ClaimRefs.Holder(login, marker, Instant.EPOCH);
    undo.push(new Undo("claim ref " + ClaimRefs.claimBranch(issue), () -> {
      try {
        refs.remove(issue, mine);
        return Optional.empty();
      } catch (ForgeException e) {
        return Optional.of(Writes.failure("claim-ref", e));
      }
    }));
    return Optional.empty();
  }

  /** Something a claim applied, and how to take it back. */
  private record Undo(String what, Supplier<Optional<StepFailure>> action) {}

  private Undo unassignUndo(long issue, String login) {
    return new Undo("assignee " + login,
        () -> unassign(issue));
  }

  /** Undoes in reverse order; Failed when everything was undone, Partial naming what is left. */
  private ClaimResult rollBack(long issue, Deque<Undo> undo, StepFailure cause) {
    List<String> left = new ArrayList<>();
    while (!undo.isEmpty()) {
      Undo u = undo.pop();
      Optional<StepFailure> f = u.action().get();
      if (f.isPresent()) {
        left.add(u.what());
        LOG.warn("{}could not undo {} on issue #{}: {}", PREFIX, u.what(), issue,
            f.get().describe());
      }
    }
    if (left.isEmpty()) {
      LOG.warn("{}did not claim issue #{}: {}; nothing of the claim is left", PREFIX, issue,
          cause.describe());
      return new ClaimResult.Failed(cause.step(), cause.httpStatus(), cause.message());
    }
    LOG.warn("{}claim of issue #{} half done: {}; still applied: {}", PREFIX, issue,
        cause.describe(), String.join(", ", left));
    return new ClaimResult.Partial(cause.step(), cause.httpStatus(), cause.message(), left);
  }

  private static ClaimResult.Failed failed(String step, ForgeException e) {
    StepFailure f = Writes.failure(step, e);
    return new ClaimResult.Failed(step, f.httpStatus(), f.message());
  }

  private static StepFailure rename(StepFailure f, String step) {
    return new StepFailure(step, f.httpStatus(), f.message());
  }

  // ---------------------------------------------------------------- release / block / close

  /**
   * Gives an issue back to the backlog: removes {@code in-progress}, adds {@code backlog}, clears
   * the assignee, then removes the claim ref (whoever holds it). Every step is tried even when an
   * earlier one failed, as in the original. Mirrors {@code issue_release}.
   *
   * @param issue the issue number, positive
   * @return the steps that failed; {@code released issue #N} is logged only when none did
   * @throws IllegalArgumentException when the number is not positive
   */
  public WriteResult release(long issue) {
    requireIssue(issue);
    List<StepFailure> failures = new ArrayList<>();
    removeLabel(issue, StandardLabel.IN_PROGRESS).ifPresent(failures::add);
    addLabel(issue, StandardLabel.BACKLOG).ifPresent(failures::add);
    unassign(issue).ifPresent(failures::add);
    releaseClaimRef(issue).ifPresent(failures::add);
    return report(failures, "released issue #" + issue, "release of issue #" + issue);
  }

  /**
   * Marks an issue blocked: posts the diagnostic comment first (heading {@code ### Blocked — issue
   * #N}, a table with the exit reason and a UTC timestamp, the diagnostic in a collapsed code
   * block), then removes {@code in-progress}, adds {@code blocked} and removes the claim ref. The
   * assignee and the backlog label are left alone. The reason and the diagnostic are redacted.
   * Every step is tried. Mirrors {@code issue_block}.
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
    postOnce(issue, Comments.block(issue, safeReason, safeDiagnostic, clock.instant()))
        .ifPresent(failures::add);
    removeLabel(issue, StandardLabel.IN_PROGRESS).ifPresent(failures::add);
    addLabel(issue, StandardLabel.BLOCKED).ifPresent(failures::add);
    releaseClaimRef(issue).ifPresent(failures::add);
    return report(failures, "blocked issue #" + issue + ": " + safeReason,
        "block of issue #" + issue);
  }

  /**
   * Closes an issue: clears the assignee, sets the state to closed (two PATCH requests), then
   * removes the claim ref; labels are not touched. Every step is tried. Mirrors {@code
   * issue_close}.
   *
   * @param issue the issue number, positive
   * @return the steps that failed
   * @throws IllegalArgumentException when the number is not positive
   */
  public WriteResult close(long issue) {
    requireIssue(issue);
    List<StepFailure> failures = new ArrayList<>();
    unassign(issue).ifPresent(failures::add);
    patch(issue, Map.of("state", "closed"), "close", i -> "closed".equals(i.state()))
        .ifPresent(failures::add);
    releaseClaimRef(issue).ifPresent(failures::add);
    return report(failures, "closed issue #" + issue, "close of issue #" + issue);
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
    Optional<StepFailure> failure = postOnce(issue, scanner.redact(body));
    failure.ifPresent(f -> LOG.warn("{}comment on issue #{} failed: {}", PREFIX, issue,
        f.describe()));
    return new WriteResult(failure.stream().toList());
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

  /** Removes the claim ref of an issue, whoever holds it. */
  private Optional<StepFailure> releaseClaimRef(long issue) {
    try {
      Optional<ClaimRefs.Holder> held = refs.read(issue);
      if (held.isPresent()) {
        refs.remove(issue, held.get());
      }
      return Optional.empty();
    } catch (ForgeException e) {
      return Optional.of(Writes.failure("claim-ref", e));
    }
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
    Issue self = readIssue(issue);
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
      List<Comment> comments = forge.getAll(issuePath(issue) + "/comments", Comment.class);
      if (comments.stream().anyMatch(c -> Comments.isRefusal(c.body(), title))) {
        LOG.info("{}refusal already posted, not repeating it: {}", PREFIX, scanner.redact(title));
        return RefusalResult.of(RefusalResult.Outcome.DUPLICATE_SKIPPED);
      }
    } catch (ForgeException e) {
      LOG.warn("{}cannot read the comments of issue #{} (HTTP {}); posting the refusal without"
          + " the duplicate check", PREFIX, issue, e.status());
    }
    String text = scanner.redact(Comments.refusal(emoji, title, body, clock.instant()));
    Optional<StepFailure> failure = postOnce(issue, text);
    if (failure.isEmpty()) {
      LOG.info("{}posted refusal on issue #{}: {}", PREFIX, issue, scanner.redact(title));
      return RefusalResult.of(RefusalResult.Outcome.POSTED);
    }
    if (failure.get().httpStatus() == 0 && failure.get().message().startsWith(UNCONFIRMED)) {
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

  private static final String UNCONFIRMED = "answer lost";

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
        return Optional.of(failed("whoami", e));
      }
      if (user == null || user.login() == null || user.login().isEmpty()) {
        LOG.warn("{}GET /user answered without a login", PREFIX);
        return Optional.of(new ClaimResult.Failed("whoami", 200, "the answer has no login"));
      }
      me = user.login();
      return Optional.empty();
    }
  }

  private Issue readIssue(long issue) {
    return forge.get(issuePath(issue), Issue.class);
  }

  /** An issue read once per call; empty when it cannot be read (it then blocks). */
  private Optional<Issue> lookup(long number, Map<Long, Optional<Issue>> seen) {
    return seen.computeIfAbsent(number, n -> {
      try {
        return Optional.ofNullable(readIssue(n));
      } catch (ForgeException e) {
        LOG.warn("{}cannot read dependency #{} (HTTP {})", PREFIX, n, e.status());
        return Optional.empty();
      }
    });
  }

  private static String assignee(Issue issue) {
    if (issue.assignee() != null && issue.assignee().login() != null) {
      return issue.assignee().login();
    }
    return issue.assignees().isEmpty() || issue.assignees().get(0).login() == null
        ? "" : issue.assignees().get(0).login();
  }

  private static boolean hasLabel(Issue issue, StandardLabel label) {
    return issue.labels().stream().anyMatch(l -> label.labelName().equals(l.name()));
  }

  private static String issuePath(long issue) {
    return "/issues/" + issue;
  }

  private Optional<StepFailure> unassign(long issue) {
    return patch(issue, Map.of("assignees", List.of()), "unassign", i -> assignee(i).isEmpty());
  }

  /** One PATCH of the issue; when its answer is lost, the issue is read to see if it applied. */
  private Optional<StepFailure> patch(long issue, Map<String, ?> body, String step,
      Predicate<Issue> applied) {
    try {
      ForgeResponse r = forge.send("PATCH", issuePath(issue), body);
      return r.ok() ? Optional.empty() : Optional.of(Writes.failure(step, r));
    } catch (ForgeException e) {
      if (Writes.answerLost(e)) {
        try {
          if (applied.test(readIssue(issue))) {
            return Optional.empty();
          }
        } catch (ForgeException lookup) {
          return Optional.of(Writes.failure(step, e));
        }
      }
      return Optional.of(Writes.failure(step, e));
    }
  }

  /**
   * Posts text that has already been redacted, once: when the answer is lost the comments are
   * searched for the text, and a miss is reported (message starting {@code answer lost}), not
   * retried.
   */
  private Optional<StepFailure> postOnce(long issue, String text) {
    try {
      ForgeResponse r = forge.send("POST", issuePath(issue) + "/comments", Map.of("body", text));
      return r.ok() ? Optional.empty() : Optional.of(Writes.failure("comment", r));
    } catch (ForgeException e) {
      if (!Writes.answerLost(e)) {
        return Optional.of(Writes.failure("comment", e));
      }
      LOG.info("{}the answer to a comment on issue #{} was lost; looking it up", PREFIX, issue);
      try {
        List<Comment> comments = forge.getAll(issuePath(issue) + "/comments", Comment.class);
        if (comments.stream().anyMatch(c -> text.equals(c.body()))) {
          return Optional.empty();
        }
        return Optional.of(new StepFailure("comment", 0,
            UNCONFIRMED + " and the comment is not on the issue: " + e.getMessage()));
      } catch (ForgeException lookup) {
        return Optional.of(new StepFailure("comment", 0,
            UNCONFIRMED + " and the comments cannot be read: " + lookup.getMessage()));
      }
    }
  }

  /**
   * Adds a workflow label (created when missing). When the write fails with 404 or 422, or
   * succeeds without the label (Forgejo silently skips unknown ids), the cached id is stale: it is
   * dropped, looked up again and the write retried once. A lost answer is checked on the issue.
   */
  private Optional<StepFailure> addLabel(long issue, StandardLabel label) {
    String step = "add-label " + label.labelName();
    try {
      long id = labels.ensure(label.labelName(), label.color());
      Optional<StepFailure> first = tryAdd(issue, id, step);
      if (first.isEmpty()) {
        return first;
      }
      if (!staleId(first.get())) {
        return first;
      }
      labels.forget(label.labelName(), id);
      long again = labels.ensure(label.labelName(), label.color());
      return tryAdd(issue, again, step);
    } catch (ForgeException e) {
      return Optional.of(Writes.failure(step, e));
    }
  }

  private static boolean staleId(StepFailure f) {
    return f.httpStatus() == 404 || f.httpStatus() == 422 || f.httpStatus() == 200;
  }

  /** One add; status 200 in the failure means the answer lacked the label. */
  private Optional<StepFailure> tryAdd(long issue, long id, String step) {
    try {
      List<Label> now = forge.call("POST", issuePath(issue) + "/labels",
          Map.of("labels", List.of(id)), ForgeClient.listOf(Label.class));
      if (now == null || now.stream().anyMatch(l -> l.id() == id)) {
        return Optional.empty();
      }
      return Optional.of(new StepFailure(step, 200, "the forge did not add label id " + id));
    } catch (ForgeException e) {
      if (Writes.answerLost(e)) {
        try {
          if (readIssue(issue).labels().stream().anyMatch(l -> l.id() == id)) {
            return Optional.empty();
          }
        } catch (ForgeException lookup) {
          return Optional.of(Writes.failure(step, e));
        }
      }
      return Optional.of(Writes.failure(step, e));
    }
  }

  /** Removes a workflow label by its cached id, with the same stale-id retry as adding. */
  private Optional<StepFailure> removeLabel(long issue, StandardLabel label) {
    String step = "remove-label " + label.labelName();
    try {
      OptionalLong id = labels.find(label.labelName());
      if (id.isEmpty()) {
        return Optional.empty();
      }
      Optional<StepFailure> first = removeLabelId(issue, id.getAsLong(), step);
      if (first.isEmpty() || !(first.get().httpStatus() == 404
          || first.get().httpStatus() == 422)) {
        return first;
      }
      labels.forget(label.labelName(), id.getAsLong());
      OptionalLong again = labels.find(label.labelName());
      return again.isEmpty() ? Optional.empty() : removeLabelId(issue, again.getAsLong(), step);
    } catch (ForgeException e) {
      return Optional.of(Writes.failure(step, e));
    }
  }

  /** One DELETE of a label from an issue (idempotent, so a lost answer is a plain failure). */
  private Optional<StepFailure> removeLabelId(long issue, long id, String step) {
    try {
      ForgeResponse r = forge.send("DELETE", issuePath(issue) + "/labels/" + id, null);
      return r.ok() ? Optional.empty() : Optional.of(Writes.failure(step, r));
    } catch (ForgeException e) {
      return Optional.of(Writes.failure(step, e));
    }
  }
}
