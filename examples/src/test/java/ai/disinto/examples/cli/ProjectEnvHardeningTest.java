package ai.disinto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code disinto project env FILE} against hostile files: {@code eval "$(disinto project env FILE)"}
 * in bash sets exactly the values of the TOML and runs nothing, whatever the values hold, and a
 * deeply nested file is one line of error, not a stack trace.
 */
class ProjectEnvHardeningTest {
  @TempDir Path dir;

  /** Mirror name → value; each value tries another way out of an unquoted assignment. */
  private Map<String, String> hostileValues(Path marker) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("newline", "git@h:o/r.git\nINJECTED_BY_NEWLINE=1");
    v.put("backtick", "`touch " + marker + "-backtick`");
    v.put("subst", "$(touch " + marker + "-subst)");
    v.put("semicolon", "x; touch " + marker + "-semicolon");
    v.put("quotes", "it's \"quoted\" and 'single'");
    v.put("ansi", "$'\\x41' and \\n and \\");
    v.put("dollar", "$HOME ${PATH} $1 $$");
    v.put("glob", "* ? [a] ~ ~/x {a,b}");
    v.put("spaces", "  leading and trailing  ");
    v.put("tab_cr", "a\tb\rc");
    v.put("unicode", "caf\u00e9 \u2603");
    v.put("empty", "");
    v.put("ampersand", "a & touch " + marker + "-amp & b | c > " + marker + "-redirect");
    return v;
  }

  private static String tomlString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }

  @Test
  void evalInBashSetsExactlyTheValuesAndRunsNothing() throws Exception {
    Path marker = dir.resolve("pwned");
    Map<String, String> values = hostileValues(marker);
    StringBuilder toml = new StringBuilder("name = \"proj\"\nrepo = \"owner/proj\"\n[mirrors]\n");
    values.forEach((k, v) -> toml.append(k).append(" = ").append(tomlString(v)).append('\n'));
    Path file = dir.resolve("p.toml");
    Files.writeString(file, toml);

    InProcess.Result r = InProcess.run(Map.of("USER", "u"), "", "project", "env", file.toString());
    assertThat(r.exitCode()).isZero();
    Path out = dir.resolve("env.out");
    Files.writeString(out, r.stdout());

    // Print each variable as NAME, NUL, value, NUL; then every name that eval added.
    StringBuilder script = new StringBuilder("before=$(compgen -v | sort)\n")
        .append("eval \"$(cat \"$1\")\"\n");
    values.keySet().forEach(k -> script.append("printf '%s\\0%s\\0' MIRROR_")
        .append(k.toUpperCase()).append(" \"$MIRROR_").append(k.toUpperCase()).append("\"\n"));
    script.append("printf 'NEW\\0'; comm -13 <(printf '%s\\n' \"$before\") <(compgen -v | sort)"
        + " | grep -v -x -e before -e PIPESTATUS | tr '\\n' ' '\n");
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", script.toString(), "bash", out.toString())
        .directory(dir.toFile());
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    pb.environment().put("HOME", dir.toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    byte[] bytes = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(bytes, StandardCharsets.UTF_8)).isZero();

    String[] fields = new String(bytes, StandardCharsets.UTF_8).split("\0", -1);
    Map<String, String> got = new LinkedHashMap<>();
    int i = 0;
    for (; i + 1 < fields.length && !fields[i].equals("NEW"); i += 2) {
      got.put(fields[i], fields[i + 1]);
    }
    values.forEach((k, v) ->
        assertThat(got.get("MIRROR_" + k.toUpperCase())).as("MIRROR_%s", k).isEqualTo(v));
    assertThat(fields[i]).isEqualTo("NEW");
    assertThat(fields[i + 1].trim().split(" "))
        .as("eval sets exactly the printed variables")
        .containsExactlyInAnyOrderElementsOf(r.stdout().lines()
            .map(l -> l.substring(0, l.indexOf('='))).toList())
        .doesNotContain("INJECTED_BY_NEWLINE");
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .as("nothing was run").noneMatch(n -> n.startsWith("pwned"));
    }
  }

  @Test
  void everyVariableIsOneLine() throws IOException {
    Path file = dir.resolve("p.toml");
    Files.writeString(file, "name = \"proj\"\nrepo = \"owner/proj\"\n[mirrors]\n"
        + "a = \"x\\nB=1\\nC=2\"\n");
    InProcess.Result r = InProcess.run(Map.of("USER", "u"), "", "project", "env", file.toString());
    assertThat(r.stdout().lines()).noneMatch(l -> l.startsWith("B=") || l.startsWith("C="));
    assertThat(r.stdout()).contains("MIRROR_A=$'x\\nB=1\\nC=2'\n");
  }

  @Test
  void aDeeplyNestedTomlIsOneLineAndExitOne() throws IOException {
    Path file = dir.resolve("deep.toml");
    Files.writeString(file, "name = \"d\"\nx = " + "[".repeat(1000) + "]".repeat(1000) + "\n");
    InProcess.Result r = InProcess.run("project", "env", file.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).startsWith("WARNING: failed to parse project TOML: " + file)
        .contains("line 2").contains("key 'x'").contains("nested deeper than");
    assertThat(r.stderr().lines()).hasSize(1);
  }
}
