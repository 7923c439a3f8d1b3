package ai.disinto.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

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
    // The whole matrix ran (unless narrowed with -Dmatrix.only) and every case ended one of the
    // two clean ways.
    if (System.getProperty("matrix.only", "").isEmpty()) {
      assertThat(TALLY.stepsPerOperation).hasSameSizeAs(Scenarios.all())
          .allSatisfy((op, steps) -> assertThat(steps).as("steps of %s", op).isPositive());
    }
    TALLY.assertEveryCaseEndedCleanly();
  }

  @TestFactory
  Stream<DynamicNode> everyOperationEveryStepEveryFault() {
    return FaultMatrix.all(Scenarios.all(), mock, TALLY);
  }
}
