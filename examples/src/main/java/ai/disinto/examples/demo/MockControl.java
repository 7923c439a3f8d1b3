package ai.disinto.examples.demo;

import ai.disinto.core.DisintoException;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The mock Forgejo's control endpoints ({@code /_mock/seed}, {@code /_mock/push}), reached over
 * HTTP so that the demo works the same on the embedded mock and on a {@code disinto mock-forgejo}
 * process.
 */
final class MockControl {
  private static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient http;
  private final String baseUrl;
  private final JsonAdapter<Object> json = new Moshi.Builder().build().adapter(Object.class);

  MockControl(OkHttpClient http, String baseUrl) {
    this.http = http;
    this.baseUrl = baseUrl;
  }

  /** Seeds users, repos, labels and issues; answers the created numbers per repository. */
  @SuppressWarnings("unchecked")
  Map<String, Object> seed(Map<String, Object> document) {
    return (Map<String, Object>) post("/_mock/seed", document);
  }

  /**
   * Moves {@code branch} to a new commit, as a {@code git push} to the forge would.
   *
   * @return the new head commit id, made up by the mock
   */
  @SuppressWarnings("unchecked")
  String push(String repo, String branch) {
    Map<String, Object> answer = (Map<String, Object>) post(
        "/_mock/push", Map.of("repo", repo, "branch", branch));
    return (String) answer.get("sha");
  }

  private Object post(String path, Object body) {
    Request request = new Request.Builder()
        .url(baseUrl + path)
        .post(RequestBody.create(json.toJson(body), JSON))
        .build();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody responseBody = response.body();
      String text = responseBody == null ? "" : responseBody.string();
      if (!response.isSuccessful()) {
        throw new DisintoException("mock control " + path + " answered HTTP " + response.code()
            + ": " + text + " (is " + baseUrl + " a disinto mock Forgejo?)");
      }
      return json.fromJson(text);
    } catch (IOException e) {
      throw new DisintoException("mock control " + path + " failed: " + e.getMessage(), e);
    }
  }
}
