package ai.disinto.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DotEnvParserTest {
  @Test
  void anUnquotedValueEndsAtWhitespaceAndACommentAfterItIsDropped() {
    var d = DotEnvParser.parse("FORGE_URL=http://localhost:3000             # [CONFIG] local\n");
    assertThat(d.values()).containsEntry("FORGE_URL", "http://localhost:3000");
    assertThat(d.warnings()).isEmpty();
  }

  @Test
  void anEmptyValueFollowedByACommentIsEmpty() {
    var d = DotEnvParser.parse("FORGE_TOKEN=                               # [SECRET] dev-bot\n");
    assertThat(d.values()).containsEntry("FORGE_TOKEN", "");
    assertThat(d.warnings()).isEmpty();
  }

  @Test
  void blankLinesCommentsAndExportPrefixesAreAccepted() {
    var d = DotEnvParser.parse("\n  # comment\nexport A=1\n\t B=2\n");
    assertThat(d.values()).containsExactly(
        java.util.Map.entry("A", "1"), java.util.Map.entry("B", "2"));
  }

  @Test
  void doubleQuotesHonourTheirEscapesAndKeepDollarsLiteral() {
    var d = DotEnvParser.parse("A=\"x \\\\ \\$HOME \\` $HOME\"\n");
    assertThat(d.values()).containsEntry("A", "x \\ $HOME ` $HOME");
    assertThat(d.warnings()).singleElement().asString().contains("not expanded");
  }

  @Test
  void singleQuotesAreLiteral() {
    var d = DotEnvParser.parse("A='$(rm -rf /) \\n'\n");
    assertThat(d.values()).containsEntry("A", "$(rm -rf /) \\n");
    assertThat(d.warnings()).isEmpty();
  }

  @Test
  void aBacktickIsKeptLiterallyWithAWarning() {
    var d = DotEnvParser.parse("A=`id`\n");
    assertThat(d.values()).containsEntry("A", "`id`");
    assertThat(d.warnings()).singleElement().asString().contains("line 1").contains("A")
        .contains("nothing executed");
  }

  @Test
  void quotedPartsConcatenateIntoOneWord() {
    assertThat(DotEnvParser.parse("A=ab'c d'\"e\"\n").values()).containsEntry("A", "abc de");
  }

  @Test
  void aQuotedValueMaySpanLines() {
    var d = DotEnvParser.parse("A=\"one\ntwo\"\nB=3\n");
    assertThat(d.values()).containsEntry("A", "one\ntwo").containsEntry("B", "3");
  }

  @Test
  void aTrailingEqualsSignIsKept() {
    assertThat(DotEnvParser.parse("K=abc=\n").values()).containsEntry("K", "abc=");
  }

  @Test
  void crlfLineEndingsAreAccepted() {
    assertThat(DotEnvParser.parse("A=1\r\nB=2\r\n").values())
        .containsEntry("A", "1").containsEntry("B", "2");
  }

  @Test
  void aLineThatIsNotAnAssignmentIsSkippedWithAWarningThatHidesItsText() {
    var d = DotEnvParser.parse("A=1\nsecretstuff here\n1BAD=2\n", "/f/.env");
    assertThat(d.values()).containsOnlyKeys("A");
    assertThat(d.warnings()).hasSize(2);
    assertThat(d.warnings().get(0)).contains("/f/.env line 2").doesNotContain("secretstuff");
    assertThat(d.warnings().get(1)).contains("/f/.env line 3");
  }

  @Test
  void anUnterminatedQuoteIsAnErrorNamingSourceLineAndKey() {
    assertThatThrownBy(() -> DotEnvParser.parse("A=1\n\nTOKEN='abc\n", "/f/.env"))
        .isInstanceOf(EnvLoadException.class)
        .hasMessageContaining("/f/.env line 3 (key TOKEN)")
        .hasMessageContaining("unterminated single-quoted")
        .hasMessageNotContaining("abc");
  }

  @Test
  void theLastDuplicateWins() {
    assertThat(DotEnvParser.parse("K=1\nK=2\n").values()).containsEntry("K", "2");
  }

  @Test
  void toStringListsKeysButNoValues() {
    assertThat(DotEnvParser.parse("TOKEN=hush\n").toString()).contains("TOKEN").doesNotContain("hush");
  }
}
