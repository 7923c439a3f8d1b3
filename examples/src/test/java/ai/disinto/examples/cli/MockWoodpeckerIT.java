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

class MockWoodpeckerIT {
  @Test
  void mockWoodpeckerPrintsItsUrlFirstAndServesTheSeededApiAndJournal(@TempDir Path dir)
      throws Exception {
    Path seed = dir.resolve("seed.json");
    Files.writeString(seed, "{\"users\":[{\"login\":\"admin\",\"token\":\"seed-token\"}],"
        + "\"repos\":[{\"full_name\":\"o/r\",\"pipelines\":[{\"status\":\"success\"}]}]}");
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
        DisintoProcess.jar().toAbsolutePath().toString(), "mock-woodpecker", "--seed",
        seed.toString());
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
      HttpResponse<String> lookup = http.send(HttpRequest.newBuilder(
              URI.create(base + "/api/repos/lookup/o/r"))
          .header("Authorization", "Bearer seed-token").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(lookup.statusCode()).isEqualTo(200);
      assertThat(lookup.body()).contains("\"full_name\":\"o/r\"");
      HttpResponse<String> journal = http.send(
          HttpRequest.newBuilder(URI.create(base + "/_mock/journal")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(journal.body()).contains("\"path\":\"/api/repos/lookup/o/r\"", "\"status\":200");
    } finally {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  @Test
  void withADataDirTheSeededPipelinesAreInWoodpeckersSqliteStore(@TempDir Path dir)
      throws Exception {
    Path seed = dir.resolve("seed.json");
    Files.writeString(seed, "{\"repos\":[{\"full_name\":\"o/r\",\"pipelines\":[{\"status\":"
        + "\"failure\",\"steps\":[{\"name\":\"test\",\"state\":\"failure\",\"exit_code\":1,"
        + "\"log\":[\"boom\"]}]}]}]}");
    Path data = dir.resolve("data");
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
        DisintoProcess.jar().toAbsolutePath().toString(), "mock-woodpecker", "--seed",
        seed.toString(), "--data-dir", data.toString());
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
      try (java.sql.Connection c = java.sql.DriverManager.getConnection(
              "jdbc:sqlite:" + data.resolve("woodpecker.sqlite"));
          java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT l.data FROM"
              + " log_entries l JOIN steps s ON l.step_id = s.id JOIN pipelines p"
              + " ON s.pipeline_id = p.id WHERE p.number = 1 AND s.state = 'failure'")) {
        assertThat(rs.next()).isTrue();
        assertThat(new String(rs.getBytes(1), StandardCharsets.UTF_8)).isEqualTo("boom");
      }
    } finally {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }
}
