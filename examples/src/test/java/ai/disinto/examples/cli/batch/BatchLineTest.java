package ai.disinto.examples.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Word splitting of a batch line, as a shell splits a simple command without expansions. */
class BatchLineTest {
  private static List<String> words(String line) throws Exception {
    return BatchLine.parse(line).words();
  }

  @Test
  void blanksSeparateWordsAndQuotesGroupThem() throws Exception {
    assertThat(words("  secrets   scan\t'a  b' \"c d\"")).containsExactly("secrets", "scan", "a  b",
        "c d");
    assertThat(words("x 'it'\\''s' \"say \\\"hi\\\" \\$HOME \\n\"")).containsExactly("x", "it's",
        "say \"hi\" $HOME \\n");
    assertThat(words("a\\ b c''d \"\"")).containsExactly("a b", "cd", "");
  }

  @Test
  void commentsAndBlankLinesHaveNoWords() throws Exception {
    assertThat(words("")).isEmpty();
    assertThat(words("   ")).isEmpty();
    assertThat(words("# parse-deps")).isEmpty();
    assertThat(words("parse-deps # trailing")).containsExactly("parse-deps");
    assertThat(words("a#b")).containsExactly("a#b");
  }

  @Test
  void leadingAssignmentsSetTheCommandsEnvironment() throws Exception {
    BatchLine l = BatchLine.parse("FORGE_API=http://x/api A='1 2' issue claim 7 B=3");
    assertThat(l.env()).isEqualTo(Map.of("FORGE_API", "http://x/api", "A", "1 2"));
    assertThat(l.words()).containsExactly("issue", "claim", "7", "B=3");
    assertThat(BatchLine.parse("'A=1' x").env()).isEmpty();
  }

  @Test
  void aHereStringBecomesStandardInputWithANewline() throws Exception {
    BatchLine l = BatchLine.parse("parse-deps <<< 'Depends on #4'");
    assertThat(l.words()).containsExactly("parse-deps");
    assertThat(l.stdin()).isEqualTo("Depends on #4\n");
    assertThat(BatchLine.parse("secrets scan '<<<'").stdin()).isNull();
    assertThatThrownBy(() -> BatchLine.parse("parse-deps <<< a b"))
        .isInstanceOf(BatchLine.SyntaxException.class);
  }

  @Test
  void anUnterminatedQuoteIsASyntaxError() {
    assertThatThrownBy(() -> BatchLine.parse("secrets scan 'open"))
        .isInstanceOf(BatchLine.SyntaxException.class).hasMessageContaining("single quote");
    assertThatThrownBy(() -> BatchLine.parse("secrets scan \"open"))
        .isInstanceOf(BatchLine.SyntaxException.class).hasMessageContaining("double quote");
  }
}
