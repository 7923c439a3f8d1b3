package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code disinto parse-deps} and {@code disinto secrets} run as real processes. */
class TextCommandsIT {
  private static Path parityCase(String tool, String name) {
    return ParityFixtures.root().resolve(tool).resolve(name);
  }

  @Test
  void parseDepsReadsStdinAndPrintsTheOriginalsBytes() {
    for (String name : new String[] {"x-realistic", "x-numeric-sort", "35-crlf", "36a-empty"}) {
      Path dir = parityCase("parse-deps", name);
      DisintoProcess.Result r = new DisintoProcess()
          .stdin(ParityFixtures.read(dir.resolve("input")))
          .run("parse-deps");
      assertThat(r.exitCode()).as(name).isZero();
      assertThat(r.stdout()).as(name).isEqualTo(ParityFixtures.read(dir.resolve("stdout")));
    }
  }

  @Test
  void parseDepsIsCaseInsensitiveAsADocumentedFix() {
    Path dir = parityCase("parse-deps", "28-checkboxes");
    DisintoProcess.Result r = new DisintoProcess()
        .stdin(ParityFixtures.read(dir.resolve("input")))
        .run("parse-deps");
    assertThat(r.stdout()).isEqualTo("100\n101\n").isNotEqualTo(ParityFixtures.read(dir.resolve("stdout")));
  }

  @Test
  void secretsScanExitsOneWithTheDiagnosticOnStderr() {
    DisintoProcess.Result r = new DisintoProcess()
        .run("secrets", "scan", "FORGE_TOKEN=abcdefghijklmnopqrstuvwxyz");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).startsWith("secret-scan: detected potential secret matching pattern [")
        .contains("TOKE...(32 chars)")
        .doesNotContain("abcdefgh");
  }

  @Test
  void secretsScanOfCleanStdinExitsZero() {
    DisintoProcess.Result r = new DisintoProcess().stdin("just prose with #12\n").run("secrets", "scan");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout() + r.stderr()).isEmpty();
  }

  @Test
  void secretsRedactPrintsTheRedactedBytesOfStdin() {
    Path dir = parityCase("secret-scan", "x-multi-findings");
    DisintoProcess.Result r = new DisintoProcess()
        .stdin(ParityFixtures.read(dir.resolve("input")))
        .run("secrets", "redact");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo(ParityFixtures.read(dir.resolve("redact.stdout")));
  }

  @Test
  void secretsRedactKeepsTrailingNewlines() {
    DisintoProcess.Result r = new DisintoProcess()
        .stdin("token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789\n\n")
        .run("secrets", "redact");
    assertThat(r.stdout()).isEqualTo("token [REDACTED]\n\n");
  }
}
