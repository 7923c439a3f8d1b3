package ai.disinto.core.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** guard.sh: the state-file switch and the decision it returns. */
class ActiveGuardTest {
  @TempDir Path root;

  private ActiveGuard guard() {
    return new ActiveGuard(root);
  }

  private void touch(String agent) throws IOException {
    Files.createDirectories(root.resolve("state"));
    Files.createFile(root.resolve("state/." + agent + "-active"));
  }

  @Test
  void aPresentEmptyStateFileMeansActive() throws IOException {
    touch("dev");
    assertThat(guard().isActive("dev")).isTrue();
    assertThat(guard().check("dev").active()).isTrue();
  }

  @Test
  void aMissingFileIsInactiveWithTheSkipLineAndTheLogMessage() throws IOException {
    Files.createDirectories(root.resolve("state"));
    ActiveGuard.ActiveCheck c = guard().check("dev");
    assertThat(c.active()).isFalse();
    assertThat(c.agent()).isEqualTo("dev");
    assertThat(c.skipMessage())
        .isEqualTo("[check_active] SKIP: state file state/.dev-active not found — agent disabled");
    assertThat(c.logMessage()).isEqualTo("dev not active — skipping");
  }

  @Test
  void aMissingStateDirectoryMeansInactive() {
    assertThat(guard().isActive("dev")).isFalse();
    assertThat(guard().check("dev").active()).isFalse();
  }

  @Test
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
  void reviewIsNotReviewer() throws IOException {
    touch("reviewer");
    assertThat(guard().isActive("reviewer")).isTrue();
    assertThat(guard().isActive("review")).isFalse();
  }

  @Test
  void aPathTraversingNameIsRejected() {
    assertThatThrownBy(() -> guard().check("../etc"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
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
  void checkReportsTheStateFile() {
    ActiveGuard.ActiveCheck c = guard().check("gardener");
    assertThat(c.active()).isFalse();
    assertThat(c.stateFile()).isEqualTo(root.resolve("state/.gardener-active"));
    assertThat(c.skipMessage()).isEqualTo(
        "[check_active] SKIP: state file state/.gardener-active not found — agent disabled");
    assertThat(c.logMessage()).isEqualTo("gardener not active — skipping");
  }
}
