package ai.disinto.ci.setup;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.forge.setup.EnvFile;
import ai.disinto.testkit.http.OneAnswerServer;
import ai.disinto.testkit.time.FakeTime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
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
    try (OneAnswerServer server =
        OneAnswerServer.answering("{\"source\":\"x\",\"version\":\"3.0.0\"}")) {
      String wp = server.baseUrl();
      CiSetup ci = new CiSetup(CiSetupSettings.of("http://127.0.0.1:1", "a".repeat(40),
          root.toString(), wp).withWoodpeckerHost(wp), EnvFile.inFactory(root),
          new CiSetupTest.FakeCrontab(), CronPrompt.none(), new FakeTime());
      // Woodpecker answers, there is no token: one request, then the activation stops.
      assertThat(ci.activateRepo("o/r", Optional.empty()).outcome())
          .isEqualTo(ActivationResult.Outcome.NO_TOKEN);
      assertThat(server.awaitClosedByClient(Duration.ofSeconds(5)))
          .as("the connection is closed soon after setup is done with it").isTrue();
    }
  }
}
