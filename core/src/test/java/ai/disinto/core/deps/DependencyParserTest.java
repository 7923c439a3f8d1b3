package ai.disinto.core.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import java.util.stream.Stream;

/** Acceptance cases 1–38 of spec/core.md "lib/parse-deps.sh" (the case number leads each row). */
class DependencyParserTest {
  private static final String F = "```";

  static Stream<Arguments> acceptanceCases() {
    return Stream.of(
        Arguments.of(1, "## Dependencies\n- #12\n- #5", List.of(5L, 12L)),
        Arguments.of(2, "## Depends on\n#7 and #3\n## Notes\n#99", List.of(3L, 7L)),
        Arguments.of(3, "## Blocked by\n- #4\n### Subsection\n- #8\n## Next\n#9", List.of(4L, 8L)),
        Arguments.of(4, "### Dependencies\n- #21", List.of()),
        Arguments.of(5, "##Dependencies\n#22", List.of(22L)),
        Arguments.of(6, "# Dependencies\n#23", List.of(23L)),
        Arguments.of(7, "## DEPENDENCIES\n#24", List.of(24L)),
        Arguments.of(8, "## dependencies\n#25", List.of(25L)),
        Arguments.of(9, "## Dependency\n#26", List.of()),
        Arguments.of(10, "## Depends on #27", List.of(27L)),
        Arguments.of(11, "## Related\n- #30", List.of()),
        Arguments.of(12, "This depends on #31.", List.of(31L)),
        Arguments.of(13, "Depends on #32", List.of(32L)),
        Arguments.of(14, "This is unblocked by #34", List.of(34L)),
        Arguments.of(15, F + "\ndepends on #35\n" + F, List.of()),
        Arguments.of(16, "## Dependencies\n" + F + "\n#36\n" + F, List.of(36L)),
        Arguments.of(17, "  " + F + "\ndepends on #37\n  " + F, List.of(37L)),
        Arguments.of(18, "~~~\ndepends on #38\n~~~", List.of(38L)),
        Arguments.of(19, "depends on #40, #41 and see also #42", List.of(40L, 41L, 42L)),
        Arguments.of(20, "depends on issue 43", List.of()),
        Arguments.of(21, "depends on #0045", List.of(45L)),
        Arguments.of(22, "## Dependencies\n- owner/repo#46\n- &#39;quoted&#39;", List.of(39L, 46L)),
        Arguments.of(23, "## Dependencies\n- #50\n## Depends on\n- #49", List.of(49L, 50L)),
        Arguments.of(24, "## Dependencies\n\n- #60\n\nSome text\n- #61", List.of(60L, 61L)),
        Arguments.of(25, "Dependencies: #70", List.of()),
        Arguments.of(25, "Blocked-by: #71", List.of()),
        Arguments.of(25, "depends  on #72", List.of()),
        Arguments.of(26, "## Dependencies\n- #80\n# Title\n- #81", List.of(80L)),
        Arguments.of(27, "## Dependencies\n- #90\n#91 starts with hash\n## not-space\n- #92",
            List.of(90L, 91L)),
        Arguments.of(28, "- [ ] depends on #100\n- [x] Blocked by #101", List.of(100L, 101L)),
        Arguments.of(29, "## Dependencies\n- #5\ndepends on #5\n- #3", List.of(3L, 5L)),
        Arguments.of(30, F + "bash\ndepends on #9\n" + F + "\ndepends on #10", List.of(10L)),
        Arguments.of(31, F + "\nunclosed\ndepends on #11", List.of()),
        Arguments.of(32, "x " + F + "\ndepends on #12", List.of(12L)),
        Arguments.of(33, F + "\n## Dependencies\n- #5\n" + F, List.of(5L)),
        Arguments.of(34, "Fixes #5 in the parser", List.of()),
        Arguments.of(35, "## Dependencies\r\n- #6\r\n## Notes\r\n#7\r\n", List.of(6L)),
        Arguments.of(36, "", List.of()),
        Arguments.of(36, "  \n\t\n", List.of()),
        Arguments.of(37, "depends on #99999999999999999999", List.of()));
  }

  @ParameterizedTest(name = "case {0}: {1}")
  @MethodSource("acceptanceCases")
  void parsesAsTheSpecSays(int caseNumber, String body, List<Long> expected) {
    assertThat(DependencyParser.parse(body)).as("case %d", caseNumber).isEqualTo(expected);
  }

  @Test
  void case36ANullBodyHasNoDependencies() {
    assertThat(DependencyParser.parse(null)).isEmpty();
    assertThat(DependencyParser.parse(null, 3)).isEmpty();
  }

  @Test
  void case38TheIssuesOwnNumberIsExcluded() {
    assertThat(DependencyParser.parse("depends on #7 and #8", 7)).containsExactly(8L);
  }

  @Test
  void selfExclusionAlsoAppliesInsideSections() {
    assertThat(DependencyParser.parse("## Dependencies\n- #42\n- #43", 42)).containsExactly(43L);
  }

  @Test
  void numbersAreSortedNumericallyNotAsText() {
    assertThat(DependencyParser.parse("## Dependencies\n- #100\n- #9\n- #20"))
        .containsExactly(9L, 20L, 100L);
  }

  @Test
  void theResultIsUnmodifiable() {
    List<Long> deps = DependencyParser.parse("depends on #1");
    assertThat(deps).isUnmodifiable();
  }
}
