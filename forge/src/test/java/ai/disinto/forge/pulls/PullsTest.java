package ai.disinto.forge.pulls;

import ai.disinto.log.CapturedLog;
import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.forgejo.MockForgejoExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The set-up of the pulls tests: a fresh {@link PullsWorld} per test and, unless a test class
 * says otherwise, one open PR from {@code fix/issue-9}.
 */
@ExtendWith(MockForgejoExtension.class)
abstract class PullsTest {
  PullsWorld w;
  long pr;
  private CapturedLog log;

  @BeforeEach
  final void world(MockForgejo forge) {
    log = CapturedLog.start();
    w = new PullsWorld(forge, log);
    pr = seed(w);
  }

  @AfterEach
  final void stopCapturing() {
    log.close();
  }

  /** Seeds the forge before each test; returns the PR the test works on (0 for none). */
  long seed(PullsWorld world) {
    return world.pull("fix/issue-9");
  }
}
