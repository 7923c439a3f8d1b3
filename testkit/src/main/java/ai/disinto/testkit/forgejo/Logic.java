package ai.disinto.testkit.forgejo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** State changes shared by the HTTP routes and the Java seeding API. Callers hold the lock. */
final class Logic {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Logic.class);
  private static final Pattern CLOSING =
      Pattern.compile("(?i)\\b(?:close[sd]?|fix(?:es|ed)?|resolve[sd]?)\\s+#(\\d+)");

  private final State s;

  Logic(State s) {
    this.s = s;
  }

  State.Issue newIssue(State.Repo r, State.User author, String title, String body) {
    State.Issue i = new State.Issue();
    i.id = ++s.issueSeq;
    i.number = r.nextIndex++;
    i.title = title;
    i.body = body == null ? "" : body;
    i.user = author;
    i.created = s.now();
    i.updated = i.created;
    r.issues.put(i.number, i);
    r.updated = i.created;
    return i;
  }

  State.Issue newPull(State.Repo r, State.User author, String title, String body, String head,
      String base) {
    State.Issue i = newIssue(r, author, title, body);
    State.Pull p = new State.Pull();
    p.headRef = head;
    p.baseRef = base;
    State.Commit h = r.commit(head);
    State.Commit b = r.commit(base);
    p.headSha = h == null ? null : h.sha;
    String mb = h == null || b == null ? null : r.git.mergeBase(b.sha, h.sha);
    p.mergeBase = mb != null ? mb : b == null ? null : b.sha;
    i.pull = p;
    if (h != null) {
      firePull(r, i, PullRequestEvent.Action.OPENED, h, author);
    }
    return i;
  }

  /** Tells the listeners that {@code branch} moved from {@code before} (null: new) to {@code c}. */
  void firePush(State.Repo r, String branch, String before, State.Commit c, State.User pusher) {
    if (s.listeners.isEmpty()) {
      return;
    }
    PushEvent e = new PushEvent(r.id, r.fullName(), branch, before == null ? PushEvent.ZERO : before,
        c.sha, c.message, c.authorName, c.authorEmail,
        pusher == null ? r.owner.login : pusher.login);
    for (ForgeListener l : s.listeners) {
      try {
        l.onPush(e);
      } catch (RuntimeException ex) {
        LOG.warn("mock Forgejo: a push listener failed on {} {}", r.fullName(), branch, ex);
      }
    }
  }

  private void firePull(State.Repo r, State.Issue i, PullRequestEvent.Action action,
      State.Commit head, State.User sender) {
    if (s.listeners.isEmpty()) {
      return;
    }
    State.Pull p = i.pull;
    PullRequestEvent e = new PullRequestEvent(r.id, r.fullName(), i.number, action, i.title,
        p.headRef, head.sha, p.baseRef, head.message, head.authorName, head.authorEmail,
        sender == null ? r.owner.login : sender.login);
    for (ForgeListener l : s.listeners) {
      try {
        l.onPullRequest(e);
      } catch (RuntimeException ex) {
        LOG.warn("mock Forgejo: a pull request listener failed on {} #{}", r.fullName(),
            i.number, ex);
      }
    }
  }

  State.Label newLabel(State.Repo r, String name, String color, String description) {
    State.Label l = new State.Label();
    l.id = ++s.labelSeq;
    l.name = name;
    l.color = normalizeColor(color);
    l.description = description == null ? "" : description;
    r.labels.add(l);
    return l;
  }

  /** {@code #rrggbb}, {@code rrggbb} or 3-digit forms; null when invalid. */
  static String normalizeColor(String c) {
    if (c == null) {
      return null;
    }
    String v = c.startsWith("#") ? c.substring(1) : c;
    return v.matches("[0-9a-fA-F]{6}|[0-9a-fA-F]{3}") ? v.toLowerCase(java.util.Locale.ROOT) : null;
  }

  State.Comment newComment(State.Issue i, State.User u, String body) {
    State.Comment c = new State.Comment();
    c.id = ++s.commentSeq;
    c.user = u;
    c.body = body == null ? "" : body;
    c.created = s.now();
    c.updated = c.created;
    i.comments.add(c);
    i.updated = c.created;
    return c;
  }

  State.Event event(State.Issue i, State.User u, String type) {
    State.Event e = new State.Event();
    e.id = ++s.commentSeq;
    e.type = type;
    e.user = u;
    e.created = s.now();
    i.events.add(e);
    return e;
  }

  void addLabel(State.Issue i, State.Label l, State.User doer) {
    if (!i.labels.contains(l)) {
      i.labels.add(l);
      i.labels.sort((a, b) -> a.name.compareTo(b.name));
      State.Event e = event(i, doer, "label");
      e.label = l;
      e.body = "1";
      i.updated = s.now();
    }
  }

  void removeLabel(State.Issue i, State.Label l, State.User doer) {
    if (i.labels.remove(l)) {
      State.Event e = event(i, doer, "label");
      e.label = l;
      e.body = "";
      i.updated = s.now();
    }
  }

  void setAssignees(State.Issue i, List<State.User> want, State.User doer) {
    for (State.User old : new ArrayList<>(i.assignees)) {
      if (!want.contains(old)) {
        i.assignees.remove(old);
        State.Event e = event(i, doer, "assignees");
        e.assignee = old;
        e.removedAssignee = true;
      }
    }
    for (State.User u : want) {
      if (!i.assignees.contains(u)) {
        i.assignees.add(u);
        State.Event e = event(i, doer, "assignees");
        e.assignee = u;
      }
    }
    i.updated = s.now();
  }

  void setClosed(State.Issue i, boolean closed, State.User doer) {
    if (i.closed == closed) {
      return;
    }
    i.closed = closed;
    i.closedAt = closed ? s.now() : null;
    i.updated = s.now();
    event(i, doer, closed ? "close" : "reopen");
  }

  State.Review newReview(State.Repo r, State.Issue i, State.User u, String state, String body,
      String commitId) {
    State.Review v = new State.Review();
    v.id = ++s.reviewSeq;
    v.user = u;
    v.state = state;
    v.body = body == null ? "" : body;
    v.commitId = commitId == null || commitId.isEmpty() ? i.pull.headSha : commitId;
    v.official = s.access(r, u).compareTo(State.Access.WRITE) >= 0
        && (state.equals("APPROVED") || state.equals("REQUEST_CHANGES"));
    v.submitted = s.now();
    v.updated = v.submitted;
    i.pull.reviews.add(v);
    if (!state.equals("PENDING")) {
      State.Event e = event(i, u, "review");
      e.reviewId = v.id;
      e.body = v.body;
    }
    return v;
  }

  State.Status newStatus(State.Repo r, String sha, String state, String context, String target,
      String description, State.User creator) {
    State.Status st = new State.Status();
    st.id = ++s.statusSeq;
    st.sha = sha;
    st.state = state;
    st.context = context == null || context.isEmpty() ? "default" : context;
    st.targetUrl = target == null ? "" : target;
    st.description = description == null ? "" : description;
    st.creator = creator;
    st.created = s.now();
    r.statuses.add(st);
    runScheduledMerges(r);
    return st;
  }

  /** Latest status per context, in order of first appearance (Forgejo's combined view). */
  static List<State.Status> latestStatuses(State.Repo r, String sha) {
    Map<String, State.Status> latest = new LinkedHashMap<>();
    for (State.Status st : r.statuses) {
      if (st.sha.equals(sha)) {
        latest.put(st.context, st);
      }
    }
    return new ArrayList<>(latest.values());
  }

  /** The worst state wins: error, failure, warning, pending, success; "" when none. */
  static String combinedState(List<State.Status> latest) {
    List<String> order = Arrays.asList("error", "failure", "warning", "pending", "success");
    String worst = "";
    int rank = Integer.MAX_VALUE;
    for (State.Status st : latest) {
      int k = order.indexOf(st.state);
      if (k >= 0 && k < rank) {
        rank = k;
        worst = st.state;
      }
    }
    return worst;
  }

  /**
   * Creates or moves a branch as a push would: to the existing commit {@code sha}, or (null) to a
   * new commit on top of the branch (or the default branch) with {@code changedFiles} applied.
   * Open PRs with this head then follow it ({@link #branchMoved}).
   *
   * @throws IllegalArgumentException when {@code sha} is not a commit of the repository
   */
  State.Commit pushBranch(State.Repo r, String branch, String sha, boolean contentChanged,
      Map<String, byte[]> changedFiles) {
    State.Commit c;
    if (sha != null && !sha.isEmpty()) {
      c = r.commitById(sha);
      if (c == null) {
        throw new IllegalArgumentException("no commit " + sha + " in " + r.fullName()
            + " (pushBranch takes an existing commit id, or null to make a commit)");
      }
    } else {
      State.Branch b = r.branches.get(branch);
      State.Commit parent = b != null ? b.head : r.commit(r.defaultBranch);
      Map<String, byte[]> files = new TreeMap<>(parent == null ? Map.of() : parent.files());
      if (changedFiles != null) {
        files.putAll(changedFiles);
      }
      c = s.newCommit(r, "push to " + branch, files,
          parent == null ? List.of() : List.of(parent.sha), null);
    }
    State.Branch old = r.branches.get(branch);
    r.branches.put(branch, new State.Branch(branch, c));
    firePush(r, branch, old == null ? null : old.head.sha, c, r.owner);
    branchMoved(r, branch, c, contentChanged);
    return c;
  }

  /**
   * After {@code branch} moved to {@code c} (by any push): open PRs with this head follow it,
   * their merge base is recomputed, their reviews on other commits turn stale when content
   * changed, and their mergeability is reset.
   */
  void branchMoved(State.Repo r, String branch, State.Commit c, boolean contentChanged) {
    branchMoved(r, branch, c, contentChanged, null);
  }

  /** As {@link #branchMoved(State.Repo, String, State.Commit, boolean)}, naming who pushed. */
  void branchMoved(State.Repo r, String branch, State.Commit c, boolean contentChanged,
      State.User pusher) {
    r.updated = s.now();
    for (State.Issue i : r.issues.values()) {
      State.Pull p = i.pull;
      if (p == null || i.closed || p.merged || !p.headRef.equals(branch)) {
        continue;
      }
      if (p.headSha != null && p.headSha.equals(c.sha)) {
        continue;
      }
      p.headSha = c.sha;
      State.Commit base = r.commit(p.baseRef);
      if (base != null) {
        String mb = r.git.mergeBase(base.sha, c.sha);
        p.mergeBase = mb == null ? base.sha : mb;
      }
      p.mergeability = s.mergeabilityAfterPush;
      if (contentChanged) {
        for (State.Review v : p.reviews) {
          if (!c.sha.equals(v.commitId)) {
            v.stale = true;
          }
        }
      }
      event(i, null, "pull_push");
      i.updated = s.now();
      firePull(r, i, PullRequestEvent.Action.SYNCHRONIZED, c, pusher);
    }
  }

  /** Files seeded on the PR, else the difference between head and base trees. */
  static List<Map<String, Object>> changedFiles(State.Repo r, State.Pull p) {
    if (p.files != null) {
      return p.files;
    }
    List<Map<String, Object>> out = new ArrayList<>();
    State.Commit head = r.commitById(p.headSha);
    State.Commit base = r.commitById(p.mergeBase);
    if (head == null) {
      return out;
    }
    Map<String, byte[]> before = base == null ? Map.of() : base.files();
    Map<String, byte[]> after = head.files();
    TreeSet<String> names = new TreeSet<>(after.keySet());
    names.addAll(before.keySet());
    for (String name : names) {
      byte[] a = before.get(name);
      byte[] b = after.get(name);
      if (a != null && b != null && Arrays.equals(a, b)) {
        continue;
      }
      int adds = b == null ? 0 : lines(b);
      int dels = a == null ? 0 : lines(a);
      String status = a == null ? "added" : b == null ? "deleted" : "changed";
      out.add(fileEntry(name, status, adds, dels));
    }
    return out;
  }

  static Map<String, Object> fileEntry(String name, String status, int adds, int dels) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("filename", name);
    m.put("status", status);
    m.put("additions", adds);
    m.put("deletions", dels);
    m.put("changes", adds + dels);
    m.put("html_url", "");
    m.put("contents_url", "");
    m.put("raw_url", "");
    m.put("previous_filename", "");
    return m;
  }

  private static int lines(byte[] b) {
    String t = new String(b, StandardCharsets.UTF_8);
    return t.isEmpty() ? 0 : t.split("\n", -1).length - (t.endsWith("\n") ? 1 : 0);
  }

  /** A unified diff of the PR: seeded text, else whole-file hunks of the changed files. */
  static String diff(State.Repo r, State.Pull p) {
    if (p.diff != null) {
      return p.diff;
    }
    StringBuilder d = new StringBuilder();
    State.Commit head = r.commitById(p.headSha);
    State.Commit base = r.commitById(p.mergeBase);
    for (Map<String, Object> f : changedFiles(r, p)) {
      String name = (String) f.get("filename");
      byte[] a = base == null ? null : base.files().get(name);
      byte[] b = head == null ? null : head.files().get(name);
      d.append("diff --git a/").append(name).append(" b/").append(name).append('\n');
      d.append("--- ").append(a == null ? "/dev/null" : "a/" + name).append('\n');
      d.append("+++ ").append(b == null ? "/dev/null" : "b/" + name).append('\n');
      List<String> old = a == null ? List.of() : splitLines(a);
      List<String> neu = b == null ? List.of() : splitLines(b);
      d.append("@@ -").append(old.isEmpty() ? 0 : 1).append(',').append(old.size())
          .append(" +").append(neu.isEmpty() ? 0 : 1).append(',').append(neu.size())
          .append(" @@\n");
      old.forEach(l -> d.append('-').append(l).append('\n'));
      neu.forEach(l -> d.append('+').append(l).append('\n'));
    }
    return d.toString();
  }

  private static List<String> splitLines(byte[] b) {
    String t = new String(b, StandardCharsets.UTF_8);
    if (t.isEmpty()) {
      return List.of();
    }
    List<String> l = new ArrayList<>(Arrays.asList(t.split("\n", -1)));
    if (t.endsWith("\n")) {
      l.remove(l.size() - 1);
    }
    return l;
  }

  /**
   * The merge checks of checklist item 9, in order. Returns null when the PR may be merged, else
   * the error to answer with. {@code protectionChecks} false skips approvals and status checks
   * (the auto-merge scheduling path).
   */
  ApiException mergeBlocker(State.Repo r, State.Issue i, State.User doer, String headCommitId,
      boolean protectionChecks) {
    State.Pull p = i.pull;
    if (p.merged) {
      return new ApiException(405, "The PR has already been merged");
    }
    if (i.closed) {
      return ApiException.notFound();
    }
    if (Render.isWip(i.title)) {
      return new ApiException(405, "Work in progress PRs cannot be merged");
    }
    State.Protection prot = r.protectionFor(p.baseRef);
    if (s.access(r, doer).compareTo(State.Access.WRITE) < 0
        || (prot != null && prot.flag("enable_merge_whitelist")
            && !containsIgnoreCase(prot.list("merge_whitelist_usernames"), doer.login))) {
      return new ApiException(405, "User not allowed to merge PR");
    }
    if (prot != null && protectionChecks) {
      int approvals = 0;
      boolean rejected = false;
      Map<Long, State.Review> latest = new LinkedHashMap<>();
      for (State.Review v : p.reviews) {
        if (v.dismissed || !v.official) {
          continue;
        }
        latest.put(v.user.id, v);
      }
      for (State.Review v : latest.values()) {
        if (v.state.equals("APPROVED") && !v.stale) {
          approvals++;
        }
        if (v.state.equals("REQUEST_CHANGES")) {
          rejected = true;
        }
      }
      if (approvals < prot.requiredApprovals()) {
        return new ApiException(405, "Does not have enough approvals");
      }
      if (rejected && prot.flag("block_on_rejected_reviews")) {
        return new ApiException(405, "There are requested changes");
      }
      if (prot.flag("enable_status_check") && !statusChecksPass(r, prot, p.headSha)) {
        return new ApiException(405, "Not all required status checks successful");
      }
      List<String> changed = new ArrayList<>();
      for (Map<String, Object> f : changedFiles(r, p)) {
        changed.add(String.valueOf(f.get("filename")));
      }
      if (prot.firstProtectedFile(changed) != null) {
        // Only a repository admin's force_merge gets past this, as in Forgejo.
        return new ApiException(405, "Changed protected files");
      }
    }
    if (p.mergeability == Mergeability.CHECKING) {
      return new ApiException(405, "Please try again later");
    }
    if (p.mergeability == Mergeability.CONFLICT) {
      return new ApiException(409, "Merge conflict: the pull request cannot be merged");
    }
    if (headCommitId != null && !headCommitId.isEmpty() && !headCommitId.equals(p.headSha)) {
      return new ApiException(409, "head out of date");
    }
    return null;
  }

  static boolean containsIgnoreCase(List<String> list, String v) {
    for (String x : list) {
      if (x.equalsIgnoreCase(v)) {
        return true;
      }
    }
    return false;
  }

  static boolean statusChecksPass(State.Repo r, State.Protection prot, String sha) {
    List<State.Status> latest = latestStatuses(r, sha);
    List<String> required = prot.list("status_check_contexts");
    if (required.isEmpty()) {
      return combinedState(latest).equals("success");
    }
    for (String ctx : required) {
      boolean ok = false;
      for (State.Status st : latest) {
        if (Fault.globToRegex(ctx).matcher(st.context).matches()) {
          ok = st.state.equals("success");
          if (!ok) {
            break;
          }
        }
      }
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * Performs a merge that passed its checks: makes the real commit(s) in the bare repository in
   * the given style and moves the base branch, or throws 409 (changing nothing) on a conflict.
   */
  void merge(State.Repo r, State.Issue i, State.User doer, String style, String message,
      boolean deleteBranch) {
    State.Pull p = i.pull;
    State.Commit base = r.commit(p.baseRef);
    State.Commit head = r.commitById(p.headSha);
    String resultSha;
    if (style.equals("manually-merged")) {
      resultSha = p.headSha;
    } else {
      if (base == null || head == null) {
        throw new ApiException(409, "the base or head branch of the pull request is missing");
      }
      resultSha = mergeCommit(r, i, doer, style, message, base, head);
      if (!r.git.compareAndSetRef("refs/heads/" + p.baseRef, base.sha, resultSha)) {
        throw new ApiException(409, "merge push out of date: the base branch moved");
      }
      State.Commit merged = r.commitById(resultSha);
      if (merged != null && !resultSha.equals(base.sha)) {
        firePush(r, p.baseRef, base.sha, merged, doer);
      }
    }
    p.mergeCommitSha = resultSha;
    p.merged = true;
    p.mergedAt = s.now();
    p.mergedBy = doer;
    p.autoMerge = null;
    r.updated = p.mergedAt;
    i.closed = true;
    i.closedAt = p.mergedAt;
    i.updated = p.mergedAt;
    event(i, doer, "merge_pull");
    if (deleteBranch && !p.headRef.equals(r.defaultBranch) && r.protectionFor(p.headRef) == null) {
      r.branches.remove(p.headRef);
    }
    if (p.baseRef.equals(r.defaultBranch)) {
      Matcher m = CLOSING.matcher(i.body + "\n" + i.title);
      while (m.find()) {
        State.Issue target = r.issue(Long.parseLong(m.group(1)));
        if (target != null && target != i && target.pull == null) {
          setClosed(target, true, doer);
        }
      }
    }
  }

  /** The new base head for a merge in {@code style}; writes commits but moves no ref. */
  private String mergeCommit(State.Repo r, State.Issue i, State.User doer, String style,
      String message, State.Commit base, State.Commit head) {
    State.Pull p = i.pull;
    GitStore g = r.git;
    String email = State.gitEmail(doer);
    boolean upToDate = g.isAncestor(base.sha, head.sha);
    switch (style) {
      case "fast-forward-only": {
        if (!upToDate) {
          throw new ApiException(409, "merge failed: the head branch is not a fast-forward of the base branch");
        }
        return head.sha;
      }
      case "rebase": {
        if (upToDate) {
          return head.sha;
        }
        return rebase(r, doer, base, head);
      }
      case "rebase-merge": {
        String rebased = upToDate ? head.sha : rebase(r, doer, base, head);
        String tree = g.commit(rebased).tree;
        return g.newCommit(tree, List.of(base.sha, rebased),
            message == null || message.isEmpty() ? defaultMergeMessage(i) : message,
            doer.login, email, s.now()).sha;
      }
      case "squash": {
        String tree = g.mergeTree(base.sha, head.sha);
        if (tree == null) {
          throw conflict();
        }
        String msg = message == null || message.isEmpty()
            ? i.title + " (#" + i.number + ")" + (i.body.isEmpty() ? "" : "\n\n" + i.body) : message;
        State.User author = i.user == null ? doer : i.user;
        return g.newCommit(tree, List.of(base.sha), msg, author.login, State.gitEmail(author),
            s.now()).sha;
      }
      default: {
        String tree = g.mergeTree(base.sha, head.sha);
        if (tree == null) {
          throw conflict();
        }
        return g.newCommit(tree, List.of(base.sha, head.sha),
            message == null || message.isEmpty() ? defaultMergeMessage(i) : message,
            doer.login, email, s.now()).sha;
      }
    }
  }

  private static String defaultMergeMessage(State.Issue i) {
    return "Merge pull request '" + i.title + "' (#" + i.number + ") from " + i.pull.headRef
        + " into " + i.pull.baseRef;
  }

  private static ApiException conflict() {
    return new ApiException(409, "merge failed because of conflict");
  }

  /** Replays the head's own commits onto the base, keeping their authors and messages. */
  private String rebase(State.Repo r, State.User doer, State.Commit base, State.Commit head) {
    GitStore g = r.git;
    String onto = base.sha;
    for (State.Commit c : g.commitsBetween(base.sha, head.sha)) {
      if (c.parents.size() > 1) {
        continue; // merges are dropped, as git rebase does
      }
      String parent = c.parents.isEmpty() ? null : c.parents.get(0);
      String tree = parent == null ? c.tree : g.cherryPickTree(onto, c.sha, parent);
      if (tree == null) {
        throw new ApiException(409, "rebase failed because of conflict");
      }
      onto = g.newCommit(tree, List.of(onto), c.message, c.authorName, c.authorEmail,
          c.time.isAfter(s.now()) ? c.time : s.now()).sha;
    }
    return onto;
  }

  /** Merges PRs scheduled with merge_when_checks_succeed once their checks pass. */
  void runScheduledMerges(State.Repo r) {
    for (State.Issue i : new ArrayList<>(r.issues.values())) {
      State.Pull p = i.pull;
      if (p == null || p.autoMerge == null || i.closed) {
        continue;
      }
      State.User doer = s.user((String) p.autoMerge.get("doer"));
      State.Protection prot = r.protectionFor(p.baseRef);
      if (doer == null || (prot != null && prot.flag("enable_status_check")
          && !statusChecksPass(r, prot, p.headSha))) {
        continue;
      }
      if (mergeBlocker(r, i, doer, null, true) == null) {
        Object style = p.autoMerge.get("style");
        try {
          merge(r, i, doer, style == null ? "merge" : (String) style,
              (String) p.autoMerge.get("message"), Boolean.TRUE.equals(p.autoMerge.get("delete")));
        } catch (ApiException e) {
          // a conflict keeps the PR scheduled and open, as Forgejo leaves it
        }
      }
    }
  }
}
