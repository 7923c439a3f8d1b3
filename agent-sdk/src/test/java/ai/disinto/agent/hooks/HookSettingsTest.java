package ai.disinto.agent.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HookSettingsTest {
  @TempDir Path dir;

  private List<HookSpec> standard() {
    SessionFiles files = SessionFiles.defaults(Path.of("/tmp"), "dev-p-1",
        Path.of("/tmp/dev-session-p-1.phase"));
    return HookSettings.standard(List.of("/opt/disinto java/bin/disinto", "hook"), files, "main",
        Path.of("/w/wt1"), "dev-p-1");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read(Path file) throws IOException {
    return (Map<String, Object>) Json.parse(Files.readString(file));
  }

  @Test
  void installsTheSixHooksInClaudeCodesShape() throws IOException {
    Path file = HookSettings.install(dir, standard());
    assertThat(file).isEqualTo(dir.resolve(".claude/settings.json"));
    Map<String, Object> root = read(file);
    @SuppressWarnings("unchecked")
    Map<String, List<Map<String, Object>>> hooks = (Map<String, List<Map<String, Object>>>) root.get("hooks");
    assertThat(hooks).containsOnlyKeys("Stop", "PostToolUse", "StopFailure", "PreToolUse", "SessionEnd", "SessionStart");
    Map<String, Object> pre = hooks.get("PreToolUse").get(0);
    assertThat(pre).containsEntry("matcher", "Bash");
    assertThat((List<Map<String, Object>>) pre.get("hooks")).containsExactly(Map.of("type", "command",
        "command", "'/opt/disinto java/bin/disinto' hook on-pretooluse-guard main /w/wt1 dev-p-1"));
    assertThat(hooks.get("SessionStart").get(0)).containsEntry("matcher", "compact");
    assertThat(Files.readString(file)).contains("on-compact-reinject /tmp/dev-session-p-1.context")
        .contains("on-idle-stop /tmp/claude-idle-dev-p-1.ts /tmp/dev-session-p-1.phase dev-p-1")
        .contains("on-session-end /tmp/claude-exited-dev-p-1.ts")
        .contains("on-phase-change /tmp/dev-session-p-1.phase /tmp/phase-changed-dev-p-1.marker")
        .endsWith("}\n");
  }

  @Test
  void mergingKeepsOtherKeysAndHooksAndAddsNothingTwice() throws IOException {
    Path file = dir.resolve(".claude/settings.json");
    Files.createDirectories(file.getParent());
    String before = "{\"model\":\"opus\",\"cleanupPeriodDays\":30,\"permissions\":{\"allow\":[\"Bash(ls:*)\"]},"
        + "\"hooks\":{\"PreToolUse\":[{\"matcher\":\"Bash\",\"hooks\":[{\"type\":\"command\",\"command\":\"mine\"}]}]}}";
    Files.writeString(file, before);
    HookSettings.install(dir, standard());
    String once = Files.readString(file);
    HookSettings.install(dir, standard());
    assertThat(Files.readString(file)).isEqualTo(once);
    Map<String, Object> root = read(file);
    assertThat(root).containsKeys("model", "permissions");
    assertThat(once).contains("\"cleanupPeriodDays\": 30,");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> pre = ((Map<String, List<Map<String, Object>>>) root.get("hooks")).get("PreToolUse");
    assertThat(pre).hasSize(1);
    assertThat((List<?>) pre.get(0).get("hooks")).hasSize(2);
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void aBrokenSettingsFileIsLeftAlone() throws IOException {
    Path file = dir.resolve(".claude/settings.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"model\": ");
    assertThatThrownBy(() -> HookSettings.install(dir, standard())).isInstanceOf(IOException.class)
        .hasMessageContaining("not valid JSON");
    assertThat(file).hasContent("{\"model\": ");
    Files.writeString(file, "{\"hooks\": []}");
    assertThatThrownBy(() -> HookSettings.install(dir, standard())).hasMessageContaining("\"hooks\" is not an object");
  }

  @Test
  void commandWordsAreQuotedForTheShell() {
    assertThat(new HookSpec("Stop", "", List.of("a", "b c", "it's", "")).commandLine())
        .isEqualTo("a 'b c' 'it'\\''s' ''");
  }
}
