package ai.disinto.core.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** env.sh memory_guard: acceptance case 36 of spec/core.md. */
class MemoryGuardTest {
  @TempDir Path dir;

  private Path meminfo(long availableKb) throws IOException {
    Path p = dir.resolve("meminfo");
    Files.writeString(p, "MemTotal:       16384000 kB\nMemFree:         1000000 kB\n"
        + "MemAvailable:   " + availableKb + " kB\nBuffers:          100000 kB\n");
    return p;
  }

  @Test
  @DisplayName("case 36: exactly the minimum is sufficient")
  void exactlyTheMinimumIsSufficient() throws IOException {
    MemoryGuard.MemoryCheck c = MemoryGuard.check(2000, meminfo(2048000));
    assertThat(c.sufficient()).isTrue();
    assertThat(c.availableMb()).hasValue(2000);
    assertThat(c.requiredMb()).isEqualTo(2000);
  }

  @Test
  @DisplayName("case 36: one kB less is insufficient, with the original's message")
  void belowTheMinimumIsInsufficient() throws IOException {
    MemoryGuard.MemoryCheck c = MemoryGuard.check(2000, meminfo(2047999));
    assertThat(c.sufficient()).isFalse();
    assertThat(c.availableMb()).hasValue(1999);
    assertThat(c.message()).isEqualTo("SKIP: only 1999MB available (need 2000MB)");
  }

  @Test
  @DisplayName("case 36: a missing file counts as sufficient, with a warning")
  void aMissingFileIsSufficientWithAWarning() {
    MemoryGuard.MemoryCheck c = MemoryGuard.check(2000, dir.resolve("absent"));
    assertThat(c.sufficient()).isTrue();
    assertThat(c.availableMb()).isEmpty();
    assertThat(c.message()).startsWith("WARNING:").contains("MemAvailable");
  }

  @Test
  void aFileWithoutTheLineCountsAsUnknown() throws IOException {
    Path p = dir.resolve("meminfo");
    Files.writeString(p, "MemTotal: 100 kB\n");
    assertThat(MemoryGuard.availableMb(p)).isEmpty();
    assertThat(MemoryGuard.check(2000, p).sufficient()).isTrue();
  }

  @Test
  void theMegabytesAreTruncated() throws IOException {
    assertThat(MemoryGuard.availableMb(meminfo(1535))).hasValue(1);
  }
}
