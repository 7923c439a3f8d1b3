package ai.disinto.reliability.faults;

import ai.disinto.testkit.forgejo.MockForgejo;
import ai.disinto.testkit.time.FakeTime;

/**
 * One entry of the fault matrix: an operation of the library against a {@link MockForgejo}. The
 * matrix runs it once without faults to learn its steps (the requests it makes), then once per
 * step and fault on a freshly reset mock. To cover a new flow, implement this and add it to
 * {@link Scenarios#all()} (the setup flows are in {@link SetupScenarios}).
 */
interface Scenario {
  /** A short name for the matrix's test names. */
  String name();

  /**
   * Seeds the mock (it was reset) and returns the operation, with its clients built on {@code
   * time} (clock and sleeper) and {@code Clients}' timeouts.
   */
  Operation prepare(MockForgejo mock, FakeTime time) throws Exception;

  /**
   * Whether the matrix injects this fault at this step: every one by default. A flow that makes
   * many requests samples here, and its javadoc says how.
   *
   * @param steps every step of the fault-free run
   * @param step the step
   * @param kind the fault (one that {@link FaultKind#appliesTo} the step's method)
   */
  default boolean samples(java.util.List<FaultMatrix.Step> steps, FaultMatrix.Step step,
      FaultKind kind) {
    return true;
  }

  /** The operation of one run. */
  interface Operation {
    /** Runs it; its result, or it throws. */
    Object run() throws Exception;

    /**
     * Checks the outcome against the forge's state (faults already cleared): a result that says
     * done must be done whole; a failure must name its step and leave nothing half-made.
     *
     * @param outcome the result, or the {@link Throwable} the run threw
     * @return true when the operation completed, false when it failed cleanly
     * @throws AssertionError when the outcome or the state is wrong
     */
    boolean check(Object outcome) throws Exception;

    /** Removes what the run wrote outside the mock (a temporary folder); called after each run. */
    default void cleanup() throws Exception {}
  }
}
