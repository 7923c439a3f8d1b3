package ai.disinto.testkit.forgejo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Applies the JSON seed format documented on {@link Seed#fromJson(String)}. */
final class SeedJson {
  private SeedJson() {}

  static Map<String, Object> apply(Seed seed, String json) {
    Map<String, Object> doc = Json.asObject(Json.parse(json));
    if (doc == null) {
      throw new IllegalArgumentException("seed must be a JSON object");
    }
    for (Map<String, Object> u : objects(doc, "users")) {
      String login = required(u, "login");
      seed.user(login, spec -> {
        spec.password(Json.str(u, "password"));
        if (Json.str(u, "email") != null) {
          spec.email(Json.str(u, "email"));
        }
        if (Json.str(u, "full_name") != null) {
          spec.fullName(Json.str(u, "full_name"));
        }
        spec.admin(Boolean.TRUE.equals(Json.bool(u, "admin")));
        spec.mustChangePassword(Boolean.TRUE.equals(Json.bool(u, "must_change_password")));
        if (Json.str(u, "visibility") != null) {
          spec.visibility(Json.str(u, "visibility"));
        }
        List<String> tokens = Json.strings(u, "tokens");
        if (tokens != null) {
          tokens.forEach(spec::token);
        }
      });
    }
    for (Map<String, Object> o : objects(doc, "orgs")) {
      List<String> owners = Json.strings(o, "owners");
      seed.org(required(o, "name"), owners == null ? new String[0] : owners.toArray(new String[0]));
    }
    Map<String, Object> created = new LinkedHashMap<>();
    for (Map<String, Object> r : objects(doc, "repos")) {
      String name = required(r, "full_name");
      seed.repo(name, spec -> {
        spec.privateRepo(Boolean.TRUE.equals(Json.bool(r, "private")));
        if (Json.str(r, "default_branch") != null) {
          spec.defaultBranch(Json.str(r, "default_branch"));
        }
        spec.autoInit(!Boolean.FALSE.equals(Json.bool(r, "auto_init")));
        if (Json.str(r, "description") != null) {
          spec.description(Json.str(r, "description"));
        }
      });
      Map<String, Object> collab = Json.asObject(r.get("collaborators"));
      if (collab != null) {
        collab.forEach((login, perm) -> seed.collaborator(name, login, String.valueOf(perm)));
      }
      Map<String, Object> files = Json.asObject(r.get("files"));
      if (files != null) {
        String branch = seed.repoOf(name).defaultBranch;
        files.forEach((path, content) -> seed.file(name, branch, path, String.valueOf(content)));
      }
      for (Map<String, Object> l : objects(r, "labels")) {
        seed.label(name, required(l, "name"), Json.str(l, "color") == null ? "e0e0e0" : Json.str(l, "color"));
      }
      List<Object> issues = new ArrayList<>();
      for (Map<String, Object> i : objects(r, "issues")) {
        long n = seed.issue(name, spec -> issueSpec(spec, i));
        comments(seed, name, n, i);
        issues.add(n);
      }
      List<Object> pulls = new ArrayList<>();
      for (Map<String, Object> p : objects(r, "pulls")) {
        long n = seed.pull(name, spec -> {
          issueSpec(spec, p);
          spec.head(Json.str(p, "head"));
          spec.base(Json.str(p, "base"));
          spec.headSha(Json.str(p, "head_sha"));
          if (Json.str(p, "mergeable") != null) {
            spec.mergeability(Mergeability.valueOf(Json.str(p, "mergeable").toUpperCase(Locale.ROOT)));
          }
          Map<String, Object> pf = Json.asObject(p.get("files"));
          if (pf != null) {
            pf.forEach((path, content) -> spec.file(path, String.valueOf(content)));
          }
          if (Json.str(p, "diff") != null) {
            spec.diff(Json.str(p, "diff"));
          }
        });
        for (Map<String, Object> v : objects(p, "reviews")) {
          seed.review(name, n, required(v, "user"), required(v, "state"),
              Json.str(v, "body") == null ? "" : Json.str(v, "body"));
        }
        comments(seed, name, n, p);
        pulls.add(n);
      }
      for (Map<String, Object> st : objects(r, "statuses")) {
        seed.status(name, required(st, "sha"), Json.str(st, "context"), required(st, "state"),
            Json.str(st, "target_url"));
      }
      created.put(name, Json.obj("issues", issues, "pulls", pulls));
    }
    return Json.obj("repos", created);
  }

  private static void issueSpec(Seed.IssueSpec spec, Map<String, Object> i) {
    if (Json.str(i, "title") != null) {
      spec.title(Json.str(i, "title"));
    }
    if (Json.str(i, "body") != null) {
      spec.body(Json.str(i, "body"));
    }
    if (Json.str(i, "user") != null) {
      spec.author(Json.str(i, "user"));
    }
    List<String> labels = Json.strings(i, "labels");
    if (labels != null) {
      spec.labels(labels.toArray(new String[0]));
    }
    List<String> assignees = Json.strings(i, "assignees");
    if (assignees != null) {
      spec.assignees(assignees.toArray(new String[0]));
    }
    if ("closed".equals(Json.str(i, "state"))) {
      spec.closed();
    }
    if (Boolean.TRUE.equals(Json.bool(i, "is_locked"))) {
      spec.locked();
    }
  }

  private static void comments(Seed seed, String repo, long n, Map<String, Object> i) {
    for (Map<String, Object> c : objects(i, "comments")) {
      seed.comment(repo, n, required(c, "user"), Json.str(c, "body") == null ? "" : Json.str(c, "body"));
    }
  }

  private static List<Map<String, Object>> objects(Map<String, Object> m, String key) {
    List<Object> l = Json.asList(m.get(key));
    List<Map<String, Object>> out = new ArrayList<>();
    if (l == null) {
      if (m.get(key) != null) {
        throw new IllegalArgumentException("\"" + key + "\" must be an array");
      }
      return out;
    }
    for (Object o : l) {
      Map<String, Object> e = Json.asObject(o);
      if (e == null) {
        throw new IllegalArgumentException("\"" + key + "\" must hold objects");
      }
      out.add(e);
    }
    return out;
  }

  private static String required(Map<String, Object> m, String key) {
    String v = Json.str(m, key);
    if (v == null || v.isEmpty()) {
      throw new IllegalArgumentException("missing \"" + key + "\"");
    }
    return v;
  }
}
