package ai.disinto.testkit.woodpecker;

import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The web side of Woodpecker's login that {@code disinto init} drives to get a token: {@code GET
 * /authorize} (to the forge and back), {@code GET /web-config.js} (the CSRF token of the session)
 * and {@code POST /api/user/token} with the session cookie and {@code X-CSRF-Token}, which answers
 * the personal token as plain text, as Woodpecker 3 does.
 */
final class WebLogin {
  static final String SESSION_COOKIE = "user_sess";

  /** What the mock knows of its users. */
  interface Accounts {
    /** Finds the user of that login or creates it (an open Woodpecker); false when refused. */
    boolean ensureUser(String login);

    /** A new personal token for the user, registered for API calls. */
    String issueToken(String login);
  }

  private final ForgeLogin config;
  private final Accounts accounts;
  private final Set<String> states = new LinkedHashSet<>();
  private final Map<String, String> sessions = new LinkedHashMap<>();
  private final AtomicLong seq = new AtomicLong();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  WebLogin(ForgeLogin config, Accounts accounts) {
    this.config = config;
    this.accounts = accounts;
  }

  /** The answer for a web-login request, or null when the path is not one. */
  MockWoodpecker.Reply handle(String method, String path, Map<String, List<String>> query,
      String cookieHeader, String csrfHeader) {
    String session = cookie(cookieHeader);
    String login = session == null ? null : sessions.get(session);
    if (method.equals("GET") && path.equals("/authorize")) {
      String code = first(query, "code");
      if (code == null) {
        String state = "st" + seq.incrementAndGet();
        states.add(state);
        String location = config.advertisedForgeUrl() + "/login/oauth/authorize?client_id="
            + enc(config.clientId()) + "&redirect_uri=" + enc(config.host() + "/authorize")
            + "&response_type=code&state=" + state;
        return redirect(location);
      }
      if (!states.remove(first(query, "state"))) {
        return MockWoodpecker.Reply.text(400, "invalid state");
      }
      String user = exchange(code);
      if (user == null || !accounts.ensureUser(user)) {
        return MockWoodpecker.Reply.text(401, "cannot log in");
      }
      String sess = "sess" + seq.incrementAndGet() + Long.toHexString(System.nanoTime());
      sessions.put(sess, user);
      MockWoodpecker.Reply r = redirect("/");
      r.headers.put("Set-Cookie", SESSION_COOKIE + "=" + sess + "; Path=/; HttpOnly");
      return r;
    }
    if (method.equals("GET") && path.equals("/web-config.js")) {
      String js = "window.WOODPECKER_USER = " + (login == null ? "null" : "{\"login\":\"" + login
          + "\"}") + ";\nwindow.WOODPECKER_CSRF = \"" + (login == null ? "" : csrf(session))
          + "\";\nwindow.WOODPECKER_VERSION = \"3.0.0\";\n";
      MockWoodpecker.Reply r = MockWoodpecker.Reply.text(200, js);
      r.headers.put("Content-Type", "application/javascript");
      return r;
    }
    if (method.equals("POST") && path.equals("/api/user/token") && login != null) {
      if (csrfHeader == null || !csrfHeader.equals(csrf(session))) {
        return MockWoodpecker.Reply.text(401, "Unauthorized");
      }
      return MockWoodpecker.Reply.text(200, accounts.issueToken(login));
    }
    return null;
  }

  private static String csrf(String session) {
    return "csrf-" + Integer.toHexString(session.hashCode());
  }

  /** The code exchange at the forge and the forge user's login, or null. */
  private String exchange(String code) {
    try {
      String form = "grant_type=authorization_code&code=" + enc(code) + "&client_id="
          + enc(config.clientId()) + "&client_secret=" + enc(config.clientSecret())
          + "&redirect_uri=" + enc(config.host() + "/authorize");
      HttpResponse<String> t = http.send(HttpRequest.newBuilder(
              URI.create(config.forgeUrl() + "/login/oauth/access_token"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (t.statusCode() != 200) {
        return null;
      }
      Object token = new Moshi.Builder().build().adapter(Map.class).fromJson(t.body())
          .get("access_token");
      HttpResponse<String> u = http.send(HttpRequest.newBuilder(
              URI.create(config.forgeUrl() + "/api/v1/user"))
          .header("Authorization", "Bearer " + token).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (u.statusCode() != 200) {
        return null;
      }
      Object login = new Moshi.Builder().build().adapter(Map.class).fromJson(u.body()).get("login");
      return login == null ? null : login.toString();
    } catch (IOException | RuntimeException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static MockWoodpecker.Reply redirect(String location) {
    MockWoodpecker.Reply r = MockWoodpecker.Reply.text(303, "");
    r.headers.put("Location", location);
    return r;
  }

  private static String cookie(String header) {
    if (header == null) {
      return null;
    }
    for (String part : header.split(";")) {
      String p = part.trim();
      if (p.startsWith(SESSION_COOKIE + "=")) {
        return p.substring(SESSION_COOKIE.length() + 1);
      }
    }
    return null;
  }

  private static String first(Map<String, List<String>> q, String k) {
    List<String> v = q.get(k);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
