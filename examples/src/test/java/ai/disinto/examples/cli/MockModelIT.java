package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MockModelIT {
  @Test
  void mockModelPrintsItsUrlFirstAndPlaysTheScript(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("script.json");
    Files.writeString(script, "{\"turns\":[{\"bash\":\"echo hi\"},{\"text\":\"bye\"}]}");
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
        DisintoProcess.jar().toAbsolutePath().toString(), "mock-model", "--port", "0",
        "--script", script.toString());
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String base = CompletableFuture.supplyAsync(() -> {
        try {
          return out.readLine();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).get(30, TimeUnit.SECONDS);
      assertThat(base).matches("http://127\\.0\\.0\\.1:\\d+");
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      String body = "{\"model\":\"m\",\"stream\":true,\"tools\":[{\"name\":\"Bash\"}],"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}";
      HttpResponse<String> first = http.send(HttpRequest.newBuilder(
              URI.create(base + "/v1/messages?beta=true"))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.headers().firstValue("content-type")).hasValueSatisfying(
          v -> assertThat(v).startsWith("text/event-stream"));
      assertThat(first.body()).contains("event: message_start", "\"type\":\"tool_use\"",
          "\"name\":\"Bash\"", "input_json_delta", "\"stop_reason\":\"tool_use\"",
          "event: message_stop");
      HttpResponse<String> journal = http.send(
          HttpRequest.newBuilder(URI.create(base + "/_mock/journal")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(journal.body()).contains("\"path\":\"/v1/messages?beta=true\"",
          "\"kind\":\"main\"");
    } finally {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }
}
