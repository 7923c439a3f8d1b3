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
 * The control endpoints ({@code /_mock/seed}) of the mock Forgejo and the mock Woodpecker,
 * reached over HTTP so that the demo works the same on embedded mocks and on mocks elsewhere.
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
   * Seeds a mock Woodpecker's users and repositories ({@code POST /_mock/seed} there).
   *
   * @param woodpeckerUrl the mock Woodpecker's base URL
   * @return the created repositories with their ids
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> seedWoodpecker(OkHttpClient http, String woodpeckerUrl,
      Map<String, Object> document) {
    return (Map<String, Object>) new MockControl(http, woodpeckerUrl)
        .post("/_mock/seed", document, "mock Woodpecker");
  }

  private Object post(String path, Object body) {
    return post(path, body, "mock Forgejo");
  }

  private Object post(String path, Object body, String what) {
    Request request = new Request.Builder()
        .url(baseUrl + path)
        .post(RequestBody.create(json.toJson(body), JSON))
        .build();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody responseBody = response.body();
      String text = responseBody == null ? "" : responseBody.string();
      if (!response.isSuccessful()) {
        throw new DisintoException("mock control " + path + " answered HTTP " + response.code()
            + ": " + text + " (is " + baseUrl + " a disinto " + what + "?)");
      }
      return json.fromJson(text);
    } catch (IOException e) {
      throw new DisintoException("mock control " + path + " failed: " + e.getMessage(), e);
    }
  }
}
