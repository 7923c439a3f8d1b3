package ai.disinto.core.deps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares {@link DependencyParser} with the stdout of the original {@code bash lib/parse-deps.sh}
 * (mawk) recorded in {@code src/test/resources/parity/parse-deps/<case>/}. Deliberate fixes hold
 * {@code port.stdout} and {@code deviation.txt}.
 */
class ParseDepsParityTest {
  static Stream<Path> cases() throws IOException, URISyntaxException {
    Path root = Path.of(ParseDepsParityTest.class.getResource("/parity/parse-deps").toURI());
    return Files.list(root).filter(Files::isDirectory).sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void printsTheOriginalsBytesExceptDocumentedFixes(Path dir) throws IOException {
    String input = Files.readString(dir.resolve("input"), StandardCharsets.UTF_8);
    String original = Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8);
    String expected = original;
    if (Files.exists(dir.resolve("port.stdout"))) {
      assertThat(dir.resolve("deviation.txt")).exists();
      expected = Files.readString(dir.resolve("port.stdout"), StandardCharsets.UTF_8);
      assertThat(expected).isNotEqualTo(original);
    }
    String out = DependencyParser.parse(input).stream()
        .map(n -> n + "\n")
        .collect(Collectors.joining());
    assertThat(out).isEqualTo(expected);
    assertThat(Files.readString(dir.resolve("rc")).trim()).isEqualTo("0");
  }
}
