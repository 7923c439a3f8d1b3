package ai.disinto.testkit.forgejo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Pull requests, merges, reviews, changed files and diffs. */
final class PullRoutes extends Routes {
  private static final Set<String> MERGE_STYLES =
      Set.of("merge", "rebase", "rebase-merge", "squash", "fast-forward-only", "manually-merged");
  private static final Set<String> REVIEW_EVENTS =
      Set.of("APPROVED", "REQUEST_CHANGES", "COMMENT", "PENDING");

  PullRoutes(State s, Render render, Logic logic) {
    super(s, render, logic);
  }

  @Override
  void register(Router r) {
    r.add("GET", repoTemplate("/pulls"), this::listPulls);
    r.add("POST", repoTemplate("/pulls"), this::createPull);
    // Before /pulls/{index}: "/pulls/5.diff".
    r.add("GET", repoTemplate("/pulls/{index}.{diffType}"), this::diff);
    r.add("GET", repoTemplate("/pulls/{index}"), c -> {
      State.Repo repo = repo(c, State.Access.READ);
      return Reply.json(200, render.pull(repo, pull(repo, c), c.user));
    });
    r.add("PATCH", repoTemplate("/pulls/{index}"), this::editPull);
    r.add("GET", repoTemplate("/pulls/{index}/merge"), c -> {
      State.Repo repo = repo(c, State.Access.READ);
      return pull(repo, c).pull.merged ? Reply.empty(204) : Reply.empty(404);
    });
    r.add("POST", repoTemplate("/pulls/{index}/merge"), this::merge);
    r.add("GET", repoTemplate("/pulls/{index}/files"), this::files);
    r.add("GET", repoTemplate("/pulls/{index}/reviews"), this::listReviews);
    r.add("POST", repoTemplate("/pulls/{index}/reviews"), this::createReview);
    r.add("GET", repoTemplate("/pulls/{index}/reviews/{id}"), c -> {
      State.Repo repo = repo(c, State.Access.READ);
      State.Issue i = pull(repo, c);
      return Reply.json(200, render.review(repo, i, review(i, c)));
    });
    r.add("POST", repoTemplate("/pulls/{index}/reviews/{id}/dismissals"), this::dismiss);
    // After every /pulls/{index}/... route: "/pulls/5/files" is not base "5", head "files".
    r.add("GET", repoTemplate("/pulls/{base}/{head}"), "head", this::pullByBaseHead);
  }

  /**
   * {@code GET /pulls/{base}/{head}}: the PR from branch {@code head} (which may contain slashes,
   * or be {@code owner:branch}) into {@code base}, in any state; the newest when the pair was
   * used more than once. 404 when there is none.
   */
  private Reply pullByBaseHead(Call c) {
    State.Repo r = repo(c, State.Access.READ);
    String base = c.param("base");
    String head = c.param("head");
    if (head.contains(":")) {
      String[] parts = head.split(":", 2);
      if (!parts[0].equalsIgnoreCase(r.owner.login)) {
        throw ApiException.notFound();
      }
      head = parts[1];
    }
    State.Issue latest = null;
    for (State.Issue i : r.issues.values()) {
      if (i.pull != null && i.pull.baseRef.equals(base) && i.pull.headRef.equals(head)) {
        latest = i;
      }
    }
    if (latest == null) {
      throw ApiException.notFound();
    }
    return Reply.json(200, render.pull(r, latest, c.user));
  }

  /** The PR with the index parameter; plain issues are 404 here. */
  private State.Issue pull(State.Repo r, Call c) {
    State.Issue i = issue(r, c);
    if (i.pull == null) {
      throw ApiException.notFound();
    }
    return i;
  }

  private Reply listPulls(Call c) {
    State.Repo r = repo(c, State.Access.READ);
    String state = c.q("state") == null ? "open" : c.q("state");
    List<Long> labelIds = new ArrayList<>();
    for (String v : c.qAll("labels")) {
      try {
        labelIds.add(Long.parseLong(v));
      } catch (NumberFormatException e) {
        throw new ApiException(422, "labels must be ids");
      }
    }
    String poster = c.q("poster");
    List<State.Issue> out = new ArrayList<>();
    for (State.Issue i : r.issues.values()) {
      if (i.pull == null || (state.equals("open") && i.closed) || (state.equals("closed") && !i.closed)) {
        continue;
      }
      if (!labelIds.isEmpty() && labelIds.stream().anyMatch(id -> i.labels.stream().noneMatch(l -> l.id == id))) {
        continue;
      }
      if (poster != null && !poster.isEmpty() && !i.user.login.equalsIgnoreCase(poster)) {
        continue;
      }
      out.add(i);
    }
    IssueRoutes.sortIssues(out, c.q("sort"));
    return page(c, out, i -> render.pull(r, i, c.user));
  }

  private Reply createPull(Call c) {
    State.Repo r = repo(c, State.Access.READ);
    State.User doer = c.requireUser();
    Map<String, Object> body = c.obj();
    String head = requireString(body, "head");
    String base = requireString(body, "base");
    String title = requireString(body, "title");
    if (head.contains(":")) {
      String[] parts = head.split(":", 2);
      if (!parts[0].equalsIgnoreCase(r.owner.login)) {
        throw ApiException.notFound();
      }
      head = parts[1];
    }
    if (!r.branches.containsKey(head) || !r.branches.containsKey(base)) {
      throw ApiException.notFound();
    }
    if (head.equals(base)) {
      throw new ApiException(422, "Invalid PullRequest: There are no changes between the head and the base");
    }
    for (State.Issue i : r.issues.values()) {
      if (i.pull != null && !i.closed && !i.pull.merged && i.pull.headRef.equals(head)
          && i.pull.baseRef.equals(base)) {
        throw new ApiException(409, "pull request already exists for these targets [id: " + i.id
            + ", issue_id: " + i.id + ", head_repo_id: " + r.id + ", base_repo_id: " + r.id
            + ", head_branch: " + head + ", base_branch: " + base + "]");
      }
    }
    State.Issue i = logic.newPull(r, doer, title, Json.str(body, "body"), head, base);
    if (can(s, r, doer, State.Access.WRITE)) {
      List<String> labels = Json.strings(body, "labels");
      for (String v : labels == null ? List.<String>of() : labels) {
        try {
          State.Label l = r.label(Long.parseLong(v));
          if (l != null) {
            logic.addLabel(i, l, doer);
          }
        } catch (NumberFormatException e) {
          // label ids only
        }
      }
      List<String> names = Json.strings(body, "assignees");
      if (names != null) {
        List<State.User> as = new ArrayList<>();
        for (String n : names) {
          State.User u = s.user(n);
          if (u == null) {
            throw new ApiException(422, "user does not exist [name: " + n + "]");
          }
          as.add(u);
        }
        logic.setAssignees(i, as, doer);
      }
    }
    return Reply.json(201, render.pull(r, i, doer));
  }

  private Reply editPull(Call c) {
    State.Repo r = repo(c, State.Access.READ);
    State.User doer = c.requireUser();
    State.Issue i = pull(r, c);
    Map<String, Object> body = c.obj();
    boolean writer = startEdit(r, doer, i, body);
    String state = Json.str(body, "state");
    String base = Json.str(body, "base");
    if (base != null && !base.equals(i.pull.baseRef)) {
      if (!writer) {
        throw new ApiException(403, "user cannot change the base branch");
      }
      if (!r.branches.containsKey(base)) {
        throw new ApiException(404, "base branch does not exist");
      }
      i.pull.baseRef = base;
      String head = i.pull.headSha;
      String mb = head == null ? null : r.git.mergeBase(r.branches.get(base).head.sha, head);
      i.pull.mergeBase = mb != null ? mb : r.branches.get(base).head.sha;
    }
    if (state != null) {
      logic.setClosed(i, state.equals("closed"), doer);
    }
    i.updated = s.now();
    return Reply.json(201, render.pull(r, i, doer));
  }

  private Reply diff(Call c) {
    State.Repo r = repo(c, State.Access.READ);
    String type = c.param("diffType");
    if (!type.equals("diff") && !type.equals("patch")) {
      throw ApiException.notFound();
    }
    State.Issue i = pull(r, c);
    return Reply.text(200, Logic.diff(r, i.pull));
  }

  private Reply files(Call c) {
    State.Repo r = repo(c, State.Access.READ);
    State.Issue i = pull(r, c);
    return page(c, Logic.changedFiles(r, i.pull), f -> f);
  }

  private Reply merge(Call c) {
    State.Repo r = repo(c, State.Access.READ);
    State.User doer = c.requireUser();
    Map<String, Object> body = c.obj();
    String style = Json.str(body, "Do");
    if (style == null || !MERGE_STYLES.contains(style)) {
      throw new ApiException(422, "[Do]: Required or invalid merge style");
    }
    State.Issue i = pull(r, c);
    boolean auto = bool(body, "merge_when_checks_succeed", false);
    boolean force = bool(body, "force_merge", false);
    State.Protection prot = r.protectionFor(i.pull.baseRef);
    boolean adminSkip = force && can(s, r, doer, State.Access.ADMIN)
        && (prot == null || !prot.flag("apply_to_admins"));
    ApiException blocker = logic.mergeBlocker(r, i, doer, Json.str(body, "head_commit_id"),
        !auto && !adminSkip);
    if (blocker != null) {
      throw blocker;
    }
    boolean delete = bool(body, "delete_branch_after_merge", r.deleteBranchAfterMerge);
    String message = Json.str(body, "MergeMessageField");
    String title = Json.str(body, "MergeTitleField");
    String full = title == null || title.isEmpty() ? message
        : message == null || message.isEmpty() ? title : title + "\n\n" + message;
    if (auto && prot != null && (logic.mergeBlocker(r, i, doer, null, true) != null)) {
      i.pull.autoMerge = Json.obj("doer", doer.login, "message", full, "delete", delete,
          "style", style);
      return Reply.empty(201);
    }
    logic.merge(r, i, doer, style, full, delete);
    String manual = Json.str(body, "MergeCommitID");
    if (style.equals("manually-merged") && manual != null && !manual.isEmpty()) {
      i.pull.mergeCommitSha = manual;
    }
    return Reply.empty(200);
  }

  private Reply listReviews(Call c) {
    State.Repo r = repo(c, State.Access.READ);
    State.Issue i = pull(r, c);
    List<State.Review> visible = new ArrayList<>();
    for (State.Review v : i.pull.reviews) {
      if (!v.state.equals("PENDING") || v.user == c.user) {
        visible.add(v);
      }
    }
    return page(c, visible, v -> render.review(r, i, v));
  }

  private State.Review review(State.Issue i, Call c) {
    for (State.Review v : i.pull.reviews) {
      if (Long.toString(v.id).equals(c.param("id"))) {
        if (v.state.equals("PENDING") && v.user != c.user) {
          break;
        }
        return v;
      }
    }
    throw ApiException.notFound();
  }

  private Reply createReview(Call c) {
    State.Repo r = repo(c, State.Access.READ);
    State.User doer = c.requireUser();
    State.Issue i = pull(r, c);
    Map<String, Object> body = c.obj();
    String event = Json.str(body, "event");
    event = event == null || event.isEmpty() ? "PENDING" : event.toUpperCase(java.util.Locale.ROOT);
    if (event.equals("APPROVE")) {
      event = "APPROVED";
    }
    if (!REVIEW_EVENTS.contains(event)) {
      throw new ApiException(422, "invalid review event: " + event);
    }
    String text = Json.str(body, "body");
    if ((event.equals("APPROVED") || event.equals("REQUEST_CHANGES")) && i.user == doer) {
      throw new ApiException(422, event.equals("APPROVED") ? "approve your own pull is not allowed"
          : "reject your own pull is not allowed");
    }
    if ((event.equals("REQUEST_CHANGES") || event.equals("COMMENT"))
        && (text == null || text.isBlank())) {
      throw new ApiException(422, "review event " + event + " requires a body");
    }
    State.Review v = logic.newReview(r, i, doer, event, text, Json.str(body, "commit_id"));
    return Reply.json(200, render.review(r, i, v));
  }

  private Reply dismiss(Call c) {
    State.Repo r = repo(c, State.Access.READ);
    State.User doer = c.requireUser();
    State.Issue i = pull(r, c);
    State.Review v = review(i, c);
    if (!can(s, r, doer, State.Access.ADMIN)) {
      throw new ApiException(403, "Must be repo admin");
    }
    if (!v.state.equals("APPROVED") && !v.state.equals("REQUEST_CHANGES")) {
      throw new ApiException(422, "not allowed to dismiss a review of this type");
    }
    if (i.closed) {
      throw new ApiException(422, "not allowed to dismiss a review of a closed pull request");
    }
    v.dismissed = true;
    v.updated = s.now();
    State.Event e = logic.event(i, doer, "dismiss_review");
    e.reviewId = v.id;
    e.body = Json.str(c.obj(), "message") == null ? "" : Json.str(c.obj(), "message");
    return Reply.json(200, render.review(r, i, v));
  }
}
