package ai.disinto.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.core.secrets.SecretScanner.ScanResult;
import ai.disinto.core.secrets.SecretScanner.SecretFinding;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares the port with outputs of the original {@code scan_for_secrets} / {@code redact_secrets}
 * recorded in {@code src/test/resources/parity/secret-scan/<case>/} (see the README there). A
 * case whose port output differs on purpose holds {@code port.*} files and a {@code deviation.txt}
 * saying why.
 */
class SecretScanParityTest {
  private static final Pattern LOGGED_REGEX =
      Pattern.compile("^secret-scan: detected potential secret matching pattern \\[(.*)\\]: .*$");

  static Stream<Path> cases() throws IOException, URISyntaxException {
    Path root = Path.of(SecretScanParityTest.class.getResource("/parity/secret-scan").toURI());
    return Files.list(root).filter(Files::isDirectory).sorted();
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static String expected(Path dir, String name) throws IOException {
    Path port = dir.resolve("port." + name);
    if (Files.exists(port)) {
      assertThat(dir.resolve("deviation.txt")).as("a deviation must say why").exists();
      assertThat(read(port)).as("a documented deviation really differs").isNotEqualTo(read(dir.resolve(name)));
      return read(port);
    }
    return read(dir.resolve(name));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void originalDetectionFindsWhatTheOriginalFinds(Path dir) throws IOException {
    ScanResult r = SecretScanner.originalDetection().scan(read(dir.resolve("input")));
    List<String> originalPatterns = read(dir.resolve("scan.stderr")).lines()
        .map(LOGGED_REGEX::matcher)
        .filter(Matcher::matches)
        .map(m -> m.group(1))
        .toList();
    assertThat(r.findings()).extracting(SecretFinding::regex).isEqualTo(originalPatterns);
    assertThat(r.clean() ? "0" : "1").isEqualTo(read(dir.resolve("scan.rc")).trim());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void defaultScanMatchesTheOriginalExceptDocumentedFixes(Path dir) throws IOException {
    ScanResult r = SecretScanner.defaults().scan(read(dir.resolve("input")));
    assertThat(r.clean() ? "0" : "1").isEqualTo(expected(dir, "scan.rc").trim());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void redactionMatchesTheOriginalExceptDocumentedFixes(Path dir) throws IOException {
    String out = SecretScanner.defaults().redact(read(dir.resolve("input")));
    assertThat(out).isEqualTo(expected(dir, "redact.stdout"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void noFindingPreviewRepeatsMoreThanFourCharactersOfTheMatch(Path dir) throws IOException {
    for (SecretFinding f : SecretScanner.defaults().scan(read(dir.resolve("input"))).findings()) {
      assertThat(f.preview()).matches("(?s).{0,4}\\.\\.\\.\\(\\d+ chars\\)");
    }
  }
}
