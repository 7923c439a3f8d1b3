package ai.disinto.agent.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionHooksTest {
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_775_000_000L), ZoneOffset.UTC);
  private static final String STAMP = "1775000000\n";

  @TempDir Path dir;

  private static HookInput bash(String command) {
    return HookInput.parse("{\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\""
        + command.replace("\"", "\\\"") + "\"}}");
  }

  private static HookInput tool(String tool, String file) {
    return HookInput.parse("{\"tool_name\":\"" + tool + "\",\"tool_input\":{\"file_path\":\"" + file
        + "\",\"content\":\"x\"}}");
  }

  // ---- phase change

  @Test
  void phaseChangeStampsTheMarkerOnRedirectionIntoThePhaseFile() throws IOException {
    Path phase = dir.resolve("dev-session-p-1.phase");
    Path marker = dir.resolve("m");
    HookOutcome o = new PhaseChangeHook(phase, marker, CLOCK).handle(bash("echo PHASE:awaiting_ci > " + phase));
    assertThat(o.written()).containsExactly(marker);
    assertThat(marker).hasContent(STAMP);
  }

  @Test
  void phaseChangeCountsWritesOfEveryFileTool() {
    Path phase = dir.resolve("p.phase");
    for (String t : List.of("Write", "Edit", "MultiEdit")) {
      assertThat(PhaseChangeHook.isPhaseWrite(tool(t, phase.toString()), phase)).as(t).isTrue();
    }
    assertThat(PhaseChangeHook.isPhaseWrite(tool("Write", "/tmp/other"), phase)).isFalse();
    assertThat(PhaseChangeHook.isPhaseWrite(tool("Read", phase.toString()), phase)).isFalse();
  }

  @Test
  void phaseChangeTellsWritesFromReads() {
    Path phase = Path.of("/tmp/dev-session-p-1.phase");
    assertThat(PhaseChangeHook.isPhaseWrite(bash("echo x >> /tmp/dev-session-p-1.phase"), phase)).isTrue();
    assertThat(PhaseChangeHook.isPhaseWrite(bash("printf 'PHASE:done\\n' | tee /tmp/dev-session-p-1.phase"), phase)).isTrue();
    assertThat(PhaseChangeHook.isPhaseWrite(bash("cat > /tmp/dev-session-p-1.phase <<EOF\nPHASE:done\nEOF"), phase)).isTrue();
    assertThat(PhaseChangeHook.isPhaseWrite(bash("cat /tmp/dev-session-p-1.phase"), phase)).isFalse();
    assertThat(PhaseChangeHook.isPhaseWrite(bash("cat /tmp/dev-session-p-1.phase 2>/dev/null"), phase)).isFalse();
    assertThat(PhaseChangeHook.isPhaseWrite(bash("head -1 /tmp/dev-session-p-1.phase > /tmp/copy"), phase)).isFalse();
    assertThat(PhaseChangeHook.isPhaseWrite(bash("echo hello > /tmp/other-file"), phase)).isFalse();
  }

  // ---- stop failure

  @Test
  void stopFailureWritesFailedPhaseAndMarker() throws IOException {
    Path phase = dir.resolve("p.phase");
    Path marker = dir.resolve("m");
    new StopFailureHook(phase, Optional.of(marker), CLOCK).handle(HookInput.parse("{\"stop_reason\":\"rate_limit\"}"));
    assertThat(phase).hasContent("PHASE:failed\nReason: api_error: rate_limit\n");
    assertThat(marker).hasContent(STAMP);
  }

  @Test
  void stopFailureReadsTheErrorFieldClaudeCodeSends() {
    assertThat(StopFailureHook.reasonOf(HookInput.parse(
        "{\"hook_event_name\":\"StopFailure\",\"error\":\"server_error\",\"error_details\":\"529\"}")))
        .isEqualTo("server_error");
    assertThat(StopFailureHook.reasonOf(HookInput.parse("{\"stop_reason\":null,\"type\":\"t\"}"))).isEqualTo("t");
    assertThat(StopFailureHook.reasonOf(HookInput.parse("{\"stop_reason\":false,\"reason\":\"r\"}"))).isEqualTo("r");
    assertThat(StopFailureHook.reasonOf(HookInput.parse("{\"stop_reason\":\"\",\"type\":\"t\"}"))).isEqualTo("unknown");
    assertThat(StopFailureHook.reasonOf(HookInput.parse("garbage"))).isEqualTo("unknown");
  }

  @Test
  void stopFailureLeavesTerminalPhasesAlone() throws IOException {
    for (String existing : List.of("PHASE:done\n", "  PHASE:escalate  \n", "PHASE:merged")) {
      Path phase = dir.resolve("t.phase");
      Path marker = dir.resolve("tm");
      Files.writeString(phase, existing);
      HookOutcome o = new StopFailureHook(phase, Optional.of(marker), CLOCK).handle(HookInput.parse("{\"error\":\"rate_limit\"}"));
      assertThat(o.written()).isEmpty();
      assertThat(phase).hasContent(existing);
      assertThat(marker).doesNotExist();
    }
  }

  @Test
  void stopFailureWithoutMarkerWritesOnlyThePhase() throws IOException {
    Path phase = dir.resolve("p.phase");
    Files.writeString(phase, "PHASE:awaiting_ci\n");
    HookOutcome o = new StopFailureHook(phase, Optional.empty(), CLOCK).handle(HookInput.parse("{\"type\":\"t\"}"));
    assertThat(o.written()).containsExactly(phase);
    assertThat(phase).hasContent("PHASE:failed\nReason: api_error: t\n");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(phase);
    }
  }

  // ---- idle stop

  @Test
  void idleStopStampsTheMarker() throws IOException {
    Path marker = dir.resolve("idle.ts");
    List<String> sent = new ArrayList<>();
    new IdleStopHook((s, t) -> sent.add(s), dir, CLOCK).handle(marker, Optional.empty(), Optional.empty());
    assertThat(marker).hasContent(STAMP);
    assertThat(sent).isEmpty();
  }

  @Test
  void idleStopNudgesTwiceWhileThePhaseFileIsEmptyThenMarks() throws IOException {
    Path marker = dir.resolve("idle.ts");
    Path phase = dir.resolve("p.phase");
    Files.writeString(phase, "");
    List<String> sent = new ArrayList<>();
    IdleStopHook hook = new IdleStopHook((s, t) -> sent.add(s + "|" + t), dir, CLOCK);
    HookOutcome first = hook.handle(marker, Optional.of(phase), Optional.of("dev-1"));
    assertThat(first.written()).containsExactly(dir.resolve("claude-nudge-dev-1.count"));
    assertThat(dir.resolve("claude-nudge-dev-1.count")).hasContent("1\n");
    assertThat(sent).singleElement().asString().startsWith("dev-1|").contains(phase.toString());
    hook.handle(marker, Optional.of(phase), Optional.of("dev-1"));
    assertThat(marker).doesNotExist();
    hook.handle(marker, Optional.of(phase), Optional.of("dev-1"));
    assertThat(sent).hasSize(2);
    assertThat(marker).hasContent(STAMP);
  }

  @Test
  void idleStopTreatsAGarbledCounterAsZeroAndSurvivesTmuxFailing() throws IOException {
    Path phase = dir.resolve("p.phase");
    Files.writeString(phase, "");
    Files.writeString(dir.resolve("claude-nudge-s.count"), "x\n");
    Path marker = dir.resolve("idle.ts");
    HookOutcome o = new IdleStopHook((s, t) -> {
      throw new IOException("no tmux");
    }, dir, CLOCK).handle(marker, Optional.of(phase), Optional.of("s"));
    assertThat(o.written()).containsExactly(dir.resolve("claude-nudge-s.count"));
    assertThat(dir.resolve("claude-nudge-s.count")).hasContent("1\n");
    assertThat(marker).doesNotExist();
  }

  @Test
  void idleStopMarksWhenThePhaseHasContent() throws IOException {
    Path phase = dir.resolve("p.phase");
    Files.writeString(phase, "PHASE:done\n");
    Path marker = dir.resolve("idle.ts");
    new IdleStopHook((s, t) -> {
      throw new AssertionError("no nudge expected");
    }, dir, CLOCK).handle(marker, Optional.of(phase), Optional.of("s"));
    assertThat(marker).hasContent(STAMP);
  }

  // ---- session end, compact reinject

  @Test
  void sessionEndWritesEpochAndReason() throws IOException {
    Path marker = dir.resolve("exit.ts");
    SessionEndHook hook = new SessionEndHook(Optional.of(marker), CLOCK);
    hook.handle(HookInput.parse("{\"reason\":\"logout\"}"));
    assertThat(marker).hasContent("1775000000 logout\n");
    hook.handle(HookInput.parse("{\"matched_hook\":\"x\",\"reason\":\"logout\"}"));
    assertThat(marker).hasContent("1775000000 x\n");
    hook.handle(HookInput.parse("garbage"));
    assertThat(marker).hasContent("1775000000 unknown\n");
    assertThat(new SessionEndHook(Optional.empty(), CLOCK).handle(HookInput.parse("{}")).written()).isEmpty();
  }

  @Test
  void compactReinjectHandsBackTheContextFile() throws IOException {
    Path ctx = dir.resolve("s.context");
    Files.writeString(ctx, "ctx\n");
    assertThat(new CompactReinjectHook(Optional.of(ctx)).handle().output()).isEqualTo("ctx\n");
    assertThat(new CompactReinjectHook(Optional.of(dir.resolve("missing"))).handle().output()).isEmpty();
    assertThat(new CompactReinjectHook(Optional.of(dir)).handle().output()).isEmpty();
    assertThat(new CompactReinjectHook(Optional.empty()).handle().output()).isEmpty();
  }

  // ---- input

  @Test
  void inputFieldsFollowJqRules() {
    HookInput in = HookInput.parse("{\"session_id\":\"abc\",\"cwd\":\"/w\",\"hook_event_name\":\"PreToolUse\","
        + "\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"ls\"},\"n\":5,\"f\":false,\"a\":1,\"a\":2}");
    assertThat(in.isObject()).isTrue();
    assertThat(in.sessionId()).contains("abc");
    assertThat(in.cwd()).contains("/w");
    assertThat(in.hookEventName()).contains("PreToolUse");
    assertThat(in.command()).contains("ls");
    assertThat(in.field("n")).contains("5");
    assertThat(in.field("f")).isEmpty();
    assertThat(in.field("a")).contains("2");
    assertThat(in.field("tool_input", "command", "x")).isEmpty();
    assertThat(HookInput.parse("{} {}").isObject()).isFalse();
    assertThat(HookInput.parse("[]").toolName()).isEmpty();
  }
}
