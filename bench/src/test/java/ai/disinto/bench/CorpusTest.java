package ai.disinto.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.core.deps.DependencyParser;
import ai.disinto.core.secrets.SecretScanner;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The benchmark inputs are what their names promise. */
class CorpusTest {
  @Test
  void prBodyIsAboutFourKilobytesAndClean() {
    String body = Corpus.prBody4k();
    assertThat(body.getBytes(StandardCharsets.UTF_8).length).isBetween(3800, 4200);
    assertThat(SecretScanner.defaults().scan(body).clean()).isTrue();
  }

  @Test
  void ciLogIsSixtyFourKilobytesWithThePlantedSecrets() {
    String log = Corpus.ciLog64k();
    assertThat(log.getBytes(StandardCharsets.UTF_8).length).isBetween(63 * 1024, 65 * 1024);
    assertThat(SecretScanner.defaults().scan(log).findings()).hasSize(Corpus.CI_LOG_SECRETS);
    assertThat(SecretScanner.defaults().redact(log)).doesNotContain("AKIA")
        .contains(SecretScanner.REDACTED);
  }

  @Test
  void typicalIssueBodyYieldsItsSectionAndInlineDependencies() {
    assertThat(DependencyParser.parse(Corpus.issueBodyTypical(), 400))
        .containsExactly(301L, 305L, 312L, 318L);
  }

  @Test
  void largeIssueBodyIsSixtyFourKilobytesWithManyDependencies() {
    String body = Corpus.issueBodyLarge();
    assertThat(body.getBytes(StandardCharsets.UTF_8).length).isBetween(63 * 1024, 65 * 1024);
    assertThat(DependencyParser.parse(body, 400)).hasSizeGreaterThan(50);
  }

  @Test
  void generatorsAreDeterministic() {
    assertThat(Corpus.ciLog64k()).isEqualTo(Corpus.ciLog64k());
    assertThat(Corpus.issueBodyLarge()).isEqualTo(Corpus.issueBodyLarge());
  }
}
