package ai.disinto.forge.pulls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerdictParserTest {
  private static Optional<Verdict> verdict(String body) {
    return VerdictParser.parse(body).map(VerdictParser.Found::verdict);
  }

  @Test
  void lineAfterTheVerdictHeadingDecides() {
    assertThat(verdict("**APPROVE** in text\n\n### Verdict\n**DISCUSS** — why\n"))
        .contains(Verdict.DISCUSS);
  }

  @Test
  void blankLinesAfterTheHeadingAreSkipped() {
    assertThat(verdict("### Verdict\n\n\n**REQUEST_CHANGES** — x")).contains(Verdict.REQUEST_CHANGES);
  }

  @Test
  void withoutAHeadingTheFirstKnownTokenAnywhereCounts() {
    assertThat(verdict("Summary: **APPROVE** then **REQUEST_CHANGES**")).contains(Verdict.APPROVE);
  }

  @Test
  void aVerdictLineWithoutBoldTokenFallsBackToTheFirstToken() {
    assertThat(verdict("**DISCUSS** above\n### Verdict\nApproved, see above")).contains(Verdict.DISCUSS);
  }

  @Test
  void anUnknownBoldWordOnTheVerdictLineIsUnrecognized() {
    assertThat(VerdictParser.parse("**APPROVE**\n### Verdict\n**BLOCK** — security"))
        .contains(new VerdictParser.Found(Verdict.UNRECOGNIZED, "BLOCK"));
  }

  @Test
  void lowerCaseOrPlainWordsAreNoVerdict() {
    assertThat(verdict("approve\nAPPROVE\n*APPROVE*")).isEmpty();
  }

  @Test
  void crlfLineEndingsAreUnderstood() {
    assertThat(verdict("**APPROVE**\r\n### Verdict\r\n**REQUEST_CHANGES** — x\r\n"))
        .contains(Verdict.REQUEST_CHANGES);
  }
}
