package ai.disinto.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.bench.OutputComparator.Verdict;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutputComparatorTest {
  @Test
  void equalExitCodeAndStdoutMatch() {
    assertThat(OutputComparator.compare(new Outcome(0, "7\n12\n"), new Outcome(0, "7\n12\n"),
        Optional.empty())).isEqualTo(Verdict.MATCH);
  }

  @Test
  void differentStdoutIsAMismatch() {
    assertThat(OutputComparator.compare(new Outcome(0, "7\n"), new Outcome(0, "7\n12\n"),
        Optional.empty())).isEqualTo(Verdict.MISMATCH);
  }

  @Test
  void differentExitCodeIsAMismatch() {
    assertThat(OutputComparator.compare(new Outcome(0, ""), new Outcome(1, ""),
        Optional.empty())).isEqualTo(Verdict.MISMATCH);
  }

  @Test
  void differenceThatTheFixtureDocumentsIsADeviation() {
    assertThat(OutputComparator.compare(new Outcome(0, ""), new Outcome(0, "2424\n"),
        Optional.of(new Outcome(0, "2424\n")))).isEqualTo(Verdict.DOCUMENTED_DEVIATION);
  }

  @Test
  void differenceOtherThanTheDocumentedOneIsStillAMismatch() {
    assertThat(OutputComparator.compare(new Outcome(0, ""), new Outcome(0, "99\n"),
        Optional.of(new Outcome(0, "2424\n")))).isEqualTo(Verdict.MISMATCH);
  }

  @Test
  void medianOfEvenCountAveragesTheMiddlePair() {
    assertThat(SideBySide.median(new long[] {40, 10, 30, 20})).isEqualTo(25.0);
  }
}
