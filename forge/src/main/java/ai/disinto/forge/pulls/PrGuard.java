package ai.disinto.forge.pulls;

import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.ForgeNotFoundException;
import ai.disinto.forge.client.ForgePath;
import ai.disinto.forge.client.ForgeResponse;
import ai.disinto.forge.client.model.Issue;
import ai.disinto.forge.client.model.PullRequest;
import ai.disinto.forge.client.model.User;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a PR for an issue only when it still makes sense, the way SWE-agent and OpenHands check
 * before they open theirs: the issue is still open, still claimed by this agent (its assignee),
 * and not already fixed (no merged PR and no commit of the primary branch says {@code Fixes #N},
 * {@code Closes #N} or {@code Resolves #N}). A refused open names the reason. Optionally the PR is
 * opened as a draft (Forgejo's {@code WIP: } title prefix) and marked ready when CI first passes
 * ({@link MergeWalk.Builder#readyWhenCiPasses}). A head branch that already exists and belongs to
 * someone else is not reused: {@link #branchFor} answers {@code NAME-try2}, {@code NAME-try3}, ...
 *
 * <p>The original opened PRs without these checks. Off unless used: {@link PullRequests#create}
 * stays as it was.
 */
public final class PrGuard {
  private static final Logger LOG = LoggerFactory.getLogger(PrGuard.class);
  /** Forgejo's work-in-progress title prefix, which also blocks the merge. */
  public static final String DRAFT_PREFIX = "WIP: ";
  /** How many commits of the primary branch are searched for a fix, newest first. */
  public static final int COMMITS_SEARCHED = 200;
  /** The highest {@code -tryN} suffix tried before giving up on a free branch name. */
  public static final int MAX_TRIES = 9;

  private final PullRequests prs;
  private final ForgeClient forge;
  private final boolean drafts;
  private final int transcriptChars;
  private String login;

  private PrGuard(PullRequests prs, boolean drafts, String login, int transcriptChars) {
    this.prs = prs;
    this.forge = prs.forge();
    this.drafts = drafts;
    this.login = login;
    this.transcriptChars = transcriptChars;
  }

  /**
   * A guard that opens ready PRs as the identity of the PR service's client.
   *
   * @param prs the PR service
   * @return the guard
   */
  public static PrGuard of(PullRequests prs) {
    return new PrGuard(Objects.requireNonNull(prs, "prs"), false, "", 0);
  }

  /**
   * A copy that opens PRs as drafts ({@code WIP: } title prefix) or not (the default).
   *
   * @param on true for draft PRs
   * @return the copy
   */
  public PrGuard withDrafts(boolean on) {
    return new PrGuard(prs, on, login, transcriptChars);
  }

  /**
   * A copy that checks the claim against this login instead of asking the forge whose token the
   * client holds ({@code GET /user}).
   *
   * @param agentLogin the agent's forge login
   * @return the copy
   */
  public PrGuard withLogin(String agentLogin) {
    return new PrGuard(prs, drafts, Objects.requireNonNull(agentLogin, "agentLogin"),
        transcriptChars);
  }

  /**
   * A copy that appends the agent's session to the PR body passed to {@link #open(long, String,
   * String, String, String)}, collapsed, redacted and cut to {@code maxChars} ({@link
   * PrTranscript}); 0 (the default) adds no section.
   *
   * @param maxChars the bound of the summary; 0 for none
   * @return the copy
   */
  public PrGuard withTranscript(int maxChars) {
    return new PrGuard(prs, drafts, login, Math.max(0, maxChars));
  }

  /** Why a PR was not opened. */
  public enum Reason {
    /** The issue is closed. */
    ISSUE_CLOSED,
    /** The issue is assigned to someone else, or to nobody: the claim was lost. */
    NOT_CLAIMED,
    /** A merged PR or a commit of the primary branch already fixes the issue. */
    ALREADY_FIXED,
    /** The forge could not be read, so nothing was checked. */
    UNREADABLE
  }

  /**
   * A refusal to open a PR.
   *
   * @param reason why
   * @param detail what was found: the assignee, the merged PR, the commit, or the forge's error
   */
  public record Refusal(Reason reason, String detail) {
    /** Checks that no part is missing. */
    public Refusal {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /**
   * What {@link #open} did.
   *
   * @param refusal why no PR was asked for; empty when the guards passed
   * @param branch the head branch
   * @param draft whether the PR was asked for as a draft
   * @param create the create's result; empty when refused
   */
  public record OpenResult(Optional<Refusal> refusal, String branch, boolean draft,
      Optional<CreateResult> create) {
    /** Checks the parts: exactly one of refusal and create. */
    public OpenResult {
      Objects.requireNonNull(refusal, "refusal");
      Objects.requireNonNull(branch, "branch");
      Objects.requireNonNull(create, "create");
      if (refusal.isPresent() == create.isPresent()) {
        throw new IllegalArgumentException("exactly one of refusal and create");
      }
    }

    /**
     * Tells whether there is an open PR now.
     *
     * @return true when the guards passed and the PR was created or found open
     */
    public boolean ok() {
      return create.map(CreateResult::ok).orElse(false);
    }

    /**
     * The PR's number.
     *
     * @return the number when {@link #ok()}
     */
    public OptionalLong number() {
      return create.map(CreateResult::number).orElse(OptionalLong.empty());
    }
  }

  /**
   * Checks the guards and, when they pass, opens the PR from {@code branch} into the primary
   * branch ({@link PullRequests#create}), as a draft when so configured.
   *
   * @param issue the issue the PR fixes
   * @param branch the head branch (see {@link #branchFor})
   * @param title the title (redacted before sending)
   * @param body the description (redacted before sending)
   * @return the refusal, or the create's result
   */
  public OpenResult open(long issue, String branch, String title, String body) {
    return open(issue, branch, title, body, "");
  }

  /**
   * As {@link #open(long, String, String, String)}, with the agent's session appended to the
   * body when {@link #withTranscript} set a bound.
   *
   * @param issue the issue the PR fixes
   * @param branch the head branch
   * @param title the title (redacted before sending)
   * @param body the description (redacted before sending)
   * @param transcript the agent's session (a Claude Code transcript or plain text), or empty
   * @return the refusal, or the create's result
   */
  public OpenResult open(long issue, String branch, String title, String body,
      String transcript) {
    body = PrTranscript.appendTo(body, transcript, transcriptChars, prs.scanner());
    Optional<Refusal> refusal = check(issue, branch);
    if (refusal.isPresent()) {
      LOG.info("pr-lifecycle: not opening a PR for issue #{}: {} ({})", issue,
          refusal.get().reason(), refusal.get().detail());
      return new OpenResult(refusal, branch, false, Optional.empty());
    }
    String t = drafts && !title.startsWith(DRAFT_PREFIX) ? DRAFT_PREFIX + title : title;
    return new OpenResult(Optional.empty(), branch, drafts,
        Optional.of(prs.create(branch, t, body)));
  }

  /**
   * Checks the guards without opening anything.
   *
   * @param issue the issue
   * @param branch the agent's head branch (for the log; any merged PR that fixes the issue
   *     counts, whatever its branch)
   * @return the first guard that fails, or empty
   */
  public Optional<Refusal> check(long issue, String branch) {
    try {
      Issue i = forge.get("/issues/" + issue, Issue.class);
      if (!i.isOpen()) {
        return Optional.of(new Refusal(Reason.ISSUE_CLOSED, "issue #" + issue + " is closed"));
      }
      String me = login();
      String assignee = i.assignee() != null ? i.assignee().login()
          : i.assignees().isEmpty() ? "" : i.assignees().get(0).login();
      if (!me.equals(assignee)) {
        return Optional.of(new Refusal(Reason.NOT_CLAIMED, assignee.isEmpty()
            ? "issue #" + issue + " is assigned to nobody"
            : "issue #" + issue + " is assigned to " + assignee));
      }
      Pattern fix = fixes(issue);
      for (PullRequest p : forge.paged("/pulls?state=closed", PullRequest.class)) {
        if (p.merged() && (fix.matcher(nz(p.title())).find() || fix.matcher(nz(p.body())).find())) {
          return Optional.of(new Refusal(Reason.ALREADY_FIXED,
              "merged PR #" + p.number() + " fixes #" + issue));
        }
      }
      Iterator<Map> commits = forge.paged("/commits?sha=" + prs.config().primaryBranch(),
          Map.class).iterator();
      for (int n = 0; n < COMMITS_SEARCHED && commits.hasNext(); n++) {
        Map<?, ?> c = commits.next();
        Object inner = c.get("commit");
        Object message = inner instanceof Map<?, ?> m ? m.get("message") : null;
        if (message != null && fix.matcher(message.toString()).find()) {
          String sha = String.valueOf(c.get("sha"));
          return Optional.of(new Refusal(Reason.ALREADY_FIXED, "commit "
              + sha.substring(0, Math.min(7, sha.length())) + " of "
              + prs.config().primaryBranch() + " fixes #" + issue));
        }
      }
      return Optional.empty();
    } catch (ForgeException e) {
      return Optional.of(new Refusal(Reason.UNREADABLE, e.getMessage()));
    }
  }

  /**
   * A head branch for this agent: {@code wanted} when it does not exist or is the agent's own
   * (its head commit's author, or an open PR from it, is the agent), else the first free or own
   * of {@code wanted-try2} ... {@code wanted-try9}.
   *
   * @param wanted the branch name the agent would use
   * @return the branch to push and open the PR from
   * @throws ForgeException when a branch cannot be read, or every candidate is taken
   */
  public String branchFor(String wanted) {
    Objects.requireNonNull(wanted, "wanted");
    String me = login();
    for (int attempt = 1; attempt <= MAX_TRIES; attempt++) {
      String name = attempt == 1 ? wanted : wanted + "-try" + attempt;
      Map<?, ?> branch;
      try {
        branch = forge.get(ForgePath.of("branches", name), Map.class);
      } catch (ForgeNotFoundException e) {
        return name;
      }
      if (me.equals(commitAuthor(branch)) || openPrBy(name, me)) {
        return name;
      }
      LOG.info("pr-lifecycle: branch {} belongs to someone else; trying another name", name);
    }
    throw new ForgeException(409, "GET", "/branches/" + wanted, null, null,
        "every name from " + wanted + " to " + wanted + "-try" + MAX_TRIES + " is taken", null);
  }

  /** Takes {@code WIP: } off the PR's title; nothing when it has none. */
  static void markReady(PullRequests prs, long pr) {
    try {
      PullRequest p = prs.forge().get("/pulls/" + pr, PullRequest.class);
      String title = nz(p.title());
      if (!title.startsWith(DRAFT_PREFIX)) {
        return;
      }
      ForgeResponse r = prs.forge().send("PATCH", "/pulls/" + pr,
          Map.of("title", title.substring(DRAFT_PREFIX.length())));
      if (r.ok()) {
        LOG.info("pr-lifecycle: PR #{} passed CI: marked ready", pr);
      } else {
        LOG.warn("pr-lifecycle: PR #{} passed CI but could not be marked ready (HTTP {})", pr,
            r.status());
      }
    } catch (ForgeException e) {
      LOG.warn("pr-lifecycle: PR #{} passed CI but could not be marked ready: {}", pr,
          e.getMessage());
    }
  }

  private boolean openPrBy(String branch, String me) {
    OptionalLong open = prs.findOpenByBranch(branch);
    if (open.isEmpty()) {
      return false;
    }
    PullRequest p = forge.get("/pulls/" + open.getAsLong(), PullRequest.class);
    return p.user() != null && me.equals(p.user().login());
  }

  private static String commitAuthor(Map<?, ?> branch) {
    if (branch != null && branch.get("commit") instanceof Map<?, ?> c
        && c.get("author") instanceof Map<?, ?> a) {
      Object u = a.get("username");
      return u == null ? "" : u.toString();
    }
    return "";
  }

  private String login() {
    if (login.isEmpty()) {
      login = forge.root().get("/user", User.class).login();
    }
    return login;
  }

  /** {@code Fixes #N}, {@code Closes #N}, {@code Resolves #N} (and their forms), N exactly. */
  static Pattern fixes(long issue) {
    return Pattern.compile("(?i)\\b(?:fix(?:e[sd])?|close[sd]?|resolve[sd]?)\\s*:?\\s*#" + issue
        + "(?!\\d)");
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
