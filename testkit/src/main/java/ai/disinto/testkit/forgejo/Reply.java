package ai.disinto.testkit.forgejo;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A response before it is written. */
final class Reply {
  final int status;
  final Map<String, String> headers = new LinkedHashMap<>();
  byte[] body;

  private Reply(int status, byte[] body, String contentType) {
    this.status = status;
    this.body = body;
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
  }

  static Reply json(int status, Object tree) {
    return new Reply(status, Json.write(tree).getBytes(StandardCharsets.UTF_8),
        "application/json;charset=utf-8");
  }

  static Reply empty(int status) {
    return new Reply(status, new byte[0], null);
  }

  static Reply text(int status, String text) {
    return new Reply(status, text.getBytes(StandardCharsets.UTF_8), "text/plain;charset=utf-8");
  }

  static Reply error(int status, String message) {
    if (status == 404) {
      return json(404, Json.obj("errors", List.of(), "message", message, "url", MockForgejo.DOCS_URL));
    }
    return json(status, Json.obj("message", message, "url", MockForgejo.DOCS_URL));
  }

  Reply header(String name, String value) {
    headers.put(name, value);
    return this;
  }
}
