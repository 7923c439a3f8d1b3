package ai.disinto.reliability.faults;

import ai.disinto.testkit.forgejo.MockForgejo;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Every forge-side operation (issue claim, release, block, close, refuse; PR create and merge;
 * vault request) with every fault at every step it makes: it completes, or fails naming the step,
 * and leaves no half-made state on the forge.
 */
class ForgeFaultMatrixTest {
  private static MockForgejo mock;
  private static final Tally TALLY = new Tally();

  @BeforeAll
  static void start() {
    mock = MockForgejo.start();
  }

  @AfterAll
  static void stop() {
    System.out.println("fault matrix: " + TALLY);
    System.out.println("secrets: " + ai.disinto.reliability.secrets.SecretsWatch.figures());
    mock.close();
  }

  @TestFactory
  Stream<DynamicNode> everyOperationEveryStepEveryFault() {
    return FaultMatrix.all(Scenarios.all(), mock, TALLY);
  }
}
