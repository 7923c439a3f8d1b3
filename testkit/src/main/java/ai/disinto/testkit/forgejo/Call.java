package ai.disinto.testkit.forgejo;

import ai.disinto.testkit.http.QueryStrings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One API request being handled: method, parameters, query, body and the caller. */
final class Call {
  final String method;
  final String path;
  final String rawQuery;
  final Map<String, List<String>> query;
  final String body;
  final Map<String, String> params;
  final State.User user;
  final RecordedRequest.AuthKind authKind;
  private Object json;
  private boolean parsed;

  Call(String method, String path, String rawQuery, String body, Map<String, String> params,
      State.User user, RecordedRequest.AuthKind authKind) {
    this.method = method;
    this.path = path;
    this.rawQuery = rawQuery == null ? "" : rawQuery;
    this.query = parseQuery(this.rawQuery);
    this.body = body;
    this.params = params;
    this.user = user;
    this.authKind = authKind;
  }

  static Map<String, List<String>> parseQuery(String raw) {
    return QueryStrings.parse(raw);
  }

  String param(String name) {
    return params.get(name);
  }

  long index() {
    return Long.parseLong(params.get("index"));
  }

  String q(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** All values of a query parameter, comma-separated values split. */
  List<String> qAll(String name) {
    List<String> out = new ArrayList<>();
    for (String v : query.getOrDefault(name, List.of())) {
      for (String part : v.split(",")) {
        if (!part.trim().isEmpty()) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }

  int qInt(String name, int fallback) {
    String v = q(name);
    if (v == null || v.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /**
   * The body as JSON, object keys matched case-insensitively as Forgejo's Go decoder does; empty
   * body → null; invalid → 422 as Forgejo's binding answers.
   */
  Object json() {
    if (!parsed) {
      parsed = true;
      if (!body.isBlank()) {
        try {
          json = Json.parseRequest(body);
        } catch (IllegalArgumentException e) {
          throw new ApiException(422, "invalid JSON body");
        }
      }
    }
    return json;
  }

  /** The body as a JSON object (an empty map when there is no body). */
  Map<String, Object> obj() {
    Object j = json();
    if (j == null) {
      return new LinkedHashMap<>();
    }
    Map<String, Object> m = Json.asObject(j);
    if (m == null) {
      throw new ApiException(422, "expected a JSON object");
    }
    return m;
  }

  String login() {
    return user == null ? null : user.login;
  }

  State.User requireUser() {
    if (user == null) {
      throw ApiException.tokenRequired();
    }
    return user;
  }
}
