package ai.disinto.forge.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFileTest {
  @TempDir Path dir;

  private EnvFile file(String text) throws Exception {
    Path p = dir.resolve(".env");
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return EnvFile.at(p);
  }

  private String text() throws Exception {
    return Files.readString(dir.resolve(".env"), StandardCharsets.UTF_8);
  }

  @Test
  void updatesAKeyInPlaceAndKeepsCommentsOrderAndBlankLines() throws Exception {
    EnvFile env = file("# factory secrets\nA=1\n\nFORGE_TOKEN=old\n# end\nB=2\n");
    assertThat(env.put("FORGE_TOKEN", "new")).isTrue();
    assertThat(text()).isEqualTo("# factory secrets\nA=1\n\nFORGE_TOKEN=new\n# end\nB=2\n");
  }

  @Test
  void appendsAMissingKeyOnALineOfItsOwnEvenWithoutATrailingNewline() throws Exception {
    EnvFile env = file("A=1\nWOODPECKER_HOST=http://woodpecker:8000\nB=2");
    Map<String, String> m = new LinkedHashMap<>();
    m.put("WOODPECKER_HOST", "http://localhost:8000");
    m.put("C", "3");
    env.putAll(m);
    assertThat(text()).isEqualTo("A=1\nWOODPECKER_HOST=http://localhost:8000\nB=2\nC=3\n");
  }

  @Test
  void keepsAMissingTrailingNewlineWhenOnlyReplacing() throws Exception {
    EnvFile env = file("A=1\nB=2");
    env.put("A", "x");
    assertThat(text()).isEqualTo("A=x\nB=2");
  }

  @Test
  void replacesValuesLiterallyWhateverTheyHold() throws Exception {
    EnvFile env = file("P=old\n");
    env.put("P", "a|b&c\\d$e");
    assertThat(text()).isEqualTo("P=a|b&c\\d$e\n");
    assertThat(env.get("P")).contains("a|b&c\\d$e");
  }

  @Test
  void writesOwnerOnlyAndLeavesNoTemporaryFile() throws Exception {
    EnvFile env = EnvFile.inFactory(dir);
    env.put("A", "1");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env.path())))
        .isEqualTo("rw-------");
    try (var s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly(".env");
    }
  }

  @Test
  void aWriteThatChangesNothingLeavesTheFileAlone() throws Exception {
    EnvFile env = file("A=1\n");
    Files.setPosixFilePermissions(env.path(), PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(env.put("A", "1")).isFalse();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env.path())))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void anEmptyValueIsPresentButNotHad() throws Exception {
    EnvFile env = file("WOODPECKER_TOKEN=\nX=y=z\r\n");
    assertThat(env.get("WOODPECKER_TOKEN")).contains("");
    assertThat(env.has("WOODPECKER_TOKEN")).isFalse();
    assertThat(env.get("X")).contains("y=z");
    assertThat(env.get("MISSING")).isEmpty();
  }

  @Test
  void refusesALineBreakWithoutShowingTheValue() throws Exception {
    EnvFile env = file("");
    assertThatThrownBy(() -> env.put("T", "secret\nINJECTED=1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secret");
    assertThat(text()).isEmpty();
  }

  @Test
  void putIfAbsentNeverChangesAnExistingLine() throws Exception {
    EnvFile env = file("FORGE_URL=http://a\n");
    assertThat(env.putIfAbsent("FORGE_URL", "http://b")).isFalse();
    assertThat(text()).isEqualTo("FORGE_URL=http://a\n");
  }

  @Test
  void toStringShowsNoValue() throws Exception {
    EnvFile env = file("T=hunter2\n");
    assertThat(env.toString()).doesNotContain("hunter2");
  }
}
