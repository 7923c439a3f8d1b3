package ai.disinto.testkit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scripted Messages API over HTTP, without Claude Code. */
class ScriptedModelTest {
  private static final String MAIN = "{\"model\":\"claude-x\",\"stream\":true,"
      + "\"tools\":[{\"name\":\"Bash\"}],\"messages\":[{\"role\":\"user\",\"content\":"
      + "[{\"type\":\"text\",\"text\":\"hello\"},{\"type\":\"tool_result\",\"tool_use_id\":"
      + "\"toolu_1\",\"content\":\"out\",\"is_error\":true}]}]}";
  private final HttpClient http = HttpClient.newHttpClient();
  private ScriptedModel model;

  @AfterEach
  void stop() {
    model.close();
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(model.baseUrl() + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aToolTurnStreamsTheEventsClaudeCodeExpects() throws Exception {
    model = ScriptedModel.start(Turn.bash("ls").withTextFirst("Looking."));

    HttpResponse<String> r = post("/v1/messages?beta=true", MAIN);

    assertThat(r.statusCode()).isEqualTo(200);
    List<String> events = r.body().lines().filter(l -> l.startsWith("event: "))
        .map(l -> l.substring(7)).toList();
    assertThat(events).containsExactly("message_start", "content_block_start",
        "content_block_delta", "content_block_stop", "content_block_start",
        "content_block_delta", "content_block_delta", "content_block_stop", "message_delta",
        "message_stop");
    assertThat(r.body()).contains("\"text_delta\"", "Looking.", "\"name\":\"Bash\"",
        "\"partial_json\"", "\"stop_reason\":\"tool_use\"", "\"model\":\"claude-x\"");
    assertThat(model.remaining()).isZero();
  }

  @Test
  void aNonStreamedRequestGetsTheWholeMessage() throws Exception {
    model = ScriptedModel.start(Turn.text("fine"));

    HttpResponse<String> r = post("/v1/messages", MAIN.replace("\"stream\":true", "\"stream\":false"));

    assertThat(r.body()).contains("\"type\":\"message\"", "\"text\":\"fine\"",
        "\"stop_reason\":\"end_turn\"");
  }

  @Test
  void anErrorTurnAnswersItsStatusAndForbidsRetries() throws Exception {
    model = ScriptedModel.start(Turn.error(529, "overloaded_error", "Overloaded"));

    HttpResponse<String> r = post("/v1/messages", MAIN);

    assertThat(r.statusCode()).isEqualTo(529);
    assertThat(r.headers().firstValue("x-should-retry")).hasValue("false");
    assertThat(r.body()).isEqualTo(
        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
  }

  @Test
  void sideRequestsWithoutToolsDoNotAdvanceTheScript() throws Exception {
    model = ScriptedModel.start(Turn.text("main answer"));

    HttpResponse<String> side = post("/v1/messages",
        "{\"model\":\"claude-haiku\",\"stream\":false,\"messages\":[]}");
    HttpResponse<String> count = post("/v1/messages/count_tokens", MAIN);

    assertThat(side.body()).doesNotContain("main answer");
    assertThat(count.body()).startsWith("{\"input_tokens\":");
    assertThat(model.remaining()).isEqualTo(1);
    assertThat(model.journal()).extracting(ModelRequest::kind)
        .containsExactly(ModelRequest.Kind.SIDE, ModelRequest.Kind.COUNT_TOKENS);
    assertThat(model.requests()).isEmpty();
  }

  @Test
  void anExhaustedScriptEndsTheTurnAndUnknownPathsAreJournaled() throws Exception {
    model = ScriptedModel.start();

    assertThat(post("/v1/messages", MAIN).body()).contains(ScriptedModel.EXHAUSTED);
    HttpResponse<String> other = http.send(HttpRequest.newBuilder(
        URI.create(model.baseUrl() + "/api/oauth/profile")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(model.journal().get(1).path()).isEqualTo("/api/oauth/profile");
    assertThat(model.journal().get(1).kind()).isEqualTo(ModelRequest.Kind.OTHER);
  }

  @Test
  void theJournalRecordsWhatClaudeCodeSentBack() throws Exception {
    model = ScriptedModel.start(Turn.text("ok"));

    post("/v1/messages", MAIN);

    ModelRequest req = model.requests().get(0);
    assertThat(req.model()).isEqualTo("claude-x");
    assertThat(req.toolNames()).containsExactly("Bash");
    assertThat(req.userTexts()).containsExactly("hello");
    assertThat(req.toolResults()).containsExactly(
        new ModelRequest.ToolResult("toolu_1", "out", true));
  }

  @Test
  void aSlowTurnTakesItsTime() throws Exception {
    model = ScriptedModel.start(Turn.text("slow").withEventDelay(Duration.ofMillis(40)));
    long t0 = System.nanoTime();

    post("/v1/messages", MAIN);

    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofMillis(200));
  }

  @Test
  void scriptsCanBePostedAsJson() throws Exception {
    model = ScriptedModel.start();

    HttpResponse<String> r = post("/_mock/script", "{\"turns\":[{\"bash\":\"ls\",\"text\":\"x\"},"
        + "{\"tool\":\"Write\",\"input\":{\"file_path\":\"/tmp/a\",\"content\":\"b\"}},"
        + "{\"error\":{\"status\":401,\"type\":\"authentication_error\",\"message\":\"no\"}},"
        + "{\"text\":\"done\",\"delay_ms\":5}]}");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(model.remaining()).isEqualTo(4);
    assertThat(post("/_mock/script", "{\"turns\":[{\"nothing\":1}]}").statusCode())
        .isEqualTo(400);
    assertThat(post("/_mock/reset", "").statusCode()).isEqualTo(200);
    assertThat(model.remaining()).isZero();
  }

  @Test
  void scriptJsonNamesWhatIsWrong() {
    model = ScriptedModel.start();
    assertThatThrownBy(() -> ScriptJson.parse("[{\"error\":{\"status\":200}}]"))
        .hasMessageContaining("turn 1");
    assertThatThrownBy(() -> ScriptJson.parse("nope")).hasMessageContaining("not JSON");
    assertThat(ScriptJson.parse("[{\"text\":\"a\"}]")).containsExactly(Turn.text("a"));
  }
}
