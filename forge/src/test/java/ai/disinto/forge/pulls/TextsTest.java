package ai.disinto.forge.pulls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextsTest {
  @Test
  void tailLinesKeepsTheLastLinesWithoutTrailingNewlines() {
    assertThat(Texts.tailLines("a\nb\nc\nd\n\n", 2)).isEqualTo("c\nd");
    assertThat(Texts.tailLines("a\nb", 5)).isEqualTo("a\nb");
    assertThat(Texts.tailLines("\n\n", 5)).isEmpty();
  }

  @Test
  void headBytesNeverCutsAMultiByteCharacter() {
    String s = "é".repeat(10);
    String cut = Texts.headBytes(s, 7);
    assertThat(cut).isEqualTo("ééé");
    assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSize(6);
    assertThat(Texts.headBytes("abc", 8000)).isEqualTo("abc");
  }

  @Test
  void firstCharsCountsCodePoints() {
    assertThat(Texts.firstChars("😀😀😀", 2)).isEqualTo("😀😀");
    assertThat(Texts.firstChars("ab", 200)).isEqualTo("ab");
  }

  @Test
  void sha7AbbreviatesLongIds() {
    assertThat(Texts.sha7("0123456789abcdef")).isEqualTo("0123456");
    assertThat(Texts.sha7("abc")).isEqualTo("abc");
  }
}
