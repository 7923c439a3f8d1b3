package ai.disinto.testkit.forgejo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the JSON shapes of the published API (swagger definitions) from the mock's state. */
final class Render {
  private final State s;

  Render(State s) {
    this.s = s;
  }

  private String api() {
    return s.baseUrl + MockForgejo.API_PREFIX;
  }

  private static String time(java.time.Instant t) {
    return State.time(t);
  }

  Map<String, Object> user(State.User u) {
    if (u == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", u.id);
    m.put("login", u.login);
    m.put("login_name", "");
    m.put("source_id", 0);
    m.put("full_name", u.fullName);
    m.put("email", u.email);
    m.put("avatar_url", s.baseUrl + "/avatars/" + State.sha1Hex(u.email));
    m.put("html_url", s.baseUrl + "/" + u.login);
    m.put("language", "");
    m.put("is_admin", u.admin);
    m.put("last_login", time(u.created));
    m.put("created", time(u.created));
    m.put("restricted", u.restricted);
    m.put("active", u.active);
    m.put("prohibit_login", u.prohibitLogin);
    m.put("location", u.location);
    m.put("pronouns", "");
    m.put("website", u.website);
    m.put("description", u.description);
    m.put("visibility", u.visibility);
    m.put("followers_count", 0);
    m.put("following_count", 0);
    m.put("starred_repos_count", 0);
    m.put("username", u.login);
    return m;
  }

  Map<String, Object> org(State.User o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", o.id);
    m.put("name", o.login);
    m.put("full_name", o.fullName);
    m.put("email", "");
    m.put("avatar_url", s.baseUrl + "/avatars/" + State.sha1Hex(o.login));
    m.put("description", o.description);
    m.put("website", o.website);
    m.put("location", o.location);
    m.put("visibility", o.visibility);
    m.put("repo_admin_change_team_access", false);
    m.put("username", o.login);
    return m;
  }

  Map<String, Object> token(State.Token t, boolean withSecret) {
    String v = t.value;
    return Json.obj("id", t.id, "name", t.name, "sha1", withSecret ? v : "",
        "token_last_eight", v.length() > 8 ? v.substring(v.length() - 8) : v,
        "scopes", t.scopes);
  }

  Map<String, Object> repo(State.Repo r, State.User viewer) {
    Map<String, Object> m = new LinkedHashMap<>();
    String html = s.baseUrl + "/" + r.fullName();
    State.Access a = s.access(r, viewer);
    int open = 0;
    int openPulls = 0;
    for (State.Issue i : r.issues.values()) {
      if (!i.closed) {
        if (i.pull == null) {
          open++;
        } else {
          openPulls++;
        }
      }
    }
    m.put("id", r.id);
    m.put("owner", user(r.owner));
    m.put("name", r.name);
    m.put("full_name", r.fullName());
    m.put("description", r.description);
    m.put("empty", r.empty());
    m.put("private", r.isPrivate);
    m.put("fork", false);
    m.put("template", false);
    m.put("parent", null);
    m.put("mirror", false);
    m.put("size", 0);
    m.put("language", "");
    m.put("languages_url", api() + "/repos/" + r.fullName() + "/languages");
    m.put("html_url", html);
    m.put("url", api() + "/repos/" + r.fullName());
    m.put("link", "");
    m.put("ssh_url", "git@127.0.0.1:" + r.fullName() + ".git");
    m.put("clone_url", html + ".git");
    m.put("original_url", "");
    m.put("website", "");
    m.put("stars_count", 0);
    m.put("forks_count", 0);
    m.put("watchers_count", 1);
    m.put("open_issues_count", open);
    m.put("open_pr_counter", openPulls);
    m.put("release_counter", 0);
    m.put("default_branch", r.defaultBranch);
    m.put("archived", false);
    m.put("created_at", time(r.created));
    m.put("updated_at", time(r.updated));
    m.put("archived_at", "1970-01-01T00:00:00Z");
    m.put("permissions", Json.obj("admin", a.compareTo(State.Access.ADMIN) >= 0,
        "push", a.compareTo(State.Access.WRITE) >= 0, "pull", a.compareTo(State.Access.READ) >= 0));
    m.put("has_issues", true);
    m.put("internal_tracker", Json.obj("enable_time_tracker", true,
        "allow_only_contributors_to_track_time", true, "enable_issue_dependencies", true));
    m.put("external_tracker", null);
    m.put("has_wiki", true);
    m.put("external_wiki", null);
    m.put("wiki_branch", "main");
    m.put("globally_editable_wiki", false);
    m.put("has_pull_requests", true);
    m.put("has_projects", true);
    m.put("has_releases", true);
    m.put("has_packages", true);
    m.put("has_actions", true);
    m.put("ignore_whitespace_conflicts", false);
    m.put("allow_merge_commits", true);
    m.put("allow_rebase", true);
    m.put("allow_rebase_explicit", true);
    m.put("allow_squash_merge", true);
    m.put("allow_fast_forward_only_merge", true);
    m.put("allow_rebase_update", true);
    m.put("default_delete_branch_after_merge", r.deleteBranchAfterMerge);
    m.put("default_merge_style", "merge");
    m.put("default_update_style", "merge");
    m.put("default_allow_maintainer_edit", false);
    m.put("avatar_url", "");
    m.put("internal", false);
    m.put("mirror_interval", "");
    m.put("object_format_name", "sha1");
    m.put("mirror_updated", "0001-01-01T00:00:00Z");
    m.put("repo_transfer", null);
    m.put("topics", List.of());
    return m;
  }

  Map<String, Object> label(State.Repo r, State.Label l) {
    return Json.obj("id", l.id, "name", l.name, "exclusive", l.exclusive,
        "is_archived", l.archived, "color", l.color, "description", l.description,
        "url", api() + "/repos/" + r.fullName() + "/labels/" + l.id);
  }

  List<Object> labels(State.Repo r, List<State.Label> ls) {
    List<Object> out = new ArrayList<>();
    for (State.Label l : ls) {
      out.add(label(r, l));
    }
    return out;
  }

  private List<Object> users(List<State.User> us) {
    List<Object> out = new ArrayList<>();
    for (State.User u : us) {
      out.add(user(u));
    }
    return out;
  }

  Map<String, Object> issue(State.Repo r, State.Issue i) {
    Map<String, Object> m = new LinkedHashMap<>();
    String kind = i.pull == null ? "issues" : "pulls";
    m.put("id", i.id);
    m.put("url", api() + "/repos/" + r.fullName() + "/issues/" + i.number);
    m.put("html_url", s.baseUrl + "/" + r.fullName() + "/" + kind + "/" + i.number);
    m.put("number", i.number);
    m.put("user", user(i.user));
    m.put("original_author", "");
    m.put("original_author_id", 0);
    m.put("title", i.title);
    m.put("body", i.body);
    m.put("ref", i.ref);
    m.put("assets", List.of());
    m.put("labels", labels(r, i.labels));
    m.put("milestone", null);
    m.put("assignee", i.assignees.isEmpty() ? null : user(i.assignees.get(0)));
    m.put("assignees", i.assignees.isEmpty() ? null : users(i.assignees));
    m.put("state", i.closed ? "closed" : "open");
    m.put("is_locked", i.locked);
    m.put("comments", i.comments.size());
    m.put("created_at", time(i.created));
    m.put("updated_at", time(i.updated));
    m.put("closed_at", time(i.closedAt));
    m.put("due_date", null);
    m.put("pin_order", 0);
    m.put("pull_request", i.pull == null ? null : Json.obj("merged", i.pull.merged,
        "merged_at", time(i.pull.mergedAt), "draft", isWip(i.title),
        "html_url", s.baseUrl + "/" + r.fullName() + "/pulls/" + i.number));
    m.put("repository", Json.obj("id", r.id, "name", r.name, "owner", r.owner.login,
        "full_name", r.fullName()));
    return m;
  }

  static boolean isWip(String title) {
    String t = title.toUpperCase(java.util.Locale.ROOT);
    return t.startsWith("WIP:") || t.startsWith("[WIP]");
  }

  Map<String, Object> pull(State.Repo r, State.Issue i, State.User viewer) {
    State.Pull p = i.pull;
    Map<String, Object> m = new LinkedHashMap<>();
    String html = s.baseUrl + "/" + r.fullName() + "/pulls/" + i.number;
    List<Map<String, Object>> files = Logic.changedFiles(r, p);
    int add = 0;
    int del = 0;
    for (Map<String, Object> f : files) {
      add += ((Number) f.get("additions")).intValue();
      del += ((Number) f.get("deletions")).intValue();
    }
    m.put("id", i.id);
    m.put("url", html);
    m.put("number", i.number);
    m.put("user", user(i.user));
    m.put("title", i.title);
    m.put("body", i.body);
    m.put("labels", labels(r, i.labels));
    m.put("milestone", null);
    m.put("assignee", i.assignees.isEmpty() ? null : user(i.assignees.get(0)));
    m.put("assignees", i.assignees.isEmpty() ? null : users(i.assignees));
    m.put("requested_reviewers", List.of());
    m.put("requested_reviewers_teams", List.of());
    m.put("state", i.closed ? "closed" : "open");
    m.put("draft", isWip(i.title));
    m.put("is_locked", i.locked);
    m.put("comments", i.comments.size());
    m.put("review_comments", 0);
    m.put("additions", add);
    m.put("deletions", del);
    m.put("changed_files", files.size());
    m.put("html_url", html);
    m.put("diff_url", html + ".diff");
    m.put("patch_url", html + ".patch");
    m.put("mergeable", !p.merged && p.mergeability == Mergeability.MERGEABLE);
    m.put("merged", p.merged);
    m.put("merged_at", time(p.mergedAt));
    m.put("merge_commit_sha", p.mergeCommitSha);
    m.put("merged_by", user(p.mergedBy));
    m.put("allow_maintainer_edit", false);
    m.put("base", branchInfo(r, p.baseRef, r.commit(p.baseRef) == null ? p.mergeBase
        : r.commit(p.baseRef).sha, viewer));
    m.put("head", branchInfo(r, p.headRef, p.headSha, viewer));
    m.put("merge_base", p.mergeBase);
    m.put("due_date", null);
    m.put("created_at", time(i.created));
    m.put("updated_at", time(i.updated));
    m.put("closed_at", time(i.closedAt));
    m.put("pin_order", 0);
    m.put("flow", 0);
    return m;
  }

  private Map<String, Object> branchInfo(State.Repo r, String ref, String sha, State.User viewer) {
    return Json.obj("label", ref, "ref", ref, "sha", sha, "repo_id", r.id,
        "repo", repo(r, viewer));
  }

  Map<String, Object> comment(State.Repo r, State.Issue i, State.Comment c) {
    String base = s.baseUrl + "/" + r.fullName();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id);
    m.put("html_url", base + "/" + (i.pull == null ? "issues/" : "pulls/") + i.number
        + "#issuecomment-" + c.id);
    m.put("pull_request_url", i.pull == null ? "" : base + "/pulls/" + i.number);
    m.put("issue_url", i.pull == null ? base + "/issues/" + i.number : "");
    m.put("user", user(c.user));
    m.put("original_author", "");
    m.put("original_author_id", 0);
    m.put("body", c.body);
    m.put("assets", List.of());
    m.put("created_at", time(c.created));
    m.put("updated_at", time(c.updated));
    return m;
  }

  Map<String, Object> review(State.Repo r, State.Issue i, State.Review v) {
    String html = s.baseUrl + "/" + r.fullName() + "/pulls/" + i.number;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", v.id);
    m.put("user", user(v.user));
    m.put("team", null);
    m.put("state", v.state);
    m.put("body", v.body);
    m.put("commit_id", v.commitId);
    m.put("stale", v.stale);
    m.put("official", v.official);
    m.put("dismissed", v.dismissed);
    m.put("comments_count", 0);
    m.put("submitted_at", time(v.submitted));
    m.put("updated_at", time(v.updated));
    m.put("html_url", html + "#issuecomment-" + v.id);
    m.put("pull_request_url", html);
    return m;
  }

  /** A timeline entry: every TimelineComment property, unused ones null. */
  Map<String, Object> timelineEntry(State.Repo r, State.Issue i, String type, long id,
      State.User u, String body, java.time.Instant created) {
    String base = s.baseUrl + "/" + r.fullName();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("type", type);
    m.put("html_url", base + "/" + (i.pull == null ? "issues/" : "pulls/") + i.number
        + "#issuecomment-" + id);
    m.put("pull_request_url", i.pull == null ? "" : base + "/pulls/" + i.number);
    m.put("issue_url", i.pull == null ? base + "/issues/" + i.number : "");
    m.put("user", user(u));
    m.put("body", body);
    m.put("created_at", time(created));
    m.put("updated_at", time(created));
    for (String k : new String[] {"old_project_id", "project_id", "review_id"}) {
      m.put(k, 0);
    }
    for (String k : new String[] {"old_milestone", "milestone", "tracked_time", "old_title",
        "new_title", "old_ref", "new_ref", "ref_issue", "ref_comment", "ref_action",
        "ref_commit_sha", "label", "assignee", "assignee_team", "resolve_doer",
        "dependent_issue"}) {
      m.put(k, null);
    }
    m.put("removed_assignee", false);
    m.put("old_title", "");
    m.put("new_title", "");
    m.put("old_ref", "");
    m.put("new_ref", "");
    m.put("ref_action", "");
    m.put("ref_commit_sha", "");
    return m;
  }

  /** A commit as {@code GET /repos/{o}/{r}/commits} lists it (Forgejo's Commit schema). */
  Map<String, Object> repoCommit(State.Repo r, State.Commit c) {
    State.User who = null;
    for (State.User u : s.users.values()) {
      if (!u.org && (u.login.equals(c.authorName)
          || (u.email != null && u.email.equalsIgnoreCase(c.authorEmail)))) {
        who = u;
        break;
      }
    }
    String api = api() + "/repos/" + r.fullName() + "/git/commits/";
    Map<String, Object> person = Json.obj("name", c.authorName, "email", c.authorEmail,
        "date", time(c.time));
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("url", api + c.sha);
    inner.put("author", person);
    inner.put("committer", person);
    inner.put("message", c.message + "\n");
    inner.put("tree", Json.obj("url", api() + "/repos/" + r.fullName() + "/git/trees/" + c.tree,
        "sha", c.tree, "created", time(c.time)));
    inner.put("verification", verification());
    List<Object> parents = new java.util.ArrayList<>();
    for (String p : c.parents) {
      parents.add(Json.obj("url", api + p, "sha", p, "created", time(c.time)));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("url", api + c.sha);
    m.put("sha", c.sha);
    m.put("created", time(c.time));
    m.put("html_url", s.baseUrl + "/" + r.fullName() + "/commit/" + c.sha);
    m.put("commit", inner);
    m.put("author", who == null ? null : user(who));
    m.put("committer", who == null ? null : user(who));
    m.put("parents", parents);
    m.put("files", List.of());
    m.put("stats", Json.obj("total", 0, "additions", 0, "deletions", 0));
    return m;
  }

  Map<String, Object> commitPayload(State.Repo r, State.Commit c) {
    // The commit's own author, as git holds it; the user name of the account with that e-mail
    // address (or login), empty when none matches.
    State.User who = null;
    for (State.User u : s.users.values()) {
      if (!u.org && (u.login.equals(c.authorName)
          || (u.email != null && u.email.equalsIgnoreCase(c.authorEmail)))) {
        who = u;
        break;
      }
    }
    Map<String, Object> author = Json.obj("name", c.authorName, "email", c.authorEmail,
        "username", who == null ? "" : who.login);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.sha);
    m.put("message", c.message + "\n");
    m.put("url", s.baseUrl + "/" + r.fullName() + "/commit/" + c.sha);
    m.put("author", author);
    m.put("committer", author);
    m.put("verification", verification());
    m.put("timestamp", time(c.time));
    m.put("added", null);
    m.put("removed", null);
    m.put("modified", null);
    return m;
  }

  static Map<String, Object> verification() {
    return Json.obj("verified", false, "reason", "gpg.error.not_signed_commit", "signature", "",
        "signer", null, "payload", "");
  }

  Map<String, Object> branch(State.Repo r, State.Branch b, State.User viewer) {
    State.Protection p = r.protectionFor(b.name);
    State.Access a = s.access(r, viewer);
    boolean canWrite = a.compareTo(State.Access.WRITE) >= 0;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", b.name);
    m.put("commit", commitPayload(r, b.head));
    m.put("protected", p != null);
    m.put("required_approvals", p == null ? 0 : p.requiredApprovals());
    m.put("enable_status_check", p != null && p.flag("enable_status_check"));
    m.put("status_check_contexts", p == null ? List.of() : p.list("status_check_contexts"));
    m.put("user_can_push", canWrite && (p == null || p.flag("enable_push")));
    m.put("user_can_merge", canWrite);
    m.put("effective_branch_protection_name", p == null ? "" : p.ruleName);
    return m;
  }

  Map<String, Object> protection(State.Protection p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("branch_name", p.ruleName);
    m.put("rule_name", p.ruleName);
    m.putAll(p.options);
    m.put("created_at", time(p.created));
    m.put("updated_at", time(p.updated));
    return m;
  }

  Map<String, Object> status(State.Repo r, State.Status st) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", st.id);
    m.put("status", st.state);
    m.put("target_url", st.targetUrl);
    m.put("description", st.description);
    m.put("url", api() + "/repos/" + r.fullName() + "/statuses/" + st.sha);
    m.put("context", st.context);
    m.put("creator", user(st.creator));
    m.put("created_at", time(st.created));
    m.put("updated_at", time(st.created));
    return m;
  }

  Map<String, Object> contents(State.Repo r, String ref, State.Commit c, String path,
      byte[] content) {
    String blob = State.blobSha(content);
    String self = api() + "/repos/" + r.fullName() + "/contents/" + path + "?ref=" + ref;
    String git = api() + "/repos/" + r.fullName() + "/git/blobs/" + blob;
    String html = s.baseUrl + "/" + r.fullName() + "/src/branch/" + ref + "/" + path;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", path.substring(path.lastIndexOf('/') + 1));
    m.put("path", path);
    m.put("sha", blob);
    m.put("last_commit_sha", c.sha);
    m.put("type", "file");
    m.put("size", content.length);
    m.put("encoding", "base64");
    m.put("content", Base64.getEncoder().encodeToString(content));
    m.put("target", null);
    m.put("url", self);
    m.put("html_url", html);
    m.put("git_url", git);
    m.put("download_url", s.baseUrl + "/" + r.fullName() + "/raw/branch/" + ref + "/" + path);
    m.put("submodule_git_url", null);
    m.put("_links", Json.obj("self", self, "git", git, "html", html));
    return m;
  }

  /** A directory entry: like a file without content. */
  Map<String, Object> dirEntry(State.Repo r, String ref, State.Commit c, String path) {
    String self = api() + "/repos/" + r.fullName() + "/contents/" + path + "?ref=" + ref;
    String sha = State.sha1Hex("tree\0" + c.sha + "\0" + path);
    String git = api() + "/repos/" + r.fullName() + "/git/trees/" + sha;
    String html = s.baseUrl + "/" + r.fullName() + "/src/branch/" + ref + "/" + path;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", path.substring(path.lastIndexOf('/') + 1));
    m.put("path", path);
    m.put("sha", sha);
    m.put("last_commit_sha", c.sha);
    m.put("type", "dir");
    m.put("size", 0);
    m.put("encoding", null);
    m.put("content", null);
    m.put("target", null);
    m.put("url", self);
    m.put("html_url", html);
    m.put("git_url", git);
    m.put("download_url", null);
    m.put("submodule_git_url", null);
    m.put("_links", Json.obj("self", self, "git", git, "html", html));
    return m;
  }

  Map<String, Object> fileCommit(State.Repo r, State.Commit c, String parentSha,
      Map<String, Object> author) {
    Map<String, Object> who = Json.obj("name", author.get("name"), "email", author.get("email"),
        "date", time(c.time));
    String api = api() + "/repos/" + r.fullName() + "/git";
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("url", api + "/commits/" + c.sha);
    m.put("sha", c.sha);
    m.put("created", time(c.time));
    m.put("html_url", s.baseUrl + "/" + r.fullName() + "/commit/" + c.sha);
    m.put("author", who);
    m.put("committer", who);
    m.put("parents", parentSha == null ? List.of()
        : List.of(Json.obj("url", api + "/commits/" + parentSha, "sha", parentSha,
            "created", time(c.time))));
    m.put("message", c.message + "\n");
    String tree = State.sha1Hex("tree\0" + c.sha);
    m.put("tree", Json.obj("url", api + "/trees/" + tree, "sha", tree, "created", time(c.time)));
    return m;
  }

  Map<String, Object> ref(State.Repo r, String name, String sha) {
    String api = api() + "/repos/" + r.fullName() + "/git/";
    return Json.obj("ref", name, "url", api + name,
        "object", Json.obj("type", "commit", "sha", sha, "url", api + "commits/" + sha));
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
