package ai.disinto.ci.setup;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.forge.setup.EnvFile;
import ai.disinto.testkit.time.FakeTime;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI setup leaves no idle connection behind (found by the reliability module's fault matrix: a
 * process running setup again and again piled up idle connections until the server dropped those
 * of other clients under them, and a POST on such a connection failed).
 */
class CiSetupConnectionsTest {
  @TempDir Path root;

  @Test
  void aWoodpeckerProbeLeavesNoIdleConnectionBehind() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      CountDownLatch closedByClient = new CountDownLatch(1);
      Thread t = new Thread(() -> {
        try (Socket s = server.accept()) {
          BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
              StandardCharsets.UTF_8));
          String line;
          while ((line = in.readLine()) != null && !line.isEmpty()) {
            // the request's head
          }
          String body = "{\"source\":\"x\",\"version\":\"3.0.0\"}";
          OutputStream out = s.getOutputStream();
          out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
              + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
          out.flush();
          if (in.read() < 0) {
            closedByClient.countDown();
          }
        } catch (java.io.IOException e) {
          closedByClient.countDown();
        }
      });
      t.setDaemon(true);
      t.start();
      String wp = "http://127.0.0.1:" + server.getLocalPort();
      CiSetup ci = new CiSetup(CiSetupSettings.of("http://127.0.0.1:1", "a".repeat(40),
          root.toString(), wp).withWoodpeckerHost(wp), EnvFile.inFactory(root),
          new CiSetupTest.FakeCrontab(), CronPrompt.none(), new FakeTime());
      // Woodpecker answers, there is no token: one request, then the activation stops.
      assertThat(ci.activateRepo("o/r", Optional.empty()).outcome())
          .isEqualTo(ActivationResult.Outcome.NO_TOKEN);
      assertThat(closedByClient.await(5, TimeUnit.SECONDS))
          .as("the connection is closed soon after setup is done with it").isTrue();
    }
  }
}
