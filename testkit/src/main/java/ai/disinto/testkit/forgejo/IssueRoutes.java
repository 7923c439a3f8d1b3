package ai.disinto.testkit.forgejo;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Issues, issue labels, comments and the timeline. */
final class IssueRoutes extends Routes {
  IssueRoutes(State s, Render render, Logic logic) {
    super(s, render, logic);
  }

  @Override
  void register(Router r) {
    r.add("GET", repoTemplate("/issues"), this::listIssues);
    r.add("POST", repoTemplate("/issues"), this::createIssue);
    r.add("GET", repoTemplate("/issues/{index}"), c -> {
      State.Repo repo = repo(c, State.Access.READ);
      return Reply.json(200, render.issue(repo, issue(repo, c)));
    });
    r.add("PATCH", repoTemplate("/issues/{index}"), this::editIssue);
    r.add("GET", repoTemplate("/issues/{index}/labels"), c -> {
      State.Repo repo = repo(c, State.Access.READ);
      return Reply.json(200, render.labels(repo, issue(repo, c).labels));
    });
    r.add("POST", repoTemplate("/issues/{index}/labels"), c -> setLabels(c, false));
    r.add("PUT", repoTemplate("/issues/{index}/labels"), c -> setLabels(c, true));
    r.add("DELETE", repoTemplate("/issues/{index}/labels"), this::clearLabels);
    r.add("DELETE", repoTemplate("/issues/{index}/labels/{id}"), this::removeLabel);
    r.add("GET", repoTemplate("/issues/{index}/comments"), this::listComments);
    r.add("POST", repoTemplate("/issues/{index}/comments"), this::createComment);
    r.add("GET", repoTemplate("/issues/comments/{id}"), this::getComment);
    r.add("PATCH", repoTemplate("/issues/comments/{id}"), this::editComment);
    r.add("DELETE", repoTemplate("/issues/comments/{id}"), this::deleteComment);
    r.add("GET", repoTemplate("/issues/{index}/timeline"), this::timeline);
  }

  private Reply listIssues(Call c) {
    State.Repo r = repo(c, State.Access.READ);
    String state = c.q("state") == null ? "open" : c.q("state");
    String type = c.q("type");
    List<State.Label> wanted = new ArrayList<>();
    for (String name : c.qAll("labels")) {
      for (State.Label l : r.labels) {
        if (l.name.equals(name)) {
          wanted.add(l);
        }
      }
    }
    String keyword = c.q("q");
    String createdBy = c.q("created_by");
    String assignedBy = c.q("assigned_by");
    Instant since = time(c.q("since"));
    Instant before = time(c.q("before"));
    // The filtered, sorted list is kept per query while nothing changes (State.version), so that
    // paging through N issues costs one filter and sort, not one per page.
    String key = r.id + "\u0000" + state + '\u0000' + type + '\u0000' + c.qAll("labels")
        + '\u0000' + keyword + '\u0000' + createdBy + '\u0000' + assignedBy + '\u0000'
        + c.q("since") + '\u0000' + c.q("before") + '\u0000' + c.q("sort");
    Listing cached = listings.get(key);
    if (cached != null && cached.version == s.version) {
      return page(c, cached.issues, i -> render.issue(r, i));
    }
    List<State.Issue> out = new ArrayList<>();
    for (State.Issue i : r.issues.values()) {
      if ((state.equals("open") && i.closed) || (state.equals("closed") && !i.closed)) {
        continue;
      }
      if (("issues".equals(type) && i.pull != null) || ("pulls".equals(type) && i.pull == null)) {
        continue;
      }
      if (!wanted.isEmpty() && !hasAllLabelNames(i, wanted)) {
        continue;
      }
      if (keyword != null && !keyword.isEmpty()
          && !(i.title.contains(keyword) || i.body.contains(keyword))) {
        continue;
      }
      if (createdBy != null && !i.user.login.equalsIgnoreCase(createdBy)) {
        continue;
      }
      if (assignedBy != null && i.assignees.stream().noneMatch(u -> u.login.equalsIgnoreCase(assignedBy))) {
        continue;
      }
      if ((since != null && i.updated.isBefore(since)) || (before != null && !i.updated.isBefore(before))) {
        continue;
      }
      out.add(i);
    }
    sortIssues(out, c.q("sort"));
    if (listings.size() >= MAX_LISTINGS) {
      listings.clear();
    }
    listings.put(key, new Listing(s.version, out));
    return page(c, out, i -> render.issue(r, i));
  }

  /** A filtered, sorted issue list and the state version it was computed at. */
  private record Listing(long version, List<State.Issue> issues) {}

  private static final int MAX_LISTINGS = 64;
  /** Issue listings by query; guarded by the state lock, as every route. */
  private final java.util.Map<String, Listing> listings = new java.util.HashMap<>();

  /** With duplicate label names, an issue matches a name when it carries any label of that name. */
  private static boolean hasAllLabelNames(State.Issue i, List<State.Label> wanted) {
    for (State.Label w : wanted) {
      if (i.labels.stream().noneMatch(l -> l.name.equals(w.name))) {
        return false;
      }
    }
    return true;
  }

  static void sortIssues(List<State.Issue> out, String sort) {
    Comparator<State.Issue> newest = Comparator.comparing((State.Issue i) -> i.created)
        .thenComparingLong(i -> i.id).reversed();
    Comparator<State.Issue> cmp = switch (sort == null ? "" : sort) {
      case "oldest" -> newest.reversed();
      case "recentupdate" -> Comparator.comparing((State.Issue i) -> i.updated).reversed().thenComparing(newest);
      case "leastupdate" -> Comparator.comparing((State.Issue i) -> i.updated).thenComparing(newest);
      case "mostcomment" -> Comparator.comparingInt((State.Issue i) -> -i.comments.size()).thenComparing(newest);
      case "leastcomment" -> Comparator.comparingInt((State.Issue i) -> i.comments.size()).thenComparing(newest);
      default -> newest;
    };
    out.sort(cmp);
  }

  static Instant time(String v) {
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      throw new ApiException(422, "invalid time: " + v);
    }
  }

  private Reply createIssue(Call c) {
    State.Repo r = repo(c, State.Access.READ);
    State.User doer = c.requireUser();
    Map<String, Object> body = c.obj();
    String title = requireString(body, "title");
    boolean writer = can(s, r, doer, State.Access.WRITE);
    State.Issue i = logic.newIssue(r, doer, title, Json.str(body, "body"));
    if (writer) {
      List<Long> ids = new ArrayList<>();
      for (String v : nonNull(Json.strings(body, "labels"))) {
        try {
          ids.add(Long.parseLong(v));
        } catch (NumberFormatException e) {
          // only ids are accepted on create
        }
      }
      for (Long id : ids) {
        State.Label l = r.label(id);
        if (l != null) {
          logic.addLabel(i, l, doer);
        }
      }
      List<State.User> assignees = assignees(r, body);
      if (assignees != null) {
        logic.setAssignees(i, assignees, doer);
      }
    }
    if (bool(body, "closed", false)) {
      logic.setClosed(i, true, doer);
    }
    return Reply.json(201, render.issue(r, i));
  }

  private static List<String> nonNull(List<String> l) {
    return l == null ? List.of() : l;
  }

  /** The {@code assignees} (or legacy {@code assignee}) field resolved, or null when absent. */
  private List<State.User> assignees(State.Repo r, Map<String, Object> body) {
    List<String> names = Json.strings(body, "assignees");
    String single = Json.str(body, "assignee");
    if (names == null && single == null) {
      return null;
    }
    List<String> all = new ArrayList<>(nonNull(names));
    if (single != null && !single.isEmpty() && all.isEmpty()) {
      all.add(single);
    }
    List<State.User> out = new ArrayList<>();
    for (String n : all) {
      State.User u = s.user(n);
      if (u == null) {
        throw new ApiException(422, "user does not exist [name: " + n + "]");
      }
      if (!can(s, r, u, State.Access.WRITE)) {
        throw new ApiException(422, "user " + n + " cannot be assigned: no write access");
      }
      if (!out.contains(u)) {
        out.add(u);
      }
    }
    return out;
  }

  private Reply editIssue(Call c) {
    State.Repo r = repo(c, State.Access.READ);
    State.User doer = c.requireUser();
    State.Issue i = issue(r, c);
    Map<String, Object> body = c.obj();
    boolean writer = startEdit(r, doer, i, body);
    String state = Json.str(body, "state");
    if (writer) {
      List<State.User> as = assignees(r, body);
      if (as != null) {
        logic.setAssignees(i, as, doer);
      }
    }
    if (state != null) {
      logic.setClosed(i, state.equals("closed"), doer);
    }
    i.updated = s.now();
    return Reply.json(201, render.issue(r, i));
  }

  private Reply setLabels(Call c, boolean replace) {
    State.Repo r = repo(c, State.Access.READ);
    State.User doer = c.requireUser();
    State.Issue i = issue(r, c);
    if (!can(s, r, doer, State.Access.WRITE)) {
      throw new ApiException(403, "user does not have write access to issues");
    }
    List<Object> raw = Json.asList(c.obj().get("labels"));
    List<State.Label> found = new ArrayList<>();
    boolean ids = false;
    boolean names = false;
    for (Object o : raw == null ? List.of() : raw) {
      if (o instanceof Number n) {
        ids = true;
        State.Label l = r.label(n.longValue());
        if (l != null) {
          found.add(l);
        }
      } else if (o instanceof String name) {
        names = true;
        for (State.Label l : r.labels) {
          if (l.name.equals(name)) {
            found.add(l);
            break;
          }
        }
      }
    }
    if (ids && names) {
      throw new ApiException(400, "labels should be an array of strings or integers");
    }
    if (replace) {
      for (State.Label l : new ArrayList<>(i.labels)) {
        if (!found.contains(l)) {
          logic.removeLabel(i, l, doer);
        }
      }
    }
    for (State.Label l : found) {
      logic.addLabel(i, l, doer);
    }
    return Reply.json(200, render.labels(r, i.labels));
  }

  private Reply clearLabels(Call c) {
    State.Repo r = repo(c, State.Access.READ);
    State.User doer = c.requireUser();
    State.Issue i = issue(r, c);
    if (!can(s, r, doer, State.Access.WRITE)) {
      throw new ApiException(403, "user does not have write access to issues");
    }
    for (State.Label l : new ArrayList<>(i.labels)) {
      logic.removeLabel(i, l, doer);
    }
    return Reply.empty(204);
  }

  private Reply removeLabel(Call c) {
    State.Repo r = repo(c, State.Access.READ);
    State.User doer = c.requireUser();
    State.Issue i = issue(r, c);
    if (!can(s, r, doer, State.Access.WRITE)) {
      throw new ApiException(403, "user does not have write access to issues");
    }
    State.Label l;
    try {
      l = r.label(Long.parseLong(c.param("id")));
    } catch (NumberFormatException e) {
      l = null;
    }
    if (l == null) {
      throw new ApiException(422, "label does not exist [id: " + c.param("id") + "]");
    }
    logic.removeLabel(i, l, doer);
    return Reply.empty(204);
  }

  /** Forgejo ignores limit and page here: always every comment, oldest first. */
  private Reply listComments(Call c) {
    State.Repo r = repo(c, State.Access.READ);
    State.Issue i = issue(r, c);
    Instant since = time(c.q("since"));
    Instant before = time(c.q("before"));
    List<Object> out = new ArrayList<>();
    for (State.Comment cm : i.comments) {
      if ((since != null && cm.updated.isBefore(since)) || (before != null && !cm.updated.isBefore(before))) {
        continue;
      }
      out.add(render.comment(r, i, cm));
    }
    return Reply.json(200, out).header("X-Total-Count", Integer.toString(out.size()))
        .header("Access-Control-Expose-Headers", "X-Total-Count, Link");
  }

  private Reply createComment(Call c) {
    State.Repo r = repo(c, State.Access.READ);
    State.User doer = c.requireUser();
    State.Issue i = issue(r, c);
    if (i.locked && !can(s, r, doer, State.Access.WRITE)) {
      throw new ApiException(403, "issue is locked");
    }
    String body = Json.str(c.obj(), "body");
    if (body == null) {
      throw new ApiException(422, "[Body]: Required");
    }
    return Reply.json(201, render.comment(r, i, logic.newComment(i, doer, body)));
  }

  /** The issue and comment with the {@code id} parameter, or 404. */
  private Object[] findComment(State.Repo r, Call c) {
    long id;
    try {
      id = Long.parseLong(c.param("id"));
    } catch (NumberFormatException e) {
      throw ApiException.notFound();
    }
    for (State.Issue i : r.issues.values()) {
      for (State.Comment cm : i.comments) {
        if (cm.id == id) {
          return new Object[] {i, cm};
        }
      }
    }
    throw ApiException.notFound();
  }

  private Reply getComment(Call c) {
    State.Repo r = repo(c, State.Access.READ);
    Object[] f = findComment(r, c);
    return Reply.json(200, render.comment(r, (State.Issue) f[0], (State.Comment) f[1]));
  }

  private Reply editComment(Call c) {
    State.Repo r = repo(c, State.Access.READ);
    State.User doer = c.requireUser();
    Object[] f = findComment(r, c);
    State.Comment cm = (State.Comment) f[1];
    if (cm.user != doer && !can(s, r, doer, State.Access.WRITE)) {
      throw new ApiException(403, "user is neither the poster nor a writer");
    }
    String body = Json.str(c.obj(), "body");
    if (body == null) {
      throw new ApiException(422, "[Body]: Required");
    }
    cm.body = body;
    cm.updated = s.now();
    return Reply.json(200, render.comment(r, (State.Issue) f[0], cm));
  }

  private Reply deleteComment(Call c) {
    State.Repo r = repo(c, State.Access.READ);
    State.User doer = c.requireUser();
    Object[] f = findComment(r, c);
    State.Comment cm = (State.Comment) f[1];
    if (cm.user != doer && !can(s, r, doer, State.Access.WRITE)) {
      throw new ApiException(403, "user is neither the poster nor a writer");
    }
    ((State.Issue) f[0]).comments.remove(cm);
    return Reply.empty(204);
  }

  private Reply timeline(Call c) {
    State.Repo r = repo(c, State.Access.READ);
    State.Issue i = issue(r, c);
    List<Map<String, Object>> all = new ArrayList<>();
    for (State.Comment cm : i.comments) {
      all.add(render.timelineEntry(r, i, "comment", cm.id, cm.user, cm.body, cm.created));
    }
    for (State.Event e : i.events) {
      Map<String, Object> m = render.timelineEntry(r, i, e.type, e.id, e.user, e.body, e.created);
      if (e.label != null) {
        m.put("label", render.label(r, e.label));
      }
      if (e.assignee != null) {
        m.put("assignee", render.user(e.assignee));
        m.put("removed_assignee", e.removedAssignee);
      }
      m.put("review_id", e.reviewId);
      all.add(m);
    }
    all.sort(Comparator.comparing((Map<String, Object> m) -> (String) m.get("created_at"))
        .thenComparingLong(m -> ((Number) m.get("id")).longValue()));
    Instant since = time(c.q("since"));
    Instant before = time(c.q("before"));
    List<Map<String, Object>> kept = new ArrayList<>();
    for (Map<String, Object> m : all) {
      Instant t = Instant.parse((String) m.get("created_at"));
      if ((since == null || !t.isBefore(since)) && (before == null || t.isBefore(before))) {
        kept.add(new LinkedHashMap<>(m));
      }
    }
    return page(c, kept, m -> m);
  }
}
