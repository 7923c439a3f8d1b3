package ai.disinto.examples.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ai.disinto.agent.hooks.HookSettings;
import ai.disinto.agent.hooks.HookSpec;
import ai.disinto.agent.hooks.SessionFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hooks as Claude Code runs them: the command strings that {@link HookSettings} writes into
 * {@code .claude/settings.json} are run through {@code sh -c} with Claude Code's event JSON on
 * standard input, against the packaged jar.
 */
class HookCommandIT {
  @TempDir Path dir;

  private record Run(int exit, String stdout, String stderr) {}

  private static List<String> hookCommand() {
    String prop = System.getProperty("disinto.jar");
    Path jar = Path.of(prop != null ? prop : "target/disinto.jar").toAbsolutePath();
    return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "hook");
  }

  private static String command(Path settings, String event) throws IOException {
    String text = Files.readString(settings);
    Matcher m = Pattern.compile("\"" + event + "\": \\[\\s*\\{\\s*\"matcher\": \"[^\"]*\",\\s*\"hooks\": \\[\\s*"
        + "\\{\\s*\"type\": \"command\",\\s*\"command\": \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(text);
    assertThat(m.find()).as("a %s hook in %s", event, text).isTrue();
    return m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
  }

  private Run shell(String command, String stdin) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).directory(dir.toFile());
    Process p = pb.start();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    try (OutputStream in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out.join(), err.join());
  }

  private static String read(java.io.InputStream s) {
    try (s) {
      return new String(s.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Path install() throws IOException {
    Path wt = Files.createDirectories(dir.resolve("work tree"));
    SessionFiles files = SessionFiles.defaults(dir, "dev-p-1", dir.resolve("dev-session-p-1.phase"));
    List<HookSpec> specs = HookSettings.standard(hookCommand(), files, "main", wt, "dev-p-1");
    return HookSettings.install(wt, specs);
  }

  @Test
  void installedGuardBlocksAForcePushWithExit2AndTheReasonOnStderr() throws Exception {
    Path settings = install();
    String event = "{\"session_id\":\"0d5c\",\"transcript_path\":\"/root/.claude/projects/x/0d5c.jsonl\","
        + "\"cwd\":\"" + settings.getParent().getParent() + "\",\"permission_mode\":\"bypassPermissions\","
        + "\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\",\"tool_input\":{\"command\":"
        + "\"git push --force origin main\",\"description\":\"Force push\"},\"tool_use_id\":\"toolu_01\"}";
    Run r = shell(command(settings, "PreToolUse"), event);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.stderr()).startsWith("BLOCKED: ").contains("main");
    assertThat(r.stdout()).doesNotStartWith("{");

    String harmless = event.replace("git push --force origin main", "git status");
    Run ok = shell(command(settings, "PreToolUse"), harmless);
    assertThat(ok.exit()).isZero();
    assertThat(ok.stdout()).isEmpty();
    assertThat(ok.stderr()).isEmpty();
  }

  @Test
  void installedSessionHooksWriteTheirFiles() throws Exception {
    Path settings = install();
    Run end = shell(command(settings, "SessionEnd"),
        "{\"session_id\":\"0d5c\",\"hook_event_name\":\"SessionEnd\",\"reason\":\"other\"}");
    assertThat(end.exit()).isZero();
    assertThat(Files.readString(dir.resolve("claude-exited-dev-p-1.ts"))).matches("\\d+ other\n");

    Run failure = shell(command(settings, "StopFailure"),
        "{\"session_id\":\"0d5c\",\"hook_event_name\":\"StopFailure\",\"error\":\"authentication_failed\"}");
    assertThat(failure.exit()).isZero();
    assertThat(dir.resolve("dev-session-p-1.phase"))
        .hasContent("PHASE:failed\nReason: api_error: authentication_failed\n");
    assertThat(Files.readString(dir.resolve("phase-changed-dev-p-1.marker"))).matches("\\d+\n");

    Files.writeString(dir.resolve("dev-session-p-1.context"), "You are dev-p-1.\n");
    Run compact = shell(command(settings, "SessionStart"),
        "{\"session_id\":\"0d5c\",\"hook_event_name\":\"SessionStart\",\"source\":\"compact\"}");
    assertThat(compact.exit()).isZero();
    assertThat(compact.stdout()).isEqualTo("You are dev-p-1.\n");
  }
}
