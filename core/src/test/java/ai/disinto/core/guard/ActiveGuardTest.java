package ai.disinto.core.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.disinto.core.log.FactoryLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** guard.sh: acceptance cases 1–7 of spec/core.md. */
class ActiveGuardTest {
  @TempDir Path root;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private ActiveGuard guard() {
    Clock clock = Clock.fixed(Instant.parse("2026-04-03T14:00:00Z"), ZoneOffset.UTC);
    FactoryLog log = new FactoryLog("dev-poll", new PrintStream(out, true, StandardCharsets.UTF_8), clock);
    return new ActiveGuard(root, log, new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private void touch(String agent) throws IOException {
    Files.createDirectories(root.resolve("state"));
    Files.createFile(root.resolve("state/." + agent + "-active"));
  }

  @Test
  @DisplayName("case 1: a present, empty state file means active, silently")
  void presentEmptyFileMeansActive() throws IOException {
    touch("dev");
    assertThat(guard().isActive("dev")).isTrue();
    assertThat(guard().checkActive("dev")).isTrue();
    assertThat(out.size()).isZero();
    assertThat(err.size()).isZero();
  }

  @Test
  @DisplayName("case 2: a missing file skips with the SKIP line on stderr and a log line on stdout")
  void missingFileSkipsWithMessages() throws IOException {
    Files.createDirectories(root.resolve("state"));
    assertThat(guard().checkActive("dev")).isFalse();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("[check_active] SKIP: state file state/.dev-active not found — agent disabled"
            + System.lineSeparator());
    assertThat(out.toString(StandardCharsets.UTF_8).strip())
        .matches("^\\[\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\] \\S+: dev not active — skipping$")
        .isEqualTo("[2026-04-03T14:00:00Z] dev-poll: dev not active — skipping");
  }

  @Test
  @DisplayName("case 3: a missing state directory means inactive")
  void missingStateDirectoryMeansInactive() {
    assertThat(guard().isActive("dev")).isFalse();
    assertThat(guard().checkActive("dev")).isFalse();
  }

  @Test
  @DisplayName("case 4: a directory is not a state file")
  void aDirectoryIsNotAStateFile() throws IOException {
    Files.createDirectories(root.resolve("state/.dev-active"));
    assertThat(guard().isActive("dev")).isFalse();
  }

  @Test
  void aDanglingSymlinkIsNotAStateFile() throws IOException {
    Files.createDirectories(root.resolve("state"));
    Files.createSymbolicLink(root.resolve("state/.dev-active"), root.resolve("nowhere"));
    assertThat(guard().isActive("dev")).isFalse();
  }

  @Test
  @DisplayName("case 5: review is not reviewer")
  void reviewIsNotReviewer() throws IOException {
    touch("reviewer");
    assertThat(guard().isActive("reviewer")).isTrue();
    assertThat(guard().isActive("review")).isFalse();
  }

  @Test
  @DisplayName("case 6: a path-traversing name is rejected")
  void pathTraversalIsRejected() {
    assertThatThrownBy(() -> guard().checkActive("../etc"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(err.size()).isZero();
  }

  @Test
  @DisplayName("case 7: enable then disable")
  void enableThenDisable() {
    ActiveGuard g = guard();
    g.enable("planner");
    assertThat(g.isActive("planner")).isTrue();
    g.enable("planner");
    assertThat(g.isActive("planner")).isTrue();
    g.disable("planner");
    assertThat(g.isActive("planner")).isFalse();
  }

  @Test
  void checkReportsTheStateFileAndMessagesWithoutPrinting() {
    ActiveGuard.ActiveCheck c = guard().check("gardener");
    assertThat(c.active()).isFalse();
    assertThat(c.stateFile()).isEqualTo(root.resolve("state/.gardener-active"));
    assertThat(c.skipMessage()).isEqualTo(
        "[check_active] SKIP: state file state/.gardener-active not found — agent disabled");
    assertThat(c.logMessage()).isEqualTo("gardener not active — skipping");
    assertThat(out.size() + err.size()).isZero();
  }
}
