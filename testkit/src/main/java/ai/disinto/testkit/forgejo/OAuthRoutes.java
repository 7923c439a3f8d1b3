package ai.disinto.testkit.forgejo;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OAuth2 applications ({@code /user/applications/oauth2}, shapes and statuses of the published
 * API) and the few web pages Woodpecker's login goes through: the sign-in form ({@code GET|POST
 * /user/login}, with a CSRF token and the {@code i_like_gitea} session cookie), the authorization
 * endpoint ({@code GET /login/oauth/authorize}: a consent form the first time, then a redirect
 * with a code), the consent answer ({@code POST /login/oauth/grant}) and the code exchange ({@code
 * POST /login/oauth/access_token}). A failed sign-in answers 200 with the form again, as Forgejo
 * does.
 */
final class OAuthRoutes extends Routes {
  static final String SESSION_COOKIE = "i_like_gitea";

  /** One application of a user. */
  static final class App {
    long id;
    String name;
    String clientId;
    String secret;
    List<String> redirectUris;
    boolean confidential;
    java.time.Instant created;
    State.User owner;
  }

  /** A browser session: its CSRF token and, once signed in, the user. */
  static final class Session {
    String id;
    String csrf;
    State.User user;
  }

  record Code(App app, State.User user, String redirectUri) {}

  final List<App> apps = new ArrayList<>();
  final Map<String, Session> sessions = new LinkedHashMap<>();
  final Set<String> grants = new HashSet<>();
  final Map<String, Code> codes = new LinkedHashMap<>();
  long appSeq;
  long webSeq;

  OAuthRoutes(State s, Render render, Logic logic) {
    super(s, render, logic);
  }

  void clear() {
    apps.clear();
    sessions.clear();
    grants.clear();
    codes.clear();
    appSeq = 0;
    webSeq = 0;
  }

  @Override
  void register(Router r) {
    r.add("GET", "/user/applications/oauth2", c -> page(c, mine(c), a -> render(a, false)));
    r.add("POST", "/user/applications/oauth2", this::create);
    r.add("GET", "/user/applications/oauth2/{id}", c -> Reply.json(200, render(app(c), false)));
    r.add("PATCH", "/user/applications/oauth2/{id}", this::update);
    r.add("DELETE", "/user/applications/oauth2/{id}", c -> {
      apps.remove(app(c));
      return Reply.empty(204);
    });
  }

  private List<App> mine(Call c) {
    State.User u = c.requireUser();
    return apps.stream().filter(a -> a.owner == u).toList();
  }

  private App app(Call c) {
    long id;
    try {
      id = Long.parseLong(c.param("id"));
    } catch (NumberFormatException e) {
      throw ApiException.notFound();
    }
    for (App a : mine(c)) {
      if (a.id == id) {
        return a;
      }
    }
    throw ApiException.notFound();
  }

  private Reply create(Call c) {
    State.User u = c.requireUser();
    Map<String, Object> body = c.obj();
    String name = Json.str(body, "name");
    if (name == null || name.isBlank()) {
      throw new ApiException(400, "[Name]: Required");
    }
    App a = new App();
    a.id = ++appSeq;
    a.name = name;
    a.owner = u;
    a.clientId = uuidLike("client\0" + a.id + "\0" + name);
    a.secret = newSecret(a);
    a.redirectUris = Json.strings(body, "redirect_uris");
    Boolean conf = Json.bool(body, "confidential_client");
    a.confidential = conf == null || conf;
    a.created = s.now();
    apps.add(a);
    return Reply.json(201, render(a, true));
  }

  /** Forgejo answers an update with a fresh secret. */
  private Reply update(Call c) {
    App a = app(c);
    Map<String, Object> body = c.obj();
    String name = Json.str(body, "name");
    if (name == null || name.isBlank()) {
      throw new ApiException(400, "[Name]: Required");
    }
    a.name = name;
    a.redirectUris = Json.strings(body, "redirect_uris");
    Boolean conf = Json.bool(body, "confidential_client");
    if (conf != null) {
      a.confidential = conf;
    }
    a.secret = newSecret(a);
    return Reply.json(200, render(a, true));
  }

  private String newSecret(App a) {
    return "gto_" + State.sha1Hex("secret\0" + a.id + "\0" + (++webSeq)).substring(0, 32);
  }

  private Map<String, Object> render(App a, boolean withSecret) {
    return Json.obj("id", a.id, "name", a.name, "client_id", a.clientId,
        "client_secret", withSecret ? a.secret : "", "redirect_uris", a.redirectUris,
        "confidential_client", a.confidential, "created", State.time(a.created));
  }

  private static String uuidLike(String seed) {
    String h = State.sha1Hex(seed);
    return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-"
        + h.substring(16, 20) + "-" + h.substring(20, 32);
  }

  // ---- web pages ----

  static boolean matches(String path) {
    return path.equals("/user/login") || path.startsWith("/login/oauth/");
  }

  /** Answers one web request; called with the state's lock held. */
  Reply web(String method, String path, String rawQuery, String body, String cookieHeader) {
    Session session = sessions.get(cookie(cookieHeader, SESSION_COOKIE));
    Map<String, List<String>> query = Call.parseQuery(rawQuery);
    Map<String, String> form = form(body);
    switch (method + " " + path) {
      case "GET /user/login":
        return loginPage(session == null ? newSession() : session, false);
      case "POST /user/login": {
        if (session == null || !session.csrf.equals(form.get("_csrf"))) {
          return Reply.text(400, "Invalid CSRF token.");
        }
        State.User u = s.user(form.get("user_name"));
        if (u == null || u.org || u.password == null
            || !u.password.equals(form.get("password")) || !u.active || u.prohibitLogin) {
          return loginPage(session, true);
        }
        session.user = u;
        return Reply.empty(303).header("Location", "/");
      }
      case "GET /login/oauth/authorize":
        return authorize(session, first(query, "client_id"), first(query, "redirect_uri"),
            first(query, "state"), first(query, "response_type"), rawQuery);
      case "POST /login/oauth/grant": {
        if (session == null || session.user == null) {
          return Reply.empty(303).header("Location", "/user/login");
        }
        if (!session.csrf.equals(form.get("_csrf"))) {
          return Reply.text(400, "Invalid CSRF token.");
        }
        App a = byClientId(form.get("client_id"));
        String redirect = form.get("redirect_uri");
        if (a == null || redirect == null || !a.redirectUris.contains(redirect)) {
          return Reply.text(400, "invalid client or redirect_uri");
        }
        if (!"true".equals(form.get("granted"))) {
          return Reply.empty(303).header("Location", redirect + "?error=access_denied&state="
              + urlEnc(form.getOrDefault("state", "")));
        }
        grants.add(session.user.login + "\0" + a.clientId);
        return redirectWithCode(a, session.user, redirect, form.get("state"));
      }
      case "POST /login/oauth/access_token": {
        Map<String, String> in = form;
        if (body.trim().startsWith("{")) {
          in = new LinkedHashMap<>();
          for (Map.Entry<String, Object> e : Json.asObject(Json.parseRequest(body)).entrySet()) {
            in.put(e.getKey(), String.valueOf(e.getValue()));
          }
        }
        Code code = codes.remove(in.getOrDefault("code", ""));
        if (code == null || !code.app().clientId.equals(in.get("client_id"))
            || !code.app().secret.equals(in.get("client_secret"))) {
          return Reply.json(400, Json.obj("error", "invalid_grant",
              "error_description", "invalid code or client credentials"));
        }
        State.Token t = new State.Token();
        t.id = 0;
        t.name = "oauth2:" + code.app().name;
        t.value = "gta_" + State.sha1Hex("access\0" + (++webSeq) + "\0" + code.user().login);
        t.scopes = List.of("all");
        t.user = code.user();
        s.tokens.put(t.value, t); // usable as a bearer token, not listed among the user's tokens
        return Reply.json(200, Json.obj("access_token", t.value, "token_type", "bearer",
            "expires_in", 3600L, "refresh_token", "gtr_" + t.value.substring(4)));
      }
      default:
        return Reply.text(404, "404 page not found\n");
    }
  }

  private Reply authorize(Session session, String clientId, String redirect, String state,
      String responseType, String rawQuery) {
    App a = byClientId(clientId);
    if (a == null || redirect == null || !a.redirectUris.contains(redirect)
        || !"code".equals(responseType)) {
      return Reply.text(400, "invalid client_id, redirect_uri or response_type");
    }
    if (session == null || session.user == null) {
      return Reply.empty(303).header("Location", "/user/login?redirect_to="
          + urlEnc("/login/oauth/authorize?" + rawQuery));
    }
    if (grants.contains(session.user.login + "\0" + a.clientId)) {
      return redirectWithCode(a, session.user, redirect, state);
    }
    String html = "<!DOCTYPE html>\n<html><head><meta name=\"_csrf\" content=\"" + session.csrf
        + "\" /></head><body>\n<form method=\"post\" action=\"/login/oauth/grant\">\n"
        + "  <input type=\"hidden\" name=\"_csrf\" value=\"" + session.csrf + "\">\n"
        + "  <input type=\"hidden\" name=\"client_id\" value=\"" + a.clientId + "\">\n"
        + "  <input type=\"hidden\" name=\"state\" value=\"" + esc(state) + "\">\n"
        + "  <input type=\"hidden\" name=\"scope\" value=\"\">\n"
        + "  <input type=\"hidden\" name=\"nonce\" value=\"\">\n"
        + "  <input type=\"hidden\" name=\"redirect_uri\" value=\"" + esc(redirect) + "\">\n"
        + "  <button type=\"submit\" name=\"granted\" value=\"true\">Authorize Application</button>\n"
        + "  <button type=\"submit\" name=\"granted\" value=\"false\">Cancel</button>\n"
        + "</form></body></html>\n";
    return html(200, html);
  }

  private Reply redirectWithCode(App a, State.User u, String redirect, String state) {
    String code = State.sha1Hex("code\0" + (++webSeq) + "\0" + a.clientId).substring(0, 20);
    codes.put(code, new Code(a, u, redirect));
    String sep = redirect.contains("?") ? "&" : "?";
    return Reply.empty(303).header("Location", redirect + sep + "code=" + code
        + (state == null ? "" : "&state=" + urlEnc(state)));
  }

  private Session newSession() {
    Session se = new Session();
    se.id = State.sha1Hex("session\0" + (++webSeq)).substring(0, 16);
    se.csrf = State.sha1Hex("csrf\0" + se.id).substring(0, 22);
    sessions.put(se.id, se);
    return se;
  }

  private Reply loginPage(Session se, boolean failed) {
    String html = "<!DOCTYPE html>\n<html><head>\n<meta name=\"_csrf\" content=\"" + se.csrf
        + "\" />\n</head><body>\n" + (failed ? "<div class=\"flash-error\">Username or password is"
        + " incorrect.</div>\n" : "")
        + "<form class=\"ui form\" action=\"/user/login\" method=\"post\">\n"
        + "<input type=\"hidden\" name=\"_csrf\" value=\"" + se.csrf + "\">\n"
        + "<input id=\"user_name\" name=\"user_name\"><input id=\"password\" name=\"password\""
        + " type=\"password\">\n</form></body></html>\n";
    return html(200, html).header("Set-Cookie", SESSION_COOKIE + "=" + se.id
        + "; Path=/; HttpOnly; SameSite=Lax");
  }

  private App byClientId(String clientId) {
    for (App a : apps) {
      if (a.clientId.equals(clientId)) {
        return a;
      }
    }
    return null;
  }

  private static Reply html(int status, String text) {
    return Reply.text(status, text).header("Content-Type", "text/html; charset=utf-8");
  }

  static String cookie(String header, String name) {
    if (header == null) {
      return null;
    }
    for (String part : header.split(";")) {
      String p = part.trim();
      if (p.startsWith(name + "=")) {
        return p.substring(name.length() + 1);
      }
    }
    return null;
  }

  private static Map<String, String> form(String body) {
    Map<String, String> m = new LinkedHashMap<>();
    if (body == null || body.isBlank() || body.trim().startsWith("{")) {
      return m;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      m.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return m;
  }

  private static String first(Map<String, List<String>> q, String k) {
    List<String> v = q.get(k);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static String urlEnc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
  }
}
