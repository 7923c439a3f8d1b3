package ai.disinto.bench;

import java.util.Optional;

/**
 * Compares the original's outcome with the port's on one input. A difference counts as a
 * documented deviation only when the input's parity fixture records a deviation and the port's
 * outcome is exactly the one the fixture expects from the port.
 */
final class OutputComparator {
  /** How one comparison ended. */
  enum Verdict { MATCH, DOCUMENTED_DEVIATION, MISMATCH }

  private OutputComparator() {}

  /**
   * Compares two outcomes.
   *
   * @param original the shell's outcome
   * @param port the Java outcome
   * @param documentedPort the port's outcome a parity fixture records as a deliberate deviation;
   *     empty when the input has no documented deviation
   * @return the verdict
   */
  static Verdict compare(Outcome original, Outcome port, Optional<Outcome> documentedPort) {
    if (original.equals(port)) {
      return Verdict.MATCH;
    }
    return documentedPort.filter(port::equals).isPresent()
        ? Verdict.DOCUMENTED_DEVIATION
        : Verdict.MISMATCH;
  }
}
