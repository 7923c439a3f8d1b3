package ai.disinto.testkit.forgejo;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Repositories, collaborators, labels, branches, protections, refs, contents and statuses. */
final class RepoRoutes extends Routes {
  private static final Set<String> PERMISSIONS = Set.of("read", "write", "admin");
  private static final Set<String> STATES = Set.of("pending", "success", "error", "failure", "warning");
  /** CreateBranchProtectionOption fields other than the rule name, with Forgejo's defaults. */
  private static final Map<String, Object> PROTECTION_DEFAULTS = buildProtectionDefaults();

  private static Map<String, Object> buildProtectionDefaults() {
    Map<String, Object> d = new LinkedHashMap<>();
    for (String k : new String[] {"enable_push", "enable_push_whitelist", "push_whitelist_deploy_keys",
        "enable_merge_whitelist", "enable_status_check", "enable_approvals_whitelist",
        "block_on_rejected_reviews", "block_on_official_review_requests", "block_on_outdated_branch",
        "dismiss_stale_approvals", "ignore_stale_approvals", "require_signed_commits",
        "apply_to_admins"}) {
      d.put(k, false);
    }
    for (String k : new String[] {"push_whitelist_usernames", "push_whitelist_teams",
        "merge_whitelist_usernames", "merge_whitelist_teams", "status_check_contexts",
        "approvals_whitelist_username", "approvals_whitelist_teams"}) {
      d.put(k, List.of());
    }
    d.put("required_approvals", 0);
    d.put("protected_file_patterns", "");
    d.put("unprotected_file_patterns", "");
    return java.util.Collections.unmodifiableMap(d);
  }

  static Map<String, Object> protectionDefaults() {
    return PROTECTION_DEFAULTS;
  }

  RepoRoutes(State s, Render render, Logic logic) {
    super(s, render, logic);
  }

  @Override
  void register(Router r) {
    r.add("GET", repoTemplate(""), c -> Reply.json(200, render.repo(repo(c, State.Access.READ), c.user)));
    r.add("DELETE", repoTemplate(""), this::deleteRepo);
    r.add("GET", repoTemplate("/collaborators"), this::listCollaborators);
    r.add("GET", repoTemplate("/collaborators/{collaborator}"), this::isCollaborator);
    r.add("GET", repoTemplate("/collaborators/{collaborator}/permission"), this::permission);
    r.add("PUT", repoTemplate("/collaborators/{collaborator}"), this::addCollaborator);
    r.add("DELETE", repoTemplate("/collaborators/{collaborator}"), this::removeCollaborator);
    r.add("GET", repoTemplate("/labels"), this::listLabels);
    r.add("POST", repoTemplate("/labels"), this::createLabel);
    r.add("GET", repoTemplate("/labels/{id}"), c -> {
      State.Repo repo = repo(c, State.Access.READ);
      return Reply.json(200, render.label(repo, label(repo, c)));
    });
    r.add("PATCH", repoTemplate("/labels/{id}"), this::editLabel);
    r.add("DELETE", repoTemplate("/labels/{id}"), this::deleteLabel);
    r.add("GET", repoTemplate("/branches"), this::listBranches);
    r.add("POST", repoTemplate("/branches"), this::createBranch);
    r.add("GET", repoTemplate("/branches/{branch}"), "branch", this::getBranch);
    r.add("GET", repoTemplate("/commits"), this::listCommits);
    r.add("DELETE", repoTemplate("/branches/{branch}"), "branch", this::deleteBranch);
    r.add("GET", repoTemplate("/branch_protections"), this::listProtections);
    r.add("POST", repoTemplate("/branch_protections"), this::createProtection);
    r.add("GET", repoTemplate("/branch_protections/{name}"), c -> {
      State.Repo repo = repo(c, State.Access.ADMIN);
      return Reply.json(200, render.protection(protection(repo, c)));
    });
    r.add("PATCH", repoTemplate("/branch_protections/{name}"), this::editProtection);
    r.add("DELETE", repoTemplate("/branch_protections/{name}"), c -> {
      State.Repo repo = repo(c, State.Access.ADMIN);
      repo.protections.remove(protection(repo, c));
      return Reply.empty(204);
    });
    r.add("GET", repoTemplate("/git/refs"), c -> refs(c, ""));
    r.add("GET", repoTemplate("/git/refs/{ref}"), "ref", c -> refs(c, c.param("ref")));
    r.add("GET", repoTemplate("/contents"), c -> getContents(c, ""));
    r.add("GET", repoTemplate("/contents/{filepath}"), "filepath", c -> getContents(c, c.param("filepath")));
    r.add("POST", repoTemplate("/contents/{filepath}"), "filepath", c -> writeFile(c, false));
    r.add("PUT", repoTemplate("/contents/{filepath}"), "filepath", c -> writeFile(c, true));
    r.add("POST", repoTemplate("/statuses/{sha}"), this::createStatus);
    r.add("GET", repoTemplate("/statuses/{sha}"), c -> listStatuses(c, c.param("sha")));
    r.add("GET", repoTemplate("/commits/{ref}/statuses"), c -> listStatuses(c, c.param("ref")));
    r.add("GET", repoTemplate("/commits/{ref}/status"), this::combinedStatus);
  }

  private Reply deleteRepo(Call c) {
    State.Repo r = repo(c, State.Access.OWNER);
    s.repos.remove(State.key(r.fullName()));
    s.dropGit(r);
    return Reply.empty(204);
  }

  // ---- collaborators ----

  private Reply listCollaborators(Call c) {
    State.Repo r = repo(c, State.Access.READ);
    List<State.User> us = new ArrayList<>();
    for (String login : r.collaborators.keySet()) {
      us.add(s.user(login));
    }
    return page(c, us, render::user);
  }

  private Reply isCollaborator(Call c) {
    State.Repo r = repo(c, State.Access.READ);
    State.User u = s.user(c.param("collaborator"));
    if (u == null) {
      throw new ApiException(422, "user does not exist [name: " + c.param("collaborator") + "]");
    }
    if (!r.collaborators.containsKey(State.key(u.login))) {
      throw ApiException.notFound();
    }
    return Reply.empty(204);
  }

  /** Forgejo's RepoCollaboratorPermission: for a repo admin, or for the user asking about itself. */
  private Reply permission(Call c) {
    State.Repo r = repo(c, State.Access.READ);
    State.User u = s.user(c.param("collaborator"));
    if (u == null || u.org) {
      throw ApiException.notFound();
    }
    if (c.user != u && s.access(r, c.user).compareTo(State.Access.ADMIN) < 0) {
      throw new ApiException(403, "Only admins can query all permissions, repo admins can query"
          + " all repo permissions, collaborators can query only their own");
    }
    String perm;
    if (u == r.owner || (r.owner.org && r.owner.orgOwners.contains(State.key(u.login)))) {
      perm = "owner";
    } else if (u.admin) {
      perm = "admin";
    } else {
      perm = switch (s.access(r, u)) {
        case ADMIN -> "admin";
        case WRITE -> "write";
        case READ -> "read";
        default -> "none";
      };
    }
    return Reply.json(200, Json.obj("permission", perm, "role_name", perm, "user",
        render.user(u)));
  }

  private Reply addCollaborator(Call c) {
    State.Repo r = repo(c, State.Access.ADMIN);
    State.User u = s.user(c.param("collaborator"));
    if (u == null || u.org) {
      throw new ApiException(422, "user does not exist [name: " + c.param("collaborator") + "]");
    }
    String perm = Json.str(c.obj(), "permission");
    perm = perm == null || perm.isEmpty() ? "write" : perm;
    if (!PERMISSIONS.contains(perm)) {
      throw new ApiException(422, "invalid permission: " + perm);
    }
    r.collaborators.put(State.key(u.login), perm);
    return Reply.empty(204);
  }

  private Reply removeCollaborator(Call c) {
    State.Repo r = repo(c, State.Access.ADMIN);
    State.User u = s.user(c.param("collaborator"));
    if (u == null) {
      throw new ApiException(422, "user does not exist [name: " + c.param("collaborator") + "]");
    }
    r.collaborators.remove(State.key(u.login));
    return Reply.empty(204);
  }

  // ---- labels ----

  private Reply listLabels(Call c) {
    State.Repo r = repo(c, State.Access.READ);
    List<State.Label> sorted = new ArrayList<>(r.labels);
    sorted.sort(Comparator.comparing((State.Label l) -> l.name).thenComparingLong(l -> l.id));
    return page(c, sorted, l -> render.label(r, l));
  }

  private State.Label label(State.Repo r, Call c) {
    State.Label l;
    try {
      l = r.label(Long.parseLong(c.param("id")));
    } catch (NumberFormatException e) {
      l = null;
    }
    if (l == null) {
      throw ApiException.notFound();
    }
    return l;
  }

  private Reply createLabel(Call c) {
    State.Repo r = repo(c, State.Access.WRITE);
    Map<String, Object> body = c.obj();
    String name = requireString(body, "name");
    String color = Logic.normalizeColor(Json.str(body, "color"));
    if (color == null) {
      throw new ApiException(422, "[Color]: invalid color");
    }
    State.Label l = logic.newLabel(r, name, color, Json.str(body, "description"));
    l.exclusive = bool(body, "exclusive", false);
    l.archived = bool(body, "is_archived", false);
    return Reply.json(201, render.label(r, l));
  }

  private Reply editLabel(Call c) {
    State.Repo r = repo(c, State.Access.WRITE);
    State.Label l = label(r, c);
    Map<String, Object> body = c.obj();
    if (Json.str(body, "color") != null) {
      String color = Logic.normalizeColor(Json.str(body, "color"));
      if (color == null) {
        throw new ApiException(422, "[Color]: invalid color");
      }
      l.color = color;
    }
    if (Json.str(body, "name") != null) {
      l.name = Json.str(body, "name");
    }
    if (Json.str(body, "description") != null) {
      l.description = Json.str(body, "description");
    }
    l.exclusive = bool(body, "exclusive", l.exclusive);
    l.archived = bool(body, "is_archived", l.archived);
    return Reply.json(200, render.label(r, l));
  }

  private Reply deleteLabel(Call c) {
    State.Repo r = repo(c, State.Access.WRITE);
    State.Label l = label(r, c);
    r.labels.remove(l);
    for (State.Issue i : r.issues.values()) {
      i.labels.remove(l);
    }
    return Reply.empty(204);
  }

  // ---- branches ----

  private Reply listBranches(Call c) {
    State.Repo r = repo(c, State.Access.READ);
    List<State.Branch> bs = new ArrayList<>(r.branches.values());
    bs.sort(Comparator.comparing(b -> b.name));
    return page(c, bs, b -> render.branch(r, b, c.user));
  }

  /** {@code GET /commits?sha=REF}: the history of a ref (default branch), newest first. */
  private Reply listCommits(Call c) {
    State.Repo r = repo(c, State.Access.READ);
    String ref = c.q("sha");
    State.Commit tip = r.commit(ref == null || ref.isEmpty() ? r.defaultBranch : ref);
    if (tip == null) {
      throw ApiException.notFound();
    }
    List<State.Commit> all = new ArrayList<>(r.git.commitsBetween(null, tip.sha));
    java.util.Collections.reverse(all);
    return page(c, all, cm -> render.repoCommit(r, cm));
  }

  private Reply getBranch(Call c) {
    State.Repo r = repo(c, State.Access.READ);
    State.Branch b = r.branches.get(c.param("branch"));
    if (b == null) {
      throw ApiException.notFound();
    }
    return Reply.json(200, render.branch(r, b, c.user));
  }

  private Reply createBranch(Call c) {
    State.Repo r = repo(c, State.Access.WRITE);
    Map<String, Object> body = c.obj();
    String name = requireString(body, "new_branch_name");
    String from = Json.str(body, "old_ref_name");
    if (from == null || from.isEmpty()) {
      from = Json.str(body, "old_branch_name");
    }
    if (from == null || from.isEmpty()) {
      from = r.defaultBranch;
    }
    State.Commit base = r.commit(from);
    if (base == null && from.startsWith("refs/")) {
      base = r.commit(from.replaceFirst("^refs/(heads|tags)/", ""));
    }
    if (base == null) {
      throw new ApiException(404, "The old branch does not exist.");
    }
    // The check and the create run under the state lock every request holds, so of concurrent
    // creates exactly one gets 201, as Forgejo's ref creation under git's ref lock (claims rest
    // on this).
    if (r.branches.containsKey(name)) {
      throw new ApiException(409, "The branch with the same name already exists.");
    }
    State.Branch b = new State.Branch(name, base);
    r.branches.put(name, b);
    return Reply.json(201, render.branch(r, b, c.user));
  }

  private Reply deleteBranch(Call c) {
    State.Repo r = repo(c, State.Access.WRITE);
    String name = c.param("branch");
    State.Branch b = r.branches.get(name);
    if (b == null) {
      throw ApiException.notFound();
    }
    if (name.equals(r.defaultBranch)) {
      throw new ApiException(403, "can not delete default branch");
    }
    if (r.protectionFor(name) != null) {
      throw new ApiException(403, "branch protected");
    }
    r.branches.remove(name);
    return Reply.empty(204);
  }

  // ---- branch protections ----

  private Reply listProtections(Call c) {
    State.Repo r = repo(c, State.Access.ADMIN);
    List<Object> out = new ArrayList<>();
    for (State.Protection p : r.protections) {
      out.add(render.protection(p));
    }
    return Reply.json(200, out);
  }

  private State.Protection protection(State.Repo r, Call c) {
    for (State.Protection p : r.protections) {
      if (p.ruleName.equals(c.param("name"))) {
        return p;
      }
    }
    throw ApiException.notFound();
  }

  private Reply createProtection(Call c) {
    State.Repo r = repo(c, State.Access.ADMIN);
    Map<String, Object> body = c.obj();
    String rule = Json.str(body, "rule_name");
    if (rule == null || rule.isEmpty()) {
      rule = Json.str(body, "branch_name");
    }
    if (rule == null || rule.isEmpty()) {
      throw new ApiException(400, "both rule_name and branch_name are empty");
    }
    for (State.Protection p : r.protections) {
      if (p.ruleName.equals(rule)) {
        throw new ApiException(403, "Branch protection already exist");
      }
    }
    State.Protection p = new State.Protection();
    p.id = ++s.protectionSeq;
    p.ruleName = rule;
    p.created = s.now();
    p.updated = p.created;
    p.options.putAll(PROTECTION_DEFAULTS);
    applyProtection(p, body);
    r.protections.add(p);
    return Reply.json(201, render.protection(p));
  }

  private Reply editProtection(Call c) {
    State.Repo r = repo(c, State.Access.ADMIN);
    State.Protection p = protection(r, c);
    applyProtection(p, c.obj());
    p.updated = s.now();
    return Reply.json(200, render.protection(p));
  }

  private void applyProtection(State.Protection p, Map<String, Object> body) {
    Map<String, Object> next = new LinkedHashMap<>(p.options);
    for (Map.Entry<String, Object> e : PROTECTION_DEFAULTS.entrySet()) {
      String k = e.getKey();
      if (!body.containsKey(k) || body.get(k) == null) {
        continue;
      }
      Object def = e.getValue();
      if (def instanceof Boolean) {
        next.put(k, bool(body, k, false));
      } else if (def instanceof Integer) {
        Long n = Json.num(body, k);
        next.put(k, n == null ? 0 : n.intValue());
      } else if (def instanceof List) {
        List<String> l = Json.strings(body, k);
        next.put(k, l == null ? List.of() : List.copyOf(l));
      } else {
        next.put(k, Json.str(body, k));
      }
    }
    for (String k : new String[] {"push_whitelist_usernames", "merge_whitelist_usernames",
        "approvals_whitelist_username"}) {
      @SuppressWarnings("unchecked")
      List<String> names = (List<String>) next.get(k);
      for (String n : names) {
        if (s.user(n) == null) {
          throw new ApiException(422, "user does not exist [name: " + n + "]");
        }
      }
    }
    p.options.clear();
    p.options.putAll(next);
  }

  // ---- refs ----

  private Reply refs(Call c, String filter) {
    State.Repo r = repo(c, State.Access.READ);
    String prefix = "refs/" + filter;
    List<Object> out = new ArrayList<>();
    for (Map.Entry<String, String> b : r.git.branchHeads().entrySet()) {
      String ref = "refs/heads/" + b.getKey();
      if (ref.startsWith(prefix)) {
        out.add(render.ref(r, ref, b.getValue()));
      }
    }
    if (out.isEmpty()) {
      throw ApiException.notFound();
    }
    // Forgejo 11 compares the full ref name with the unprefixed filter, so it always answers a list.
    return Reply.json(200, out);
  }

  // ---- contents ----

  private Reply getContents(Call c, String path) {
    State.Repo r = repo(c, State.Access.READ);
    String ref = c.q("ref") == null || c.q("ref").isEmpty() ? r.defaultBranch : c.q("ref");
    State.Commit commit = r.commit(ref);
    if (commit == null) {
      throw ApiException.notFound();
    }
    String clean = path.replaceAll("^/+|/+$", "");
    Map<String, byte[]> tree = commit.files();
    byte[] file = clean.isEmpty() ? null : tree.get(clean);
    if (file != null) {
      return Reply.json(200, render.contents(r, ref, commit, clean, file));
    }
    String dir = clean.isEmpty() ? "" : clean + "/";
    Map<String, Object> entries = new TreeMap<>();
    for (Map.Entry<String, byte[]> e : tree.entrySet()) {
      if (!e.getKey().startsWith(dir)) {
        continue;
      }
      String rest = e.getKey().substring(dir.length());
      int slash = rest.indexOf('/');
      String name = dir + (slash < 0 ? rest : rest.substring(0, slash));
      entries.put(name, slash < 0 ? render.contents(r, ref, commit, name, e.getValue())
          : render.dirEntry(r, ref, commit, name));
    }
    if (entries.isEmpty() && !clean.isEmpty()) {
      throw ApiException.notFound();
    }
    List<Object> out = new ArrayList<>();
    for (Object o : entries.values()) {
      Map<String, Object> m = new LinkedHashMap<>(Json.asObject(o));
      if ("file".equals(m.get("type"))) {
        m.put("encoding", null);
        m.put("content", null);
      }
      out.add(m);
    }
    return Reply.json(200, out);
  }

  private Reply writeFile(Call c, boolean update) {
    State.Repo r = repo(c, State.Access.WRITE);
    String path = c.param("filepath").replaceAll("^/+|/+$", "");
    Map<String, Object> body = c.obj();
    String content = Json.str(body, "content");
    if (content == null) {
      throw new ApiException(422, "[Content]: Required");
    }
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(content);
    } catch (IllegalArgumentException e) {
      throw new ApiException(422, "invalid base64 content");
    }
    String sha = Json.str(body, "sha");
    if (update && (sha == null || sha.isEmpty())) {
      throw new ApiException(422, "[SHA]: Required");
    }
    String branch = Json.str(body, "branch");
    branch = branch == null || branch.isEmpty() ? r.defaultBranch : branch;
    String newBranch = Json.str(body, "new_branch");
    State.Branch from = r.branches.get(branch);
    if (from == null && !(r.empty() && branch.equals(r.defaultBranch))) {
      throw new ApiException(404, "branch does not exist [name: " + branch + "]");
    }
    String target = newBranch == null || newBranch.isEmpty() ? branch : newBranch;
    if (!target.equals(branch) && r.branches.containsKey(target)) {
      throw new ApiException(422, "branch already exists [name: " + target + "]");
    }
    State.Protection prot = r.protectionFor(target);
    // Forgejo's CanUserPush, as for a git push: no exemption for admins, only the push whitelist.
    if (prot != null && (!prot.flag("enable_push") || prot.flag("enable_push_whitelist")
        && !Logic.containsIgnoreCase(prot.list("push_whitelist_usernames"), c.user.login))) {
      throw new ApiException(403, "user cannot commit to protected branch [user: " + c.user.login
          + ", branch: " + target + "]");
    }
    if (prot != null && prot.firstProtectedFile(List.of(path)) != null) {
      throw new ApiException(403, "path is protected and can not be changed [path: " + path + "]");
    }
    Map<String, byte[]> files = new TreeMap<>(from == null ? Map.of() : from.head.files());
    byte[] existing = files.get(path);
    if (!update && existing != null) {
      throw new ApiException(422, "repository file already exists [path: " + path + "]");
    }
    if (update) {
      if (existing == null) {
        throw ApiException.notFound();
      }
      if (!State.blobSha(existing).equals(sha)) {
        throw new ApiException(422, "sha does not match [given: " + sha + ", expected: "
            + State.blobSha(existing) + "]");
      }
    }
    files.put(path, bytes);
    String message = Json.str(body, "message");
    if (message == null || message.isEmpty()) {
      message = (update ? "Update " : "Add ") + path;
    }
    String parent = from == null ? null : from.head.sha;
    State.Commit commit = s.newCommit(r, message, files,
        parent == null ? List.of() : List.of(parent), c.user);
    logic.pushBranch(r, target, commit.sha, true, null);
    Map<String, Object> who = Json.asObject(body.get("committer"));
    if (who == null || Json.str(who, "name") == null) {
      who = Json.asObject(body.get("author"));
    }
    if (who == null || Json.str(who, "name") == null) {
      who = Json.obj("name", c.user.login, "email", c.user.email);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("content", render.contents(r, target, commit, path, bytes));
    out.put("commit", render.fileCommit(r, commit, parent, who));
    out.put("verification", Render.verification());
    return Reply.json(update ? 200 : 201, out);
  }

  // ---- commit statuses ----

  private Reply createStatus(Call c) {
    State.Repo r = repo(c, State.Access.WRITE);
    Map<String, Object> body = c.obj();
    String state = Json.str(body, "state");
    if (state == null || !STATES.contains(state)) {
      throw new ApiException(422, "invalid commit status state: " + state);
    }
    State.Status st = logic.newStatus(r, c.param("sha"), state, Json.str(body, "context"),
        Json.str(body, "target_url"), Json.str(body, "description"), c.user);
    return Reply.json(201, render.status(r, st));
  }

  private String resolveSha(State.Repo r, String ref) {
    State.Commit commit = r.commit(ref);
    if (commit != null) {
      return commit.sha;
    }
    if (ref.matches("[0-9a-f]{7,64}")) {
      return ref;
    }
    throw ApiException.notFound();
  }

  private Reply listStatuses(Call c, String ref) {
    State.Repo r = repo(c, State.Access.READ);
    String sha = resolveSha(r, ref);
    List<State.Status> all = new ArrayList<>();
    for (State.Status st : r.statuses) {
      if (st.sha.equals(sha)) {
        all.add(0, st);
      }
    }
    return page(c, all, st -> render.status(r, st));
  }

  private Reply combinedStatus(Call c) {
    State.Repo r = repo(c, State.Access.READ);
    String sha = resolveSha(r, c.param("ref"));
    List<State.Status> latest = Logic.latestStatuses(r, sha);
    List<Object> statuses = new ArrayList<>();
    for (State.Status st : latest) {
      statuses.add(render.status(r, st));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("state", Logic.combinedState(latest));
    m.put("sha", sha);
    m.put("total_count", latest.size());
    m.put("statuses", statuses);
    m.put("repository", render.repo(r, c.user));
    m.put("commit_url", s.baseUrl + MockForgejo.API_PREFIX + "/repos/" + r.fullName() + "/git/commits/" + sha);
    m.put("url", s.baseUrl + MockForgejo.API_PREFIX + "/repos/" + r.fullName() + "/commits/" + sha + "/status");
    Reply reply = Reply.json(200, m);
    reply.header("X-Total-Count", Integer.toString(latest.size()));
    return reply;
  }

}
