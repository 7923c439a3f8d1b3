package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The shaded jar runs {@code forge api} and {@code forge api-all} (OkHttp and Moshi inside). */
class ForgeCommandIT {
  @Test
  void forgeApiAndApiAllWorkFromTheJar() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      String uri = ex.getRequestURI().toString();
      byte[] body = (uri.endsWith("page=1") ? "[{\"number\":7}]"
          : uri.contains("page=") ? "[]" : "{\"number\":7}").getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    try {
      DisintoProcess p = new DisintoProcess()
          .env("FORGE_URL", "http://127.0.0.1:" + server.getAddress().getPort())
          .env("FORGE_REPO", "o/r")
          .env("FORGE_TOKEN", "T");

      DisintoProcess.Result one = p.run("forge", "api", "GET", "/issues/7");
      DisintoProcess.Result all = p.run("forge", "api-all", "/issues");

      assertThat(one.exitCode()).as(one.stderr()).isZero();
      assertThat(one.stdout()).isEqualTo("{\"number\":7}");
      assertThat(all.exitCode()).as(all.stderr()).isZero();
      assertThat(all.stdout()).isEqualTo("[\n  {\n    \"number\": 7\n  }\n]");
    } finally {
      server.stop(0);
    }
  }
}
