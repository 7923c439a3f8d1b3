package ai.disinto.testkit.woodpecker;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.testkit.SharedReference;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the mock against the published Woodpecker API description
 * ({@code <repo root>/../shared/reference/woodpecker-swagger.json}): every route exists there with
 * the same method, and a scenario that calls every route successfully gets a status the
 * description lists and a body with every property of the response schema (nested definitions
 * included; {@code null} accepted). The description lists no error statuses for these routes, so
 * the mock's 400/401/403/404 answers are checked against the server facts of the spec in
 * {@link MockWoodpeckerTest} instead. The description types a log entry's {@code data} as an
 * integer array (swaggo's view of Go's {@code []byte}); on the wire it is a base64 string, and
 * only the presence of properties is checked here.
 */
class SwaggerContractTest {
  private static final String TOKEN = "contract-token";
  private static Map<String, Object> swagger;

  @BeforeAll
  static void load() throws IOException {
    Path file = SharedReference.require("woodpecker-swagger.json", "the published Woodpecker API description");
    swagger = obj(new Moshi.Builder().build().adapter(Object.class)
        .fromJson(Files.readString(file, StandardCharsets.UTF_8)));
  }

  static Path swaggerFile() throws IOException {
    return SharedReference.file("woodpecker-swagger.json");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> obj(Object o) {
    return o instanceof Map ? (Map<String, Object>) o : null;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    return o instanceof List ? (List<Object>) o : null;
  }

  private static Map<String, Object> operation(String method, String template) {
    Map<String, Object> path = obj(obj(swagger.get("paths")).get(template));
    return path == null ? null : obj(path.get(method.toLowerCase(Locale.ROOT)));
  }

  @Test
  void everyRouteOfTheMockExistsWithTheSameMethod() {
    try (MockWoodpecker m = MockWoodpecker.start()) {
      List<String> missing = new ArrayList<>();
      for (MockWoodpecker.Route r : m.routes()) {
        if (operation(r.method(), r.template()) == null) {
          missing.add(r.method() + " " + r.template());
        }
      }
      assertThat(missing).isEmpty();
      assertThat(m.routes()).hasSizeGreaterThanOrEqualTo(8);
    }
  }

  /** One successful call of the scenario. */
  private record Exchange(String method, String template, String path, Http.Res res) {}

  @Test
  void everyRouteAnswersWithADocumentedStatusAndTheSchemaFields() {
    try (MockWoodpecker m = MockWoodpecker.start()) {
      m.addUser("admin", TOKEN, true);
      long repo = m.addRepo("disinto/proj");
      m.setAllowDeploy(repo, true);
      long n = m.addPipeline(repo, "failure", "push", "main", "abc");
      long step = m.addStep(repo, n, "test", "failure", 1);
      m.addLogLines(step, "boom");
      String r = "/repos/" + repo;
      List<Exchange> calls = new ArrayList<>();
      calls.add(call(m, "GET", "/version", "/version"));
      calls.add(call(m, "GET", "/user", "/user"));
      calls.add(call(m, "GET", "/repos/lookup/{repo_full_name}", "/repos/lookup/disinto/proj"));
      calls.add(call(m, "GET", "/repos/{repo_id}", r));
      m.addForgeRepo(7, "disinto/other");
      calls.add(call(m, "POST", "/repos", "/repos?forge_remote_id=7"));
      calls.add(callWith(m, "PATCH", "/repos/{repo_id}", r, "{\"timeout\":5}"));
      calls.add(call(m, "GET", "/repos/{repo_id}/pipelines", r + "/pipelines"));
      calls.add(call(m, "GET", "/repos/{repo_id}/pipelines/{pipeline_number}",
          r + "/pipelines/" + n));
      calls.add(call(m, "POST", "/repos/{repo_id}/pipelines/{pipeline_number}",
          r + "/pipelines/" + n + "?event=deployment&deploy_to=production"));
      calls.add(call(m, "GET", "/repos/{repo_id}/logs/{pipeline_number}/{step_id}",
          r + "/logs/" + n + "/" + step));

      Set<String> called = new LinkedHashSet<>();
      List<String> problems = new ArrayList<>();
      for (Exchange e : calls) {
        called.add(e.method() + " " + e.template());
        Map<String, Object> op = operation(e.method(), e.template());
        Map<String, Object> responses = obj(op.get("responses"));
        Object documented = responses.get(Integer.toString(e.res().status()));
        if (documented == null) {
          problems.add(e.method() + " " + e.path() + ": status " + e.res().status()
              + " not in " + responses.keySet());
          continue;
        }
        Map<String, Object> schema = obj(obj(documented).get("schema"));
        if (schema != null && !e.template().equals("/version")) {
          check(e.method() + " " + e.path(), schema, e.res().json(), problems, 0);
        }
      }
      Set<String> served = new LinkedHashSet<>();
      m.routes().forEach(rt -> served.add(rt.method() + " " + rt.template()));
      assertThat(called).as("the scenario calls every route").isEqualTo(served);
      assertThat(problems).isEmpty();
    }
  }

  private static Exchange call(MockWoodpecker m, String method, String template, String path) {
    return callWith(m, method, template, path, null);
  }

  private static Exchange callWith(MockWoodpecker m, String method, String template, String path,
      String body) {
    Http.Res res = Http.send(m, method, "/api" + path, TOKEN, body);
    assertThat(res.status()).as(method + " " + path + " -> " + res.body()).isBetween(200, 299);
    return new Exchange(method, template, path, res);
  }

  private static Map<String, Object> resolve(Map<String, Object> schema) {
    Map<String, Object> s = schema;
    for (int i = 0; i < 10 && s != null; i++) {
      if (s.get("$ref") instanceof String ref) {
        s = obj(obj(swagger.get("definitions")).get(ref.substring("#/definitions/".length())));
      } else if (list(s.get("allOf")) != null && s.get("properties") == null) {
        s = obj(list(s.get("allOf")).get(0));
      } else {
        return s;
      }
    }
    return s;
  }

  private static void check(String where, Map<String, Object> schema, Object value,
      List<String> problems, int depth) {
    Map<String, Object> s = resolve(schema);
    if (s == null || value == null || depth > 8) {
      return;
    }
    if ("array".equals(s.get("type"))) {
      List<Object> items = list(value);
      if (items == null) {
        problems.add(where + ": expected an array");
        return;
      }
      Map<String, Object> itemSchema = obj(s.get("items"));
      for (Object item : items) {
        if (itemSchema != null) {
          check(where + "[]", itemSchema, item, problems, depth + 1);
        }
      }
      return;
    }
    Map<String, Object> props = obj(s.get("properties"));
    if (props == null) {
      return;
    }
    Map<String, Object> o = obj(value);
    if (o == null) {
      problems.add(where + ": expected an object");
      return;
    }
    for (Map.Entry<String, Object> p : props.entrySet()) {
      // Woodpecker omits a list item's workflows (Go's omitempty): only one pipeline has them.
      if (p.getKey().equals("workflows") && where.endsWith("/pipelines[]")) {
        continue;
      }
      if (!o.containsKey(p.getKey())) {
        problems.add(where + ": missing " + p.getKey());
      } else if (!"data".equals(p.getKey())) {
        check(where + "." + p.getKey(), obj(p.getValue()), o.get(p.getKey()), problems,
            depth + 1);
      }
    }
  }
}
