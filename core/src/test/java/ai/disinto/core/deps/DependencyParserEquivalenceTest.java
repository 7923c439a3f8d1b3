package ai.disinto.core.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The single-pass parser reads exactly the numbers the regular-expression parser before it read,
 * on generated bodies mixing section headings, inline phrases in every case, fences, headings
 * that close sections, and references of every shape.
 */
class DependencyParserEquivalenceTest {
  private static final String[] STARTS = {
    "", "", "", "#", "##", "###", "# ", "## ", "##  ", "#\t", "```", "```bash", "``", " ```",
    "- ", "- [ ] ", "> ",
  };
  private static final String[] PHRASES = {
    "Depends on", "depends on", "DEPENDS ON", "Blocked by", "blocked BY", "Dependencies",
    "dependencies:", "depends  on", "blocked-by", "Related", "Notes", "dep\u212Ands on",
    "Blocked \u212Ay", "bl0cked by", "",
  };
  private static final String[] REFS = {
    "#12", "#0045", "#7", "##9", "&#39;", "owner/repo#46", "#", "#x1", "#99999999999999999999999",
    "#9223372036854775807", "#9223372036854775808", "(#300)", "#1#2", "#\u0661\u0662",
  };

  @Test
  void readsWhatTheRegexParserRead() {
    Random r = new Random(13L);
    for (int i = 0; i < 4000; i++) {
      String body = body(r);
      long self = r.nextInt(50);
      assertThat(DependencyParser.parse(body)).as(body).isEqualTo(RegexDependencyParser.parse(body));
      assertThat(DependencyParser.parse(body, self)).as(body)
          .isEqualTo(RegexDependencyParser.parse(body, self));
    }
  }

  private static String body(Random r) {
    StringBuilder b = new StringBuilder();
    int lines = r.nextInt(30);
    for (int i = 0; i < lines; i++) {
      b.append(pick(r, STARTS));
      int parts = r.nextInt(5);
      for (int k = 0; k < parts; k++) {
        b.append(r.nextBoolean() ? pick(r, PHRASES) : pick(r, REFS));
        b.append(r.nextInt(3) == 0 ? "" : " ");
      }
      b.append(r.nextInt(8) == 0 ? "\r\n" : "\n");
    }
    if (r.nextBoolean() && b.length() > 0) {
      b.setLength(b.length() - 1);
    }
    return b.toString();
  }

  private static String pick(Random r, String[] options) {
    return options[r.nextInt(options.length)];
  }
}
