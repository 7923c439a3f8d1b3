package ai.disinto.forge.issues;

import ai.disinto.core.deps.DependencyParser;
import ai.disinto.core.log.FactoryLog;
import ai.disinto.core.secrets.SecretScanner;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.ForgeResponse;
import ai.disinto.forge.client.model.Comment;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.model.Label;
import ai.disinto.forge.client.model.User;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Moves issues through the factory's workflow on one repository: claim, release, block, close,
 * dependency checks and refusal comments. Mirrors lib/issue-lifecycle.sh; the Forgejo assignee is
 * the lock between agents (#38).
 *
 * <p>Built from the repository's {@link ForgeClient} (whose token is the agent's identity), the
 * {@link SecretScanner} that redacts every comment before it leaves, the {@link Clock} of the
 * comment timestamps and the {@link FactoryLog} that receives the progress lines (prefixed
 * {@code issue-lifecycle:} as in the original). Dependencies are parsed with the static {@link
 * DependencyParser}, in-process.
 *
 * <p>One instance keeps two caches for its lifetime: the caller's login ({@code GET /user} is
 * asked once) and the label ids by name ({@code GET /labels} is read, every page, on the first
 * miss only). Instances are thread-safe.
 *
 * <p>Differences from the original, all deliberate: the claim re-reads the issue after its PATCH
 * and reports a lost race, reports the failing step and status, treats a missing login as a
 * failure and removes a stale {@code blocked} label (upstream #830, #856, #1047); the block reason
 * and every comment are redacted; the block table and fence survive backticks; a refusal is
 * recognised by its header line, not by a substring; an unreadable issue in {@link #checkDeps}
 * throws instead of counting as ready; a label write that fails because the label vanished is
 * retried once with a freshly looked-up id.
 */
public final class IssueLifecycle {
  private static final String PREFIX = "issue-lifecycle: ";

  private final ForgeClient forge;
  private final SecretScanner scanner;
  private final Clock clock;
  private final FactoryLog log;
  private final LabelCache labels;
  private volatile String me;

  /**
   * Creates the lifecycle of the client's repository. No request is made.
   *
   * @param forge the client of the repository ({@code FORGE_API}) with the agent's token
   * @param scanner redacts comment text before posting ({@link SecretScanner#defaults()})
   * @param clock the time of block and refusal comments
   * @param log where progress lines go
   */
  public IssueLifecycle(ForgeClient forge, SecretScanner scanner, Clock clock, FactoryLog log) {
    this.forge = Objects.requireNonNull(forge, "forge");
    this.scanner = Objects.requireNonNull(scanner, "scanner");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.log = Objects.requireNonNull(log, "log");
    this.labels = new LabelCache(forge, log);
  }

  // ---------------------------------------------------------------- claim / release / close

  /**
   * Claims an issue for the caller: assigns it (before labelling, #471), reads it back, then adds
   * {@code in-progress} and removes {@code backlog} and {@code blocked}. An issue already assigned
   * to the caller is claimed again (idempotent). Mirrors {@code issue_claim}.
   *
   * <p>Requests: {@code GET /api/v1/user} (first call only), {@code GET /issues/{n}}, {@code PATCH
   * /issues/{n}}, {@code GET /issues/{n}}, the label lookup (first call only), {@code POST
   * /issues/{n}/labels}, and one {@code DELETE /issues/{n}/labels/{id}} per backlog or blocked
   * label the re-read issue carries.
   *
   * @param issue the issue number
   * @return {@link ClaimResult.Claimed}, {@link ClaimResult.AlreadyAssigned} (before or after the
   *     PATCH: the other agent won, no label touched), or {@link ClaimResult.Failed} with the step
   *     and status; never throws on forge errors
   */
  public ClaimResult claim(long issue) {
    Optional<ClaimResult.Failed> whoamiFailure = ensureIdentity();
    if (whoamiFailure.isPresent()) {
      return whoamiFailure.get();
    }
    String login = me;
    Issue before;
    try {
      before = readIssue(issue);
    } catch (ForgeException e) {
      log.log(PREFIX + "cannot read issue #" + issue + " to claim it (HTTP " + e.status() + ")");
      return new ClaimResult.Failed("read", e.status());
    }
    String current = assignee(before);
    if (!current.isEmpty() && !current.equals(login)) {
      log.log(PREFIX + "issue #" + issue + " is already assigned to " + current
          + " — not claiming it");
      return new ClaimResult.AlreadyAssigned(current);
    }
    int patchStatus;
    try {
      ForgeResponse patch =
          forge.send("PATCH", issuePath(issue), Map.of("assignees", List.of(login)));
      patchStatus = patch.status();
    } catch (ForgeException e) {
      patchStatus = e.status();
    }
    if (patchStatus < 200 || patchStatus >= 300) {
      log.log(PREFIX + "assigning issue #" + issue + " to " + login + " failed (HTTP "
          + patchStatus + (patchStatus == 403 ? ", is " + login + " a write collaborator?" : "")
          + ")");
      return new ClaimResult.Failed("patch", patchStatus);
    }
    Issue after;
    try {
      after = readIssue(issue);
    } catch (ForgeException e) {
      log.log(PREFIX + "cannot re-read issue #" + issue + " after assigning it (HTTP "
          + e.status() + ")");
      return new ClaimResult.Failed("reread", e.status());
    }
    String actual = assignee(after);
    if (actual.isEmpty()) {
      // Forgejo answers 201 but drops the assignees of a poster without write access (#856).
      log.log(PREFIX + "the forge ignored the assignment of issue #" + issue + " to " + login
          + " (HTTP " + patchStatus + ", no write access?)");
      return new ClaimResult.Failed("patch", patchStatus);
    }
    if (!actual.equals(login)) {
      log.log(PREFIX + "lost the race for issue #" + issue + ": now assigned to " + actual);
      return new ClaimResult.AlreadyAssigned(actual);
    }
    addLabel(issue, StandardLabel.IN_PROGRESS);
    for (Label l : after.labels()) {
      if (StandardLabel.BACKLOG.labelName().equals(l.name())
          || StandardLabel.BLOCKED.labelName().equals(l.name())) {
        removeLabelId(issue, l.id());
      }
    }
    log.log(PREFIX + "claimed issue #" + issue);
    return new ClaimResult.Claimed(login);
  }

  /**
   * Gives an issue back to the backlog: clears the assignee, removes {@code in-progress}, adds
   * {@code backlog}. Every failure is logged and ignored. Mirrors {@code issue_release}.
   *
   * @param issue the issue number
   */
  public void release(long issue) {
    patchIgnoringErrors(issue, Map.of("assignees", List.of()));
    removeLabel(issue, StandardLabel.IN_PROGRESS);
    addLabel(issue, StandardLabel.BACKLOG);
    log.log(PREFIX + "released issue #" + issue);
  }

  /**
   * Marks an issue blocked: posts the diagnostic comment first (heading {@code ### Blocked — issue
   * #N}, a table with the exit reason and a UTC timestamp, the diagnostic in a collapsed code
   * block), then removes {@code in-progress} and adds {@code blocked}. The assignee and the backlog
   * label are left alone. The reason and the diagnostic are redacted. Failures are logged and
   * ignored. Mirrors {@code issue_block}.
   *
   * @param issue the issue number
   * @param reason the exit reason, such as {@code ci_exhausted}
   * @param diagnostic output to attach (a tmux capture, an agent's last words), or {@code null}
   */
  public void block(long issue, String reason, String diagnostic) {
    Objects.requireNonNull(reason, "reason");
    String safeReason = scanner.redact(reason);
    String safeDiagnostic = diagnostic == null || diagnostic.isEmpty()
        ? null : scanner.redact(diagnostic);
    postRedacted(issue, Comments.block(issue, safeReason, safeDiagnostic, clock.instant()));
    removeLabel(issue, StandardLabel.IN_PROGRESS);
    addLabel(issue, StandardLabel.BLOCKED);
    log.log(PREFIX + "blocked issue #" + issue + ": " + safeReason);
  }

  /**
   * Closes an issue: clears the assignee, then sets the state to closed (two PATCH requests);
   * labels are not touched. Failures are logged and ignored. Mirrors {@code issue_close}.
   *
   * @param issue the issue number
   */
  public void close(long issue) {
    patchIgnoringErrors(issue, Map.of("assignees", List.of()));
    patchIgnoringErrors(issue, Map.of("state", "closed"));
    log.log(PREFIX + "closed issue #" + issue);
  }

  /**
   * Posts a comment, redacted first. Mirrors {@code _ilc_post_comment} (which dev-poll uses for
   * stale-issue diagnostics); unlike it, the outcome is returned and a failure logged.
   *
   * @param issue the issue number
   * @param body the Markdown text
   * @return true when the forge accepted the comment
   */
  public boolean postComment(long issue, String body) {
    Objects.requireNonNull(body, "body");
    return postRedacted(issue, scanner.redact(body));
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
    log.log(PREFIX + "issue #" + issue + " is blocked by: "
        + blockedBy.stream().map(String::valueOf).collect(Collectors.joining(" "))
        + (suggestion.isPresent() ? ", suggest #" + suggestion.getAsLong() : ""));
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
      log.log(PREFIX + "cannot list backlog issues (HTTP " + e.status() + ")");
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
        log.log(PREFIX + "next unblocked issue: #" + candidate.number());
        return OptionalLong.of(candidate.number());
      }
    }
    log.log(PREFIX + "found no unblocked backlog issue");
    return OptionalLong.empty();
  }

  // ---------------------------------------------------------------- refusal

  /**
   * Posts a structured refusal ({@code {emoji} **Dev-agent: {title}**}, the body, a footer with
   * the UTC date) unless the issue already has a comment whose header line is the same refusal:
   * a given refusal is posted at most once per issue, however long its history. The comment is
   * redacted. When the comments cannot be read, the refusal is posted anyway. Mirrors {@code
   * issue_post_refusal}.
   *
   * @param issue the issue number
   * @param emoji such as {@code 🚧}
   * @param title such as {@code Unmet dependency}
   * @param body the explanation, Markdown
   * @return what happened
   */
  public RefusalResult postRefusal(long issue, String emoji, String title, String body) {
    Objects.requireNonNull(emoji, "emoji");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    try {
      List<Comment> comments = forge.getAll(issuePath(issue) + "/comments", Comment.class);
      if (comments.stream().anyMatch(c -> Comments.isRefusal(c.body(), title))) {
        log.log(PREFIX + "refusal already posted, not repeating it: " + scanner.redact(title));
        return RefusalResult.DUPLICATE_SKIPPED;
      }
    } catch (ForgeException e) {
      log.log(PREFIX + "cannot read the comments of issue #" + issue + " (HTTP " + e.status()
          + "); posting the refusal without the duplicate check");
    }
    String text = scanner.redact(Comments.refusal(emoji, title, body, clock.instant()));
    if (!postRedacted(issue, text)) {
      log.log(PREFIX + "WARNING: could not post the refusal comment on issue #" + issue);
      return RefusalResult.POST_FAILED;
    }
    return RefusalResult.POSTED;
  }

  // ---------------------------------------------------------------- labels

  /**
   * The id of a workflow label, created with its standard colour when missing. Mirrors {@code
   * _ilc_backlog_id}, {@code _ilc_in_progress_id} and {@code _ilc_blocked_id}.
   *
   * @param label the label
   * @return the id (the lowest when several labels share the name), or empty when it could be
   *     neither found nor created
   */
  public OptionalLong labelId(StandardLabel label) {
    return labels.ensure(label.labelName(), label.color());
  }

  /**
   * The id of a label by exact name, created with {@code color} when missing; cached for this
   * instance. Mirrors {@code _ilc_ensure_label_id NAME COLOR}.
   *
   * @param name the label name
   * @param color {@code #rrggbb} for a label that has to be created (the original's default is
   *     {@code #e0e0e0})
   * @return the id, or empty when it could be neither found nor created
   */
  public OptionalLong ensureLabel(String name, String color) {
    return labels.ensure(Objects.requireNonNull(name, "name"), Objects.requireNonNull(color,
        "color"));
  }

  // ---------------------------------------------------------------- internals

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
        log.log(PREFIX + "cannot tell who this token belongs to (HTTP " + e.status() + ")");
        return Optional.of(new ClaimResult.Failed("whoami", e.status()));
      }
      if (user == null || user.login() == null || user.login().isEmpty()) {
        log.log(PREFIX + "GET /user answered without a login");
        return Optional.of(new ClaimResult.Failed("whoami", 200));
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
        log.log(PREFIX + "cannot read dependency #" + n + " (HTTP " + e.status() + ")");
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

  private static String issuePath(long issue) {
    return "/issues/" + issue;
  }

  private void patchIgnoringErrors(long issue, Map<String, ?> body) {
    try {
      ForgeResponse r = forge.send("PATCH", issuePath(issue), body);
      if (!r.ok()) {
        log.log(PREFIX + "PATCH of issue #" + issue + " failed (HTTP " + r.status() + ")");
      }
    } catch (ForgeException e) {
      log.log(PREFIX + "PATCH of issue #" + issue + " failed (" + e.getMessage() + ")");
    }
  }

  /** Posts text that has already been redacted. */
  private boolean postRedacted(long issue, String text) {
    try {
      ForgeResponse r = forge.send("POST", issuePath(issue) + "/comments", Map.of("body", text));
      if (r.ok()) {
        return true;
      }
      log.log(PREFIX + "comment on issue #" + issue + " failed (HTTP " + r.status() + ")");
    } catch (ForgeException e) {
      log.log(PREFIX + "comment on issue #" + issue + " failed (" + e.getMessage() + ")");
    }
    return false;
  }

  /**
   * Adds a workflow label (created when missing). When the write fails with 404 or 422, or
   * succeeds without the label (Forgejo silently skips unknown ids), the cached id is stale: it is
   * dropped, looked up again and the write retried once. Failures are logged, never thrown.
   */
  private void addLabel(long issue, StandardLabel label) {
    OptionalLong id = labels.ensure(label.labelName(), label.color());
    if (id.isEmpty()) {
      log.log(PREFIX + "no id for label " + label.labelName() + "; not adding it to #" + issue);
      return;
    }
    if (tryAdd(issue, id.getAsLong())) {
      return;
    }
    labels.forget(label.labelName(), id.getAsLong());
    OptionalLong again = labels.ensure(label.labelName(), label.color());
    if (again.isPresent() && !tryAdd(issue, again.getAsLong())) {
      log.log(PREFIX + "adding label " + label.labelName() + " to #" + issue + " failed twice");
    }
  }

  /** One add; false only when the id looks stale (404, 422, or absent from the answer). */
  private boolean tryAdd(long issue, long id) {
    try {
      List<Label> now = forge.call("POST", issuePath(issue) + "/labels",
          Map.of("labels", List.of(id)), ForgeClient.listOf(Label.class));
      return now == null || now.stream().anyMatch(l -> l.id() == id);
    } catch (ForgeException e) {
      log.log(PREFIX + "adding label " + id + " to #" + issue + " failed (HTTP " + e.status()
          + ")");
      return !(e.status() == 404 || e.status() == 422);
    }
  }

  /** Removes a workflow label by its cached id, with the same stale-id retry as adding. */
  private void removeLabel(long issue, StandardLabel label) {
    OptionalLong id = labels.find(label.labelName());
    if (id.isEmpty()) {
      return;
    }
    int status = removeLabelId(issue, id.getAsLong());
    if (status == 404 || status == 422) {
      labels.forget(label.labelName(), id.getAsLong());
      OptionalLong again = labels.find(label.labelName());
      if (again.isPresent()) {
        removeLabelId(issue, again.getAsLong());
      }
    }
  }

  /** One DELETE of a label from an issue; returns the status (0 without response), logs errors. */
  private int removeLabelId(long issue, long id) {
    try {
      ForgeResponse r = forge.send("DELETE", issuePath(issue) + "/labels/" + id, null);
      if (!r.ok()) {
        log.log(PREFIX + "removing label " + id + " from #" + issue + " failed (HTTP "
            + r.status() + ")");
      }
      return r.status();
    } catch (ForgeException e) {
      log.log(PREFIX + "removing label " + id + " from #" + issue + " failed (" + e.getMessage()
          + ")");
      return 0;
    }
  }
}
