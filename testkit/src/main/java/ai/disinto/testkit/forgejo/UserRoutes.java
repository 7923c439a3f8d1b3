package ai.disinto.testkit.forgejo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Version, users, tokens, admin, organisations and repository creation. */
final class UserRoutes extends Routes {
  private static final Set<String> SCOPE_CATEGORIES = Set.of("activitypub", "admin", "issue",
      "misc", "notification", "organization", "package", "repository", "user");
  static final String NAME_PATTERN = "[A-Za-z0-9_][A-Za-z0-9_.-]*";

  UserRoutes(State s, Render render, Logic logic) {
    super(s, render, logic);
  }

  @Override
  void register(Router r) {
    r.add("GET", "/version", c -> Reply.json(200, Json.obj("version", State.VERSION)));
    r.add("GET", "/user", c -> Reply.json(200, render.user(c.requireUser())));
    r.add("GET", "/users/{username}", this::getUser);
    r.add("GET", "/users/{username}/tokens", this::listTokens);
    r.add("POST", "/users/{username}/tokens", this::createToken);
    r.add("DELETE", "/users/{username}/tokens/{token}", this::deleteToken);
    r.add("GET", "/admin/users", this::adminListUsers);
    r.add("POST", "/admin/users", this::adminCreateUser);
    r.add("PATCH", "/admin/users/{username}", this::adminEditUser);
    r.add("DELETE", "/admin/users/{username}", this::adminDeleteUser);
    r.add("POST", "/admin/users/{username}/repos", this::adminCreateRepo);
    r.add("POST", "/orgs", this::createOrg);
    r.add("GET", "/orgs/{org}", this::getOrg);
    r.add("GET", "/orgs/{org}/repos", this::listOrgRepos);
    r.add("POST", "/orgs/{org}/repos", this::createOrgRepo);
    r.add("GET", "/user/repos", this::listMyRepos);
    r.add("POST", "/user/repos", c -> createRepo(c.requireUser(), c));
  }

  private Reply getUser(Call c) {
    State.User u = userOr404(c.param("username"));
    boolean self = c.user != null && (c.user == u || c.user.admin);
    if (!self && (u.visibility.equals("private") || (u.visibility.equals("limited") && c.user == null))) {
      throw ApiException.notFound();
    }
    return Reply.json(200, render.user(u));
  }

  /** Token routes accept basic auth only, for the user themself or a site admin. */
  private State.User tokenOwner(Call c) {
    if (c.user == null || c.authKind != RecordedRequest.AuthKind.BASIC) {
      throw new ApiException(401, "auth required");
    }
    State.User u = s.user(c.param("username"));
    if (u == null) {
      if (!c.user.admin) {
        throw new ApiException(403, "Only site admins can access other users' tokens");
      }
      throw ApiException.notFound();
    }
    if (u != c.user && !c.user.admin) {
      throw new ApiException(403, "Only site admins can access other users' tokens");
    }
    return u;
  }

  private Reply listTokens(Call c) {
    State.User u = tokenOwner(c);
    return page(c, u.tokens, t -> render.token(t, false));
  }

  private Reply createToken(Call c) {
    State.User u = tokenOwner(c);
    Map<String, Object> body = c.obj();
    String name = requireString(body, "name");
    for (State.Token t : u.tokens) {
      if (t.name.equals(name)) {
        throw new ApiException(400, "access token name has been used already");
      }
    }
    List<String> scopes = Json.strings(body, "scopes");
    if (scopes == null || scopes.isEmpty()) {
      throw new ApiException(400, "access token must have a scope");
    }
    for (String scope : scopes) {
      String[] parts = scope.split(":", 2);
      boolean ok = scope.equals("all") || scope.equals("public-only") || scope.equals("sudo")
          || (parts.length == 2 && (parts[0].equals("read") || parts[0].equals("write"))
              && SCOPE_CATEGORIES.contains(parts[1]));
      if (!ok) {
        throw new ApiException(400, "invalid access token scope: " + scope);
      }
    }
    return Reply.json(201, render.token(s.addToken(u, name, null, scopes), true));
  }

  private Reply deleteToken(Call c) {
    State.User u = tokenOwner(c);
    String ref = c.param("token");
    State.Token found = null;
    for (State.Token t : u.tokens) {
      if (Long.toString(t.id).equals(ref) || t.name.equals(ref)) {
        found = t;
        break;
      }
    }
    if (found == null) {
      throw ApiException.notFound();
    }
    s.removeToken(found);
    return Reply.empty(204);
  }

  private State.User requireAdmin(Call c) {
    State.User u = c.requireUser();
    if (!u.admin) {
      throw new ApiException(403, "reqSiteAdmin");
    }
    return u;
  }

  private Reply adminListUsers(Call c) {
    requireAdmin(c);
    List<State.User> us = new ArrayList<>();
    for (State.User u : s.users.values()) {
      if (!u.org) {
        us.add(u);
      }
    }
    return page(c, us, render::user);
  }

  private Reply adminCreateUser(Call c) {
    requireAdmin(c);
    Map<String, Object> body = c.obj();
    String name = requireString(body, "username");
    String email = requireString(body, "email");
    if (!name.matches(NAME_PATTERN)) {
      throw new ApiException(422, "name is invalid [" + name + "]: must be valid alpha or numeric or dash(-_) or dot characters");
    }
    if (s.user(name) != null) {
      throw new ApiException(422, "user already exists [name: " + name + "]");
    }
    for (State.User u : s.users.values()) {
      if (u.email.equalsIgnoreCase(email)) {
        throw new ApiException(422, "e-mail already in use [email: " + email + "]");
      }
    }
    String password = Json.str(body, "password");
    if (password == null || password.length() < 8) {
      throw new ApiException(400, "PasswordTooShort");
    }
    State.User u = s.addUser(name, email, password, false);
    // Forgejo's API default: a user created by an admin must change the password.
    u.mustChangePassword = bool(body, "must_change_password", true);
    u.fullName = Json.str(body, "full_name") == null ? "" : Json.str(body, "full_name");
    u.restricted = bool(body, "restricted", false);
    if (Json.str(body, "visibility") != null) {
      u.visibility = Json.str(body, "visibility");
    }
    return Reply.json(201, render.user(u));
  }

  private Reply adminEditUser(Call c) {
    requireAdmin(c);
    State.User u = userOr404(c.param("username"));
    Map<String, Object> body = c.obj();
    String password = Json.str(body, "password");
    if (password != null && !password.isEmpty()) {
      if (password.length() < 8) {
        throw new ApiException(400, "PasswordTooShort");
      }
      u.password = password;
    }
    Boolean b;
    if ((b = Json.bool(body, "must_change_password")) != null) {
      u.mustChangePassword = b;
    }
    if ((b = Json.bool(body, "admin")) != null) {
      u.admin = b;
    }
    if ((b = Json.bool(body, "active")) != null) {
      u.active = b;
    }
    if ((b = Json.bool(body, "prohibit_login")) != null) {
      u.prohibitLogin = b;
    }
    if ((b = Json.bool(body, "restricted")) != null) {
      u.restricted = b;
    }
    for (String k : new String[] {"email", "full_name", "visibility", "website", "location",
        "description"}) {
      String v = Json.str(body, k);
      if (v == null) {
        continue;
      }
      switch (k) {
        case "email" -> u.email = v;
        case "full_name" -> u.fullName = v;
        case "visibility" -> u.visibility = v;
        case "website" -> u.website = v;
        case "location" -> u.location = v;
        default -> u.description = v;
      }
    }
    return Reply.json(200, render.user(u));
  }

  private Reply adminDeleteUser(Call c) {
    requireAdmin(c);
    State.User u = userOr404(c.param("username"));
    for (State.Repo r : s.repos.values()) {
      if (r.owner == u) {
        throw new ApiException(422, "user still has ownership of repositories");
      }
    }
    for (State.Token t : new ArrayList<>(u.tokens)) {
      s.removeToken(t);
    }
    s.users.remove(State.key(u.login));
    return Reply.empty(204);
  }

  private Reply adminCreateRepo(Call c) {
    requireAdmin(c);
    return createRepo(userOr404(c.param("username")), c);
  }

  private Reply createOrg(Call c) {
    State.User doer = c.requireUser();
    Map<String, Object> body = c.obj();
    String name = requireString(body, "username");
    if (!name.matches(NAME_PATTERN)) {
      throw new ApiException(422, "name is invalid [" + name + "]");
    }
    if (s.user(name) != null) {
      throw new ApiException(422, "user already exists [name: " + name + "]");
    }
    if (doer.restricted) {
      throw new ApiException(403, "Create organization not allowed");
    }
    State.User org = s.addUser(name, "", null, true);
    org.email = "";
    org.fullName = Json.str(body, "full_name") == null ? "" : Json.str(body, "full_name");
    org.description = Json.str(body, "description") == null ? "" : Json.str(body, "description");
    org.visibility = Json.str(body, "visibility") == null ? "public" : Json.str(body, "visibility");
    org.orgOwners.add(State.key(doer.login));
    return Reply.json(201, render.org(org));
  }

  private State.User orgOr404(Call c) {
    State.User o = s.user(c.param("org"));
    if (o == null || !o.org) {
      throw ApiException.notFound();
    }
    boolean member = c.user != null && (c.user.admin || o.orgOwners.contains(State.key(c.user.login)));
    if (!member && (o.visibility.equals("private") || (o.visibility.equals("limited") && c.user == null))) {
      throw ApiException.notFound();
    }
    return o;
  }

  private Reply getOrg(Call c) {
    return Reply.json(200, render.org(orgOr404(c)));
  }

  private Reply listOrgRepos(Call c) {
    State.User o = orgOr404(c);
    List<State.Repo> out = new ArrayList<>();
    for (State.Repo r : s.repos.values()) {
      if (r.owner == o && s.access(r, c.user) != State.Access.NONE) {
        out.add(r);
      }
    }
    return page(c, out, r -> render.repo(r, c.user));
  }

  private Reply createOrgRepo(Call c) {
    State.User doer = c.requireUser();
    State.User o = s.user(c.param("org"));
    if (o == null || !o.org) {
      throw ApiException.notFound();
    }
    if (!doer.admin && !o.orgOwners.contains(State.key(doer.login))) {
      throw new ApiException(403, "Given user is not allowed to create repository in organization.");
    }
    return createRepo(o, c);
  }

  private Reply listMyRepos(Call c) {
    State.User u = c.requireUser();
    List<State.Repo> out = new ArrayList<>();
    for (State.Repo r : s.repos.values()) {
      if (r.owner == u || r.collaborators.containsKey(State.key(u.login))
          || (r.owner.org && r.owner.orgOwners.contains(State.key(u.login)))) {
        out.add(r);
      }
    }
    return page(c, out, r -> render.repo(r, c.user));
  }

  /** Repository creation shared by the admin, org and user routes. */
  Reply createRepo(State.User owner, Call c) {
    Map<String, Object> body = c.obj();
    String name = requireString(body, "name");
    if (!name.matches("[-.\\w]+") || name.equals(".") || name.equals("..")
        || name.endsWith(".git") || name.endsWith(".wiki")) {
      throw new ApiException(422, "name is invalid [" + name + "]");
    }
    if (s.repo(owner.login, name) != null) {
      throw new ApiException(409, "The repository with the same name already exists.");
    }
    State.Repo r = s.addRepo(owner, name, bool(body, "private", false),
        Json.str(body, "default_branch"), bool(body, "auto_init", false),
        Json.str(body, "description"));
    return Reply.json(201, render.repo(r, c.user));
  }
}
