package ai.disinto.testkit.forgejo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.testkit.SharedReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the mock against the published Forgejo 11 API description
 * ({@code <repo root>/../shared/reference/forgejo-swagger-v1.json}): every route exists there with
 * the same method, and a scenario that calls every route successfully gets, for each call, a status
 * the description lists and a body with every property of the response schema's definitions (at
 * every nesting level; {@code null} is accepted, as Forgejo writes null for absent objects).
 */
class SwaggerContractTest {
  private static Map<String, Object> swagger;

  @BeforeAll
  static void load() throws IOException {
    Path file = SharedReference.require("forgejo-swagger-v1.json", "the published Forgejo API description");
    swagger = Json.asObject(Json.parse(Files.readString(file, StandardCharsets.UTF_8)));
  }

  static Path swaggerFile() throws IOException {
    return SharedReference.file("forgejo-swagger-v1.json");
  }

  private static Map<String, Object> operation(String method, String template) {
    Map<String, Object> path = Json.asObject(Json.asObject(swagger.get("paths")).get(template));
    return path == null ? null : Json.asObject(path.get(method.toLowerCase(java.util.Locale.ROOT)));
  }

  @Test
  void everyRouteOfTheMockExistsWithTheSameMethod() {
    try (MockForgejo m = MockForgejo.start()) {
      List<String> missing = new ArrayList<>();
      for (Router.Route r : m.routes()) {
        if (operation(r.method(), r.template()) == null) {
          missing.add(r.method() + " " + r.template());
        }
      }
      assertThat(missing).isEmpty();
      assertThat(m.routes()).hasSizeGreaterThan(70);
    }
  }

  /** One call of the scenario and its answer. */
  private record Exchange(String method, String path, Http.Res res) {}

  /** An Http that remembers every exchange. */
  private static final class Recorder {
    final List<Exchange> calls = new ArrayList<>();
    final Http http;

    Recorder(Http http) {
      this.http = http;
    }

    Http.Res call(String method, String path, Object body) {
      Http.Res r = http.send(method, path, body);
      calls.add(new Exchange(method, path, r));
      assertThat(r.status()).as(method + " " + path + " -> " + r.body()).isBetween(200, 299);
      return r;
    }
  }

  private static long id(Http.Res r) {
    return ((Number) r.obj().get("id")).longValue();
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyRouteAnswersWithADocumentedStatusAndTheSchemaFields() {
    try (MockForgejo m = MockForgejo.start()) {
      Fixture.seed(m);
      m.seed().org("acme", "owner");
      Recorder admin = new Recorder(Fixture.as(m, "disinto-admin"));
      Recorder basic = new Recorder(Http.basic(m, "dev-bot", "dev-bot-password"));
      Recorder rev = new Recorder(Fixture.as(m, "review-bot"));
      String r = "/repos/owner/proj";
      admin.call("GET", "/version", null);
      admin.call("GET", "/user", null);
      admin.call("GET", "/users/dev-bot", null);
      long tok = id(basic.call("POST", "/users/dev-bot/tokens", Map.of("name", "t", "scopes", List.of("all"))));
      basic.call("GET", "/users/dev-bot/tokens", null);
      basic.call("DELETE", "/users/dev-bot/tokens/" + tok, null);
      admin.call("GET", "/admin/users", null);
      admin.call("POST", "/admin/users", Map.of("username", "tmp", "email", "t@x", "password", "long-pass-1"));
      admin.call("PATCH", "/admin/users/tmp", Map.of("must_change_password", false));
      admin.call("DELETE", "/admin/users/tmp", null);
      admin.call("POST", "/admin/users/dev-bot/repos", Map.of("name", "x", "auto_init", true));
      admin.call("POST", "/orgs", Map.of("username", "org2"));
      admin.call("GET", "/orgs/acme", null);
      admin.call("POST", "/orgs/acme/repos", Map.of("name", "p", "auto_init", true));
      admin.call("GET", "/orgs/acme/repos", null);
      admin.call("POST", "/user/repos", Map.of("name", "gone", "auto_init", true));
      admin.call("GET", "/user/repos", null);
      Map<String, Object> app = Map.of("name", "ci", "redirect_uris", List.of("http://x/authorize"),
          "confidential_client", true);
      long appId = id(admin.call("POST", "/user/applications/oauth2", app));
      admin.call("GET", "/user/applications/oauth2", null);
      admin.call("GET", "/user/applications/oauth2/" + appId, null);
      admin.call("PATCH", "/user/applications/oauth2/" + appId, app);
      admin.call("DELETE", "/user/applications/oauth2/" + appId, null);
      admin.call("DELETE", "/repos/disinto-admin/gone", null);
      admin.call("GET", r, null);
      admin.call("PUT", r + "/collaborators/stranger", Map.of("permission", "read"));
      admin.call("GET", r + "/collaborators", null);
      admin.call("GET", r + "/collaborators/stranger", null);
      admin.call("GET", r + "/collaborators/stranger/permission", null);
      admin.call("DELETE", r + "/collaborators/stranger", null);
      long label = id(admin.call("POST", r + "/labels", Map.of("name", "backlog", "color", "#0075ca")));
      long gone = id(admin.call("POST", r + "/labels", Map.of("name", "gone", "color", "#000000")));
      admin.call("GET", r + "/labels", null);
      admin.call("GET", r + "/labels/" + label, null);
      admin.call("PATCH", r + "/labels/" + label, Map.of("description", "d"));
      admin.call("DELETE", r + "/labels/" + gone, null);
      admin.call("POST", r + "/branches", Map.of("new_branch_name", "feat", "old_ref_name", "main"));
      admin.call("POST", r + "/branches", Map.of("new_branch_name", "tmp", "old_ref_name", "main"));
      admin.call("GET", r + "/branches", null);
      admin.call("GET", r + "/branches/feat", null);
      admin.call("GET", r + "/commits?sha=main", null);
      admin.call("DELETE", r + "/branches/tmp", null);
      admin.call("POST", r + "/branch_protections", Map.of("rule_name", "release"));
      admin.call("GET", r + "/branch_protections", null);
      admin.call("GET", r + "/branch_protections/release", null);
      admin.call("PATCH", r + "/branch_protections/release", Map.of("required_approvals", 1));
      admin.call("DELETE", r + "/branch_protections/release", null);
      admin.call("GET", r + "/git/refs", null);
      admin.call("GET", r + "/git/refs/heads/main", null);
      admin.call("POST", r + "/contents/docs/a.md", Map.of("content", b64("a"), "branch", "feat"));
      String blob = (String) admin.call("GET", r + "/contents/docs/a.md?ref=feat", null).obj().get("sha");
      admin.call("PUT", r + "/contents/docs/a.md", Map.of("content", b64("b"), "sha", blob, "branch", "feat"));
      admin.call("GET", r + "/contents?ref=feat", null);
      String sha = m.seed().file(Fixture.REPO, "main", "x.txt", "x");
      admin.call("POST", r + "/statuses/" + sha, Map.of("state", "success", "context", "ci", "target_url", "http://ci"));
      admin.call("GET", r + "/statuses/" + sha, null);
      admin.call("GET", r + "/commits/" + sha + "/statuses", null);
      admin.call("GET", r + "/commits/main/status", null);
      long issue = ((Number) admin.call("POST", r + "/issues", Map.of("title", "t", "labels", List.of(label)))
          .obj().get("number")).longValue();
      admin.call("GET", r + "/issues", null);
      admin.call("GET", r + "/issues/" + issue, null);
      admin.call("PATCH", r + "/issues/" + issue, Map.of("assignees", List.of("dev-bot")));
      admin.call("GET", r + "/issues/" + issue + "/labels", null);
      admin.call("POST", r + "/issues/" + issue + "/labels", Map.of("labels", List.of(label)));
      admin.call("PUT", r + "/issues/" + issue + "/labels", Map.of("labels", List.of(label)));
      admin.call("DELETE", r + "/issues/" + issue + "/labels/" + label, null);
      admin.call("DELETE", r + "/issues/" + issue + "/labels", null);
      long comment = id(admin.call("POST", r + "/issues/" + issue + "/comments", Map.of("body", "c")));
      admin.call("GET", r + "/issues/" + issue + "/comments", null);
      admin.call("GET", r + "/issues/comments/" + comment, null);
      admin.call("PATCH", r + "/issues/comments/" + comment, Map.of("body", "d"));
      admin.call("GET", r + "/issues/" + issue + "/timeline", null);
      admin.call("DELETE", r + "/issues/comments/" + comment, null);
      Recorder dev = new Recorder(Fixture.as(m, "dev-bot"));
      long pr = ((Number) dev.call("POST", r + "/pulls", Map.of("title", "p", "head", "feat", "base", "main"))
          .obj().get("number")).longValue();
      dev.call("GET", r + "/pulls", null);
      dev.call("GET", r + "/pulls/" + pr, null);
      dev.call("GET", r + "/pulls/main/feat", null);
      dev.call("PATCH", r + "/pulls/" + pr, Map.of("body", "Fixes #" + issue));
      dev.call("GET", r + "/pulls/" + pr + ".diff", null);
      dev.call("GET", r + "/pulls/" + pr + "/files", null);
      long review = id(rev.call("POST", r + "/pulls/" + pr + "/reviews", Map.of("event", "APPROVED", "body", "ok")));
      rev.call("POST", r + "/pulls/" + pr + "/reviews", Map.of("event", "REQUEST_CHANGES", "body", "no"));
      dev.call("GET", r + "/pulls/" + pr + "/reviews", null);
      dev.call("GET", r + "/pulls/" + pr + "/reviews/" + review, null);
      admin.call("POST", r + "/pulls/" + pr + "/reviews/" + review + "/dismissals", Map.of("message", "m"));
      dev.call("POST", r + "/pulls/" + pr + "/merge", Map.of("Do", "merge"));
      dev.call("GET", r + "/pulls/" + pr + "/merge", null);

      List<Exchange> all = new ArrayList<>();
      for (Recorder rec : List.of(admin, basic, rev, dev)) {
        all.addAll(rec.calls);
      }
      Set<String> covered = new LinkedHashSet<>();
      List<String> problems = new ArrayList<>();
      for (Exchange e : all) {
        Router.Route route = routeOf(m, e.method(), e.path());
        covered.add(route.method() + " " + route.template());
        check(route, e, problems);
      }
      Set<String> everyRoute = new LinkedHashSet<>();
      m.routes().forEach(x -> everyRoute.add(x.method() + " " + x.template()));
      everyRoute.removeAll(covered);
      assertThat(everyRoute).as("routes the scenario did not reach").isEmpty();
      assertThat(problems).isEmpty();
    }
  }

  private static Router.Route routeOf(MockForgejo m, String method, String path) {
    String raw = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    for (Router.Route r : m.routes()) {
      if (r.method().equals(method) && r.regex().matcher(raw).matches()) {
        return r;
      }
    }
    throw new AssertionError("no route for " + method + " " + path);
  }

  private static void check(Router.Route route, Exchange e, List<String> problems) {
    String where = e.method() + " " + e.path();
    Map<String, Object> op = operation(route.method(), route.template());
    Map<String, Object> responses = Json.asObject(op.get("responses"));
    Object declared = responses.get(Integer.toString(e.res().status()));
    if (declared == null) {
      problems.add(where + ": status " + e.res().status() + " not in " + responses.keySet());
      return;
    }
    Map<String, Object> schema = responseSchema(Json.asObject(declared));
    if (schema == null) {
      if (!e.res().body().isEmpty()) {
        problems.add(where + ": body where none is documented");
      }
      return;
    }
    if ("string".equals(schema.get("type"))) {
      return;
    }
    validate(e.res().json(), schema, where, problems);
  }

  private static Map<String, Object> responseSchema(Map<String, Object> response) {
    String ref = (String) response.get("$ref");
    if (ref != null) {
      response = Json.asObject(Json.asObject(swagger.get("responses")).get(ref.substring(ref.lastIndexOf('/') + 1)));
    }
    return Json.asObject(response.get("schema"));
  }

  private static void validate(Object value, Map<String, Object> schema, String where, List<String> problems) {
    if (value == null) {
      return;
    }
    String ref = (String) schema.get("$ref");
    if (ref != null) {
      String name = ref.substring(ref.lastIndexOf('/') + 1);
      Map<String, Object> def = Json.asObject(Json.asObject(swagger.get("definitions")).get(name));
      validate(value, def, where + " <" + name + ">", problems);
      return;
    }
    String type = (String) schema.get("type");
    Map<String, Object> props = Json.asObject(schema.get("properties"));
    if (props != null || "object".equals(type)) {
      Map<String, Object> obj = Json.asObject(value);
      if (obj == null) {
        problems.add(where + ": expected an object, got " + value);
        return;
      }
      if (props == null) {
        return;
      }
      for (Map.Entry<String, Object> p : props.entrySet()) {
        if (!obj.containsKey(p.getKey())) {
          problems.add(where + ": missing property " + p.getKey());
        } else {
          validate(obj.get(p.getKey()), Json.asObject(p.getValue()), where + "." + p.getKey(), problems);
        }
      }
      return;
    }
    if (type == null) {
      return;
    }
    boolean ok = switch (type) {
      case "array" -> value instanceof List;
      case "string" -> value instanceof String;
      case "integer", "number" -> value instanceof Number;
      case "boolean" -> value instanceof Boolean;
      default -> true;
    };
    if (!ok) {
      problems.add(where + ": expected " + type + ", got " + value);
      return;
    }
    if (value instanceof List<?> list) {
      Map<String, Object> items = Json.asObject(schema.get("items"));
      for (int i = 0; i < list.size() && items != null; i++) {
        validate(list.get(i), items, where + "[" + i + "]", problems);
      }
    }
  }

  @Test
  void swaggerFileIsFoundBesideTheRepository() throws IOException {
    assertThat(swaggerFile()).exists();
  }
}
