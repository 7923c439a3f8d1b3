package ai.disinto.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.testkit.forgejo.MockForgejo;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The operations a CLI call makes (issue claim, release, close; PR create and merge) on the wire
 * a CLI call uses, the plain-socket one of a short-lived client, with every fault at every step:
 * the same guarantees as on OkHttp ({@link ForgeFaultMatrixTest}): each case completes or fails
 * naming its step, and leaves no half-made state on the forge.
 */
class PlainWireFaultMatrixTest {
  private static MockForgejo mock;
  private static final Tally TALLY = new Tally();
  private static final List<Scenario> SCENARIOS = List.of(Scenarios.claim(), Scenarios.release(),
      Scenarios.close(), Scenarios.prCreate(), Scenarios.prMerge());

  @BeforeAll
  static void start() {
    mock = MockForgejo.start();
    Clients.plainWire = true;
  }

  @AfterAll
  static void stop() {
    Clients.plainWire = false;
    System.out.println("fault matrix, plain wire: " + TALLY);
    mock.close();
    if (System.getProperty("matrix.only", "").isEmpty()) {
      assertThat(TALLY.stepsPerOperation).hasSameSizeAs(SCENARIOS)
          .allSatisfy((op, steps) -> assertThat(steps).as("steps of %s", op).isPositive());
    }
    TALLY.assertEveryCaseEndedCleanly();
  }

  @TestFactory
  Stream<DynamicNode> cliOperationsEveryStepEveryFault() {
    return FaultMatrix.all(SCENARIOS, mock, TALLY);
  }
}
