package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code disinto parse-deps} and {@code disinto secrets}, in-process, against every parity case. */
class TextCommandsTest {
  static Stream<Path> parseDepsCases() throws IOException {
    return ParityFixtures.cases("parse-deps");
  }

  static Stream<Path> secretScanCases() throws IOException {
    return ParityFixtures.cases("secret-scan");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parseDepsCases")
  void parseDepsPrintsTheOriginalsBytes(Path dir) {
    InProcess.Result r = InProcess.run(Map.of(), ParityFixtures.read(dir.resolve("input")), "parse-deps");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo(ParityFixtures.expected(dir, "stdout"));
    assertThat(r.stderr()).isEmpty();
  }

  @Test
  void parseDepsLeavesOutTheIssuesOwnNumber() {
    InProcess.Result r = InProcess.run(Map.of(), "depends on #7 and #8\n", "parse-deps", "--self", "7");
    assertThat(r.stdout()).isEqualTo("8\n");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secretScanCases")
  void secretsScanExitsAsTheOriginal(Path dir) {
    String input = ParityFixtures.read(dir.resolve("input"));
    InProcess.Result fromArg = InProcess.run(Map.of(), "", "secrets", "scan", input);
    InProcess.Result fromStdin = InProcess.run(Map.of(), input, "secrets", "scan");
    String rc = ParityFixtures.expected(dir, "scan.rc").trim();
    assertThat(Integer.toString(fromArg.exitCode())).isEqualTo(rc);
    assertThat(fromStdin).isEqualTo(fromArg);
    assertThat(fromArg.stdout()).isEmpty();
    assertThat(fromArg.stderr().lines())
        .allMatch(l -> l.startsWith("secret-scan: detected potential secret matching pattern ["));
    assertThat(fromArg.stderr().isEmpty()).isEqualTo(rc.equals("0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secretScanCases")
  void secretsRedactPrintsTheExpectedBytes(Path dir) {
    String input = ParityFixtures.read(dir.resolve("input"));
    InProcess.Result r = InProcess.run(Map.of(), input, "secrets", "redact");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo(ParityFixtures.expected(dir, "redact.stdout"));
  }

  @Test
  void anEmptyTextArgumentIsCleanAndDoesNotReadStdin() {
    InProcess.Result r = InProcess.run(Map.of(), "FORGE_TOKEN=abcdefghijklmnopqrstuvwxyz", "secrets", "scan", "");
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void secretsWithoutASubcommandIsAUsageError() {
    InProcess.Result r = InProcess.run("secrets");
    assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.stderr()).contains("scan").contains("redact");
  }

  @Test
  void theScanDiagnosticShowsAMaskedPreviewOnly() {
    InProcess.Result r = InProcess.run(Map.of(), "", "secrets", "scan", "FORGE_TOKEN=abcdefghijklmnopqrstuvwxyz");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).isEqualTo("secret-scan: detected potential secret matching pattern "
        + "[(API_KEY|SECRET|TOKEN|PRIVATE_KEY|PASSWORD|INFURA|ALCHEMY)=[^[:space:]\"]{16,}]: "
        + "TOKE...(32 chars)\n");
  }
}
